import datetime

import pytest

from parcours.employers.models import Agreement, Event, Partner
from parcours.employers.signatories import AGREEMENTS, PARTNERS

SEED_000 = [
    "ACFCI", "AFRC", "ANFA", "AREVA", "CASINO", "CARGLASS", "CARREFOUR", "CRIT", "DCNS", "DEXIA", "FAFIH",
    "FEP", "FARE", "IMS", "Marine nationale", "MEDIAPOST", "GDF SUEZ", "INEO", "Lyonnaise des eaux",
    "Police nationale", "SITA", "SNCF", "VEOLIA",
]  # fmt: skip


@pytest.mark.django_db
def test_every_signatory_of_seed_000_is_a_party_to_a_signed_agreement():
    names = set(Partner.objects.signatories().values_list("short_name", flat=True))
    assert set(SEED_000) <= names
    assert (
        len(PARTNERS) == 23
        and Agreement.objects.filter(code__in=[a["code"] for a in AGREEMENTS]).count() == 21
    )
    assert (
        not Agreement.objects.exclude(status="signe")
        .filter(code__in=[a["code"] for a in AGREEMENTS])
        .exists()
    )


@pytest.mark.django_db
def test_what_seed_000_says_is_loaded():
    anfa = Agreement.objects.get(code="anfa")
    assert anfa.signed_on == datetime.date(2010, 6, 1) and anfa.signed_on_display == "juin 2010"
    assert {r.name for r in anfa.pilot_regions.all()} == {"Hauts-de-France", "Auvergne-Rhône-Alpes"}
    assert anfa.national_rollout_on is not None
    assert anfa.declinations.get().region.name == "Grand Est"  # Champagne-Ardenne, 2010
    fafih = Agreement.objects.get(code="fafih")
    assert len(fafih.objective_list) == 6 and fafih.meetings.count() == 3
    dexia = Agreement.objects.get(code="dexia")
    assert dexia.meetings.count() == 6 and dexia.signed_on_display == "2003"
    fep = Agreement.objects.get(code="fep-fare")
    assert {p.partner.short_name for p in fep.parties.all()} == {"FEP", "FARE"}
    assert "374 jeunes positionnés" in Agreement.objects.get(code="gdfsuez").declinations.get().results
    assert Agreement.objects.get(code="veolia").signed_on_display == "date non précisée"
    train = Event.objects.get(title__startswith="Train pour l'emploi")
    assert (train.visitors, train.cvs, train.interviews, train.offers) == (20150, 8950, 4748, 15000)
    assert train.mission_locale is None and train.agreement.code == "sncf"
