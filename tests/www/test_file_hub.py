"""Le dossier comme point central (issue 11, point 1) : chaque volet du jeune à un clic, sur chacune de ses pages,
avec le dispositif en cours et le prochain rendez-vous en tête."""

import datetime

import time_machine
from django.urls import reverse

from parcours.accompaniment.enums import AttendanceStatus
from tests.factories import ContactFactory, YoungPersonFactory
from tests.programmes.factories import EnrolmentFactory

VOLETS = ["young_people:detail", "programmes:young_person", "employers:young_person", "young_people:history"]


@time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0), tick=False)
def test_every_page_of_a_file_reaches_every_other_and_shows_programme_and_next_appointment(
    client, counsellor
):
    file = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    EnrolmentFactory(young_person=file, entry_date=datetime.date(2025, 10, 1))
    ContactFactory(young_person=file, date=datetime.date(2026, 3, 20), status=AttendanceStatus.PLANNED)
    ContactFactory(
        young_person=file,
        date=datetime.date(2026, 3, 12),
        time=datetime.time(14, 30),
        status=AttendanceStatus.PLANNED,
    )
    ContactFactory(
        young_person=file, date=datetime.date(2026, 3, 2), status=AttendanceStatus.PLANNED
    )  # passé
    ContactFactory(young_person=file, date=datetime.date(2026, 3, 11), status=AttendanceStatus.CANCELLED)
    ContactFactory(
        young_person=file, date=datetime.date(2026, 3, 12), status=AttendanceStatus.PLANNED
    )  # sans heure
    EnrolmentFactory(
        young_person=file,
        entry_date=datetime.date(2024, 1, 8),
        exit_date=datetime.date(2024, 12, 31),
        exit_outcome="emploi_durable",
    )  # sorti
    client.force_login(counsellor)
    urls = [reverse(name, args=[file.pk]) for name in VOLETS]
    for url in urls:
        html = client.get(url).content.decode()
        nav = html[html.index('id="volets-dossier"') :]
        nav = nav[: nav.index("</nav>")]
        for other in urls:
            assert f'href="{other}"' in nav, (url, other)
        assert f'href="{url}" aria-current="page"' in nav
        assert "Contrat d&#x27;engagement jeune (CEJ) depuis le 01/10/2025" in nav
        assert "Prochain rendez-vous : jeudi 12/03/2026 à 14:30" in nav
        assert "depuis le 08/01/2024" not in nav


def test_a_file_without_programme_or_appointment_says_so(client, counsellor):
    file = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    client.force_login(counsellor)
    html = client.get(reverse("young_people:detail", args=[file.pk])).content.decode()
    assert "Aucun dispositif en cours" in html and "Aucun rendez-vous prévu" in html


def test_the_file_books_an_appointment_for_this_young_person(client, counsellor):
    file = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    client.force_login(counsellor)
    html = client.get(reverse("young_people:detail", args=[file.pk])).content.decode()
    booking = f"{reverse('agenda:appointment_create')}?jeune={file.pk}"
    assert f'href="{booking}"' in html
    assert client.get(booking).status_code == 200


def test_reception_chooses_a_referent_from_a_file_without_one(client, ml):
    from parcours.accounts.enums import Role
    from tests.factories import UserFactory

    file = YoungPersonFactory(mission_locale=ml)
    client.force_login(UserFactory(mission_locale=ml, role=Role.RECEPTION))
    html = client.get(reverse("young_people:detail", args=[file.pk])).content.decode()
    assert f'href="{reverse("young_people:transfer", args=[file.pk])}">Choisir un référent' in html
