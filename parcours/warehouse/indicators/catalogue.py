"""Le catalogue des indicateurs : chaque indicateur est défini ici une fois, en SQL, avec son libellé
et sa définition en français (domain.md §8). Le tableau de bord, la commande ``indicateurs``, les
exports et la documentation lisent tous ce catalogue.

Une expression SQL est un agrégat DuckDB évalué par mission locale sur une *source* ; les régions et
la nation sont les sommes de leurs missions locales (un jeune appartient à une seule mission locale,
donc les comptes de jeunes distincts s'additionnent). Paramètres : ``$periode`` (masque des mois de
la période dans la fenêtre de 24 mois), ``$jdi`` (masque des 5 mois jusqu'à la fin de la période),
``$debut`` et ``$fin`` (dates). Un taux est le rapport de deux indicateurs, recalculé à chaque niveau.
"""

import dataclasses

#: Sources : table et filtre de partition. Les indicateurs de jeunes (yp_window, prog_window) sont
#: aussi mis en réserve pour toutes les plages de mois contiguës dans ``range_counts`` (voir ranges.py).
SOURCES = {
    "yp_window": ("yp_window", "year = $annee"),
    "prog_window": ("prog_window", "year = $annee"),
    "ml_month": ("ml_month", "month BETWEEN $debut AND $fin"),
    "enveloppes_mois": ("enveloppes_mois", "month BETWEEN $debut AND $fin"),
    "employeurs_mois": ("employeurs_mois", "month BETWEEN $debut AND $fin"),
    "rappels_mois": ("rappels_mois", "month BETWEEN $debut AND $fin"),
}

PERSONS, ACTS, TARGET, RATE, RATIO = "jeunes", "actes", "objectif", "taux", "ratio"
UNITS = {PERSONS: "jeunes", ACTS: "actes", TARGET: "jeunes", RATE: "%", RATIO: "par jeune"}


@dataclasses.dataclass(frozen=True)
class Indicator:
    code: str
    section: str
    label: str
    definition: str
    kind: str
    source: str = ""
    sql: str = ""
    numerator: str = ""
    denominator: str = ""
    level: int = 0  # 0 : ligne principale, 1 : détail (« · en emploi »)
    column: str = ""  # jeunes : masque de mois testé (colonne ou expression de yp_window / prog_window)
    window: str = (
        "periode"  # jeunes : « periode » (les mois de P) ou « jdi » (les 5 mois jusqu'à la fin de P)
    )
    programme: str = ""
    unit_name: str = ""  # unité propre (« employeurs »…) ; sinon celle de son genre

    @property
    def is_count(self):
        return self.kind in (PERSONS, ACTS, TARGET)

    @property
    def unit(self):
        return self.unit_name or UNITS[self.kind]


def _persons(
    code, section, label, definition, column, level=0, window="periode", source="yp_window", programme=""
):
    """Jeunes distincts dont le masque ``column`` a au moins un mois dans la fenêtre (P ou JDI)."""
    quoted = programme.replace("'", "''")
    condition = (f"programme = '{quoted}' AND " if programme else "") + f"{column} & ${window} <> 0"
    return Indicator(
        code,
        section,
        label,
        definition,
        PERSONS,
        source,
        f"count(*) FILTER (WHERE {condition})",
        level=level,
        column=column,
        window=window,
        programme=programme,
    )


def _acts(code, section, label, definition, column, level=0, source="ml_month", unit=""):
    return Indicator(
        code, section, label, definition, ACTS, source, f"sum({column})", level=level, unit_name=unit
    )


def _rate(code, section, label, definition, numerator, denominator, kind=RATE, level=0):
    return Indicator(
        code, section, label, definition, kind, numerator=numerator, denominator=denominator, level=level
    )


WELCOME = "Accueil des jeunes"
PROFILE = "Profil des jeunes accueillis pour la 1re fois"
WORK = "Accès à la vie professionnelle"
ACTIVITY = "Actes professionnels"
COTRAITANCE = "Co-traitance avec France Travail"
EMPLOYERS = "Relations avec les employeurs"
APPOINTMENTS = "Rendez-vous"

BASE = [
    _persons(
        "accueillis",
        WELCOME,
        "Jeunes accueillis",
        "Jeunes distincts ayant eu au moins un contact tenu (statut « présent » : entretien individuel, "
        "information collective ou atelier) pendant la période.",
        "held",
    ),
    _persons(
        "vus_entretien_individuel",
        WELCOME,
        "reçus en entretien individuel",
        "Jeunes distincts ayant eu au moins un entretien individuel tenu (statut « présent ») pendant la "
        "période.",
        "held_individual",
        level=1,
    ),
    _persons(
        "premiere_fois",
        WELCOME,
        "Jeunes accueillis pour la 1re fois",
        "Jeunes dont la date de premier accueil tombe dans la période.",
        "first_reception",
    ),
    _rate(
        "taux_premiere_fois",
        WELCOME,
        "Part des premiers accueils",
        "Jeunes accueillis pour la 1re fois rapportés aux jeunes accueillis.",
        "premiere_fois",
        "accueillis",
    ),
    _persons(
        "jdi",
        WELCOME,
        "Jeunes en demande d'insertion (JDI) en fin de période",
        "À la date de fin de la période : jeunes ayant eu au moins un contact tenu dans les cinq mois "
        "qui la précèdent (le mois de fin compris).",
        "held",
        window="jdi",
    ),
    _persons(
        "premiere_fois_infra_v",
        PROFILE,
        "Premiers accueils de niveau infra V",
        "Jeunes accueillis pour la 1re fois pendant la période dont le niveau de formation est inférieur "
        "au niveau V (niveaux VI et V bis : sortie avant la fin du 1er cycle du secondaire ou en cours de "
        "CAP/BEP). Niveau du dossier à la date de l'extraction.",
        "first_infra_v",
    ),
    _rate(
        "taux_infra_v",
        PROFILE,
        "Part des premiers accueils de niveau infra V",
        "Premiers accueils de niveau infra V rapportés à l'ensemble des premiers accueils.",
        "premiere_fois_infra_v",
        "premiere_fois",
    ),
    _persons(
        "premiere_fois_sans_bac",
        PROFILE,
        "Premiers accueils sans le bac",
        "Jeunes accueillis pour la 1re fois pendant la période dont le niveau de formation est inférieur "
        "au niveau IV (niveaux VI, V bis et V) : ils n'ont pas atteint le niveau du baccalauréat. Un niveau "
        "IV sans le diplôme n'est pas compté, le niveau ne disant pas si le bac est obtenu.",
        "first_no_bac",
    ),
    _rate(
        "taux_sans_bac",
        PROFILE,
        "Part des premiers accueils sans le bac",
        "Premiers accueils sans le bac rapportés à l'ensemble des premiers accueils.",
        "premiere_fois_sans_bac",
        "premiere_fois",
    ),
    _persons(
        "premiere_fois_zone_prioritaire",
        PROFILE,
        "Premiers accueils résidant en zone prioritaire",
        "Jeunes accueillis pour la 1re fois pendant la période qui résident en quartier prioritaire de la "
        "ville (QPV, ex-ZUS), en zone de revitalisation rurale (ZRR) ou en commune rurale (un jeune compte "
        "une fois, les lignes de détail peuvent donc dépasser le total). Adresse du dossier à la date de "
        "l'extraction.",
        "first_priority_zone",
    ),
    _persons(
        "premiere_fois_qpv",
        PROFILE,
        "en quartier prioritaire (QPV, ex-ZUS)",
        "Premiers accueils de la période résidant en quartier prioritaire de la ville (QPV, ex-ZUS).",
        "first_qpv",
        level=1,
    ),
    _persons(
        "premiere_fois_zrr",
        PROFILE,
        "en zone de revitalisation rurale (ZRR)",
        "Premiers accueils de la période résidant en zone de revitalisation rurale.",
        "first_zrr",
        level=1,
    ),
    _persons(
        "premiere_fois_rural",
        PROFILE,
        "en commune rurale",
        "Premiers accueils de la période résidant en commune rurale.",
        "first_rural",
        level=1,
    ),
    _rate(
        "taux_zone_prioritaire",
        PROFILE,
        "Part des premiers accueils résidant en zone prioritaire",
        "Premiers accueils résidant en QPV, en ZRR ou en commune rurale rapportés à l'ensemble des "
        "premiers accueils.",
        "premiere_fois_zone_prioritaire",
        "premiere_fois",
    ),
    _persons(
        "emploi_formation",
        WORK,
        "Jeunes en emploi ou formation",
        "Jeunes ayant commencé pendant la période une situation d'emploi, de contrat en alternance ou de "
        "formation ; un jeune compte une fois, les lignes de détail peuvent donc dépasser le total.",
        "(emploi | alternance | formation)",
    ),
    _persons(
        "emploi",
        WORK,
        "en emploi",
        "Jeunes ayant commencé une situation d'emploi (CDI, CDD, intérim, contrat aidé, création "
        "d'entreprise) pendant la période.",
        "emploi",
        level=1,
    ),
    _persons(
        "alternance",
        WORK,
        "en alternance",
        "Jeunes ayant commencé un contrat en alternance (apprentissage, professionnalisation) pendant la période.",
        "alternance",
        level=1,
    ),
    _persons(
        "formation",
        WORK,
        "en formation",
        "Jeunes ayant commencé une formation (qualifiante, pré-qualifiante, remise à niveau) pendant la période.",
        "formation",
        level=1,
    ),
    _rate(
        "taux_emploi_formation",
        WORK,
        "Part des jeunes accueillis en emploi ou formation",
        "Jeunes en emploi ou formation rapportés aux jeunes accueillis.",
        "emploi_formation",
        "accueillis",
    ),
    _acts(
        "contacts_tenus",
        ACTIVITY,
        "Contacts tenus",
        "Nombre de contacts au statut « présent » datés de la période.",
        "held",
    ),
    _acts(
        "entretiens_individuels",
        ACTIVITY,
        "entretiens individuels",
        "Contacts tenus de type entretien individuel.",
        "held_individual",
        level=1,
    ),
    _acts(
        "informations_collectives",
        ACTIVITY,
        "informations collectives",
        "Contacts tenus de type information collective.",
        "held_group",
        level=1,
    ),
    _acts("ateliers", ACTIVITY, "ateliers", "Contacts tenus de type atelier.", "held_workshop", level=1),
    _rate(
        "contacts_par_jeune",
        ACTIVITY,
        "Contacts tenus par jeune accueilli",
        "Contacts tenus rapportés aux jeunes accueillis.",
        "contacts_tenus",
        "accueillis",
        kind=RATIO,
    ),
    _acts(
        "propositions",
        ACTIVITY,
        "Propositions",
        "Propositions (prescriptions) faites pendant la période, quel que soit leur statut.",
        "proposals",
    ),
    _acts(
        "situations",
        ACTIVITY,
        "Situations commencées",
        "Situations (toutes catégories) dont la date de début tombe dans la période.",
        "situations",
    ),
]

#: Ce qu'est un rendez-vous, pour l'entrepôt (le même texte dans chaque définition de la rubrique).
APPOINTMENT_RULE = (
    "Un rendez-vous est un contact pris à une heure donnée (entretien individuel, information collective "
    "ou atelier) : l'agenda n'en prend aucun sans heure, alors qu'un contact saisi après coup (visite "
    "spontanée, appel) l'est le plus souvent sans heure et n'en est pas un."
)

APPOINTMENT_INDICATORS = [
    _acts(
        "rdv_prevus",
        APPOINTMENTS,
        "Rendez-vous prévus (hors annulés et reportés)",
        "Rendez-vous datés de la période dont la présence est notée : « présent », « absent » ou « excusé ». "
        "Un rendez-vous annulé ou reporté avant sa date n'était plus attendu : il n'est pas compté, pas plus "
        "qu'un rendez-vous encore « planifié » (à venir, ou passé sans que la présence soit notée). "
        + APPOINTMENT_RULE,
        "appt_present + appt_absent + appt_excused",
        unit="rendez-vous",
    ),
    _acts(
        "rdv_honores",
        APPOINTMENTS,
        "honorés (présent)",
        "Rendez-vous prévus de la période au statut « présent » : ce sont aussi des contacts tenus.",
        "appt_present",
        level=1,
        unit="rendez-vous",
    ),
    _acts(
        "rdv_absents",
        APPOINTMENTS,
        "manqués sans excuse (absent)",
        "Rendez-vous prévus de la période au statut « absent » : le jeune n'est pas venu sans avoir prévenu.",
        "appt_absent",
        level=1,
        unit="rendez-vous",
    ),
    _acts(
        "rdv_excuses",
        APPOINTMENTS,
        "excusés",
        "Rendez-vous prévus de la période au statut « excusé » : le jeune a prévenu qu'il ne viendrait pas.",
        "appt_excused",
        level=1,
        unit="rendez-vous",
    ),
    _rate(
        "taux_absence_rdv",
        APPOINTMENTS,
        "Taux d'absence aux rendez-vous",
        "Rendez-vous manqués sans excuse (« absent ») rapportés aux rendez-vous prévus hors annulés et "
        "reportés (« présent », « absent » ou « excusé ») de la période. Un rendez-vous excusé compte au "
        "dénominateur, pas au numérateur ; un rendez-vous annulé ou reporté ne compte nulle part. "
        + APPOINTMENT_RULE,
        "rdv_absents",
        "rdv_prevus",
    ),
    _acts(
        "rappels_envoyes",
        APPOINTMENTS,
        "Rappels de rendez-vous envoyés",
        "Rappels (courriel ou SMS, envoyés par Parcours avant un rendez-vous, avec l'accord du jeune) des "
        "rendez-vous datés de la période, une fois l'envoi tenté : remis au serveur de messagerie ou au "
        "prestataire SMS, ou abandonnés après trois essais. Ni les rappels encore à envoyer, ni ceux devenus "
        "sans objet (rendez-vous annulé ou déplacé, accord retiré).",
        "reminders_attempted",
        source="rappels_mois",
        unit="rappels",
    ),
    _acts(
        "rappels_remis",
        APPOINTMENTS,
        "remis",
        "Rappels envoyés de la période acceptés par le serveur de messagerie (courriel) ou par le prestataire "
        "SMS sans échec signalé ensuite par l'opérateur.",
        "reminders_delivered",
        level=1,
        source="rappels_mois",
        unit="rappels",
    ),
    _acts(
        "rappels_echecs",
        APPOINTMENTS,
        "en échec",
        "Rappels envoyés de la période refusés (adresse, numéro, prestataire) après trois essais, ou signalés "
        "non remis par l'opérateur SMS.",
        "reminders_failed",
        level=1,
        source="rappels_mois",
        unit="rappels",
    ),
    _rate(
        "part_rappels_remis",
        APPOINTMENTS,
        "Part des rappels remis",
        "Rappels remis rapportés aux rappels envoyés (remis ou en échec) des rendez-vous de la période.",
        "rappels_remis",
        "rappels_envoyes",
    ),
]

COTRAITANCE_INDICATORS = [
    _persons(
        "cot_entrees",
        COTRAITANCE,
        "Entrées en co-traitance",
        "Jeunes orientés par France Travail (Pôle emploi avant 2024) entrés en co-traitance pendant la période.",
        "cot_entry",
    ),
    _persons(
        "cot_entrees_allocataires",
        COTRAITANCE,
        "dont bénéficiaires d'une indemnisation",
        "Entrées en co-traitance de jeunes indemnisés (ouvrant droit au paiement de 500 € par entrée).",
        "cot_benefit",
        level=1,
    ),
    Indicator(
        "cot_objectif",
        COTRAITANCE,
        "Objectif de l'enveloppe (prorata de la période)",
        "Objectif annuel d'entrées de l'enveloppe de la mission locale, au prorata des mois de la période.",
        TARGET,
        "enveloppes_mois",
        "sum(target)",
    ),
    _rate(
        "cot_taux_realisation",
        COTRAITANCE,
        "Réalisation de l'enveloppe",
        "Entrées en co-traitance rapportées à l'objectif de l'enveloppe au prorata de la période "
        "(tolérance ±20 % ; alerte au-delà de 130 % à mi-année).",
        "cot_entrees",
        "cot_objectif",
    ),
]

#: Chiffres mensuels des relations avec les employeurs (``employers.queries.warehouse_monthly_figures``).
EMPLOYER_INDICATORS = [
    _acts(
        "employeurs_en_contact",
        EMPLOYERS,
        "Employeurs en contact (cumul mensuel)",
        "Pour chaque mois de la période, employeurs distincts ayant eu avec la mission locale un échange "
        "saisi, une offre d'emploi reçue, un recrutement ou une immersion qui commence ; somme des mois "
        "(un employeur en contact trois mois compte trois fois).",
        "employers_in_contact",
        source="employeurs_mois",
        unit="employeurs",
    ),
    _acts(
        "immersions",
        EMPLOYERS,
        "Immersions en entreprise (PMSMP)",
        "Périodes de mise en situation en milieu professionnel qui commencent pendant la période.",
        "immersions",
        source="employeurs_mois",
        unit="immersions",
    ),
    _acts(
        "jeunes_parraines",
        EMPLOYERS,
        "Jeunes entrés en parrainage",
        "Jeunes dont le contrat de parrainage est signé pendant la période (un jeune qui signe deux "
        "contrats à des mois différents compte deux fois).",
        "sponsored_young_people",
        source="employeurs_mois",
        unit="jeunes",
    ),
]

PROGRAMME_TEMPLATE = [
    ("entres", "Jeunes entrés en {p}", "Jeunes dont l'entrée en {p} tombe dans la période.", "entered", 0),
    (
        "accompagnes",
        "Jeunes accompagnés en {p}",
        "Jeunes dont l'enrôlement en {p} est ouvert à un moment de la période.",
        "open",
        0,
    ),
    ("sortis", "Jeunes sortis du {p}", "Jeunes dont la sortie du {p} tombe dans la période.", "exited", 0),
    (
        "sortis_emploi_formation",
        "Jeunes sortis en emploi ou formation",
        "Sortis du {p} pendant la période en sortie positive (domain.md §4) : emploi, alternance, "
        "formation de 6 mois et plus ou retour en scolarité.",
        "(exited_emploi | exited_alternance | exited_formation)",
        1,
    ),
    ("sortis_emploi", "sortis en emploi", "Sortis du {p} en emploi pendant la période.", "exited_emploi", 1),
    (
        "sortis_emploi_durable",
        "sortis en emploi durable",
        "Sortis du {p} en emploi durable (CDI, ou CDD, intérim, contrat aidé d'au moins 6 mois).",
        "exited_durable",
        1,
    ),
    (
        "sortis_alternance",
        "sortis en alternance",
        "Sortis du {p} en contrat en alternance pendant la période.",
        "exited_alternance",
        1,
    ),
    (
        "sortis_formation",
        "sortis en formation",
        "Sortis du {p} pendant la période en formation de 6 mois et plus ou en retour en scolarité.",
        "exited_formation",
        1,
    ),
]

#: Programmes suivis par défaut (la ligne CIVIS du tableau COPEXEN) ; les autres s'ajoutent s'ils ont des données.
DEFAULT_PROGRAMMES = ("CIVIS",)


def programme_code(programme):
    return "".join(c if c.isalnum() else "_" for c in programme.lower())


def programme_indicators(programme):
    prefix, section = programme_code(programme), f"Programme {programme}"
    result = []
    for suffix, label, definition, column, level in PROGRAMME_TEMPLATE:
        result.append(
            _persons(
                f"{prefix}_{suffix}",
                section,
                label.format(p=programme),
                definition.format(p=programme),
                column,
                level=level,
                source="prog_window",
                programme=programme,
            )
        )
    result.append(
        _rate(
            f"{prefix}_taux_sorties_positives",
            section,
            f"Part des sorties du {programme} en emploi ou formation",
            f"Sortis du {programme} en emploi ou formation rapportés à l'ensemble des sortis.",
            f"{prefix}_sortis_emploi_formation",
            f"{prefix}_sortis",
        )
    )
    result.append(
        _rate(
            f"{prefix}_taux_emploi_durable",
            section,
            f"Part des sorties du {programme} en emploi durable",
            f"Sortis du {programme} en emploi durable rapportés à l'ensemble des sortis.",
            f"{prefix}_sortis_emploi_durable",
            f"{prefix}_sortis",
        )
    )
    return result


def catalogue(programmes=DEFAULT_PROGRAMMES):
    """Tous les indicateurs, dans l'ordre d'affichage."""
    indicators = list(BASE) + APPOINTMENT_INDICATORS
    for programme in programmes:
        indicators += programme_indicators(programme)
    return indicators + COTRAITANCE_INDICATORS + EMPLOYER_INDICATORS


def by_code(indicators):
    return {indicator.code: indicator for indicator in indicators}
