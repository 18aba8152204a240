"""Moindre privilège (docs/droits-d-acces.md) : l'accueil crée les dossiers, tient l'identité et les
rendez-vous sans lire ni écrire de compte rendu ; le référent entreprise tient le côté employeurs sans
compte rendu ni identité ; conseillers et direction comme avant. Les règles sont dans accounts/access.py."""

import pytest
from django.urls import reverse

from parcours.accompaniment.models import Contact, Proposal
from parcours.accounts import access
from parcours.accounts.enums import Role
from parcours.young_people.models import YoungPerson
from tests.factories import ContactFactory, UserFactory, YoungPersonFactory

NOTES = "Projet : CAP cuisine, motivé"
ROLES = [Role.RECEPTION, Role.COUNSELLOR, Role.EMPLOYER_REFERENT, Role.DIRECTOR]


@pytest.fixture
def young(ml, counsellor):
    young = YoungPersonFactory(mission_locale=ml, referent=counsellor, last_name="Moreau")
    ContactFactory(young_person=young, notes=NOTES)
    return young


def test_rules_per_role(ml, young):
    rules = {
        "create_files": lambda u: access.can_create_files(u),
        "edit_identity": lambda u: access.can_edit_identity(u, young),
        "appointments": lambda u: access.can_write_appointments(u, young),
        "follow_up": lambda u: access.can_write_follow_up(u, young),
        "notes": lambda u: access.can_read_interview_notes(u, young),
        "placements": lambda u: access.can_work_on_placements(u),
        "import": lambda u: access.can_import_referrals(u),
    }
    table = {}
    for role in ROLES:
        user = UserFactory(mission_locale=ml, role=role)
        table[role] = {name for name, rule in rules.items() if rule(user)}
    assert table == {
        Role.RECEPTION: {"create_files", "edit_identity", "appointments"},
        Role.COUNSELLOR: {
            "create_files",
            "edit_identity",
            "appointments",
            "follow_up",
            "notes",
            "placements",
        },
        Role.EMPLOYER_REFERENT: {"placements"},
        Role.DIRECTOR: set(rules),
    }
    regional = UserFactory(mission_locale=None, role=Role.REGIONAL_ANIMATOR, region=ml.department.region)
    for user in (regional, UserFactory(mission_locale=None, role=Role.NATIONAL)):
        assert not any(rule(user) for rule in rules.values())


def test_reception_sees_that_a_contact_took_place_not_its_notes(client, ml, young):
    for role, sees in [(Role.RECEPTION, False), (Role.EMPLOYER_REFERENT, False), (Role.COUNSELLOR, True)]:
        client.force_login(UserFactory(mission_locale=ml, role=role))
        body = client.get(reverse("young_people:detail", kwargs={"pk": young.pk})).content.decode()
        assert "Entretien individuel" in body
        assert (NOTES in body) is sees, role


def test_reception_books_an_appointment_without_notes(client, ml, young):
    client.force_login(UserFactory(mission_locale=ml, role=Role.RECEPTION))
    url = reverse("young_people:contact_create", kwargs={"pk": young.pk})
    form = client.get(url).content.decode()
    assert 'name="notes"' not in form and 'name="add_proposal"' not in form
    data = {"date": "2025-01-20", "kind": "entretien_individuel", "mode": "sur_site", "status": "present"}
    response = client.post(url, {**data, "notes": "glissé dans la requête", "add_proposal": "on"})
    assert response.status_code == 302
    contact = Contact.objects.latest("pk")
    assert (contact.notes, contact.themes) == ("", [])
    assert not Proposal.objects.exists()


def test_employer_referent_neither_edits_identity_nor_writes_contacts(client, ml, young):
    client.force_login(UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT))
    edit = client.post(reverse("young_people:edit", kwargs={"pk": young.pk}), {"last_name": "Renommé"})
    contact = client.post(
        reverse("young_people:contact_create", kwargs={"pk": young.pk}), {"date": "2025-01-20"}
    )
    create = client.post(reverse("young_people:create"), {"last_name": "Nouveau"})
    assert (edit.status_code, contact.status_code, create.status_code) == (403, 403, 403)
    assert YoungPerson.objects.get().last_name == "Moreau" and Contact.objects.count() == 1
    detail = client.get(reverse("young_people:detail", kwargs={"pk": young.pk})).content.decode()
    assert reverse("young_people:edit", kwargs={"pk": young.pk}) not in detail


def test_reception_writes_no_proposal_or_situation(client, ml, young):
    client.force_login(UserFactory(mission_locale=ml, role=Role.RECEPTION))
    for name in ("proposal_create", "situation_create"):
        url = reverse(f"young_people:{name}", kwargs={"pk": young.pk})
        assert (
            client.post(url, {"date": "2025-01-20", "theme": "emploi", "kind": "formation"}).status_code
            == 403
        )
    assert not Proposal.objects.exists()
