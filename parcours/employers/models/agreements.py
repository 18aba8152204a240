from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.dateformat import format as date_format

from parcours import modelkit
from parcours.employers.enums import AgreementStatus, DatePrecision, MeetingKind, PartyRole

#: Les trois objectifs communs des accords nationaux (000, 004).
COMMON_OBJECTIVES = (
    "Favoriser les procédures de recrutement répondant aux besoins de l'entreprise comme à ceux des jeunes "
    "accompagnés par les missions locales.\n"
    "Mieux informer les jeunes et leurs conseillers sur les métiers et les filières qui recrutent.\n"
    "Développer le parrainage pour l'emploi, notamment dans le cadre de la lutte contre les discriminations."
)


class AgreementQuerySet(models.QuerySet):
    def signed(self):
        return self.filter(status=AgreementStatus.SIGNED)

    def active_on(self, date):
        return self.filter(status=AgreementStatus.SIGNED).filter(
            Q(signed_on__isnull=True) | Q(signed_on__lte=date),
            Q(ended_on__isnull=True) | Q(ended_on__gte=date),
        )


class Agreement(models.Model):
    """Accord national de partenariat entre le réseau des missions locales et un ou plusieurs partenaires."""

    code = models.SlugField("code", max_length=40, unique=True)
    title = models.CharField("intitulé", max_length=250)
    status = models.CharField(
        "état", max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.PLANNED
    )
    signed_on = models.DateField("date de signature", null=True, blank=True)
    signed_on_precision = models.CharField(
        "précision de la date",
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="Les sources donnent parfois seulement le mois ou l'année de signature.",
    )
    ended_on = models.DateField("date de fin", null=True, blank=True)
    objectives = models.TextField("objectifs (un par ligne)", default=COMMON_OBJECTIVES)
    summary = models.TextField("mise en œuvre et résultats connus", blank=True, default="")
    pilot_regions = models.ManyToManyField(
        "referential.Region", verbose_name="régions pilotes", blank=True, related_name="+"
    )
    national_rollout_on = models.DateField(
        "généralisation nationale le",
        null=True,
        blank=True,
        help_text="Vide tant que l'accord reste expérimental.",
    )
    source = models.CharField("source", max_length=250, blank=True, default="")

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name, verbose_name_plural = "accord national", "accords nationaux"
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                name="agreement_signed_has_date",
                condition=Q(status=AgreementStatus.PLANNED)
                | Q(signed_on__isnull=False)
                | Q(signed_on_precision=DatePrecision.UNKNOWN),
                violation_error_message="Un accord signé ou terminé a une date de signature.",
            ),
            modelkit.implies(
                "agreement_ended_has_end",
                Q(status=AgreementStatus.ENDED),
                Q(ended_on__isnull=False),
                "Un accord terminé a une date de fin.",
            ),
            modelkit.ends_after_start(
                "agreement_end_after_signature",
                start="signed_on",
                end="ended_on",
                optional=("ended_on", "signed_on"),
                message="La fin de l'accord ne peut pas précéder sa signature.",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        known = self.signed_on_precision != DatePrecision.UNKNOWN
        if self.status != AgreementStatus.PLANNED and known and not self.signed_on:
            raise ValidationError({"signed_on": "Un accord signé ou terminé a une date de signature."})
        if self.status == AgreementStatus.ENDED and not self.ended_on:
            raise ValidationError({"ended_on": "Un accord terminé a une date de fin."})
        if self.ended_on and self.signed_on and self.ended_on < self.signed_on:
            raise ValidationError({"ended_on": "La fin de l'accord ne peut pas précéder sa signature."})

    @property
    def objective_list(self):
        return [line.strip(" -•") for line in self.objectives.splitlines() if line.strip(" -•")]

    @property
    def signed_on_display(self):
        if not self.signed_on:
            return "date non précisée" if self.status != AgreementStatus.PLANNED else "—"
        pattern = {DatePrecision.YEAR: "Y", DatePrecision.MONTH: "F Y"}.get(self.signed_on_precision, "d/m/Y")
        return date_format(self.signed_on, pattern)


class AgreementParty(models.Model):
    agreement = models.ForeignKey(
        Agreement, verbose_name="accord", on_delete=models.CASCADE, related_name="parties"
    )
    partner = models.ForeignKey(
        "employers.Partner",
        verbose_name="partenaire",
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )
    role = models.CharField("rôle", max_length=12, choices=PartyRole.choices, default=PartyRole.SIGNATORY)

    class Meta:
        verbose_name, verbose_name_plural = "partie à l'accord", "parties à l'accord"
        ordering = ["role", "partner__name"]
        constraints = [modelkit.unique("party_unique", ["agreement", "partner"])]

    def __str__(self):
        return f"{self.partner} ({self.get_role_display().lower()})"


class RegionalDeclination(models.Model):
    """Déclinaison régionale d'un accord : la région, ses porteurs et son plan d'actions."""

    agreement = models.ForeignKey(
        Agreement, verbose_name="accord", on_delete=models.CASCADE, related_name="declinations"
    )
    region = models.ForeignKey(
        "referential.Region", verbose_name="région", on_delete=models.PROTECT, related_name="+"
    )
    signed_on = models.DateField("date de déclinaison", null=True, blank=True)
    leads = models.CharField("porteurs", max_length=250, blank=True, default="")
    action_plan = models.TextField("plan d'actions")
    results = models.TextField("résultats", blank=True, default="")

    class Meta:
        verbose_name, verbose_name_plural = "déclinaison régionale", "déclinaisons régionales"
        ordering = ["region__name"]
        constraints = [
            modelkit.unique(
                "declination_unique_region",
                ["agreement", "region"],
                message="Cet accord a déjà une déclinaison dans cette région.",
            )
        ]

    def __str__(self):
        return f"{self.agreement} – {self.region}"


class FollowUpMeeting(models.Model):
    agreement = models.ForeignKey(
        Agreement, verbose_name="accord", on_delete=models.CASCADE, related_name="meetings"
    )
    date = models.DateField("date")
    kind = models.CharField(
        "type de réunion", max_length=20, choices=MeetingKind.choices, default=MeetingKind.FOLLOW_UP
    )
    place = models.CharField("lieu", max_length=150, blank=True, default="")
    subject = models.CharField("objet", max_length=250, blank=True, default="")
    minutes = models.TextField("relevé de décisions", blank=True, default="")

    class Meta:
        verbose_name, verbose_name_plural = "réunion de suivi", "réunions de suivi"
        ordering = ["-date"]

    def __str__(self):
        return f"{self.get_kind_display()} du {self.date:%d/%m/%Y}"
