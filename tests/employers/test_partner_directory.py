"""Répertoire commun des partenaires : une fiche est modifiée par la mission locale qui la tient (direction,
référent entreprise) ou par le national ; un signataire d'accord national, par le national seul ; chaque
modification est historisée et visible sur la page du partenaire."""

import pytest
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.employers.models import Partner
from tests.employers.factories import AgreementFactory, PartnerFactory
from tests.factories import UserFactory


def edit(client, user, partner, name):
    client.force_login(user)
    url = reverse("employers:partner_edit", kwargs={"partner_pk": partner.pk})
    data = {"name": name, "kind": partner.kind, "siret": partner.siret, "postcode": "", "commune": "Lille"}
    return client.post(url, data)


@pytest.fixture
def people(ml, other_ml):
    return {
        role_ml: UserFactory(mission_locale=mission_locale, role=role)
        for role_ml, mission_locale, role in [
            ("directeur_a", ml, Role.DIRECTOR),
            ("entreprise_a", ml, Role.EMPLOYER_REFERENT),
            ("conseiller_a", ml, Role.COUNSELLOR),
            ("directeur_b", other_ml, Role.DIRECTOR),
            ("entreprise_b", other_ml, Role.EMPLOYER_REFERENT),
        ]
    } | {"national": UserFactory(mission_locale=None, role=Role.NATIONAL)}


def test_only_the_owning_ml_or_the_national_edits_a_partner(client, ml, people):
    partner = PartnerFactory(owner=ml, name="Boulangerie Leroy")
    codes = {}
    for name, user in people.items():
        codes[name] = edit(client, user, partner, f"Renommé par {name}").status_code
        partner.refresh_from_db()
    assert codes == {
        "directeur_a": 302,
        "entreprise_a": 302,
        "conseiller_a": 403,
        "directeur_b": 403,
        "entreprise_b": 403,
        "national": 302,
    }
    assert partner.name == "Renommé par national"


def test_a_national_signatory_is_edited_by_the_national_only(client, ml, people):
    signatory = PartnerFactory(owner=ml, name="SNCF")
    AgreementFactory().parties.create(partner=signatory)
    national_file = PartnerFactory(owner=None, name="Police nationale")
    for partner in (signatory, national_file):
        for name in ("directeur_a", "entreprise_a", "directeur_b"):
            assert edit(client, people[name], partner, "=HYPERLINK(1)").status_code == 403
        assert Partner.objects.get(pk=partner.pk).name == partner.name
        assert (
            edit(client, people["national"], partner, f"{partner.name} (fiche nationale)").status_code == 302
        )


def test_created_partner_belongs_to_the_ml_and_edits_are_kept_in_history(client, ml, people):
    client.force_login(people["entreprise_a"])
    client.post(
        reverse("employers:partner_create"),
        {"name": "Garage Martin", "kind": "federation", "commune": "Lille"},
    )
    partner = Partner.objects.get(name="Garage Martin")
    assert partner.owner == ml
    assert edit(client, people["directeur_a"], partner, "Garage Martin et fils").status_code == 302
    assert [h.name for h in partner.history.all()] == ["Garage Martin et fils", "Garage Martin"]
    assert partner.history.first().history_user == people["directeur_a"]
    client.force_login(people["directeur_b"])  # le répertoire est commun : l'historique aussi
    page = client.get(reverse("employers:partner_detail", kwargs={"partner_pk": partner.pk})).content.decode()
    assert "« Garage Martin » → « Garage Martin et fils »" in page
    assert "Modifier la fiche" not in page
