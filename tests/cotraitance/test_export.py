import csv
import datetime
import io

from django.core.management import call_command

from parcours.accompaniment.enums import ProposalKind, ProposalStatus, SituationCategory
from parcours.cotraitance import services
from parcours.cotraitance.enums import ReferralEndReason
from parcours.cotraitance.exporter import milestones_csv
from parcours.cotraitance.models import Referral
from tests.factories import ContactFactory, ProposalFactory, SituationFactory, YoungPersonFactory
from tests.formulas import PAYLOADS, assert_csv_without_formula
from tests.programmes.factories import ReferralFactory

D = datetime.date


def test_milestones_of_a_period(ml, tmp_path):
    young = YoungPersonFactory(mission_locale=ml)
    referral = ReferralFactory(pe_id="PE42", young_person=young, assignment_date=D(2025, 4, 30))
    ContactFactory(young_person=young, date=D(2025, 4, 1))  # avant l'affectation : ignoré
    ContactFactory(young_person=young, date=D(2025, 5, 6))
    ContactFactory(young_person=young, date=D(2025, 5, 20))
    ProposalFactory(
        young_person=young,
        date=D(2025, 5, 6),
        kind=ProposalKind.TRAINING,
        description="CAP cuisine",
        status=ProposalStatus.DONE,
    )
    ProposalFactory(young_person=young, date=D(2025, 5, 7), kind=ProposalKind.JOB_OFFER, description="Commis")
    ProposalFactory(
        young_person=young,
        date=D(2025, 5, 8),
        kind=ProposalKind.JOB_OFFER,
        status=ProposalStatus.REFUSED_BY_YOUNG,
    )
    SituationFactory(
        young_person=young,
        category=SituationCategory.EMPLOYMENT,
        kind="cdd",
        start_date=D(2025, 5, 12),
        end_date=D(2025, 5, 30),
        state="termine",
        rome_code="G1602",
    )
    services.end_referral(referral, D(2025, 5, 31), ReferralEndReason.DURABLE_EXIT, today=D(2025, 6, 2))
    content = milestones_csv(Referral.objects.all(), D(2025, 5, 1), D(2025, 5, 31))
    lines = content.splitlines()
    assert lines[0] == "identifiant_orientation;code_ml;jalon;libelle;date;date_fin;detail"
    assert [line.split(";")[2] for line in lines[1:]] == [
        "premier_entretien",
        "proposition_formation",
        "entree_formation",
        "mise_en_relation",
        "periode_emploi",
        "sortie",
    ]
    assert lines[5] == f"PE42;{ml.code};periode_emploi;Période d'emploi;12/05/2025;30/05/2025;CDD – G1602"
    assert milestones_csv(Referral.objects.all(), D(2025, 6, 1), D(2025, 6, 30)).count("\n") == 1
    out = tmp_path / "jalons.csv"
    call_command(
        "exporter_jalons", "--du", "01/05/2025", "--au", "31/05/2025", "--ml", ml.code, "--sortie", str(out)
    )
    assert out.read_bytes().decode("utf-8") == content


def test_facts_go_to_the_referral_current_at_their_date(ml, tmp_path):
    young = YoungPersonFactory(mission_locale=ml)
    first = ReferralFactory(pe_id="PE1", young_person=young, assignment_date=D(2025, 4, 1))
    ContactFactory(young_person=young, date=D(2025, 4, 3))
    services.end_referral(first, D(2025, 5, 9), ReferralEndReason.BACK_TO_PE, today=D(2025, 5, 9))
    ReferralFactory(pe_id="PE2", young_person=young, assignment_date=D(2025, 5, 19))
    ContactFactory(young_person=young, date=D(2025, 5, 21))
    ProposalFactory(young_person=young, date=D(2025, 5, 5), kind=ProposalKind.JOB_OFFER)
    ProposalFactory(young_person=young, date=D(2025, 5, 14), kind=ProposalKind.JOB_OFFER)  # entre les deux
    ProposalFactory(young_person=young, date=D(2025, 5, 26), kind=ProposalKind.JOB_OFFER)
    rows = [
        line.split(";")[:3] + [line.split(";")[4]]
        for line in milestones_csv(Referral.objects.all(), D(2025, 5, 1), D(2025, 5, 31)).splitlines()[1:]
    ]
    assert rows == [
        ["PE1", ml.code, "mise_en_relation", "05/05/2025"],
        ["PE1", ml.code, "sortie", "09/05/2025"],
        ["PE2", ml.code, "premier_entretien", "21/05/2025"],
        ["PE2", ml.code, "mise_en_relation", "26/05/2025"],
    ]
    out, err = io.StringIO(), io.StringIO()
    call_command("exporter_jalons", "--du", "01/05/2025", "--au", "31/05/2025", stdout=out, stderr=err)
    assert out.getvalue().splitlines()[1].startswith("PE1;")
    assert "Jalons" in err.getvalue()  # barre de progression


def test_first_interview_milestone_gives_the_deadline_of_the_ml_calendar(ml):
    from parcours.referential.models import Department

    ml.department = Department.objects.get(code="67")
    ml.save()
    young = YoungPersonFactory(mission_locale=ml)
    ReferralFactory(pe_id="PE7", young_person=young, assignment_date=D(2025, 4, 17))
    ContactFactory(young_person=young, date=D(2025, 4, 28))
    lines = milestones_csv(Referral.objects.all(), D(2025, 4, 1), D(2025, 4, 30)).splitlines()
    # Bas-Rhin : Vendredi saint et lundi de Pâques fériés, date limite le 28/04 : dans le délai.
    assert lines[1] == (
        f"PE7;{ml.code};premier_entretien;Premier entretien;28/04/2025;;"
        "Date limite : 28/04/2025 (5 jours ouvrés)"
    )
    ml.department = Department.objects.get(code="59")
    ml.save()
    lines = milestones_csv(Referral.objects.all(), D(2025, 4, 1), D(2025, 4, 30)).splitlines()
    assert lines[1].endswith(";Date limite : 25/04/2025 (5 jours ouvrés), en retard")


def test_milestones_csv_neutralises_formulas_planted_in_proposals(ml):
    """Issue 13 : un intitulé ou un partenaire saisi « =HYPERLINK(...) » arrivait vivant dans le tableur."""
    young = YoungPersonFactory(mission_locale=ml)
    ReferralFactory(pe_id="PE9", young_person=young, assignment_date=D(2025, 4, 30))
    for day, payload in enumerate(PAYLOADS, start=5):
        ProposalFactory(
            young_person=young, date=D(2025, 5, day), kind=ProposalKind.JOB_OFFER, description=payload
        )
    ProposalFactory(
        young_person=young,
        date=D(2025, 5, 10),
        kind=ProposalKind.JOB_OFFER,
        description="",
        partner=PAYLOADS[0],
    )
    content = milestones_csv(Referral.objects.all(), D(2025, 5, 1), D(2025, 5, 31))
    details = [line[-1] for line in csv.reader(io.StringIO(content), delimiter=";")][1:]
    assert details == [f"'{payload}" for payload in [*PAYLOADS, PAYLOADS[0]]]
    assert_csv_without_formula(content)
