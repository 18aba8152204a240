import re

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from parcours import modelkit
from parcours.accounts.querysets import MissionLocaleScopedQuerySet, YoungPersonScopedQuerySet
from parcours.employers import rules
from parcours.employers.enums import (
    ContractType,
    ImmersionGoal,
    ImmersionOutcome,
    OfferStatus,
    ReferralStatus,
)
from parcours.employers.models.outcomes import agreement_field, employer_outcome, partner_field
from parcours.validators import ROME_PREFIX, postcode_validator
from parcours.versioning import Versioned

OFFER_CLOSES_MESSAGE = "La date limite ne peut pas précéder la réception de l'offre."


class JobOfferQuerySet(MissionLocaleScopedQuerySet):
    def public(self, today):
        """Offres lisibles sans connexion : publiées, ouvertes, non échues."""
        return self.filter(published=True, status=OfferStatus.OPEN, published_on__lte=today).filter(
            Q(closes_on__isnull=True) | Q(closes_on__gte=today)
        )

    def with_words(self, text):
        """Offres dont l'intitulé ou la description contient chacun des mots de ``text`` (« serveur
        restaurant ») ; un mot qui a la forme d'un code ROME (« G1803 », « G18 ») cherche aussi ce code."""
        qs = self
        for word in text.split():
            match = Q(title__icontains=word) | Q(description__icontains=word)
            if ROME_PREFIX.match(word):
                match |= Q(rome_code__startswith=word.upper())
            qs = qs.filter(match)
        return qs

    def in_place(self, text):
        """Offres d'un lieu tapé par le public : un code postal (5 chiffres), un département (« 59 », « 2A »,
        « 974 ») ou le nom, même partiel, d'une commune."""
        text = text.strip()
        if re.fullmatch(r"[0-9]{5}", text):
            return self.filter(postcode=text)
        if re.fullmatch(r"[0-9]{2,3}|2[AaBb]", text):
            return self.filter(department__code=text.upper())
        return self.filter(commune__icontains=text)


class JobOffer(Versioned):
    mission_locale = modelkit.mission_locale_field()
    partner = partner_field("employeur", "offers")
    agreement = agreement_field(
        "offers", help_text="Si l'offre relève d'un accord national, elle compte dans son bilan."
    )
    title = models.CharField("intitulé du poste", max_length=200)
    rome_code = modelkit.rome_code_field(help_text="Ex. : K2204")
    contract_type = models.CharField("type de contrat", max_length=20, choices=ContractType.choices)
    duration_months = models.PositiveSmallIntegerField(
        "durée (mois)",
        null=True,
        blank=True,
        help_text="Pour un contrat à durée déterminée.",
        validators=modelkit.bounds(*rules.DURATION_MONTHS),
    )
    weekly_hours = models.PositiveSmallIntegerField(
        "heures par semaine", null=True, blank=True, validators=modelkit.bounds(*rules.WEEKLY_HOURS)
    )
    positions = models.PositiveSmallIntegerField(
        "nombre de postes", default=1, validators=[MinValueValidator(1)]
    )
    description = models.TextField("missions et profil recherché")
    commune = models.CharField("commune du poste", max_length=100)
    postcode = models.CharField(
        "code postal", max_length=5, blank=True, default="", validators=[postcode_validator]
    )
    department = models.ForeignKey(
        "referential.Department", verbose_name="département", on_delete=models.PROTECT, related_name="+"
    )
    with_preselection = models.BooleanField(
        "avec présélection par la mission locale",
        default=True,
        help_text="La mission locale présélectionne les candidats avant de les présenter à l'employeur.",
    )
    counsellor = modelkit.user_field("conseiller garant de l'offre")
    status = models.CharField("état", max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN)
    received_on = models.DateField("reçue le", default=timezone.localdate)
    published = models.BooleanField(
        "publiée sur la page publique des offres",
        default=False,
        help_text="Seuls l'intitulé, le contrat, le lieu, la description et la mission locale sont publiés.",
    )
    show_employer = models.BooleanField("afficher le nom de l'employeur sur la page publique", default=False)
    published_on = models.DateField("publiée le", null=True, blank=True)
    closes_on = models.DateField("date limite de candidature", null=True, blank=True)
    created_by = modelkit.user_field("saisie par")

    objects = JobOfferQuerySet.as_manager()

    class Meta:
        verbose_name, verbose_name_plural = "offre d'emploi", "offres d'emploi"
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["mission_locale", "status"], name="offer_ml_status"),
            models.Index(fields=["published", "status", "department"], name="offer_public"),
            models.Index(fields=["rome_code"], name="offer_rome"),
        ]
        constraints = [
            modelkit.rome_format("offer_rome_format"),
            modelkit.in_range(
                "offer_weekly_hours_range",
                "weekly_hours",
                rules.WEEKLY_HOURS,
                "Une offre compte de {} à {} heures par semaine.".format(*rules.WEEKLY_HOURS),
                optional=True,
            ),
            modelkit.in_range(
                "offer_duration_range",
                "duration_months",
                rules.DURATION_MONTHS,
                "Un contrat à durée déterminée dure de {} à {} mois.".format(*rules.DURATION_MONTHS),
                optional=True,
            ),
            models.CheckConstraint(
                name="offer_positions_positive",
                condition=Q(positions__gte=1),
                violation_error_message="Une offre a au moins un poste.",
            ),
            models.CheckConstraint(
                name="offer_published_has_date",
                condition=Q(published=False) | Q(published_on__isnull=False),
                violation_error_message="Une offre publiée a une date de publication.",
            ),
            modelkit.ends_after_start(
                "offer_closes_after_received",
                start="received_on",
                end="closes_on",
                message=OFFER_CLOSES_MESSAGE,
            ),
        ]

    def __str__(self):
        return f"{self.title} – {self.get_contract_type_display()} – {self.commune}"


class Referral(Versioned):
    """Mise en relation : un jeune proposé sur une offre, son avancement et son résultat."""

    offer = models.ForeignKey(
        JobOffer, verbose_name="offre", on_delete=models.CASCADE, related_name="referrals"
    )
    young_person = modelkit.young_person_field("offer_referrals")
    counsellor = modelkit.user_field()
    date = models.DateField("date de la mise en relation", default=timezone.localdate)
    status = models.CharField(
        "statut", max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED
    )
    result_on = models.DateField("résultat connu le", null=True, blank=True)
    notes = models.TextField("commentaire", blank=True, default="")

    objects = YoungPersonScopedQuerySet.as_manager()

    class Meta:
        verbose_name, verbose_name_plural = "mise en relation", "mises en relation"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["date"], name="referral_date")]
        constraints = [
            modelkit.unique(
                "referral_unique",
                ["offer", "young_person"],
                message="Ce jeune est déjà positionné sur cette offre.",
            ),
            modelkit.ends_after_start(
                "referral_result_after_date",
                start="date",
                end="result_on",
                message="Le résultat ne peut pas précéder la mise en relation.",
            ),
        ]

    def __str__(self):
        return f"Mise en relation du {self.date:%d/%m/%Y} ({self.get_status_display().lower()})"


class Recruitment(employer_outcome("recruitments")):
    referral = models.OneToOneField(
        Referral,
        verbose_name="mise en relation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recruitment",
    )
    contract_type = models.CharField("type de contrat", max_length=20, choices=ContractType.choices)
    rome_code = modelkit.rome_code_field(blank=True)
    start_date = models.DateField("début du contrat")
    end_date = models.DateField("fin prévue du contrat", null=True, blank=True)

    class Meta:
        verbose_name = "recrutement"
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["start_date"], name="recruitment_start")]
        constraints = [
            modelkit.ends_after_start("recruitment_end_after_start"),
            modelkit.rome_format("recruitment_rome_format", blank=True),
            modelkit.implies(
                "recruitment_cdi_no_end",
                Q(contract_type=ContractType.CDI),
                Q(end_date__isnull=True),
                "Un CDI n'a pas de date de fin prévue.",
            ),
        ]

    def __str__(self):
        return f"{self.get_contract_type_display()} chez {self.partner.label} le {self.start_date:%d/%m/%Y}"


class Immersion(
    Versioned,
    employer_outcome(
        "immersions", partner_label="entreprise d'accueil", counsellor_label="conseiller prescripteur"
    ),
):
    """Période de mise en situation en milieu professionnel (PMSMP)."""

    goal = models.CharField("objectif", max_length=12, choices=ImmersionGoal.choices)
    rome_code = modelkit.rome_code_field("métier (code ROME)")
    start_date = models.DateField("début")
    end_date = models.DateField("fin")
    tutor_name = models.CharField("tuteur", max_length=150)
    tutor_job_title = models.CharField("fonction du tuteur", max_length=150, blank=True, default="")
    outcome = modelkit.optional_choice("bilan", ImmersionOutcome, 20)
    assessment = models.TextField("appréciation du tuteur", blank=True, default="")

    class Meta:
        verbose_name, verbose_name_plural = "immersion (PMSMP)", "immersions (PMSMP)"
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["start_date"], name="immersion_start")]
        constraints = [
            modelkit.ends_after_start("immersion_end_after_start", optional=()),
            modelkit.rome_format("immersion_rome_format"),
        ]

    def __str__(self):
        return (
            f"Immersion chez {self.partner.label} du {self.start_date:%d/%m/%Y} au {self.end_date:%d/%m/%Y}"
        )
