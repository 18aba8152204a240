"""Le bilan de suivi sur un jeu de données construit à la main : chaque somme est calculée ci-dessous."""

import datetime
import html
import io

import openpyxl
import pytest
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.employers import services
from parcours.employers.enums import ContractType
from parcours.employers.exports import report_to_xlsx
from parcours.employers.models import AgreementParty, Sponsorship
from parcours.employers.queries import follow_up_report, warehouse_monthly_figures
from parcours.referential.models import Department
from tests.employers.factories import (
    AgreementFactory,
    ExchangeFactory,
    ImmersionFactory,
    JobOfferFactory,
    PartnerFactory,
    ReferralFactory,
    SponsorFactory,
)
from tests.factories import MissionLocaleFactory, UserFactory, YoungPersonFactory
from tests.formulas import PAYLOADS, assert_xlsx_without_formula

D = datetime.date
TODAY = D(2026, 1, 15)


@pytest.fixture
def world(db):
    """ML A (Nord, Hauts-de-France) : jeunes 1 à 3 ; ML B (Paris, Île-de-France) : jeunes 4 et 5.

    Accord X : partenaire P1 ; accord Y : partenaire P2 ; P3 hors accord.
    """
    ml_a = MissionLocaleFactory(name="ML A")
    ml_b = MissionLocaleFactory(name="ML B", department=Department.objects.get(code="75"))
    user = UserFactory(mission_locale=ml_a)
    p1, p2, p3 = PartnerFactory(name="P1"), PartnerFactory(name="P2"), PartnerFactory(name="P3")
    x, y = AgreementFactory(title="Accord X"), AgreementFactory(title="Accord Y")
    AgreementParty.objects.create(agreement=x, partner=p1)
    AgreementParty.objects.create(agreement=y, partner=p2)
    yp = {i: YoungPersonFactory(mission_locale=ml_a if i <= 3 else ml_b) for i in range(1, 6)}
    o1 = JobOfferFactory(mission_locale=ml_a, partner=p1, agreement=x)
    o2 = JobOfferFactory(mission_locale=ml_b, partner=p2, agreement=y)
    o3 = JobOfferFactory(mission_locale=ml_a, partner=p3)
    o4 = JobOfferFactory(
        mission_locale=ml_a, partner=p1, agreement=x, received_on=D(2024, 10, 1), published_on=D(2024, 10, 1)
    )
    # Mises en relation 2025 : 3 sur O1 (X), 2 sur O2 (Y), 1 sur O3 (hors accord) ; une en 2024 (exclue).
    r1 = ReferralFactory(offer=o1, young_person=yp[1], date=D(2025, 1, 10))
    ReferralFactory(offer=o1, young_person=yp[2], date=D(2025, 1, 12))
    ReferralFactory(offer=o1, young_person=yp[3], date=D(2025, 1, 15))
    r4 = ReferralFactory(offer=o2, young_person=yp[4], date=D(2025, 1, 20))
    ReferralFactory(offer=o2, young_person=yp[5], date=D(2025, 1, 21))
    ReferralFactory(offer=o3, young_person=yp[1], date=D(2025, 1, 22))
    ReferralFactory(offer=o4, young_person=yp[2], date=D(2024, 11, 5))
    # Recrutements 2025 : CDI (X, ML A), professionnalisation (Y, ML B), intérim (hors accord, ML A) ; un en 2024.
    services.record_recruitment(
        yp[1], p1, ContractType.CDI, D(2025, 2, 1), user=user, referral=r1, today=TODAY
    )
    services.record_recruitment(
        yp[4],
        p2,
        ContractType.PROFESSIONALISATION,
        D(2025, 2, 3),
        D(2026, 2, 2),
        user=user,
        referral=r4,
        today=TODAY,
    )
    services.record_recruitment(
        yp[3], p3, ContractType.TEMPING, D(2025, 3, 10), D(2025, 4, 10), user=user, today=TODAY
    )
    services.record_recruitment(
        yp[2], p1, ContractType.CDD, D(2024, 12, 1), D(2024, 12, 20), user=user, today=TODAY
    )
    # Parrainages 2025 : jeune 2 par une salariée de P1 (accord X), jeune 5 par un retraité (sans accord).
    Sponsorship.objects.create(
        young_person=yp[2], sponsor=SponsorFactory(mission_locale=ml_a, employer=p1), agreement=x,
        signed_on=D(2025, 3, 1), barriers=["reseau"], objectives="Réseau", monthly_hours=2,
    )  # fmt: skip
    Sponsorship.objects.create(
        young_person=yp[5], sponsor=SponsorFactory(mission_locale=ml_b, is_retired=True),
        signed_on=D(2025, 5, 5), barriers=["mobilite"], objectives="Permis", monthly_hours=1,
    )  # fmt: skip
    # Immersions 2025 : jeune 3 chez P1 (X), jeunes 4 et 5 chez P2 (Y) ; une en 2024 (exclue).
    for young, partner, start in (
        (yp[3], p1, D(2025, 2, 3)),
        (yp[4], p2, D(2025, 6, 2)),
        (yp[5], p2, D(2025, 6, 9)),
    ):
        services.record_immersion(
            ImmersionFactory.build(young_person=young, partner=partner, start_date=start, end_date=start + datetime.timedelta(days=4)),
            user=user, today=TODAY,
        )  # fmt: skip
    services.record_immersion(
        ImmersionFactory.build(young_person=yp[1], partner=p3, start_date=D(2024, 6, 3), end_date=D(2024, 6, 7)),
        user=user, today=TODAY,
    )  # fmt: skip
    ExchangeFactory(relation=p1.relations.get(mission_locale=ml_a), date=D(2025, 3, 3))
    return {"ml_a": ml_a, "ml_b": ml_b, "p1": p1, "p2": p2, "p3": p3, "x": x, "y": y, "user": user}


def _by_label(report):
    return {
        row.label: (
            row.put_forward,
            row.recruited,
            row.sponsored,
            row.immersions,
            {k: v for k, v in row.recruited_by_contract.items() if v},
        )
        for row in report.rows
    }


def test_report_by_agreement_national(world):
    report = follow_up_report(2025, "accord")
    assert _by_label(report) == {
        "Accord X": (3, 1, 1, 1, {"cdi": 1}),
        "Accord Y": (2, 1, 0, 2, {"professionnalisation": 1}),
        "Hors accord national": (1, 1, 1, 0, {"interim": 1}),
    }
    total = report.total
    assert (total.put_forward, total.recruited, total.sponsored, total.immersions) == (6, 3, 2, 3)
    assert sum(r.put_forward for r in report.rows) == total.put_forward
    assert total.recruited == sum(total.recruited_by_contract.values())


def test_report_by_region_and_by_partner(world):
    assert _by_label(follow_up_report(2025, "region")) == {
        "Hauts-de-France": (4, 2, 1, 1, {"cdi": 1, "interim": 1}),
        "Île-de-France": (2, 1, 1, 2, {"professionnalisation": 1}),
    }
    assert _by_label(follow_up_report(2025, "partenaire")) == {
        "P1": (3, 1, 1, 1, {"cdi": 1}),
        "P2": (2, 1, 0, 2, {"professionnalisation": 1}),
        "P3": (1, 1, 0, 0, {"interim": 1}),
        "Sans entreprise partenaire": (0, 0, 1, 0, {}),
    }


def test_report_scoped_to_a_mission_locale_and_an_agreement(world):
    report = follow_up_report(2025, "accord", [world["ml_a"].pk], "ML A")
    assert _by_label(report) == {
        "Accord X": (3, 1, 1, 1, {"cdi": 1}),
        "Hors accord national": (1, 1, 0, 0, {"interim": 1}),
    }
    per_region = follow_up_report(2025, "region", agreement=world["x"])
    assert _by_label(per_region) == {"Hauts-de-France": (3, 1, 1, 1, {"cdi": 1})}
    older = follow_up_report(2024, "accord")
    assert _by_label(older) == {
        "Accord X": (1, 1, 0, 0, {"cdd": 1}),
        "Hors accord national": (0, 0, 0, 1, {}),
    }


def test_xlsx_export_reads_back(world):
    report = follow_up_report(2025, "accord", scope_label="France entière")
    sheet = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(report))).active
    assert sheet["A1"].value == "Bilan de suivi des partenariats 2025 – par accord national"
    assert sheet["A2"].value == "Périmètre : France entière"
    headers = [c.value for c in sheet[4]]
    assert headers[:3] == ["Accord national", "Mises en relation", "Recrutements"]
    assert headers[3:9] == [
        "dont CDI", "dont CDD", "dont Intérim", "dont Apprentissage", "dont Contrat de professionnalisation",
        "dont Contrat aidé (CUI, PEC)",
    ]  # fmt: skip
    assert headers[9:] == ["Parrainages signés", "Immersions (PMSMP)"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert rows == [
        ["Accord X", 3, 1, 1, 0, 0, 0, 0, 0, 1, 1],
        ["Accord Y", 2, 1, 0, 0, 0, 0, 1, 0, 0, 2],
        ["Hors accord national", 1, 1, 0, 0, 1, 0, 0, 0, 1, 0],
        ["Total", 6, 3, 1, 0, 1, 0, 1, 0, 2, 3],
    ]


def test_warehouse_monthly_figures(world):
    ml_a, ml_b = world["ml_a"].pk, world["ml_b"].pk
    figures = warehouse_monthly_figures(D(2025, 1, 1), D(2025, 12, 31))
    by_key = {(f["mission_locale_id"], f["month"]): f for f in figures}

    def triple(ml, month):
        f = by_key.get((ml, D(2025, month, 1)))
        return (f["employers_in_contact"], f["immersions"], f["sponsored_young_people"]) if f else None

    # ML A : janvier, offres de P1 et P3 reçues ; février, recrutement et immersion chez P1 ;
    # mars, échange avec P1, intérim chez P3, parrainage du jeune 2.
    assert triple(ml_a, 1) == (2, 0, 0)
    assert triple(ml_a, 2) == (1, 1, 0)
    assert triple(ml_a, 3) == (2, 0, 1)
    assert triple(ml_a, 4) is None
    # ML B : janvier, offre de P2 ; février, recrutement chez P2 ; mai, parrainage ; juin, 2 immersions chez P2.
    assert triple(ml_b, 1) == (1, 0, 0)
    assert triple(ml_b, 2) == (1, 0, 0)
    assert triple(ml_b, 5) == (0, 0, 1)
    assert triple(ml_b, 6) == (1, 2, 0)
    assert sum(f["immersions"] for f in figures) == 3
    assert sum(f["sponsored_young_people"] for f in figures) == 2
    only_a = warehouse_monthly_figures(D(2025, 1, 15), D(2025, 12, 31), mission_locale_ids=[ml_a])
    assert {f["mission_locale_id"] for f in only_a} == {ml_a} and len(only_a) == 3


def test_command_writes_the_xlsx(world, tmp_path):
    from django.core.management import CommandError, call_command

    out = io.StringIO()
    call_command("bilan_partenariats", annee=2025, par="region", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1].startswith("Total ; 6 ; 3")
    target = tmp_path / "bilan.xlsx"
    call_command(
        "bilan_partenariats", annee=2025, ml=world["ml_a"].code, sortie=str(target), stdout=io.StringIO()
    )
    sheet = openpyxl.load_workbook(target).active
    assert sheet["A2"].value == "Périmètre : ML A"
    assert [c.value for c in sheet[sheet.max_row]][:3] == ["Total", 4, 2]
    out = io.StringIO()
    call_command(
        "bilan_partenariats", annee=2025, par="partenaire", region="32", accord=world["x"].code, stdout=out
    )
    assert out.getvalue().splitlines()[1:] == [
        "P1 ; 3 ; 1 ; 1 ; 0 ; 0 ; 0 ; 0 ; 0 ; 1 ; 1",
        "Total ; 3 ; 1 ; 1 ; 0 ; 0 ; 0 ; 0 ; 0 ; 1 ; 1",
    ]
    for option, message in (
        ({"accord": "inexistant"}, "Accord inconnu : inexistant."),
        ({"region": "99"}, "Région inconnue : 99."),
        ({"ml": "00000"}, "Mission locale inconnue : 00000."),
    ):
        with pytest.raises(CommandError, match=message):
            call_command("bilan_partenariats", annee=2025, stdout=io.StringIO(), **option)


def test_xlsx_export_neutralises_formulas_planted_in_partner_names(world):
    """Issue 13 : un « =HYPERLINK(...) » saisi comme nom de partenaire par une ML arrivait vivant dans le
    classeur du national."""
    for partner, payload in zip(("p1", "p2", "p3"), PAYLOADS, strict=False):
        world[partner].name = payload
        world[partner].save()
    world["x"].title = PAYLOADS[3]
    world["x"].save()
    for group_by in ("partenaire", "accord"):
        content = report_to_xlsx(follow_up_report(2025, group_by, scope_label="France entière"))
        cells = assert_xlsx_without_formula(content)
        values = {c.value for c in cells}
        assert set(PAYLOADS[:3] if group_by == "partenaire" else PAYLOADS[3:]) <= values
        assert all(isinstance(c.value, int) for c in cells if c.row >= 5 and c.column > 1)


def test_small_counts_are_masked_in_the_national_report(client, world):
    """Issue 13 : dans le bilan national, « 1 recrutement » chez un employeur se lisait en clair (38
    employeurs). Hors de la ML concernée, un effectif de 1 à 4 est masqué, comme au tableau de bord."""
    client.force_login(UserFactory(mission_locale=None, role=Role.NATIONAL, username="national.bilan"))
    query = {"year": 2025, "group_by": "partenaire", "scope": "national"}
    page = html.unescape(client.get(reverse("employers:report"), query).content.decode())
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("employers:report_xlsx"), query).content)
    ).active
    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert set(rows["P1"]) <= {0, "< 5", "secret"} and "< 5" in rows["P1"]
    assert all(value in (0, "< 5", "secret") or value >= 5 for values in rows.values() for value in values)
    assert "< 5" in page
    # Le personnel de la ML A voit les chiffres de sa ML en clair.
    client.force_login(world["user"])
    mine = {"year": 2025, "group_by": "partenaire", "scope": "ml"}
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("employers:report_xlsx"), mine).content)
    ).active
    assert {row[0]: row[2] for row in sheet.iter_rows(min_row=5, values_only=True)}["P1"] == 1
