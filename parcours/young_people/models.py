import datetime
import functools

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from parcours import modelkit
from parcours.accounts.querysets import MissionLocaleScopedQuerySet, YoungPersonScopedQuerySet
from parcours.validators import phone_validator, postcode_validator, validate_readable
from parcours.versioning import Versioned
from parcours.young_people import rules
from parcours.young_people.enums import (
    ArchiveReason,
    CertificationLevel,
    EducationLevel,
    HealthCover,
    Housing,
    JudicialFollowUp,
    Resources,
    Sex,
    Transport,
)
from parcours.young_people.rules import MAX_AGE
from parcours.young_people.text import normalize
from parcours.young_people.validators import validate_nir

#: Champs sensibles (domain.md §2) : visibles du seul référent et de la direction.
SENSITIVE_FIELDS = ("health_notes", "judicial_follow_up")


#: Longueur de la forme de recherche du nom : celle du nom et du prénom réunis. La décomposition (NFKD) peut
#: allonger un nom (« ﷺ » donne 18 caractères) : la forme est alors coupée, plutôt que l'enregistrement refusé.
SEARCH_NAME_LENGTH = 201

#: En dessous de trois lettres, un fragment de nom cherche un début de mot (voir ``search``).
SHORT_FRAGMENT = 3


def search_tokens(text):
    """Les fragments cherchés dans ``text`` (forme de ``YoungPerson.search_name``)."""
    return normalize(text).split()


def short_tokens(tokens):
    """Pour chaque fragment, s'il est court (il doit alors commencer un mot)."""
    return tuple(len(token) < SHORT_FRAGMENT for token in tokens)


class YoungPersonQuerySet(MissionLocaleScopedQuerySet):
    def for_listing(self, *fields):
        """Les colonnes d'une ligne de liste (nom, dates, commune, référent) et ``fields`` : ni les notes ni les
        données sensibles, et bien moins à lire et à construire pour une page de 25 ou 50 lignes."""
        return self.select_related("referent").only(*LISTING_FIELDS, *fields)

    def active(self):
        return self.filter(archived_at__isnull=True)

    def without_referent(self):
        """Les dossiers ouverts qui attendent un référent (la file de la direction)."""
        return self.active().not_merged().filter(referent__isnull=True)

    def not_merged(self):
        """Les dossiers qui désignent une personne : un doublon fusionné n'en est plus une."""
        return self.filter(merged_into__isnull=True)

    def search(self, text="", birth_date=None):
        """Recherche insensible aux accents et à la casse : chaque fragment doit figurer dans le nom.

        Un fragment d'une ou deux lettres doit commencer un mot (« le » trouve LEROY et Léa, pas CARLES) :
        à l'intérieur d'un mot il ne trie rien, et seul un début de mot est servi par l'index trigramme.
        """
        tokens = search_tokens(text)
        qs = self.matching(tokens, short_tokens(tokens))
        if birth_date:
            qs = qs.filter(birth_date=birth_date)
        return qs

    def matching(self, tokens, short):
        """Les noms qui contiennent chaque fragment déjà normalisé de ``tokens`` (au début d'un mot pour ceux que
        ``short`` désigne) ; ``prefix_rank`` : 0 si le nom commence par le premier, 1 sinon (``search``)."""
        qs = self
        for token, is_short in zip(tokens, short, strict=True):
            if is_short:
                qs = qs.filter(Q(search_name__startswith=token) | Q(search_name__contains=f" {token}"))
            else:
                qs = qs.filter(search_name__contains=token)
        if tokens:
            # Les noms qui commencent par le premier fragment d'abord (« mar » : MARTIN avant CAMARA).
            qs = qs.alias(
                prefix_rank=models.Case(
                    models.When(search_name__startswith=tokens[0], then=0),
                    default=1,
                    output_field=models.IntegerField(),
                )
            )
        return qs

    def reaching_age_limit(self, today, days=rules.AGE_LIMIT_NOTICE_DAYS):
        """Jeunes dont la veille des 26 ans tombe dans les ``days`` prochains jours."""
        end = today + datetime.timedelta(days=days)
        window = self.filter(
            birth_date__gt=rules.years_before(today, MAX_AGE + 2),
            birth_date__lte=rules.years_before(end, MAX_AGE),
        )
        ids = [
            pk
            for pk, birth_date in window.values_list("pk", "birth_date")
            if rules.reaching_age_limit_between(birth_date, today, end)
        ]
        return self.filter(pk__in=ids)

    def with_last_contact(self):
        return self.annotate(last_contact_on=_last_held_contact(self.model))

    def without_held_contact_since(self, day):
        """Jeunes sans contact tenu depuis ``day`` (exclu), y compris ceux qui n'en ont jamais eu."""
        return self.with_last_contact().filter(
            models.Q(last_contact_on__lt=day) | models.Q(last_contact_on__isnull=True)
        )

    def with_current_situation(self, on=None):
        return self.annotate(current_situation=_current_situation(self.model, on or timezone.localdate()))

    def in_current_situation(self, category, on=None):
        """Jeunes dont l'une des situations en cours le jour ``on`` est de la catégorie ``category`` (un jeune
        peut en avoir plusieurs : celle que montre ``with_current_situation`` est la plus récente)."""
        current = _related(self.model, "situations").current(on).filter(young_person=models.OuterRef("pk"))
        return self.filter(models.Exists(current.filter(category=category)))

    def in_programme(self, code):
        """Jeunes inscrits, sans en être sortis, dans le dispositif de code ``code``."""
        enrolments = _related(self.model, "enrolments").open().filter(young_person=models.OuterRef("pk"))
        return self.filter(models.Exists(enrolments.filter(programme__code=code)))

    def with_current_programme(self):
        """``current_programme`` : le libellé du dispositif en cours (le dernier entré s'il y en a plusieurs)."""
        return self.annotate(current_programme=_current_programme(self.model))


# Les sous-requêtes des colonnes de « Mes jeunes » sont construites une fois (par jour pour la situation) : les
# construire coûtait presque autant que de les compiler. ``annotate`` en fait une copie à chaque usage.


def _related(model, name):
    """Le gestionnaire du modèle qu'une app plus haute rattache au jeune par la relation inverse ``name`` : la règle
    (contact tenu, situation en cours) reste écrite une fois, dans l'app qui en décide."""
    return model._meta.get_field(name).related_model.objects


@functools.cache
def _last_held_contact(model):
    held = _related(model, "contacts").held().filter(young_person=models.OuterRef("pk")).order_by("-date")
    return models.Subquery(held.values("date")[:1])


@functools.lru_cache(maxsize=4)
def _current_situation(model, on):
    current = (
        _related(model, "situations")
        .current(on)
        .filter(young_person=models.OuterRef("pk"))
        .order_by("-start_date")
    )
    return models.Subquery(current.values("category")[:1])


@functools.cache
def _current_programme(model):
    enrolments = (
        _related(model, "enrolments")
        .open()
        .filter(young_person=models.OuterRef("pk"))
        .order_by("-entry_date", "-pk")
    )
    return models.Subquery(enrolments.values("programme__label")[:1])


#: Colonnes des listes de dossiers (``for_listing``).
LISTING_FIELDS = (
    "mission_locale_id",
    "last_name",
    "first_name",
    "birth_date",
    "commune",
    "first_reception_date",
    "archived_at",
    "referent__username",
    "referent__first_name",
    "referent__last_name",
)


class YoungPerson(Versioned):
    mission_locale = modelkit.mission_locale_field()
    source_id = modelkit.source_id_field("identifiant dans le système d'origine")
    # Identité
    last_name = models.CharField("nom", max_length=100, validators=[validate_readable])
    first_name = models.CharField("prénom", max_length=100, validators=[validate_readable])
    birth_date = models.DateField("date de naissance")
    sex = models.CharField("sexe", max_length=1, choices=Sex.choices)
    nir = models.CharField(
        "NIR (numéro de sécurité sociale)", max_length=15, blank=True, default="", validators=[validate_nir]
    )
    search_name = models.CharField(max_length=SEARCH_NAME_LENGTH, editable=False, db_index=False)
    # Coordonnées
    email = models.EmailField("courriel", blank=True, default="")
    phone = models.CharField("téléphone", max_length=20, blank=True, default="", validators=[phone_validator])
    address = models.CharField("adresse", max_length=250, blank=True, default="")
    postcode = models.CharField(
        "code postal", max_length=5, blank=True, default="", validators=[postcode_validator]
    )
    commune = models.CharField("commune", max_length=100, blank=True, default="")
    in_qpv = models.BooleanField("réside en quartier prioritaire (QPV, ex-ZUS)", default=False)
    in_zrr = models.BooleanField("réside en zone de revitalisation rurale (ZRR)", default=False)
    is_rural = models.BooleanField("réside en commune rurale", default=False)
    # Parcours scolaire et situation
    education_level = models.CharField("niveau de formation", max_length=4, choices=EducationLevel.choices)
    highest_diploma = models.CharField("diplôme le plus élevé", max_length=150, blank=True, default="")
    certification_level = modelkit.optional_choice(
        "niveau de certification validé",
        CertificationLevel,
        6,
        help_text="Niveau du diplôme le plus élevé obtenu ; « aucune » sans CAP, BEP ni diplôme plus élevé.",
    )
    driving_licence = models.BooleanField("permis B", default=False)
    transport = models.CharField("moyen de transport", max_length=20, choices=Transport.choices, blank=True)
    housing = models.CharField("logement", max_length=20, choices=Housing.choices, blank=True)
    health_cover = models.CharField(
        "couverture santé", max_length=20, choices=HealthCover.choices, blank=True
    )
    resources = models.CharField("ressources", max_length=30, choices=Resources.choices, blank=True)
    rqth = models.BooleanField("reconnaissance de la qualité de travailleur handicapé (RQTH)", default=False)
    child_welfare = models.BooleanField(
        "suivi ou ancien suivi par l'aide sociale à l'enfance (ASE)", default=False
    )
    # Données sensibles
    health_notes = models.TextField("santé (donnée sensible)", blank=True, default="")
    judicial_follow_up = modelkit.optional_choice("suivi judiciaire (donnée sensible)", JudicialFollowUp, 20)
    # Accompagnement
    first_reception_date = models.DateField("date du premier accueil")
    referent = modelkit.optional_fk(
        settings.AUTH_USER_MODEL, "conseiller référent", on_delete=models.SET_NULL, related_name="portfolio"
    )
    archived_at = models.DateTimeField("archivé le", null=True, blank=True)
    archive_reason = models.CharField(
        "motif d'archivage", max_length=20, choices=ArchiveReason.choices, blank=True
    )
    merged_into = modelkit.optional_fk(
        "self", "fusionné dans", related_name="merged_duplicates", editable=False
    )
    created_at = modelkit.created_at_field()
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_name", "updated_at"])
    objects = YoungPersonQuerySet.as_manager()

    class Meta:
        verbose_name, verbose_name_plural = "jeune", "jeunes"
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["mission_locale", "search_name"], name="yp_ml_search_name"),
            models.Index(fields=["mission_locale", "birth_date"], name="yp_ml_birth_date"),
            models.Index(fields=["referent", "archived_at"], name="yp_referent_active"),
            models.Index(fields=["first_reception_date"], name="yp_first_reception"),
        ]
        constraints = [
            modelkit.ended_with_reason(
                "yp_archive_reason_with_date",
                end="archived_at",
                reason="archive_reason",
                message="Un dossier archivé a une date et un motif d'archivage.",
            ),
            models.CheckConstraint(
                name="yp_first_reception_after_birth",
                condition=Q(first_reception_date__gt=models.F("birth_date")),
                violation_error_message="Le premier accueil est postérieur à la naissance.",
            ),
            models.CheckConstraint(
                name="yp_merged_is_archived_duplicate",
                condition=Q(merged_into__isnull=True) | Q(archive_reason=ArchiveReason.DUPLICATE),
                violation_error_message="Un dossier fusionné est archivé comme doublon.",
            ),
            modelkit.unique_source_id("yp_unique_source_id_per_ml", scope="mission_locale"),
        ]

    def __str__(self):
        return f"{self.last_name.upper()} {self.first_name}"

    def save(self, *args, **kwargs):
        self.search_name = self.build_search_name(self.last_name, self.first_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name", "updated_at"}
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.birth_date and self.first_reception_date:
            error = rules.eligibility_error(self.birth_date, self.first_reception_date)
            if error:
                raise ValidationError({"birth_date": error})

    @staticmethod
    def build_search_name(last_name, first_name):
        return normalize(f"{last_name} {first_name}")[:SEARCH_NAME_LENGTH]

    @property
    def is_archived(self):
        return self.archived_at is not None

    def age(self, on=None):
        return rules.age_on(self.birth_date, on or datetime.date.today())


class ReferentAssignment(models.Model):
    """Historique des référents : une ligne par affectation, la dernière sans date de fin."""

    young_person = modelkit.young_person_field("referent_assignments")
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="référent", on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateTimeField("début", default=timezone.now)
    end = models.DateTimeField("fin", null=True, blank=True)
    assigned_by = modelkit.user_field("affecté par")
    reason = models.CharField("motif", max_length=250, blank=True, default="")

    class Meta:
        verbose_name, verbose_name_plural = "affectation de référent", "affectations de référent"
        ordering = ["-start"]
        constraints = [
            modelkit.unique("one_current_referent", ["young_person"], condition=Q(end__isnull=True)),
            modelkit.ends_after_start("assignment_end_after_start", start="start", end="end", message=None),
        ]

    def __str__(self):
        return f"{self.referent} depuis le {self.start:%d/%m/%Y}"


class FileAccess(models.Model):
    """Journal des consultations de dossier : qui, quand, quel dossier, par quel canal."""

    #: Canaux : une page du dossier, une page qui nomme plusieurs jeunes, le détail et la liste de l'API.
    WEB = "web"
    WEB_LIST = "web_liste"
    API = "api"
    API_LIST = "api_liste"
    #: Calendrier privé (.ics) d'un conseiller, lu par son outil d'agenda : une ligne par dossier et par jour.
    CALENDAR = "calendrier"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="utilisateur", on_delete=models.PROTECT)
    young_person = modelkit.young_person_field("+")
    at = models.DateTimeField("le", default=timezone.now, db_index=True)
    channel = models.CharField("canal", max_length=10, default="web")

    objects = YoungPersonScopedQuerySet.as_manager()

    class Meta:
        verbose_name, verbose_name_plural = "consultation de dossier", "consultations de dossier"
        ordering = ["-at"]
        indexes = [models.Index(fields=["young_person", "-at"], name="access_yp_at")]

    def __str__(self):
        return f"{self.user} a consulté le dossier {self.young_person_id} le {self.at:%d/%m/%Y %H:%M}"


class DuplicateDismissalQuerySet(MissionLocaleScopedQuerySet):
    mission_locale_path = "first__mission_locale_id"

    def pairs(self):
        return set(self.values_list("first_id", "second_id"))


class DuplicateDismissal(models.Model):
    """Deux dossiers déclarés « pas un doublon » par la direction : la paire quitte la liste des doublons
    probables (``duplicates.probable_pairs``). ``first`` est le dossier de plus petit identifiant."""

    first = models.ForeignKey(
        YoungPerson, verbose_name="premier dossier", on_delete=models.CASCADE, related_name="+"
    )
    second = models.ForeignKey(
        YoungPerson, verbose_name="second dossier", on_delete=models.CASCADE, related_name="+"
    )
    dismissed_by = modelkit.user_field("écarté par")
    dismissed_at = models.DateTimeField("écarté le", default=timezone.now)

    objects = DuplicateDismissalQuerySet.as_manager()

    class Meta:
        verbose_name, verbose_name_plural = "paire écartée des doublons", "paires écartées des doublons"
        constraints = [
            modelkit.unique("duplicate_dismissal_unique_pair", ["first", "second"]),
            models.CheckConstraint(
                name="duplicate_dismissal_ordered_pair",
                condition=Q(first__lt=models.F("second")),
                violation_error_message="Une paire écartée nomme deux dossiers différents, le plus ancien d'abord.",
            ),
        ]

    def __str__(self):
        return f"Dossiers {self.first_id} et {self.second_id} : pas un doublon"
