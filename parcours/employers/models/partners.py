from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from parcours import modelkit
from parcours.accounts.querysets import MissionLocaleScopedQuerySet
from parcours.employers import rules
from parcours.employers.enums import ExchangeKind, PartnerKind
from parcours.validators import phone_validator, postcode_validator, validate_readable
from parcours.versioning import Versioned


class PartnerQuerySet(models.QuerySet):
    def search(self, text):
        qs = self
        for token in (text or "").split():
            qs = qs.filter(
                Q(name__icontains=token) | Q(siret__startswith=token) | Q(commune__icontains=token)
            )
        return qs

    def signatories(self):
        return self.filter(agreement_parties__isnull=False).distinct()


class Partner(Versioned):
    """Entreprise, fédération, fonds de formation ou organisme public : le répertoire est commun à toutes
    les missions locales ; la relation de chaque mission locale avec lui est dans ``EmployerRelation``.

    La fiche est modifiée par la mission locale qui l'a créée (``owner``) ou par le national ; sans mission
    locale propriétaire (signataires des accords nationaux), par le national seul
    (``parcours.accounts.access.can_edit_partner``). Chaque modification est historisée."""

    name = models.CharField("raison sociale ou nom", max_length=200, validators=[validate_readable])
    short_name = models.CharField("sigle", max_length=40, blank=True, default="")
    kind = models.CharField("type de partenaire", max_length=20, choices=PartnerKind.choices)
    siret = models.CharField(
        "SIRET",
        max_length=14,
        blank=True,
        default="",
        help_text="14 chiffres, sans espace. Facultatif pour une fédération ou un organisme public.",
    )
    sector = models.CharField("secteur d'activité", max_length=150, blank=True, default="")
    address = models.CharField("adresse", max_length=250, blank=True, default="")
    postcode = models.CharField(
        "code postal", max_length=5, blank=True, default="", validators=[postcode_validator]
    )
    commune = models.CharField("commune", max_length=100, blank=True, default="")
    department = modelkit.optional_fk("referential.Department", "département")
    website = models.URLField("site internet", blank=True, default="")
    description = models.TextField("présentation", blank=True, default="")
    owner = modelkit.optional_fk(
        "referential.MissionLocale",
        "mission locale propriétaire de la fiche",
        editable=False,
        help_text="Vide : fiche nationale, modifiée par le national seul.",
    )
    created_at = modelkit.created_at_field()

    history = HistoricalRecords(excluded_fields=["created_at"])
    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = "partenaire"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="partner_siret_format",
                condition=Q(siret="") | Q(siret__regex=r"^[0-9]{14}$"),
                violation_error_message="Un SIRET compte 14 chiffres.",
            ),
            modelkit.unique(
                "partner_unique_siret",
                ["siret"],
                condition=~Q(siret=""),
                message="Un partenaire porte déjà ce SIRET.",
            ),
        ]

    def __str__(self):
        return (
            f"{self.name} ({self.short_name})"
            if self.short_name and self.short_name != self.name
            else self.name
        )

    def clean(self):
        self.siret = rules.normalize_siret(self.siret)
        if self.siret:
            error = rules.siret_error(self.siret)
            if error:
                raise ValidationError({"siret": error})
        if self.kind == PartnerKind.COMPANY and not self.siret and not self.pk:
            raise ValidationError({"siret": "Le SIRET d'une entreprise est obligatoire."})

    @property
    def label(self):
        return self.short_name or self.name


class PartnerContact(models.Model):
    """Interlocuteur chez le partenaire, connu d'une mission locale (donnée personnelle : portée par la ML)."""

    partner = models.ForeignKey(
        Partner, verbose_name="partenaire", on_delete=models.CASCADE, related_name="contacts"
    )
    mission_locale = modelkit.mission_locale_field(on_delete=models.CASCADE)
    name = models.CharField("nom et prénom", max_length=150, validators=[validate_readable])
    job_title = models.CharField("fonction", max_length=150, blank=True, default="")
    email = models.EmailField("courriel", blank=True, default="")
    phone = models.CharField("téléphone", max_length=20, blank=True, default="", validators=[phone_validator])

    objects = MissionLocaleScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "interlocuteur"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.job_title}" if self.job_title else self.name


class EmployerRelationQuerySet(MissionLocaleScopedQuerySet):
    def with_last_exchange(self):
        return self.annotate(last_exchange_on=Max("exchanges__date"))


class EmployerRelation(Versioned):
    """La relation d'une mission locale avec un partenaire : qui la suit, depuis quand, les échanges."""

    mission_locale = modelkit.mission_locale_field(on_delete=models.CASCADE)
    partner = models.ForeignKey(
        Partner, verbose_name="partenaire", on_delete=models.PROTECT, related_name="relations"
    )
    followed_by = modelkit.user_field("suivie par", blank=True)
    since = models.DateField("en relation depuis", default=timezone.localdate)
    notes = models.TextField("notes", blank=True, default="")

    objects = EmployerRelationQuerySet.as_manager()

    class Meta:
        verbose_name, verbose_name_plural = "relation entreprise", "relations entreprises"
        ordering = ["partner__name"]
        constraints = [
            modelkit.unique(
                "relation_unique_per_ml",
                ["mission_locale", "partner"],
                message="Votre mission locale est déjà en relation avec ce partenaire.",
            )
        ]

    def __str__(self):
        return f"{self.partner} – {self.mission_locale}"


class Exchange(models.Model):
    relation = models.ForeignKey(
        EmployerRelation, verbose_name="relation", on_delete=models.CASCADE, related_name="exchanges"
    )
    date = models.DateField("date", default=timezone.localdate)
    kind = models.CharField("type d'échange", max_length=20, choices=ExchangeKind.choices)
    summary = models.TextField("objet et suites", blank=True, default="")
    contact = modelkit.optional_fk(PartnerContact, "interlocuteur", on_delete=models.SET_NULL)
    author = modelkit.user_field("saisi par")

    class Meta:
        verbose_name, verbose_name_plural = "échange avec l'entreprise", "échanges avec les entreprises"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["relation", "-date"], name="exchange_relation_date")]

    def __str__(self):
        return f"{self.get_kind_display()} du {self.date:%d/%m/%Y}"
