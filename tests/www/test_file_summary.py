"""Fiche de synthèse du dossier en PDF (issue 11, point 13) : ce qu'elle reprend, et les règles de l'écran
(données sensibles au référent et à la direction, comptes rendus aux conseillers), lecture journalisée."""

import datetime
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse

from parcours.accompaniment.enums import AttendanceStatus
from parcours.accounts.enums import Role
from parcours.young_people.models import FileAccess
from tests.factories import ContactFactory, ProposalFactory, SituationFactory, UserFactory, YoungPersonFactory
from tests.www.test_attestation import pdf_text

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def file(ml, counsellor):
    young_person = YoungPersonFactory(
        mission_locale=ml,
        referent=counsellor,
        first_name="Élise",
        last_name="Ngoma",
        birth_date=datetime.date(2006, 5, 4),
        phone="0612345678",
        health_notes="Suivi CMP hebdomadaire",
    )
    ContactFactory(
        young_person=young_person, date=datetime.date(2026, 3, 2), themes=["emploi"], notes="CV revu ensemble"
    )
    ContactFactory(
        young_person=young_person,
        date=datetime.date(2026, 3, 5),
        themes=["sante"],
        notes="Rendez-vous CMP pris",
    )
    ContactFactory(
        young_person=young_person,
        date=datetime.date(2026, 3, 20),
        time=datetime.time(14, 0),
        status=AttendanceStatus.PLANNED,
        counsellor=counsellor,
    )
    ProposalFactory(
        young_person=young_person, theme="emploi", kind="offre_emploi", description="Vendeuse Lens"
    )
    SituationFactory(young_person=young_person)
    return young_person


def _text(client, file, keep_as=None):
    response = client.get(reverse("young_people:file_summary", args=[file.pk]))
    assert response.status_code == 200
    if keep_as:  # à regarder : test-artifacts/
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / keep_as).write_bytes(response.content)
    return " ".join(pdf_text(response).split())


@time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0), tick=False)
def test_the_referent_prints_the_whole_file(client, file, counsellor):
    client.force_login(counsellor)
    text = _text(client, file, keep_as="fiche-de-synthese.pdf")
    for expected in (
        "Élise NGOMA",
        "04/05/2006 (19 ans)",
        "0612345678",
        "Suivi CMP hebdomadaire",
        "CV revu ensemble",
        "Rendez-vous CMP pris",
        "Vendeuse Lens",
        "20/03/2026 à 14:00",
        "DOCUMENT CONFIDENTIEL",
    ):
        assert expected in text, expected
    assert FileAccess.objects.filter(user=counsellor, young_person=file).exists()


@time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0), tick=False)
def test_another_counsellor_does_not_get_sensitive_data(client, ml, file):
    colleague = UserFactory(mission_locale=ml, role=Role.COUNSELLOR)
    client.force_login(colleague)
    text = _text(client, file)
    assert "CV revu ensemble" in text
    assert "Suivi CMP" not in text and "Rendez-vous CMP pris" not in text
    assert "contenu confidentiel" in text


def test_reception_and_other_ml_cannot_print_it(client, ml, other_ml, file):
    client.force_login(UserFactory(mission_locale=ml, role=Role.RECEPTION))
    assert client.get(reverse("young_people:file_summary", args=[file.pk])).status_code == 403
    client.force_login(UserFactory(mission_locale=other_ml, role=Role.DIRECTOR))
    assert client.get(reverse("young_people:file_summary", args=[file.pk])).status_code == 404


def test_the_file_links_to_its_summary(client, file, counsellor):
    client.force_login(counsellor)
    page = client.get(reverse("young_people:detail", args=[file.pk])).content.decode()
    assert reverse("young_people:file_summary", args=[file.pk]) in page
