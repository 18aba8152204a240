import datetime

import pytest

from parcours.accompaniment.enums import SituationState
from parcours.employers.enums import ContractType, ReferralStatus
from parcours.employers.rules import (
    contract_dates_error,
    immersion_dates_error,
    rate,
    referral_transition_error,
    siret_error,
    situation_state,
)

D = datetime.date


@pytest.mark.parametrize(
    ("siret", "valid"),
    [
        ("73282932000074", True),  # clé de Luhn correcte
        ("732 829 320 00074", True),  # espaces tolérés
        ("73282932000075", False),  # dernier chiffre faux
        ("55210055400013", True),
        ("35600000000048", True),  # siège de La Poste : formule de Luhn
        ("35600000049837", True),  # établissement de La Poste : somme des chiffres = 45, multiple de 5
        ("35600000049838", False),  # somme = 46
        ("35600000000049", False),
        ("90000000200015", False),  # clé du SIRET juste, mais pas celle du SIREN (900000002)
        ("７３２８２９３２０００７４", False),  # chiffres pleine largeur : la base ne les accepte pas
        ("1234", False),
        ("7328293200007A", False),
        ("", False),
    ],
)
def test_siret(siret, valid):
    assert (siret_error(siret) is None) is valid


def test_siret_messages_are_french():
    assert "14 chiffres" in siret_error("123")
    assert "Luhn" in siret_error("73282932000075")
    assert "La Poste" in siret_error("35600000049838")
    assert "SIREN" in siret_error("90000000200015")


@pytest.mark.parametrize(
    ("start", "end", "state"),
    [
        (D(2025, 6, 1), None, SituationState.PLANNED),
        (D(2025, 5, 1), None, SituationState.IN_PROGRESS),
        (D(2025, 5, 1), D(2025, 5, 20), SituationState.IN_PROGRESS),  # se termine aujourd'hui
        (D(2025, 5, 1), D(2025, 5, 19), SituationState.FINISHED),
    ],
)
def test_situation_state(start, end, state):
    assert situation_state(start, end, today=D(2025, 5, 20)) == state


def test_contract_dates():
    assert contract_dates_error(ContractType.CDI, D(2025, 1, 1), None) is None
    assert "CDI" in contract_dates_error(ContractType.CDI, D(2025, 1, 1), D(2025, 6, 1))
    assert "date de fin" in contract_dates_error(ContractType.CDD, D(2025, 1, 1), None)
    assert "précéder" in contract_dates_error(ContractType.CDD, D(2025, 1, 1), D(2024, 12, 1))


def test_immersion_lasts_at_most_a_month():
    assert immersion_dates_error(D(2025, 2, 1), D(2025, 3, 2)) is None  # 30 jours
    assert "30 jours" in immersion_dates_error(D(2025, 2, 1), D(2025, 3, 3))
    assert "précéder" in immersion_dates_error(D(2025, 2, 3), D(2025, 2, 1))


def test_referral_transitions():
    assert referral_transition_error(ReferralStatus.PROPOSED, ReferralStatus.INTERVIEW) is None
    assert referral_transition_error(ReferralStatus.INTERVIEW, ReferralStatus.SENT) is not None
    assert "close" in referral_transition_error(ReferralStatus.REJECTED, ReferralStatus.INTERVIEW)


def test_rate():
    assert rate(416, 200) == 208.0  # 004 : 200 jeunes visés, 416 touchés
    assert rate(1, 3) == 33.3
    assert rate(5, 0) is None
