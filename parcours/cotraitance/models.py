from django.db import models
from django.db.models import Q
from django.utils import timezone

from parcours import modelkit
from parcours.accounts.querysets import MissionLocaleScopedQuerySet, YoungPersonScopedQuerySet
from parcours.cotraitance.enums import ReferralEndReason, ReferralStatus, Track, Unavailability


class NationalEnvelope(models.Model):
    """Plafond national d'entrées et montant unitaire d'une année (000 : 150 000 en 2010 ; 003 : 500 €)."""

    year = models.PositiveSmallIntegerField("année", unique=True)
    cap = models.PositiveIntegerField("plafond national d'entrées")
    unit_amount = models.PositiveIntegerField("montant par jeune indemnisé entré (€)", default=500)

    class Meta:
        verbose_name, verbose_name_plural = "enveloppe nationale", "enveloppes nationales"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year} : {self.cap} entrées"


class Envelope(models.Model):
    """Objectif annuel d'entrées en co-traitance d'une mission locale (enveloppe locale fermée)."""

    mission_locale = modelkit.mission_locale_field()
    year = models.PositiveSmallIntegerField("année")
    target = models.PositiveIntegerField("objectif d'entrées")
    paid_target = models.PositiveIntegerField(
        "objectif de jeunes indemnisés (payés 500 €)", help_text="Au plus l'objectif d'entrées."
    )

    objects = MissionLocaleScopedQuerySet.as_manager()

    class Meta:
        verbose_name, verbose_name_plural = "enveloppe de co-traitance", "enveloppes de co-traitance"
        ordering = ["-year", "mission_locale"]
        constraints = [
            modelkit.unique("envelope_one_per_ml_year", ["mission_locale", "year"]),
            models.CheckConstraint(
                name="envelope_paid_within_target",
                condition=Q(paid_target__lte=models.F("target")),
                violation_error_message="L'objectif de jeunes indemnisés ne peut dépasser l'objectif d'entrées.",
            ),
        ]

    def __str__(self):
        return f"{self.mission_locale} {self.year} : {self.target} entrées"


class ImportBatch(models.Model):
    """Un fichier d'orientations importé (journal : qui, quand, combien)."""

    file_name = models.CharField("fichier", max_length=255)
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    imported_at = models.DateTimeField("importé le", default=timezone.now)
    imported_by = modelkit.user_field("importé par")
    lines = models.PositiveIntegerField("lignes")
    created = models.PositiveIntegerField("orientations créées")
    refused = models.PositiveIntegerField("orientations refusées")
    unchanged = models.PositiveIntegerField("déjà connues")
    new_files = models.PositiveIntegerField("dossiers créés")

    class Meta:
        verbose_name, verbose_name_plural = "import d'orientations", "imports d'orientations"
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.file_name} ({self.imported_at:%d/%m/%Y %H:%M})"


class ReferralQuerySet(YoungPersonScopedQuerySet):
    """``visible_to`` : les orientations des jeunes que l'utilisateur voit (le jeune a pu changer de mission
    locale)."""

    def accepted(self):
        return self.exclude(status=ReferralStatus.REFUSED)

    def active(self):
        return self.filter(status=ReferralStatus.ACTIVE)

    def active_on(self, date):
        return (
            self.accepted()
            .filter(assignment_date__lte=date)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=date))
        )

    def of_year(self, year):
        return self.accepted().filter(assignment_date__year=year)

    def with_first_interview(self):
        """Date du premier entretien individuel tenu depuis l'affectation (calculée, jamais stockée)."""
        from parcours.accompaniment.enums import ContactKind
        from parcours.accompaniment.models import Contact

        first = (
            Contact.objects.held()
            .filter(
                young_person=models.OuterRef("young_person"),
                kind=ContactKind.INDIVIDUAL,
                date__gte=models.OuterRef("assignment_date"),
            )
            .order_by("date")
        )
        last = (
            Contact.objects.held()
            .filter(young_person=models.OuterRef("young_person"), kind=ContactKind.INDIVIDUAL)
            .order_by("-date")
        )
        return self.annotate(
            first_interview_on=models.Subquery(first.values("date")[:1]),
            last_interview_on=models.Subquery(last.values("date")[:1]),
        )

    def with_civis_at_entry(self):
        """Jeune déjà en CIVIS à l'affectation : maintenu dans son dispositif et compté en plus de l'objectif."""
        from parcours.programmes.models import Enrolment

        civis = Enrolment.objects.filter(
            young_person=models.OuterRef("young_person"),
            programme__code="civis",
            entry_date__lte=models.OuterRef("assignment_date"),
        ).filter(Q(exit_date__isnull=True) | Q(exit_date__gte=models.OuterRef("assignment_date")))
        return self.annotate(civis_at_entry=models.Exists(civis))


class Referral(models.Model):
    """Orientation d'un jeune demandeur d'emploi par Pôle emploi vers la mission locale (PPAE)."""

    pe_id = models.CharField(
        "identifiant France Travail (ex-Pôle emploi) de l'orientation", max_length=40, unique=True
    )
    mission_locale = modelkit.mission_locale_field()
    young_person = modelkit.young_person_field("referrals", null=True, blank=True)
    agency = models.CharField("agence France Travail", max_length=100)
    assignment_date = models.DateField("date d'affectation")
    track = models.CharField("parcours", max_length=20, choices=Track.choices)
    receives_benefits = models.BooleanField("indemnisé")
    target_jobs = models.JSONField("métiers visés au PPAE (codes ROME)", default=list, blank=True)
    status = models.CharField(
        "statut", max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.ACTIVE
    )
    refusal_reason = models.CharField("motif du refus", max_length=250, blank=True, default="")
    end_date = models.DateField("date de fin", null=True, blank=True)
    end_reason = modelkit.optional_choice("motif de fin", ReferralEndReason, 20)
    batch = modelkit.optional_fk(ImportBatch, "import", on_delete=models.SET_NULL, related_name="referrals")
    created_at = modelkit.created_at_field("enregistrée le")

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name, verbose_name_plural = "orientation France Travail", "orientations France Travail"
        ordering = ["-assignment_date"]
        indexes = [
            models.Index(fields=["mission_locale", "assignment_date"], name="referral_ml_assignment"),
            models.Index(fields=["young_person", "status"], name="referral_yp_status"),
        ]
        constraints = [
            modelkit.unique(
                "referral_one_active_per_young_person",
                ["young_person"],
                condition=Q(status=ReferralStatus.ACTIVE),
                message="Le jeune est déjà suivi en co-traitance.",
            ),
            modelkit.implies(
                "referral_refused_has_reason",
                Q(status=ReferralStatus.REFUSED),
                ~Q(refusal_reason=""),
                "Un refus a un motif.",
            ),
            models.CheckConstraint(
                name="referral_accepted_has_young_person",
                condition=Q(status=ReferralStatus.REFUSED) | Q(young_person__isnull=False),
            ),
            modelkit.implies(
                "referral_ended_has_date_and_reason",
                Q(status=ReferralStatus.ENDED),
                Q(end_date__isnull=False) & ~Q(end_reason=""),
                "Une fin de co-traitance a une date et un motif.",
            ),
            modelkit.ends_after_start(
                "referral_end_after_assignment",
                start="assignment_date",
                message="La fin ne peut précéder l'affectation.",
            ),
        ]

    def __str__(self):
        return f"Orientation {self.pe_id} du {self.assignment_date:%d/%m/%Y}"


class UnavailabilityPeriod(models.Model):
    """Indisponibilité temporaire du jeune : dispense de l'entretien mensuel pendant la période."""

    referral = models.ForeignKey(
        Referral, verbose_name="orientation", on_delete=models.CASCADE, related_name="unavailabilities"
    )
    reason = models.CharField("motif", max_length=20, choices=Unavailability.choices)
    start_date = models.DateField("début")
    end_date = models.DateField("fin")

    class Meta:
        verbose_name = "indisponibilité"
        ordering = ["-start_date"]
        constraints = [
            modelkit.ends_after_start(
                "unavailability_end_after_start",
                optional=(),
                message="La fin de l'indisponibilité ne peut précéder son début.",
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} du {self.start_date:%d/%m/%Y} au {self.end_date:%d/%m/%Y}"
