import dataclasses
import datetime

import pytest

from parcours.programmes import rules
from parcours.programmes.enums import ContactFrequency

D = datetime.date


def test_add_months_clamps_to_month_end():
    assert rules.add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert rules.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert rules.add_months(D(2025, 11, 15), 3) == D(2026, 2, 15)
    assert rules.add_months(D(2025, 3, 15), -5) == D(2024, 10, 15)


def test_planned_end_date():
    assert rules.planned_end_date(D(2025, 1, 15), 12) == D(2026, 1, 14)
    assert rules.planned_end_date(D(2011, 5, 2), 18) == D(2012, 11, 1)


@dataclasses.dataclass
class Criteria:
    code: str = "ani-2011"
    label: str = "ANI 2011"
    exclusive: bool = True
    available_from: D = D(2011, 4, 7)
    available_until: D = D(2012, 12, 31)
    min_age_at_entry: int = 16
    max_age_at_entry: int = 25
    max_age_at_first_reception: int = 20
    max_education_level: str = "IV"
    first_reception_from: D = D(2011, 1, 1)
    first_reception_until: D = D(2011, 12, 31)
    incompatible_codes: tuple = ("civis",)
    excludes_cotraitance: bool = True
    certification_below: str = "V"


@dataclasses.dataclass
class Person:
    birth_date: D = D(1992, 6, 1)
    first_reception_date: D = D(2011, 5, 2)
    education_level: str = "V"
    certification_level: str = "aucune"


JUNE_1ST = D(2011, 6, 1)


def errors(person=None, entry=JUNE_1ST, today=JUNE_1ST, **kwargs):
    return rules.eligibility_errors(
        Criteria(), young_person=person or Person(), entry_date=entry, today=today, **kwargs
    )


def test_eligible():
    assert errors() == []


def test_age_at_first_reception_boundary():
    # Né le 03/05/1990 : 20 ans révolus le 02/05/2011 (admis), 21 ans le 03/05/2011 (refusé).
    assert errors(Person(birth_date=D(1990, 5, 3))) == []
    refused = errors(Person(birth_date=D(1990, 5, 2)))
    assert refused == [
        "Le jeune avait 21 ans au premier accueil : ANI 2011 exige moins de 21 ans à cette date."
    ]


def test_education_level_boundary():
    assert errors(Person(education_level="IV")) == []
    assert errors(Person(education_level="III")) == [
        "Niveau de formation III : ANI 2011 est réservé aux niveaux IV et infra."
    ]


@pytest.mark.parametrize(
    ("education", "certification", "expected"),
    [
        # 001 : niveau scolaire inférieur ou égal à IV ET niveau de certification validé inférieur à V.
        ("IV", "aucune", []),
        ("V", "aucune", []),
        (
            "IV",
            "V",
            [
                "Certification validée de niveau V : Accompagnement ANI 2011 est réservé aux jeunes dont le "
                "niveau de certification validé est inférieur à V."
            ],
        ),
        (
            "V",
            "",
            [
                "Niveau de certification validé non renseigné : Accompagnement ANI 2011 est réservé aux jeunes "
                "dont le niveau de certification validé est inférieur à V (sans CAP, BEP ni diplôme plus élevé) ; "
                "renseignez-le dans le dossier."
            ],
        ),
        # Sorti en cours de 1er cycle ou de CAP/BEP : aucune certification de niveau V possible.
        ("VI", "", []),
        ("Vbis", "", []),
    ],
)
def test_certification_level_below_v(education, certification, expected):
    person = Person(education_level=education, certification_level=certification)
    found = rules.eligibility_errors(
        Criteria(label="Accompagnement ANI 2011"), young_person=person, entry_date=JUNE_1ST, today=JUNE_1ST
    )
    assert found == expected


def test_first_reception_window():
    assert errors(Person(first_reception_date=D(2011, 1, 1)), entry=D(2011, 4, 7), today=D(2011, 4, 7)) == []
    assert (
        len(errors(Person(first_reception_date=D(2010, 12, 31)), entry=D(2011, 4, 7), today=D(2011, 4, 7)))
        == 1
    )


def test_availability_window():
    early = Person(first_reception_date=D(2011, 1, 3))
    assert errors(early, entry=D(2011, 4, 6)) == ["Le dispositif ANI 2011 n'ouvre que le 07/04/2011."]
    assert errors(early, entry=D(2011, 4, 7)) == []
    assert "fermé aux entrées" in errors(entry=D(2013, 1, 1), today=D(2013, 1, 1))[0]


def test_entry_not_in_future_nor_before_first_reception():
    assert errors(entry=D(2011, 6, 2), today=D(2011, 6, 1)) == [
        "La date d'entrée ne peut pas être postérieure à aujourd'hui."
    ]
    assert "précède le premier accueil" in errors(entry=D(2011, 5, 1))[0]


def test_age_at_entry_boundary():
    criteria = Criteria(
        max_age_at_first_reception=None, first_reception_from=None, first_reception_until=None
    )
    person = Person(birth_date=D(1985, 6, 2), first_reception_date=D(2011, 1, 3))
    ok = rules.eligibility_errors(
        criteria, young_person=person, entry_date=D(2011, 6, 1), today=D(2011, 6, 1)
    )
    assert ok == []  # 25 ans révolus, veille des 26 ans
    too_old = rules.eligibility_errors(
        criteria, young_person=person, entry_date=D(2011, 6, 2), today=D(2011, 6, 2)
    )
    assert too_old == [
        "Le jeune a 26 ans à l'entrée : ANI 2011 s'adresse aux jeunes de 25 ans révolus au plus."
    ]


def test_exclusive_and_incompatible_and_cotraitance():
    assert errors(open_enrolments=[("pacea", "PACEA", True)]) == [
        "Le jeune est déjà dans un dispositif exclusif : PACEA. Faites-l'en sortir d'abord."
    ]
    assert errors(open_enrolments=[("civis", "CIVIS", False)]) == ["ANI 2011 ne se cumule pas avec CIVIS."]
    assert errors(open_enrolments=[("ani-2011", "ANI 2011", True)]) == [
        "Le jeune est déjà inscrit en ANI 2011."
    ]
    assert errors(in_cotraitance=True) == [
        "Le jeune est suivi en co-traitance avec Pôle emploi : ANI 2011 ne le concerne pas."
    ]


@dataclasses.dataclass
class PhaseSpec:
    contact_frequency: str = ContactFrequency.TWICE_MONTHLY
    initial_frequency: str = ContactFrequency.WEEKLY
    initial_months: int = 3
    planned_duration_months: int = 9


def test_weekly_then_twice_monthly():
    phase, start = PhaseSpec(), D(2011, 6, 1)
    # Premiers 3 mois : un entretien par semaine ; manqué le 8e jour.
    assert rules.next_contact_due(phase, start, None) == D(2011, 6, 8)
    assert not rules.contact_missed(phase, start, None, D(2011, 6, 8))
    assert rules.contact_missed(phase, start, None, D(2011, 6, 9))
    # Le 31/08 est encore dans les 3 premiers mois ; le 01/09 non : l'intervalle passe à 15 jours.
    assert rules.next_contact_due(phase, start, D(2011, 9, 1)) == D(2011, 9, 16)
    # Échéance hebdomadaire tombée avant le 01/09 (24/08 + 7 = 31/08) : elle reste due.
    assert rules.next_contact_due(phase, start, D(2011, 8, 24)) == D(2011, 8, 31)
    assert rules.contact_missed(phase, start, D(2011, 8, 24), D(2011, 9, 1))


@pytest.mark.parametrize(
    ("last", "due"),
    [
        # L'échéance hebdomadaire tomberait après les 3 premiers mois (01/09) : c'est alors « au moins deux fois
        # par mois » (001) qui s'applique, 15 jours après le dernier entretien.
        (D(2011, 8, 25), D(2011, 9, 9)),
        (D(2011, 8, 29), D(2011, 9, 13)),
        (D(2011, 8, 31), D(2011, 9, 15)),
    ],
)
def test_twice_monthly_after_the_first_three_months(last, due):
    phase, start = PhaseSpec(), D(2011, 6, 1)
    assert rules.next_contact_due(phase, start, last) == due
    assert rules.contact_frequency_due(phase, start, last) == (ContactFrequency.TWICE_MONTHLY, due)
    assert not rules.contact_missed(phase, start, last, D(2011, 9, 8))


def test_monthly_and_none_frequencies():
    monthly = PhaseSpec(contact_frequency=ContactFrequency.MONTHLY, initial_frequency="", initial_months=None)
    assert rules.next_contact_due(monthly, D(2025, 1, 10), D(2025, 1, 31)) == D(2025, 2, 28)
    assert not rules.contact_missed(monthly, D(2025, 1, 10), D(2025, 1, 31), D(2025, 2, 28))
    assert rules.contact_missed(monthly, D(2025, 1, 10), D(2025, 1, 31), D(2025, 3, 1))
    free = PhaseSpec(contact_frequency=ContactFrequency.NONE, initial_frequency="", initial_months=None)
    assert not rules.contact_missed(free, D(2020, 1, 1), None, D(2025, 1, 1))


def test_phase_review_notice():
    phase, start = PhaseSpec(planned_duration_months=1), D(2025, 1, 15)
    assert rules.phase_review_date(phase, start) == D(2025, 2, 15)
    assert not rules.phase_review_due(phase, start, D(2025, 2, 7))
    assert rules.phase_review_due(phase, start, D(2025, 2, 8))
    assert not rules.phase_review_due(PhaseSpec(planned_duration_months=None), start, D(2030, 1, 1))


@pytest.mark.parametrize(
    ("today", "expected"), [(D(2025, 12, 14), False), (D(2025, 12, 15), True), (D(2026, 3, 1), True)]
)
def test_programme_ending(today, expected):
    # Entrée le 15/01/2025, 12 mois : fin prévue le 14/01/2026, alerte 30 jours avant (15/12/2025).
    assert rules.programme_ending(D(2025, 1, 15), 12, today) is expected
