"""Format des fichiers d'import : un fichier par modèle, une colonne par champ.

C'est la seule description du format : la lecture, la validation, l'écriture et la documentation
(docs/import-dossiers.md, partie générée) en dérivent.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from parcours.accompaniment import enums as accompaniment
from parcours.programmes.enums import ExitOutcome
from parcours.young_people import enums as young_people
from parcours.young_people.validators import compact_nir

# Natures de colonne
TEXT = "texte"
DATE = "date"
DAY_DATETIME = "date_jour"  # date AAAA-MM-JJ enregistrée à minuit (heure de Paris)
TIME = "heure"
BOOL = "oui_non"
CHOICE = "code"
CODES = "codes"  # plusieurs codes séparés par « | »
USER = "identifiant"
REFERENCE = "reference"  # identifiant d'un autre enregistrement du même import
PROGRAMME = "dispositif"  # code d'un dispositif (données de parcours/programmes/data/dispositifs.csv)
COHORT = "cohorte"  # libellé d'une cohorte du dispositif dans la mission locale
PHASES = "phases"  # « ordre:AAAA-MM-JJ » séparés par « | »
#: Natures lues dans ``ParsedRow.extra`` (colonne -> valeur) : elles ne sont pas un champ du modèle.
EXTRA_KINDS = (COHORT, PHASES)

ML_COLUMN = "code_ml"
SOURCE_ID_COLUMN = "id_source"
YOUNG_PERSON_COLUMN = "id_jeune"
CONTACT_COLUMN = "id_contact"


@dataclass(frozen=True)
class Column:
    name: str
    field: str
    kind: str = TEXT
    required: bool = False
    choices: type | None = None
    help: str = ""
    personal: bool = False  # donnée personnelle : un message d'erreur ne recopie jamais la valeur
    not_in_future: bool = False  # date qui ne peut pas dépasser le jour de l'import
    clean: Callable | None = None  # texte : sa forme enregistrée (NIR sans séparateurs)


@dataclass(frozen=True)
class FileSpec:
    name: str
    label: str
    model_label: str  # « app_label.Model »
    columns: tuple

    @cached_property
    def by_name(self):
        return {column.name: column for column in self.columns}

    @cached_property
    def required_names(self):
        return [column.name for column in self.columns if column.required]

    @cached_property
    def model(self):
        from django.apps import apps

        return apps.get_model(self.model_label)


def _common(young_person_scoped):
    columns = [
        Column(
            ML_COLUMN,
            "" if young_person_scoped else "mission_locale",
            help="Code structure de la mission locale ; s'il est vide, celui de l'option --mission-locale.",
        )
    ]
    if young_person_scoped:
        columns.append(
            Column(
                YOUNG_PERSON_COLUMN,
                "young_person",
                REFERENCE,
                required=True,
                help="Identifiant du jeune dans le système d'origine (colonne id_source de jeunes.csv, "
                "ou jeune déjà importé dans la même mission locale).",
            )
        )
    columns.append(
        Column(
            SOURCE_ID_COLUMN,
            "source_id",
            required=True,
            help="Identifiant de la ligne dans le système d'origine"
            + (", unique pour un même jeune." if young_person_scoped else ", unique dans la mission locale."),
        )
    )
    return columns


#: Le conseiller d'un contact, d'une proposition, d'une situation ou d'une inscription.
COUNSELLOR = Column("conseiller", "counsellor", USER, help="Compte de la mission locale.")


YOUNG_PEOPLE = FileSpec(
    "jeunes.csv",
    "jeunes",
    "young_people.YoungPerson",
    (
        *_common(young_person_scoped=False),
        Column("nom", "last_name", required=True, personal=True),
        Column("prenom", "first_name", required=True, personal=True),
        Column("date_naissance", "birth_date", DATE, required=True, personal=True),
        Column("sexe", "sex", CHOICE, required=True, choices=young_people.Sex),
        Column("nir", "nir", help="13 caractères, ou 15 avec la clé.", personal=True, clean=compact_nir),
        Column("courriel", "email", personal=True),
        Column("telephone", "phone", personal=True),
        Column("adresse", "address", personal=True),
        Column("code_postal", "postcode", help="5 chiffres."),
        Column("commune", "commune"),
        Column("qpv", "in_qpv", BOOL),
        Column("zrr", "in_zrr", BOOL),
        Column("rural", "is_rural", BOOL),
        Column(
            "niveau_formation", "education_level", CHOICE, required=True, choices=young_people.EducationLevel
        ),
        Column("diplome", "highest_diploma", help="En clair (ex. : CAP Cuisine)."),
        Column("permis_b", "driving_licence", BOOL),
        Column("transport", "transport", CHOICE, choices=young_people.Transport),
        Column("logement", "housing", CHOICE, choices=young_people.Housing),
        Column("couverture_sante", "health_cover", CHOICE, choices=young_people.HealthCover),
        Column("ressources", "resources", CHOICE, choices=young_people.Resources),
        Column("rqth", "rqth", BOOL),
        Column("ase", "child_welfare", BOOL),
        Column(
            "sante",
            "health_notes",
            help="Donnée sensible : visible du seul référent et de la direction.",
            personal=True,
        ),
        Column(
            "suivi_judiciaire",
            "judicial_follow_up",
            CHOICE,
            choices=young_people.JudicialFollowUp,
            help="Donnée sensible ; vide si aucun suivi.",
            personal=True,
        ),
        Column(
            "date_premier_accueil",
            "first_reception_date",
            DATE,
            required=True,
            help="Pas dans le futur.",
            not_in_future=True,
        ),
        Column(
            "referent",
            "referent",
            USER,
            help="Compte actif de la mission locale.",
        ),
        Column(
            "date_archivage",
            "archived_at",
            DAY_DATETIME,
            help="Dossier archivé dans le système d'origine ; va avec motif_archivage.",
        ),
        Column("motif_archivage", "archive_reason", CHOICE, choices=young_people.ArchiveReason),
    ),
)

CONTACTS = FileSpec(
    "contacts.csv",
    "contacts",
    "accompaniment.Contact",
    (
        *_common(young_person_scoped=True),
        Column("date", "date", DATE, required=True),
        Column("heure", "time", TIME),
        Column("type", "kind", CHOICE, required=True, choices=accompaniment.ContactKind),
        Column("modalite", "mode", CHOICE, choices=accompaniment.ContactMode, help="Vide : sur site."),
        Column(
            "statut",
            "status",
            CHOICE,
            choices=accompaniment.AttendanceStatus,
            help="Vide : présent. Un contact à une date future ne peut pas être « présent ».",
        ),
        Column("themes", "themes", CODES, choices=accompaniment.Theme),
        Column("compte_rendu", "notes"),
        COUNSELLOR,
    ),
)

PROPOSALS = FileSpec(
    "propositions.csv",
    "propositions",
    "accompaniment.Proposal",
    (
        *_common(young_person_scoped=True),
        Column(
            CONTACT_COLUMN,
            "contact",
            REFERENCE,
            help="Identifiant (id_source) du contact du même jeune au cours duquel la proposition a été faite.",
        ),
        Column("date", "date", DATE, required=True),
        Column("theme", "theme", CHOICE, required=True, choices=accompaniment.Theme),
        Column("type", "kind", CHOICE, required=True, choices=accompaniment.ProposalKind),
        Column("partenaire", "partner"),
        Column("intitule", "description"),
        Column("statut", "status", CHOICE, choices=accompaniment.ProposalStatus, help="Vide : prescrit."),
        COUNSELLOR,
    ),
)

SITUATIONS = FileSpec(
    "situations.csv",
    "situations",
    "accompaniment.Situation",
    (
        *_common(young_person_scoped=True),
        Column("categorie", "category", CHOICE, required=True, choices=accompaniment.SituationCategory),
        Column(
            "type",
            "kind",
            CHOICE,
            choices=accompaniment.SituationKind,
            help="Obligatoire pour les catégories qui ont des types (voir le tableau des types par catégorie).",
        ),
        Column("etat", "state", CHOICE, required=True, choices=accompaniment.SituationState),
        Column("date_debut", "start_date", DATE, required=True),
        Column("date_fin", "end_date", DATE, help="Obligatoire si l'état est « terminé »."),
        Column("code_rome", "rome_code", help="Une lettre de A à N et 4 chiffres (ex. : K2204)."),
        Column("employeur", "employer"),
        COUNSELLOR,
    ),
)

ENROLMENTS = FileSpec(
    "inscriptions.csv",
    "inscriptions dans un dispositif",
    "programmes.Enrolment",
    (
        *_common(young_person_scoped=True),
        Column(
            "dispositif",
            "programme",
            PROGRAMME,
            required=True,
            help="Code du dispositif (voir le tableau des dispositifs et de leurs phases).",
        ),
        Column("date_entree", "entry_date", DATE, required=True),
        Column(
            "cohorte",
            "cohort",
            COHORT,
            help="Obligatoire pour un dispositif par cohortes (Garantie jeunes), vide sinon : libellé de la "
            "cohorte dans la mission locale, créée si besoin (démarrage : la première date d'entrée du fichier).",
        ),
        Column(
            "phases",
            "",
            PHASES,
            help="Phases suivies, dans l'ordre : numéro de la phase et date de début (ex. : "
            "1:2017-03-01|2:2017-04-03) ; la première est la phase 1, commencée à l'entrée. "
            "Vide : la phase 1 seule.",
        ),
        Column("date_sortie", "exit_date", DATE, help="Vide : inscription en cours ; va avec motif_sortie."),
        Column("motif_sortie", "exit_outcome", CHOICE, choices=ExitOutcome),
        Column("precisions_sortie", "exit_notes"),
        COUNSELLOR,
    ),
)

#: Ordre de lecture et d'écriture : les jeunes d'abord, les contacts avant les propositions ; les
#: inscriptions en dernier (leurs règles lisent le dossier et ses situations à jour).
FILES = (YOUNG_PEOPLE, CONTACTS, PROPOSALS, SITUATIONS, ENROLMENTS)
