"""Les partenaires d'un évènement se choisissent dans une saisie qui cherche (nom, sigle, début du SIRET), plus
dans une centaine de cases (issue 11, point 6) ; le serveur ne retient que des partenaires de la ML."""

import html
import re

import pytest
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.employers.models import Event
from tests.employers.factories import EmployerRelationFactory, PartnerFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
OPTIONS = reverse("employers:partner_options")


@pytest.fixture
def referent(ml):
    return UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT)


@pytest.fixture
def partners(ml, other_ml):
    mine = [
        EmployerRelationFactory(
            mission_locale=ml, partner=PartnerFactory(name=name, short_name=short)
        ).partner
        for name, short in [("Boulangerie Lemaire", ""), ("Boucherie Martin", "BM"), ("Garage du Nord", "")]
    ]
    theirs = EmployerRelationFactory(
        mission_locale=other_ml, partner=PartnerFactory(name="Boutique Ailleurs")
    )
    return mine, theirs.partner


def _proposed(client, text):
    body = client.get(OPTIONS, {"q": text}).content.decode()
    return [int(pk) for pk in re.findall(r'data-value="(\d+)"', body)], html.unescape(body)


def test_the_form_has_a_search_not_a_hundred_checkboxes(client, referent, partners):
    client.force_login(referent)
    body = client.get(reverse("employers:event_create")).content.decode()
    assert 'role="combobox"' in body and f'hx-get="{OPTIONS}"' in body
    assert "Boulangerie Lemaire" not in body  # aucun partenaire listé avant la saisie
    assert 'type="checkbox" name="partners"' not in body


def test_options_search_name_short_name_and_siret_among_the_mls_partners(client, referent, partners):
    (bakery, butcher, garage), elsewhere = partners
    client.force_login(referent)
    assert _proposed(client, "bou")[0] == [butcher.pk, bakery.pk]  # « Boutique Ailleurs » : une autre ML
    assert _proposed(client, "bm")[0] == [butcher.pk]
    assert _proposed(client, garage.siret[:12])[0] == [garage.pk]
    assert "Aucun partenaire ne correspond à « zzz »" in _proposed(client, "zzz")[1]
    assert _proposed(client, "b")[0] == []  # deux lettres au moins


def test_chosen_partners_are_saved_and_another_mls_is_refused(client, referent, partners):
    (bakery, butcher, _), elsewhere = partners
    client.force_login(referent)
    data = {"kind": "forum", "title": "Forum emploi", "date": "2025-04-10", "place": "Salle des fêtes",
            "companies": 2, "offers": 4, "visitors": 10, "cvs": 8, "interviews": 3, "hires": 1}  # fmt: skip
    refused = client.post(reverse("employers:event_create"), {**data, "partners": [bakery.pk, elsewhere.pk]})
    assert refused.status_code == 200 and not Event.objects.filter(title="Forum emploi").exists()
    page = html.unescape(refused.content.decode())
    assert "Boulangerie Lemaire" in page  # le choix valide reste coché
    client.post(reverse("employers:event_create"), {**data, "partners": [bakery.pk, butcher.pk]})
    assert set(Event.objects.get(title="Forum emploi").partners.all()) == {bakery, butcher}


def test_options_are_for_employer_managers_only(client, ml):
    client.force_login(UserFactory(mission_locale=ml, role=Role.RECEPTION))
    assert client.get(OPTIONS, {"q": "bou"}).status_code == 403
