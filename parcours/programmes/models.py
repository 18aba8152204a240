from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from parcours import modelkit
from parcours.accounts.querysets import YoungPersonScopedQuerySet
from parcours.programmes import rules
from parcours.programmes.enums import ContactFrequency, ExitOutcome
from parcours.young_people.enums import CertificationLevel, EducationLevel


class ProgrammeQuerySet(models.QuerySet):
    def open_on(self, date):
        """Les dispositifs proposés à la saisie qui admettent des entrées à cette date (bornes comprises) ;
        CIVIS ou la Garantie jeunes restent dans l'historique des jeunes, pas dans les entrées nouvelles."""
        return self.filter(
            Q(available_from__isnull=True) | Q(available_from__lte=date),
            Q(available_until__isnull=True) | Q(available_until__gte=date),
            is_active=True,
        )


class Programme(models.Model):
    """Un dispositif d'accompagnement, décrit par des données : critères d'entrée, phases, durée, sorties."""

    code = models.SlugField("code", max_length=30, unique=True)
    label = models.CharField("libellé", max_length=150)
    description = models.TextField("description", blank=True, default="")
    source = models.CharField("source", max_length=200, blank=True, default="")
    exclusive = models.BooleanField(
        "exclusif", default=True, help_text="Un jeune n'est que dans un seul dispositif exclusif à la fois."
    )
    max_duration_months = models.PositiveSmallIntegerField("durée maximale (mois)")
    available_from = models.DateField("entrées possibles à partir du", null=True, blank=True)
    available_until = models.DateField("entrées possibles jusqu'au", null=True, blank=True)
    # Critères d'éligibilité (données, vérifiés à l'entrée par rules.eligibility_errors)
    min_age_at_entry = models.PositiveSmallIntegerField("âge minimal à l'entrée", null=True, blank=True)
    max_age_at_entry = models.PositiveSmallIntegerField(
        "âge maximal à l'entrée (révolu)", null=True, blank=True
    )
    max_age_at_first_reception = models.PositiveSmallIntegerField(
        "âge maximal au premier accueil (révolu)", null=True, blank=True
    )
    max_education_level = modelkit.optional_choice("niveau de formation maximal", EducationLevel, 4)
    certification_below = modelkit.optional_choice(
        "niveau de certification validé inférieur à",
        CertificationLevel,
        6,
        help_text="ANI 2011 : niveau de certification validé inférieur à V (001).",
    )
    first_reception_from = models.DateField("premier accueil à partir du", null=True, blank=True)
    first_reception_until = models.DateField("premier accueil au plus tard le", null=True, blank=True)
    incompatible_with = models.ManyToManyField(
        "self", verbose_name="incompatible avec", symmetrical=True, blank=True
    )
    excludes_cotraitance = models.BooleanField("exclut les jeunes en co-traitance", default=False)
    modality_of = modelkit.optional_fk(
        "self",
        "modalité de",
        related_name="modalities",
        help_text="Garantie jeunes : modalité du PACEA (002). Elle s'ouvre dans une inscription au PACEA sans "
        "la clore, et exclut comme lui les autres dispositifs exclusifs.",
    )
    runs_in_cohorts = models.BooleanField("fonctionne par cohortes", default=False)
    monthly_allowance = models.BooleanField("ouvre droit à une allocation mensuelle", default=False)
    objectives = models.JSONField("objectifs proposés", default=list, blank=True)
    is_active = models.BooleanField("proposé à la saisie", default=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = "dispositif"
        ordering = ["label"]
        constraints = [
            models.CheckConstraint(
                name="programme_duration_positive",
                condition=Q(max_duration_months__gt=0),
                violation_error_message="La durée maximale est d'au moins un mois.",
            ),
            modelkit.ends_after_start(
                "programme_window_ordered",
                start="available_from",
                end="available_until",
                optional=("available_from", "available_until"),
                message=None,
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def incompatible_codes(self):
        cache = self.__dict__.setdefault("_incompatible_codes", None)
        if cache is None:
            cache = self.__dict__["_incompatible_codes"] = list(
                self.incompatible_with.values_list("code", flat=True)
            )
        return cache

    @property
    def modality_code(self):
        """Code du dispositif dont celui-ci est une modalité (« pacea » pour la Garantie jeunes), sinon ""."""
        return self.modality_of.code if self.modality_of_id else ""

    def eligibility_errors(self, young_person, entry_date, today, open_enrolments=(), in_cotraitance=False):
        return rules.eligibility_errors(
            self,
            young_person=young_person,
            entry_date=entry_date,
            today=today,
            open_enrolments=open_enrolments,
            in_cotraitance=in_cotraitance,
        )


class Phase(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name="dispositif", on_delete=models.CASCADE, related_name="phases"
    )
    order = models.PositiveSmallIntegerField("ordre")
    label = models.CharField("libellé", max_length=150)
    objectives = models.JSONField("objectifs", default=list, blank=True)
    contact_frequency = models.CharField(
        "fréquence d'entretien exigée", max_length=20, choices=ContactFrequency.choices
    )
    initial_frequency = modelkit.optional_choice("fréquence des premiers mois", ContactFrequency, 20)
    initial_months = models.PositiveSmallIntegerField(
        "durée de la fréquence initiale (mois)", null=True, blank=True
    )
    planned_duration_months = models.PositiveSmallIntegerField(
        "durée prévue (mois), revue à son terme", null=True, blank=True
    )
    repeatable = models.BooleanField("renouvelable", default=False)
    counts_group_contacts = models.BooleanField(
        "ateliers et informations collectives comptent comme entretiens",
        default=False,
        help_text="Phase collective (sas de la Garantie jeunes) : tout contact tenu compte pour la fréquence.",
    )

    class Meta:
        verbose_name = "phase"
        ordering = ["programme", "order"]
        constraints = [
            modelkit.unique("phase_unique_order", ["programme", "order"]),
            models.CheckConstraint(
                name="phase_initial_frequency_with_months",
                condition=Q(initial_frequency="", initial_months__isnull=True)
                | (~Q(initial_frequency="") & Q(initial_months__gt=0)),
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.label}"


class Cohort(models.Model):
    """Cohorte de la Garantie jeunes : des jeunes entrés ensemble dans une mission locale."""

    programme = models.ForeignKey(
        Programme, verbose_name="dispositif", on_delete=models.PROTECT, related_name="cohorts"
    )
    mission_locale = modelkit.mission_locale_field()
    label = models.CharField("libellé", max_length=100)
    start_date = models.DateField("date de démarrage")

    class Meta:
        verbose_name = "cohorte"
        ordering = ["-start_date"]
        constraints = [
            modelkit.unique("cohort_unique_label", ["programme", "mission_locale", "label"]),
        ]

    def __str__(self):
        return f"{self.label} (démarrage le {self.start_date:%d/%m/%Y})"


class EnrolmentQuerySet(YoungPersonScopedQuerySet):
    def open(self):
        return self.filter(exit_date__isnull=True)

    def overlapping(self, start, end=None):
        qs = self.filter(Q(exit_date__isnull=True) | Q(exit_date__gte=start))
        return qs if end is None else qs.filter(entry_date__lte=end)


class Enrolment(models.Model):
    young_person = modelkit.young_person_field("enrolments")
    programme = models.ForeignKey(
        Programme, verbose_name="dispositif", on_delete=models.PROTECT, related_name="enrolments"
    )
    exclusive = models.BooleanField("dispositif exclusif", editable=False)
    cohort = modelkit.optional_fk(Cohort, "cohorte", related_name="enrolments")
    entry_date = models.DateField("date d'entrée")
    exit_date = models.DateField("date de sortie", null=True, blank=True)
    exit_outcome = modelkit.optional_choice("motif de sortie", ExitOutcome, 30)
    exit_notes = models.CharField("précisions sur la sortie", max_length=250, blank=True, default="")
    exit_outcome_confirmed = models.BooleanField(
        "motif confirmé malgré l'avertissement",
        default=False,
        help_text="Aucune situation du jeune ne justifiait le motif : le conseiller l'a confirmé.",
    )
    counsellor = modelkit.user_field("saisi par")
    source_id = modelkit.source_id_field()
    created_at = modelkit.created_at_field("saisi le")

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = "inscription dans un dispositif"
        verbose_name_plural = "inscriptions dans un dispositif"
        ordering = ["-entry_date"]
        indexes = [
            models.Index(fields=["young_person", "-entry_date"], name="enrolment_yp_entry"),
            models.Index(fields=["programme", "entry_date"], name="enrolment_programme_entry"),
            models.Index(fields=["programme", "exit_date"], name="enrolment_programme_exit"),
        ]
        constraints = [
            modelkit.unique(
                "enrolment_one_open_exclusive",
                ["young_person"],
                condition=Q(exit_date__isnull=True, exclusive=True),
                message="Le jeune est déjà dans un dispositif exclusif.",
            ),
            modelkit.unique(
                "enrolment_one_open_per_programme",
                ["young_person", "programme"],
                condition=Q(exit_date__isnull=True),
            ),
            modelkit.ends_after_start(
                "enrolment_exit_after_entry",
                start="entry_date",
                end="exit_date",
                message="La sortie ne peut pas précéder l'entrée.",
            ),
            modelkit.ended_with_reason(
                "enrolment_exit_has_outcome",
                end="exit_date",
                reason="exit_outcome",
                message="Une sortie a une date et un motif.",
            ),
            modelkit.unique_source_id("enrolment_unique_source_id"),
        ]

    def __str__(self):
        return f"{self.programme} depuis le {self.entry_date:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        self.exclusive = self.programme.exclusive
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.exit_date is None

    @property
    def planned_end_date(self):
        return rules.planned_end_date(self.entry_date, self.programme.max_duration_months)


class EnrolmentPhase(models.Model):
    """Une phase vécue par le jeune : ses dates, ses objectifs retenus, le bilan de la revue de fin de phase."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name="inscription", on_delete=models.CASCADE, related_name="phases"
    )
    phase = models.ForeignKey(Phase, verbose_name="phase", on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField("début")
    end_date = models.DateField("fin", null=True, blank=True)
    objectives = models.JSONField("objectifs retenus", default=list, blank=True)
    review = models.TextField("bilan de fin de phase", blank=True, default="")

    class Meta:
        verbose_name, verbose_name_plural = "phase suivie", "phases suivies"
        ordering = ["enrolment", "start_date", "pk"]
        constraints = [
            modelkit.unique("enrolment_one_current_phase", ["enrolment"], condition=Q(end_date__isnull=True)),
            modelkit.ends_after_start(
                "enrolment_phase_end_after_start", message="La fin de phase ne peut pas précéder son début."
            ),
        ]

    def __str__(self):
        return f"{self.phase.label} depuis le {self.start_date:%d/%m/%Y}"

    def clean(self):
        catalogue = set(self.phase.programme.objectives) | set(self.phase.objectives)
        unknown = [o for o in self.objectives if o not in catalogue]
        if unknown:
            raise ValidationError(
                {"objectives": f"Objectif inconnu pour ce dispositif : {', '.join(unknown)}."}
            )
