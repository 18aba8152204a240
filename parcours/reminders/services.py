"""Écritures des rappels : l'accord du jeune et son canal, les réglages d'une mission locale, l'état de remise
qu'un prestataire SMS signale."""

from django.db import transaction
from django.utils import timezone

from parcours import versioning
from parcours.errors import RuleError
from parcours.reminders import rules
from parcours.reminders.enums import Channel, MessageStatus
from parcours.reminders.models import ReminderConsent, ReminderMessage, ReminderSettings


class ConsentError(RuleError):
    """Accord refusé par une règle ; rien n'est enregistré."""


#: Relations que la page du dossier charge avec le jeune (``select_related``) : le volet des rappels lit alors
#: l'accord du jeune et les réglages de sa mission locale sans requête de plus.
FILE_PANEL_RELATED = ("reminder_consent", "mission_locale__reminder_settings")


def _preloaded(instance, name):
    """(chargée avec l'objet, valeur) de la relation un-à-un inverse ``name`` de ``instance`` : lue par
    ``select_related`` ou remise par ``_keep`` après une écriture."""
    relation = getattr(type(instance), name).related
    return relation.is_cached(instance), relation.get_cached_value(instance, default=None)


def _keep(instance, name, record):
    """Après une écriture, l'objet passé au service porte l'enregistrement écrit (jamais une valeur périmée)."""
    getattr(type(instance), name).related.set_cached_value(instance, record)


def consent_of(young_person):
    """L'accord enregistré du jeune, ou un accord vierge (pas de rappel) non enregistré."""
    loaded, record = _preloaded(young_person, "reminder_consent")
    if not loaded:
        record = ReminderConsent.objects.filter(young_person=young_person).first()
    # Vierge : lié par l'identifiant, pour ne pas laisser sur le jeune un accord en mémoire qui passerait pour lu.
    return record or ReminderConsent(young_person_id=young_person.pk)


def record_consent(young_person, *, channel, consent, by, expected_version=None, now=None):
    """Note l'accord du jeune et son canal ; refuse un canal sans adresse au dossier, ou sans accord."""
    channel = Channel(channel)
    if channel == Channel.NONE:
        consent = False
    elif not consent:
        raise ConsentError("Cochez l'accord du jeune pour lui envoyer des rappels.")
    elif not rules.recipient(channel, young_person.email, young_person.phone):
        raise ConsentError(
            "Le dossier n'a pas d'adresse de courriel : ajoutez-la d'abord."
            if channel == Channel.EMAIL
            else "Le dossier n'a pas de numéro de portable (06 ou 07) : ajoutez-le d'abord."
        )
    record = ReminderConsent.objects.filter(young_person=young_person).first()
    fields = {"consent": consent, "channel": channel, "recorded_by": by, "recorded_at": now or timezone.now()}
    if record is None:
        with transaction.atomic():
            record, created = ReminderConsent.objects.get_or_create(
                young_person=young_person, defaults=fields
            )
        if created:
            _keep(young_person, "reminder_consent", record)
            return record
        if expected_version is None:
            expected_version = record.version
    with versioning.editing(record, expected_version if expected_version is not None else record.version):
        for name, value in fields.items():
            setattr(record, name, value)
        record.save()
    _keep(young_person, "reminder_consent", record)
    return record


def settings_of(mission_locale):
    """Les réglages de la mission locale, ou ceux par défaut (non enregistrés)."""
    loaded, record = _preloaded(mission_locale, "reminder_settings")
    if not loaded:
        record = ReminderSettings.objects.filter(mission_locale=mission_locale).first()
    return record or ReminderSettings(mission_locale_id=mission_locale.pk)


def update_settings(mission_locale, *, delay_hours, cancel_contact, by, now=None):
    if not 1 <= delay_hours <= 168:
        raise RuleError("Le délai d'un rappel va d'une heure à une semaine (168 heures).")
    record, _ = ReminderSettings.objects.update_or_create(
        mission_locale=mission_locale,
        defaults={
            "delay_hours": delay_hours,
            "cancel_contact": cancel_contact.strip(),
            "updated_by": by,
            "updated_at": now or timezone.now(),
        },
    )
    _keep(mission_locale, "reminder_settings", record)
    return record


#: États du prestataire SMS : remis, ou définitivement non remis ; les autres (« sent », « queued »,
#: « accepted »…) sont intermédiaires et ne changent rien.
DELIVERED_CODES = {"delivered", "remis"}
UNDELIVERED_CODES = {"failed", "undelivered", "rejected", "expired", "echec", "non_remis"}


def record_delivery(provider_id, status, now=None):
    """Le prestataire SMS donne l'état d'un message ; renvoie le nombre de messages mis à jour. Un message remis
    après un échec signalé (l'ordre des retours n'est pas garanti) passe à « remis »."""
    status = status.strip().lower()
    messages = ReminderMessage.objects.filter(provider_id=provider_id)
    if status in DELIVERED_CODES:
        return messages.filter(
            status__in=(MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.FAILED)
        ).update(status=MessageStatus.DELIVERED, delivered_at=now or timezone.now(), last_error="")
    if status in UNDELIVERED_CODES:
        return messages.filter(status=MessageStatus.SENT).update(
            status=MessageStatus.FAILED, last_error="Non remis selon le prestataire."
        )
    return 0
