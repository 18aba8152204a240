"""Les demandes faites depuis la page publique des offres : un jeune demande à être rappelé au sujet d'une
offre. La demande arrive à la mission locale qui suit l'offre, qui la traite puis la clôt."""

from django.db import models

from parcours import modelkit
from parcours.accounts.querysets import MissionLocaleScopedQuerySet
from parcours.employers.enums import RequestStatus

#: Le texte auquel le jeune consent en envoyant sa demande (gardé sur la demande, tel qu'il l'a lu).
CONSENT_TEXT = (
    "J'accepte que la mission locale utilise mon nom et mes coordonnées pour me recontacter au sujet de cette "
    "offre. Ces informations ne servent qu'à cela ; elles sont effacées trois mois après le traitement de la "
    "demande, ou trois mois après son envoi si elle n'a pas pu être traitée."
)


class CallbackRequestQuerySet(MissionLocaleScopedQuerySet):
    def to_handle(self):
        return self.filter(status=RequestStatus.NEW)


class CallbackRequest(models.Model):
    mission_locale = modelkit.mission_locale_field()
    offer = models.ForeignKey(
        "employers.JobOffer",
        verbose_name="offre",
        null=True,
        on_delete=models.SET_NULL,
        related_name="callback_requests",
    )
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    phone = models.CharField("téléphone", max_length=20, blank=True)
    email = models.EmailField("courriel", blank=True)
    message = models.TextField("message", max_length=1000, blank=True)
    consent_text = models.TextField("consentement donné")
    created_at = modelkit.created_at_field("reçue le")
    status = models.CharField("état", max_length=10, choices=RequestStatus.choices, default=RequestStatus.NEW)
    handled_by = modelkit.user_field("traitée par", blank=True)
    handled_at = models.DateTimeField("traitée le", null=True, blank=True)

    objects = CallbackRequestQuerySet.as_manager()

    class Meta:
        verbose_name, verbose_name_plural = "demande de rappel", "demandes de rappel"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["mission_locale", "status", "-created_at"], name="callback_ml_status")
        ]
        constraints = [
            models.CheckConstraint(
                name="callback_has_a_way_to_call_back",
                condition=~models.Q(phone="", email=""),
                violation_error_message="Donnez un téléphone ou un courriel pour être rappelé(e).",
            )
        ]

    def __str__(self):
        return f"Demande de rappel du {self.created_at:%d/%m/%Y}"
