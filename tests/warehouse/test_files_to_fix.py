"""Le rapport de qualité mène aux dossiers qu'il compte (issue 11, point 7) : chaque contrôle a sa liste de
dossiers, liés, dans le périmètre de l'utilisateur, et la page est journalisée."""

import datetime
import html

import pytest
from django.urls import reverse

from parcours.accompaniment.enums import SituationCategory
from parcours.accounts.enums import Role
from parcours.warehouse import extract
from parcours.warehouse.files_to_fix import FILE_CHECKS
from parcours.warehouse.quality import CHECKS
from parcours.young_people.models import FileAccess, YoungPerson
from tests.factories import ContactFactory, SituationFactory, UserFactory, YoungPersonFactory

D = datetime.date
pytestmark = pytest.mark.django_db
TODAY = D(2026, 3, 10)
COMPLETE = {"postcode": "59000", "commune": "Lille", "housing": "autonome", "resources": "aucune"}


def _files(code, ml):
    return set(FILE_CHECKS[code].files(YoungPerson.objects.filter(mission_locale=ml), TODAY))


def test_every_quality_check_lists_its_files():
    assert list(FILE_CHECKS) == [check.code for check in CHECKS]


def test_each_check_finds_the_file_it_counts(ml, counsellor):
    ok = YoungPersonFactory(mission_locale=ml, referent=counsellor, **COMPLETE)
    incomplete = YoungPersonFactory(mission_locale=ml, referent=counsellor, **{**COMPLETE, "commune": ""})
    too_young = YoungPersonFactory(
        mission_locale=ml, referent=counsellor, birth_date=D(2012, 1, 1), first_reception_date=D(2025, 1, 6)
    )
    future_contact = YoungPersonFactory(mission_locale=ml, referent=counsellor, **COMPLETE)
    ContactFactory(young_person=future_contact, date=D(2026, 4, 1))
    archived = YoungPersonFactory(
        mission_locale=ml,
        referent=counsellor,
        archived_at=datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC),
        archive_reason="autre",
        **COMPLETE,
    )
    ContactFactory(young_person=archived, date=D(2025, 7, 1))
    twin_a = YoungPersonFactory(mission_locale=ml, last_name="Durand", first_name="Léa", **COMPLETE)
    twin_b = YoungPersonFactory(mission_locale=ml, last_name="DURAND", first_name="Lea", **COMPLETE)
    left_open = YoungPersonFactory(mission_locale=ml, referent=counsellor, **COMPLETE)
    SituationFactory(young_person=left_open, start_date=D(2025, 1, 1))
    SituationFactory(
        young_person=left_open, category=SituationCategory.EMPLOYMENT, kind="cdi", start_date=D(2026, 1, 5)
    )
    SituationFactory(young_person=ok, start_date=D(2025, 1, 1))
    forgotten = YoungPersonFactory(mission_locale=ml, referent=counsellor, **COMPLETE)
    ContactFactory(young_person=forgotten, date=D(2025, 3, 3), time=datetime.time(9), status="planifie")
    ContactFactory(young_person=ok, date=D(2025, 3, 3), time=datetime.time(9), status="absent")

    assert incomplete in _files("champs_manquants", ml) and ok not in _files("champs_manquants", ml)
    assert _files("dates_impossibles", ml) == {too_young, future_contact}
    assert _files("contacts_apres_sortie", ml) == {archived}
    assert _files("doublons_suspects", ml) == {twin_a, twin_b}
    assert _files("situations_sans_fin", ml) == {left_open}
    assert _files("rendez_vous_sans_presence", ml) == {forgotten}


@pytest.fixture
def left_open(ml, counsellor):
    young_person = YoungPersonFactory(mission_locale=ml, referent=counsellor, last_name="Ouvert", **COMPLETE)
    SituationFactory(young_person=young_person, start_date=D(2025, 1, 1))
    SituationFactory(
        young_person=young_person,
        category=SituationCategory.TRAINING,
        start_date=D(2025, 9, 1),
        kind="qualifiante",
    )
    return young_person


def test_the_ml_quality_page_links_each_check_to_its_files_for_the_ml_staff_only(
    client, ml, director, left_open, other_ml
):
    extract.run(complete=True, write_parquet=False)
    quality = reverse("warehouse:quality_ml", kwargs={"ml_code": ml.code})
    to_fix = reverse("young_people:to_fix") + "?controle=situations_sans_fin"
    client.force_login(director)
    page = client.get(quality).content.decode()
    assert f'href="{to_fix}"' in page
    client.force_login(UserFactory(mission_locale=None, role=Role.NATIONAL))
    assert "Voir les dossiers à corriger" not in client.get(quality).content.decode()


def test_the_list_links_each_file_is_scoped_and_audit_logged(
    client, ml, counsellor, director, left_open, other_ml
):
    elsewhere = YoungPersonFactory(mission_locale=other_ml, last_name="Ailleurs")
    SituationFactory(young_person=elsewhere, start_date=D(2025, 1, 1))
    SituationFactory(young_person=elsewhere, category=SituationCategory.INACTIVE, start_date=D(2025, 9, 1))
    colleague_file = YoungPersonFactory(
        mission_locale=ml, referent=UserFactory(mission_locale=ml), last_name="Collegue"
    )
    SituationFactory(young_person=colleague_file, start_date=D(2025, 1, 1))
    SituationFactory(
        young_person=colleague_file, category=SituationCategory.INACTIVE, start_date=D(2025, 9, 1)
    )
    url = reverse("young_people:to_fix") + "?controle=situations_sans_fin"

    client.force_login(director)
    page = html.unescape(client.get(url).content.decode())
    assert reverse("young_people:detail", args=[left_open.pk]) in page
    assert "OUVERT" in page and "COLLEGUE" in page and "AILLEURS" not in page
    assert set(FileAccess.objects.filter(user=director).values_list("young_person_id", flat=True)) == {
        left_open.pk,
        colleague_file.pk,
    }
    assert FileAccess.objects.filter(user=director).first().channel == FileAccess.WEB_LIST

    client.force_login(counsellor)  # un conseiller : ses jeunes d'abord, toute la ML sur demande
    assert "COLLEGUE" not in client.get(url).content.decode()
    assert "COLLEGUE" in client.get(url + "&perimetre=ml").content.decode()
    assert client.get(reverse("young_people:to_fix"), {"controle": "inconnu"}).status_code == 404
    client.force_login(UserFactory(mission_locale=ml, role=Role.RECEPTION))
    assert client.get(url).status_code == 403
