"""Rappels de rendez-vous : l'accord du jeune et son canal, le délai de chaque mission locale, chaque message.

Un message est une ligne par (rendez-vous, canal, heure du rendez-vous) — contrainte d'unicité : deux passages
du travailleur ne créent jamais deux rappels du même rendez-vous ; un rendez-vous déplacé a un nouveau rappel
pour sa nouvelle heure, l'ancien (pas encore parti) passe « sans objet ». Les états et leur passage sont décrits
dans ``parcours/reminders/sending.py``.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

from parcours import modelkit
from parcours.reminders.enums import Channel, MessageStatus
from parcours.versioning import Versioned

#: Délai d'un rappel quand la mission locale n'a rien réglé (rdv-insertion, CEJ : la veille de la veille).
DEFAULT_DELAY_HOURS = 48


class ReminderConsent(Versioned):
    """L'accord du jeune pour recevoir des rappels et le canal qu'il préfère, noté sur son dossier."""

    young_person = models.OneToOneField(
        "young_people.YoungPerson",
        verbose_name="jeune",
        on_delete=models.CASCADE,
        related_name="reminder_consent",
    )
    consent = models.BooleanField("accepte les rappels", default=False)
    channel = models.CharField("canal préféré", max_length=10, choices=Channel.choices, default=Channel.NONE)
    recorded_by = modelkit.user_field("noté par")
    recorded_at = models.DateTimeField("noté le", default=timezone.now)

    class Meta:
        verbose_name = "accord pour les rappels"
        verbose_name_plural = "accords pour les rappels"
        constraints = [
            models.CheckConstraint(
                name="reminder_consent_with_channel",
                condition=Q(consent=True) & ~Q(channel=Channel.NONE) | Q(consent=False, channel=Channel.NONE),
                violation_error_message="Un rappel part par un canal que le jeune a accepté, et seulement alors.",
            )
        ]

    def __str__(self):
        return self.get_channel_display() if self.consent else "Pas de rappel"


class ReminderSettings(models.Model):
    """Réglages des rappels d'une mission locale : délai avant le rendez-vous, contact pour annuler."""

    mission_locale = models.OneToOneField(
        "referential.MissionLocale",
        verbose_name="mission locale",
        on_delete=models.CASCADE,
        related_name="reminder_settings",
    )
    delay_hours = models.PositiveSmallIntegerField(
        "délai du rappel (heures avant le rendez-vous)",
        default=DEFAULT_DELAY_HOURS,
        validators=modelkit.bounds(1, 168),
    )
    cancel_contact = models.CharField(
        "pour annuler ou déplacer (téléphone, courriel)",
        max_length=120,
        blank=True,
        default="",
        help_text="Écrit dans chaque rappel, par exemple « appelez le 03 20 00 00 00 ». Rien de personnel.",
    )
    updated_by = modelkit.user_field("modifié par")
    updated_at = models.DateTimeField("modifié le", default=timezone.now)

    class Meta:
        verbose_name = "réglage des rappels"
        verbose_name_plural = "réglages des rappels"
        constraints = [
            modelkit.in_range(
                "reminder_delay_range",
                "delay_hours",
                (1, 168),
                "Le délai d'un rappel va d'une heure à une semaine.",
            )
        ]

    def __str__(self):
        return f"Rappels {self.delay_hours} h avant"


class ReminderMessageQuerySet(models.QuerySet):
    def for_young_person(self, young_person):
        return self.filter(appointment__young_person=young_person)


class ReminderMessage(models.Model):
    """Un rappel d'un rendez-vous par un canal : ce qui est parti, à qui, quand, et ce que le prestataire en dit."""

    appointment = models.ForeignKey(
        "accompaniment.Contact",
        verbose_name="rendez-vous",
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    channel = models.CharField("canal", max_length=10, choices=Channel.choices)
    starts_at = models.DateTimeField("début du rendez-vous rappelé")
    due_at = models.DateTimeField("à envoyer à partir de")
    status = models.CharField(
        "statut", max_length=12, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    recipient = models.CharField("destinataire", max_length=254, blank=True, default="")
    subject = models.CharField("objet", max_length=200, blank=True, default="")
    body = models.TextField("texte envoyé", blank=True, default="")
    attempts = models.PositiveSmallIntegerField("essais", default=0)
    #: Clé d'idempotence passée au prestataire (en-tête Message-ID d'un courriel) : un nouvel essai du même
    #: message porte la même clé, le prestataire ne l'envoie pas deux fois.
    idempotency_key = models.UUIDField("clé d'idempotence", default=uuid.uuid4, unique=True, editable=False)
    provider_id = models.CharField("identifiant chez le prestataire", max_length=120, blank=True, default="")
    last_error = models.CharField("dernière erreur", max_length=250, blank=True, default="")
    claimed_by = models.CharField("pris par le travailleur", max_length=64, blank=True, default="")
    claimed_until = models.DateTimeField("pris jusqu'à", null=True, blank=True)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    delivered_at = models.DateTimeField("remis le", null=True, blank=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)

    objects = ReminderMessageQuerySet.as_manager()

    class Meta:
        verbose_name = "rappel envoyé"
        verbose_name_plural = "rappels envoyés"
        ordering = ["-starts_at", "channel"]
        constraints = [
            # Un rappel sans objet (rendez-vous déplacé puis remis à son heure, canal changé puis rétabli) ne
            # bloque pas le rappel de la même heure créé ensuite.
            modelkit.unique(
                "reminder_once_per_appointment_time",
                ["appointment", "channel", "starts_at"],
                condition=~Q(status=MessageStatus.CANCELLED),
            ),
            models.CheckConstraint(
                name="reminder_message_channel", condition=Q(channel__in=["courriel", "sms"])
            ),
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="reminder_status_due")]

    def __str__(self):
        return f"Rappel {self.get_channel_display()} du rendez-vous du {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"
