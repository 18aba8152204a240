from django.db import models
from django.db.models import Q
from django.utils import timezone

from parcours import modelkit
from parcours.accounts.querysets import MissionLocaleScopedQuerySet, YoungPersonScopedQuerySet
from parcours.employers import rules
from parcours.employers.enums import Barrier, SponsorshipOutcome
from parcours.employers.models.outcomes import agreement_field
from parcours.validators import phone_validator, validate_readable


class Sponsor(models.Model):
    """Parrain ou marraine bénévole du réseau de parrainage d'une mission locale."""

    mission_locale = modelkit.mission_locale_field()
    last_name = models.CharField("nom", max_length=100, validators=[validate_readable])
    first_name = models.CharField("prénom", max_length=100, validators=[validate_readable])
    email = models.EmailField("courriel", blank=True, default="")
    phone = models.CharField("téléphone", max_length=20, blank=True, default="", validators=[phone_validator])
    occupation = models.CharField("métier ou ancien métier", max_length=150, blank=True, default="")
    employer = modelkit.optional_fk(
        "employers.Partner",
        "entreprise",
        on_delete=models.SET_NULL,
        related_name="sponsors",
        help_text="L'entreprise partenaire qui permet à ce salarié de parrainer (ex. : accord Dexia).",
    )
    is_retired = models.BooleanField("retraité", default=False)
    active = models.BooleanField("disponible pour un parrainage", default=True)
    joined_on = models.DateField("entré dans le réseau le", default=timezone.localdate)

    objects = MissionLocaleScopedQuerySet.as_manager()

    class Meta:
        verbose_name, verbose_name_plural = "parrain ou marraine", "parrains et marraines"
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name.upper()}"


class Sponsorship(models.Model):
    """Contrat tripartite jeune – conseiller – parrain, qui nomme les freins à lever (004)."""

    young_person = modelkit.young_person_field("sponsorships")
    sponsor = models.ForeignKey(
        Sponsor, verbose_name="parrain ou marraine", on_delete=models.PROTECT, related_name="sponsorships"
    )
    counsellor = modelkit.user_field()
    agreement = agreement_field("sponsorships")
    signed_on = models.DateField("contrat signé le", default=timezone.localdate)
    barriers = models.JSONField("freins à lever", default=list)
    objectives = models.TextField("attendus de l'accompagnement")
    monthly_hours = models.PositiveSmallIntegerField(
        "heures par mois",
        default=2,
        help_text=f"De {rules.SPONSOR_MIN_HOURS} à {rules.SPONSOR_MAX_HOURS} heures par mois.",
    )
    ended_on = models.DateField("fin du parrainage", null=True, blank=True)
    outcome = modelkit.optional_choice("résultat", SponsorshipOutcome, 20)

    objects = YoungPersonScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "parrainage"
        ordering = ["-signed_on"]
        indexes = [models.Index(fields=["signed_on"], name="sponsorship_signed")]
        constraints = [
            modelkit.in_range(
                "sponsorship_hours_range",
                "monthly_hours",
                (rules.SPONSOR_MIN_HOURS, rules.SPONSOR_MAX_HOURS),
                "Un parrainage compte de 1 à 2 heures par mois.",
            ),
            modelkit.ends_after_start(
                "sponsorship_end_after_start",
                start="signed_on",
                end="ended_on",
                message="La fin du parrainage ne peut pas précéder la signature du contrat.",
            ),
            modelkit.ended_with_reason(
                "sponsorship_outcome_when_ended",
                end="ended_on",
                reason="outcome",
                message="Un parrainage terminé a une date de fin et un résultat.",
            ),
            modelkit.unique(
                "one_open_sponsorship",
                ["young_person"],
                condition=Q(ended_on__isnull=True),
                message="Ce jeune a déjà un parrainage en cours.",
            ),
        ]

    def __str__(self):
        return f"Parrainage par {self.sponsor} depuis le {self.signed_on:%d/%m/%Y}"

    @property
    def barrier_labels(self):
        return modelkit.choice_labels(Barrier, self.barriers)


class SponsorNote(models.Model):
    """Compte rendu de rencontre tenu par le parrain (chaque parrain tient un dossier de suivi, 004)."""

    sponsorship = models.ForeignKey(
        Sponsorship, verbose_name="parrainage", on_delete=models.CASCADE, related_name="notes"
    )
    date = models.DateField("date de la rencontre", default=timezone.localdate)
    duration_minutes = models.PositiveSmallIntegerField("durée (minutes)", default=60)
    text = models.TextField("compte rendu")

    class Meta:
        verbose_name, verbose_name_plural = "note de suivi du parrain", "notes de suivi du parrain"
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"Rencontre du {self.date:%d/%m/%Y}"
