"""Un formulaire de création envoyé deux fois (double clic, renvoi après un délai dépassé) crée une fois."""

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from parcours.accompaniment.models import Contact, Situation
from parcours.www.idempotency import FIELD, create_once, purge
from parcours.www.models import FormSubmission
from parcours.young_people.models import YoungPerson
from tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db

CONTACT = {"date": "2025-03-04", "kind": "entretien_individuel", "mode": "sur_site", "status": "present"}


@pytest.fixture
def logged(counsellor):
    client = Client()
    client.force_login(counsellor)
    return client


def rendered_key(client, url):
    page = client.get(url).content.decode()
    keys = re.findall(rf'name="{FIELD}" value="([0-9a-f-]{{36}})"', page)
    assert len(keys) == 1, "le formulaire porte un jeton d'envoi caché"
    return keys[0]


def test_the_same_contact_form_posted_twice_creates_one_contact(logged, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    url = reverse("young_people:contact_create", kwargs={"pk": young_person.pk})
    key = rendered_key(logged, url)
    first = logged.post(url, {**CONTACT, "notes": "Point CV", FIELD: key}, follow=True)
    second = logged.post(url, {**CONTACT, "notes": "Point CV", FIELD: key}, follow=True)
    assert Contact.objects.filter(young_person=young_person).count() == 1
    detail = reverse("young_people:detail", kwargs={"pk": young_person.pk})
    assert first.redirect_chain == second.redirect_chain == [(detail, 302)]
    assert "Le contact est enregistré." in first.content.decode()
    assert "rien n&#x27;a été enregistré en double" in second.content.decode()
    # Un nouvel affichage du formulaire tire un nouveau jeton : un second contact voulu est enregistré.
    other = rendered_key(logged, url)
    assert other != key
    logged.post(url, {**CONTACT, FIELD: other})
    assert Contact.objects.filter(young_person=young_person).count() == 2


def test_an_invalid_post_keeps_its_key_and_the_corrected_form_creates_once(logged, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale)
    url = reverse("young_people:contact_create", kwargs={"pk": young_person.pk})
    key = str(uuid.uuid4())
    page = logged.post(url, {**CONTACT, "status": "", FIELD: key}).content.decode()
    assert f'value="{key}"' in page  # le formulaire réaffiché garde le jeton
    assert FormSubmission.objects.count() == 0
    logged.post(url, {**CONTACT, FIELD: key})
    logged.post(url, {**CONTACT, FIELD: key})
    assert Contact.objects.count() == 1


def test_situation_and_young_person_creation_are_idempotent(logged, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale)
    url = reverse("young_people:situation_create", kwargs={"pk": young_person.pk})
    situation = {"category": "emploi", "kind": "cdd", "state": "en_cours", "start_date": "2025-01-01"}
    key = rendered_key(logged, url)
    for _ in range(2):
        assert logged.post(url, {**situation, FIELD: key}).status_code == 302
    assert Situation.objects.filter(young_person=young_person).count() == 1

    url = reverse("young_people:create")
    key = rendered_key(logged, url)
    data = {
        "last_name": "Martin",
        "first_name": "Léa",
        "birth_date": "2006-04-12",
        "sex": "F",
        "first_reception_date": "2024-10-01",
        "education_level": "V",
        "postcode": "59000",
        "commune": "Lille",
        FIELD: key,
    }
    first = logged.post(url, data)
    second = logged.post(url, data)
    assert first.status_code == 302, first.context["form"].errors
    assert second["Location"] == first["Location"]
    assert YoungPerson.objects.filter(last_name="Martin").count() == 1


def test_a_failed_creation_releases_the_key(counsellor):
    key = uuid.uuid4()

    def fails():
        raise ValueError("règle métier")

    with pytest.raises(ValueError):
        create_once(counsellor, key, fails)
    assert create_once(counsellor, key, lambda: "/fait/") == ("/fait/", True)
    assert create_once(counsellor, key, lambda: "/encore/") == ("/fait/", False)
    assert purge(before=FormSubmission.objects.get().created_at) == 0
