"""Santé et justice par une autre porte : les thèmes et comptes rendus des contacts et propositions qui les
révèlent suivent la règle des données sensibles (référent et direction) ; les autres voient qu'un contact a
eu lieu (date, type, statut), sans son contenu."""

import datetime

import pytest
from django.urls import reverse

from parcours.accompaniment.models import Contact
from parcours.accounts.enums import Role
from parcours.cotraitance.exporter import milestones_csv
from parcours.cotraitance.models import Referral
from tests.factories import ContactFactory, ProposalFactory, UserFactory, YoungPersonFactory
from tests.programmes.factories import ReferralFactory

HEALTH_NOTES = "Suivi au Point accueil écoute jeunes pour anxiété"
PAEJ = "Orientation vers Point accueil écoute jeunes"
JUSTICE_NOTES = "Rendez-vous avec son éducatrice PJJ"


@pytest.fixture
def staff(ml, counsellor, director):
    return {
        "referent": counsellor,
        "directeur": director,
        "autre_conseiller": UserFactory(mission_locale=ml, role=Role.COUNSELLOR),
        "accueil": UserFactory(mission_locale=ml, role=Role.RECEPTION),
        "entreprise": UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT),
    }


@pytest.fixture
def young(ml, counsellor):
    young = YoungPersonFactory(mission_locale=ml, referent=counsellor)
    ContactFactory(young_person=young, themes=["sante"], notes=HEALTH_NOTES)
    ContactFactory(young_person=young, themes=["citoyennete"], notes=JUSTICE_NOTES, sensitive=True)
    ProposalFactory(young_person=young, theme="sante", kind="service_partenaire", description=PAEJ)
    return young


def _detail(client, user, young):
    client.force_login(user)
    return client.get(reverse("young_people:detail", kwargs={"pk": young.pk})).content.decode()


def test_health_and_justice_contents_shown_to_referent_and_director_only(client, staff, young):
    seen = {}
    for name, user in staff.items():
        body = _detail(client, user, young)
        seen[name] = [text in body for text in (HEALTH_NOTES, JUSTICE_NOTES, PAEJ, "Santé")]
        assert body.count("Entretien individuel") == 2  # tous voient que les contacts ont eu lieu
    assert seen == {
        "referent": [True, True, True, True],
        "directeur": [True, True, True, True],
        "autre_conseiller": [False, False, False, False],
        "accueil": [False, False, False, False],
        "entreprise": [False, False, False, False],
    }


def test_contact_edit_form_hides_and_keeps_sensitive_content(client, staff, young):
    contact = Contact.objects.get(notes=HEALTH_NOTES)
    url = reverse("young_people:contact_edit", kwargs={"pk": young.pk, "contact_pk": contact.pk})
    client.force_login(staff["autre_conseiller"])
    body = client.get(url).content.decode()
    assert HEALTH_NOTES not in body and 'name="notes"' not in body and 'name="themes"' not in body
    response = client.post(
        url,
        {
            "date": "2025-01-10",
            "kind": "entretien_individuel",
            "mode": "telephone",
            "status": "present",
            "notes": "écrasé",
            "themes": ["emploi"],
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.mode, contact.notes, contact.themes) == ("telephone", HEALTH_NOTES, ["sante"])
    client.force_login(staff["referent"])
    assert HEALTH_NOTES in client.get(url).content.decode()


def test_a_contact_marked_sensitive_is_hidden_whatever_its_theme(ml, counsellor):
    contact = ContactFactory(young_person=YoungPersonFactory(mission_locale=ml), sensitive=True)
    plain = ContactFactory(young_person=contact.young_person)
    health = ContactFactory(young_person=contact.young_person, themes=["emploi", "sante"])
    assert [contact.is_sensitive, plain.is_sensitive, health.is_sensitive] == [True, False, True]


def test_health_proposal_does_not_leave_for_pole_emploi(ml):
    young = YoungPersonFactory(mission_locale=ml)
    ReferralFactory(pe_id="PE7", young_person=young, assignment_date=datetime.date(2025, 4, 1))
    day = datetime.date(2025, 5, 6)
    ProposalFactory(young_person=young, date=day, theme="sante", kind="service_partenaire", description=PAEJ)
    ProposalFactory(
        young_person=young, date=day, kind="service_partenaire", description="Bilan", sensitive=True
    )
    ProposalFactory(young_person=young, date=day, kind="formation", description="CAP cuisine")
    content = milestones_csv(Referral.objects.all(), datetime.date(2025, 5, 1), datetime.date(2025, 5, 31))
    assert "CAP cuisine" in content
    assert PAEJ not in content and "Bilan" not in content
