"""Attestation de suivi en PDF (issue 11, point 13) : ce qu'elle atteste, qui la délivre, la lecture journalisée."""

import datetime
import io

import pypdf
import time_machine
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.referential.enums import SiteKind
from parcours.referential.models import Site
from parcours.young_people.enums import Sex
from parcours.young_people.models import FileAccess
from tests.factories import UserFactory, YoungPersonFactory
from tests.programmes.factories import EnrolmentFactory


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)


@time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0), tick=False)
def test_attestation_states_since_when_and_in_which_programme(client, ml):
    Site.objects.create(
        mission_locale=ml, name="Antenne de Lens", kind=SiteKind.BRANCH, commune="Lens", postcode="62300"
    )
    reception = UserFactory(mission_locale=ml, role=Role.RECEPTION, first_name="Inès", last_name="Roux")
    file = YoungPersonFactory(
        mission_locale=ml,
        first_name="Élise",
        last_name="Ngoma",
        sex=Sex.FEMALE,
        birth_date=datetime.date(2006, 5, 4),
        first_reception_date=datetime.date(2025, 9, 2),
    )
    EnrolmentFactory(young_person=file, entry_date=datetime.date(2025, 10, 1))
    client.force_login(reception)
    response = client.get(reverse("young_people:attestation", args=[file.pk]))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="attestation-de-suivi-{file.pk}-20260310.pdf"'
    )
    text = " ".join(pdf_text(response).split())
    assert "Attestation de suivi" in text
    assert "Madame Élise NGOMA" in text
    assert "née le 04/05/2006" in text
    assert "est accompagnée par la mission locale depuis le 02/09/2025" in text
    assert "Contrat d'engagement jeune" in text and "01/10/2025" in text and "en cours" in text
    assert "Fait à Lens, le 10/03/2026" in text
    assert "Inès Roux, chargé d'accueil" in text
    assert FileAccess.objects.filter(user=reception, young_person=file).exists()  # lecture journalisée


def test_attestation_is_refused_to_the_employer_referent_and_hidden_from_another_ml(client, ml, other_ml):
    file = YoungPersonFactory(mission_locale=ml)
    client.force_login(UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT))
    assert client.get(reverse("young_people:attestation", args=[file.pk])).status_code == 403
    client.force_login(UserFactory(mission_locale=other_ml, role=Role.DIRECTOR))
    assert client.get(reverse("young_people:attestation", args=[file.pk])).status_code == 404


def test_the_file_links_to_the_attestation_for_those_who_may_issue_it(client, ml):
    file = YoungPersonFactory(mission_locale=ml)
    link = reverse("young_people:attestation", args=[file.pk])
    client.force_login(UserFactory(mission_locale=ml, role=Role.RECEPTION))
    assert link in client.get(reverse("young_people:detail", args=[file.pk])).content.decode()
    client.force_login(UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT))
    assert link not in client.get(reverse("young_people:detail", args=[file.pk])).content.decode()
