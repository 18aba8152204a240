"""Lois des données synthétiques (domain.md §1–4, §8) : une table de poids par caractéristique.

Sources : 000 (premiers accueils 2009 : 14 % ZUS, 7 % ZRR, 17 % rural), 001 et 002 (volumes, rythmes).
Chaque table est ``{valeur: poids}`` ; ``Weighted`` tire une valeur avec un ``random.Random``.
"""

import bisect
import itertools

from parcours.accompaniment.enums import (
    AttendanceStatus,
    ContactKind,
    ContactMode,
    ProposalStatus,
    SituationCategory,
    SituationKind,
    Theme,
)
from parcours.young_people.enums import (
    ArchiveReason,
    EducationLevel,
    HealthCover,
    Housing,
    Resources,
    Transport,
)


def pick(rng, sequence):
    """Élément au hasard (plus rapide que ``rng.choice`` : un seul appel à ``random()``)."""
    return sequence[int(rng.random() * len(sequence))]


def between(rng, low, high):
    """Entier au hasard entre ``low`` et ``high`` inclus (plus rapide que ``rng.randint``)."""
    return low + int(rng.random() * (high - low + 1))


def pick_weighted(rng, pairs):
    """Élément tiré d'une liste ``[(élément, poids)]`` (un seul appel à ``random()``)."""
    draw = rng.uniform(0, sum(weight for _, weight in pairs))
    for item, weight in pairs:
        draw -= weight
        if draw <= 0:
            return item
    return pairs[-1][0]


class Weighted:
    """Tirage pondéré rapide (poids cumulés et recherche dichotomique)."""

    def __init__(self, table):
        self.values = list(table)
        self.cumulative = list(itertools.accumulate(table.values()))
        self.total = self.cumulative[-1]

    def __call__(self, rng):
        return self.values[bisect.bisect_right(self.cumulative, rng.random() * self.total)]

    def share(self, value):
        index = self.values.index(value)
        previous = self.cumulative[index - 1] if index else 0
        return (self.cumulative[index] - previous) / self.total


# Âge au premier accueil : 16–25 ans, pic de 18 à 21 ans.
AGE_AT_FIRST_RECEPTION = Weighted({16: 4, 17: 8, 18: 14, 19: 15, 20: 14, 21: 12, 22: 10, 23: 9, 24: 8, 25: 6})

# Niveau de formation : ~40 % infra V (VI, V bis), 35 % V, 20 % IV, 5 % III et plus.
EDUCATION = Weighted(
    {
        EducationLevel.VI: 12,
        EducationLevel.VBIS: 28,
        EducationLevel.V: 35,
        EducationLevel.IV: 20,
        EducationLevel.III: 3.5,
        EducationLevel.II: 1,
        EducationLevel.I: 0.5,
    }
)

QPV_SHARE = 0.14
RURAL_SHARE = 0.17
ZRR_SHARE_OF_RURAL = 0.41  # 7 % des jeunes au total
RQTH_SHARE = 0.03
CHILD_WELFARE_SHARE = 0.06
PJJ_SHARE = 0.02
UNDER_JUSTICE_SHARE = 0.015
HEALTH_NOTES_SHARE = 0.04
NIR_SHARE = 0.6
EMAIL_SHARE = 0.85
PHONE_SHARE = 0.93
DUPLICATE_SHARE = 0.002  # doublons (même nom et date de naissance) à détecter

HOUSING = Weighted(
    {
        Housing.PARENTS: 55,
        Housing.HOSTED: 18,
        Housing.AUTONOMOUS: 15,
        Housing.HOSTEL: 7,
        Housing.EMERGENCY: 3,
        Housing.HOMELESS: 2,
    }
)
HEALTH_COVER = Weighted(
    {HealthCover.COMPLEMENTARY: 55, HealthCover.BASIC: 20, HealthCover.CSS: 20, HealthCover.NONE: 5}
)
RESOURCES = Weighted(
    {
        Resources.NONE: 45,
        Resources.FAMILY: 20,
        Resources.WAGES: 12,
        Resources.BENEFITS: 10,
        Resources.ALLOWANCE: 8,
        Resources.GRANT: 5,
    }
)
TRANSPORT_URBAN = Weighted(
    {Transport.PUBLIC: 60, Transport.NONE: 20, Transport.BICYCLE: 12, Transport.MOTORBIKE: 8}
)
TRANSPORT_RURAL = Weighted(
    {Transport.PUBLIC: 15, Transport.NONE: 45, Transport.BICYCLE: 15, Transport.MOTORBIKE: 25}
)

# Saisonnalité des premiers accueils (rentrée forte, août creux), par mois.
MONTH_WEIGHTS = {1: 10, 2: 9, 3: 10, 4: 9, 5: 8, 6: 8, 7: 7, 8: 4, 9: 13, 10: 12, 11: 10, 12: 6}

# Durée de l'accompagnement en jours : court (quelques venues), moyen, long.
ACCOMPANIMENT_LENGTH = Weighted({(20, 120): 22, (120, 540): 43, (540, 1000): 35})
ARCHIVE_AFTER_INACTIVITY_DAYS = 180
ARCHIVE_SHARE_WHEN_INACTIVE = 0.85
ARCHIVE_REASON = Weighted(
    {
        ArchiveReason.AUTONOMOUS: 40,
        ArchiveReason.NO_CONTACT: 32,
        ArchiveReason.MOVED: 12,
        ArchiveReason.OTHER: 8,
        ArchiveReason.AGE_LIMIT: 8,
    }
)
TRANSFER_SHARE = 0.08  # changement de référent en cours d'accompagnement

# Contacts : ~10–15 par an et par jeune accompagné ; surtout des entretiens individuels.
CONTACTS_PER_YEAR_SHAPE = 4.0
CONTACTS_PER_YEAR_MEAN = 15.0
CONTACT_KIND = Weighted({ContactKind.INDIVIDUAL: 80, ContactKind.GROUP: 9, ContactKind.WORKSHOP: 11})
CONTACT_MODE = Weighted(
    {ContactMode.ON_SITE: 68, ContactMode.PHONE: 22, ContactMode.VIDEO: 5, ContactMode.OUTREACH: 5}
)
PAST_STATUS = Weighted(
    {
        AttendanceStatus.PRESENT: 84,
        AttendanceStatus.ABSENT: 8,
        AttendanceStatus.CANCELLED: 4,
        AttendanceStatus.POSTPONED: 4,
    }
)
THEMES = Weighted(
    {
        Theme.EMPLOYMENT: 30,
        Theme.TRAINING: 20,
        Theme.PROJECT: 15,
        Theme.HOUSING: 7,
        Theme.MOBILITY: 7,
        Theme.RIGHTS: 7,
        Theme.HEALTH: 5,
        Theme.DIGITAL: 4,
        Theme.LEISURE: 3,
        Theme.CITIZENSHIP: 2,
    }
)
THEME_COUNT = Weighted({1: 55, 2: 35, 3: 10})
NOTES_SHARE = 0.35
PLANNED_CONTACTS = Weighted({0: 25, 1: 55, 2: 20})  # rendez-vous à venir d'un jeune suivi

# Propositions : ~1 pour 3 contacts.
PROPOSAL_PER_HELD_CONTACT = 0.38
PROPOSAL_OUTCOME = Weighted(
    {
        ProposalStatus.DONE: 55,
        ProposalStatus.PRESCRIBED: 20,
        ProposalStatus.REFUSED_BY_YOUNG: 15,
        ProposalStatus.REFUSED_BY_THIRD_PARTY: 10,
    }
)
PROPOSAL_PENDING_DAYS = 30  # une proposition récente est encore « prescrite »

# Situations : la situation au premier accueil, puis des étapes.
INITIAL_SITUATION = Weighted(
    {SituationCategory.JOB_SEEKER: 70, SituationCategory.INACTIVE: 20, SituationCategory.SCHOOL: 10}
)
STEP_CATEGORY = Weighted(
    {
        SituationCategory.EMPLOYMENT: 40,
        SituationCategory.TRAINING: 25,
        SituationCategory.IMMERSION: 15,
        SituationCategory.ALTERNANCE: 10,
        SituationCategory.VOLUNTEERING: 5,
        SituationCategory.SCHOOL: 5,
    }
)
STEP_KIND = {
    SituationCategory.EMPLOYMENT: Weighted(
        {
            SituationKind.CDD: 40,
            SituationKind.TEMPING: 30,
            SituationKind.CDI: 15,
            SituationKind.SUBSIDISED: 10,
            SituationKind.BUSINESS_CREATION: 5,
        }
    ),
    SituationCategory.TRAINING: Weighted(
        {SituationKind.QUALIFYING: 40, SituationKind.PRE_QUALIFYING: 35, SituationKind.REFRESHER: 25}
    ),
    SituationCategory.ALTERNANCE: Weighted(
        {SituationKind.APPRENTICESHIP: 70, SituationKind.PROFESSIONALISATION: 30}
    ),
    SituationCategory.IMMERSION: Weighted({SituationKind.PMSMP: 1}),
    SituationCategory.VOLUNTEERING: Weighted({SituationKind.CIVIC_SERVICE: 1}),
}
#: Durée en jours (min, max) par type ; ``None`` : sans date de fin (CDI, création d'entreprise).
STEP_LENGTH = {
    SituationKind.CDD: (30, 365),
    SituationKind.TEMPING: (5, 120),
    SituationKind.CDI: None,
    SituationKind.SUBSIDISED: (180, 365),
    SituationKind.BUSINESS_CREATION: None,
    SituationKind.QUALIFYING: (120, 330),
    SituationKind.PRE_QUALIFYING: (60, 180),
    SituationKind.REFRESHER: (30, 120),
    SituationKind.APPRENTICESHIP: (365, 730),
    SituationKind.PROFESSIONALISATION: (180, 730),
    SituationKind.PMSMP: (5, 30),
    SituationKind.CIVIC_SERVICE: (180, 300),
    "": (120, 300),  # scolarité
}
STEP_GAP_DAYS = (10, 150)  # entre deux étapes
PLANNED_STEP_SHARE = 0.12  # une étape prévue dans les semaines qui viennent
