"""Un formulaire de création envoyé deux fois (double clic, renvoi après un délai dépassé) crée une fois."""

import re
import uuid

import pytest
import time_machine
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpResponse
from django.shortcuts import redirect
from django.test import Client, RequestFactory
from django.urls import reverse

from parcours.accompaniment.models import Contact, Situation
from parcours.employers.models import Partner
from parcours.jobs import schedule
from parcours.www import tasks
from parcours.www.idempotency import FIELD, idempotent, purge
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
    first = logged.post(url, {**situation, FIELD: key}, follow=True)
    assert "La situation est enregistrée." in first.content.decode()  # et non « None »
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
    before = YoungPerson.objects.count()
    first = logged.post(url, data)
    second = logged.post(url, data)
    assert first.status_code == 302, first.context["form"].errors
    assert second["Location"] == first["Location"]
    # Compté sans filtrer sur le nom : le jeune créé plus haut par la fabrique peut s'appeler Martin.
    assert YoungPerson.objects.count() == before + 1
    assert YoungPerson.objects.filter(last_name="Martin", first_name="Léa").count() == 1


def test_a_failed_or_refused_creation_releases_the_key(counsellor):
    """Une exception ou un formulaire à corriger n'use pas le jeton ; une redirection l'use, et la suivante
    avec le même jeton renvoie vers le premier résultat sans rappeler la vue."""
    key, calls = str(uuid.uuid4()), []

    def view(request, outcome):
        calls.append(outcome)
        if outcome == "exception":
            raise ValueError("règle métier")
        return HttpResponse("à corriger") if outcome == "formulaire" else redirect(f"/{outcome}/")

    def post(outcome):
        request = RequestFactory().post("/", {FIELD: key})
        request.user, request.session = counsellor, {}
        request._messages = FallbackStorage(request)
        return idempotent(view)(request, outcome)

    with pytest.raises(ValueError):
        post("exception")
    assert post("formulaire").status_code == 200
    assert FormSubmission.objects.count() == 0
    assert post("fait")["Location"] == "/fait/"
    assert post("encore")["Location"] == "/fait/"
    assert calls == ["exception", "formulaire", "fait"]
    assert purge(before=FormSubmission.objects.get().created_at) == 0


def _named_views(resolver=None, namespace=""):
    from django.urls import get_resolver
    from django.urls.resolvers import URLResolver

    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from _named_views(pattern, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", pattern.callback


#: Vues qui créent sans que leur nom finisse par « create ».
OTHER_CREATING_VIEWS = {
    "programmes:enrol",
    "programmes:change_phase",
    "cotraitance:referral_unavailability",
    "cotraitance:import",
}


def test_every_creating_view_is_idempotent():
    creating = {
        name: view for name, view in _named_views() if name.endswith("create") or name in OTHER_CREATING_VIEWS
    }
    assert len(creating) >= 20
    assert [name for name, view in creating.items() if not getattr(view, "idempotent", False)] == []


def test_a_partner_posted_twice_is_created_once(director):
    client = Client()
    client.force_login(director)
    url = reverse("employers:partner_create")
    key = rendered_key(client, url)
    data = {"name": "Boulangerie Martin", "kind": "entreprise", "siret": "732 829 320 00074", FIELD: key}
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Partner.objects.filter(name="Boulangerie Martin").count() == 1


def test_used_keys_are_forgotten_after_a_week_on_schedule(counsellor):
    assert {e.name: e.task for e in schedule.SCHEDULE}["purge_jetons"] is tasks.purge_form_submissions
    with time_machine.travel("2026-11-20 10:00 +0100"):
        FormSubmission.objects.create(key=uuid.uuid4(), user=counsellor, result_url="/ancien/")
    with time_machine.travel("2026-11-30 10:00 +0100"):
        FormSubmission.objects.create(key=uuid.uuid4(), user=counsellor, result_url="/recent/")
    with time_machine.travel("2026-12-01 04:45 +0100"):
        assert tasks.purge_form_submissions.call() == {"jetons": 1}
    assert list(FormSubmission.objects.values_list("result_url", flat=True)) == ["/recent/"]
