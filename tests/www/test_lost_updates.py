"""Mises à jour perdues (issue 13) : deux personnes ouvrent le même formulaire de modification, A enregistre,
B enregistre ensuite avec la version qu'il a ouverte → B lit le message de conflit (200, pas 500), la base garde
les valeurs de A. Un cas par formulaire de modification ; un test vérifie qu'aucun n'est oublié."""

import dataclasses
import datetime
import importlib
import pkgutil
from collections.abc import Callable

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse

import parcours.www
from parcours.accounts.enums import Role
from parcours.employers import services
from parcours.employers.enums import ContractType, OfferStatus
from parcours.versioning import Versioned
from parcours.www.forms import VersionedFormMixin
from tests.employers.factories import (
    EmployerRelationFactory,
    EventFactory,
    ImmersionFactory,
    JobOfferFactory,
    LocalActionFactory,
    PartnerFactory,
    ReferralFactory,
)
from tests.factories import (
    ContactFactory,
    ProposalFactory,
    SituationFactory,
    UserFactory,
    YoungPersonFactory,
)
from tests.www.submit import submitted

CONFLICT = "modifié par une autre personne"


@dataclasses.dataclass
class Case:
    url_name: str
    #: (ml, utilisateur) -> (enregistrement, paramètres de l'URL)
    build: Callable
    field: str
    values: tuple = ("Valeur de A", "Valeur de B")
    role: str = Role.COUNSELLOR

    def __str__(self):
        return self.url_name


def _followed(ml, user):
    return YoungPersonFactory(mission_locale=ml, referent=user)


def _related_partner(ml):
    """Un partenaire de la ML, dont elle tient la fiche (docs/droits-d-acces.md, répertoire des partenaires)."""
    return EmployerRelationFactory(mission_locale=ml, partner=PartnerFactory(owner=ml)).partner


def _young_record(factory, key):
    def build(ml, user):
        record = factory(young_person=_followed(ml, user))
        return record, {"pk": record.young_person_id, key: record.pk}

    return build


CASES = [
    Case(
        "young_people:edit",
        lambda ml, user: (yp := _followed(ml, user), {"pk": yp.pk}),
        "commune",
        ("Roubaix", "Tourcoing"),
    ),
    Case("young_people:contact_edit", _young_record(ContactFactory, "contact_pk"), "notes"),
    Case(
        "young_people:proposal_status",
        _young_record(ProposalFactory, "proposal_pk"),
        "status",
        ("realise", "refus_jeune"),
    ),
    Case("young_people:situation_edit", _young_record(SituationFactory, "situation_pk"), "employer"),
    Case(
        "employers:offer_edit",
        lambda ml, user: (
            offer := JobOfferFactory(mission_locale=ml, partner=_related_partner(ml)),
            {"offer_pk": offer.pk},
        ),
        "title",
        role=Role.EMPLOYER_REFERENT,
    ),
    Case(
        "employers:immersion_edit",
        lambda ml, user: (
            immersion := ImmersionFactory(young_person=_followed(ml, user), partner=_related_partner(ml)),
            {"immersion_pk": immersion.pk},
        ),
        "tutor_name",
    ),
    Case(
        "employers:referral_update",
        lambda ml, user: (
            referral := ReferralFactory(offer__mission_locale=ml, young_person__referent=user),
            {"placement_pk": referral.pk},
        ),
        "notes",
    ),
    Case(
        "employers:partner_edit",
        lambda ml, user: (partner := _related_partner(ml), {"partner_pk": partner.pk}),
        "description",
        role=Role.EMPLOYER_REFERENT,
    ),
    Case(
        "employers:relation_edit",
        lambda ml, user: (
            relation := EmployerRelationFactory(mission_locale=ml, partner=PartnerFactory()),
            {"partner_pk": relation.partner_id},
        ),
        "notes",
        role=Role.EMPLOYER_REFERENT,
    ),
    Case(
        "employers:event_edit",
        lambda ml, user: (event := EventFactory(mission_locale=ml), {"event_pk": event.pk}),
        "notes",
        role=Role.EMPLOYER_REFERENT,
    ),
    Case(
        "employers:action_edit",
        lambda ml, user: (action := LocalActionFactory(mission_locale=ml), {"action_pk": action.pk}),
        "description",
        role=Role.EMPLOYER_REFERENT,
    ),
]


def open_form(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return submitted(response.context["form"])


@pytest.mark.parametrize("case", CASES, ids=str)
def test_second_save_from_a_stale_form_is_refused_and_keeps_the_first(client, ml, case):
    first, second = (UserFactory(mission_locale=ml, role=case.role) for _ in range(2))
    record, kwargs = case.build(ml, first)
    url = reverse(case.url_name, kwargs=kwargs)
    seen_by_first, seen_by_second = open_form(client, first, url), open_form(client, second, url)
    value_a, value_b = case.values

    client.force_login(first)
    assert client.post(url, {**seen_by_first, case.field: value_a}).status_code == 302
    client.force_login(second)
    response = client.post(url, {**seen_by_second, case.field: value_b})

    assert response.status_code == 200
    body = response.content.decode()
    assert CONFLICT in body
    assert "Enregistré entre-temps par une autre personne" in body
    record.refresh_from_db()
    assert getattr(record, case.field) == value_a
    assert record.version == 2
    # Ce que B a saisi reste dans le formulaire ; le champ caché porte maintenant la version à jour.
    assert response.context["form"][case.field].value() == value_b
    assert response.context["form"]["version"].value() == 2


def test_conflict_shows_the_fresh_value_and_a_deliberate_resubmit_saves(client, ml):
    first, second = (UserFactory(mission_locale=ml, role=Role.COUNSELLOR) for _ in range(2))
    contact = ContactFactory(young_person=_followed(ml, first), notes="Avant")
    url = reverse(
        "young_people:contact_edit", kwargs={"pk": contact.young_person_id, "contact_pk": contact.pk}
    )
    seen_by_first, seen_by_second = open_form(client, first, url), open_form(client, second, url)
    client.force_login(first)
    client.post(url, {**seen_by_first, "notes": "Entretien : CV à refaire"})
    client.force_login(second)
    response = client.post(url, {**seen_by_second, "notes": "Entretien : atelier mardi"})
    assert response.context["form"].conflict == [("Compte rendu", "Entretien : CV à refaire")]

    again = client.post(url, submitted(response.context["form"]))

    assert again.status_code == 302
    contact.refresh_from_db()
    assert (contact.notes, contact.version) == ("Entretien : atelier mardi", 3)


def test_an_offer_filled_by_a_hire_is_not_reopened_by_a_form_opened_before(client, ml):
    referent = UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT)
    offer = JobOfferFactory(mission_locale=ml, partner=_related_partner(ml), positions=1)
    referral = ReferralFactory(offer=offer)
    url = reverse("employers:offer_edit", kwargs={"offer_pk": offer.pk})
    stale = open_form(client, referent, url)
    services.record_recruitment(
        referral.young_person, offer.partner, ContractType.CDI, datetime.date(2025, 2, 1), referral=referral
    )

    response = client.post(url, {**stale, "title": "Titre corrigé"})

    assert CONFLICT in response.content.decode()
    offer.refresh_from_db()
    assert (offer.status, offer.title, offer.version) == (
        OfferStatus.FILLED,
        "Employé polyvalent de restauration",
        2,
    )


def test_missing_version_is_refused_in_french(client, ml):
    user = UserFactory(mission_locale=ml, role=Role.COUNSELLOR)
    situation = SituationFactory(young_person=_followed(ml, user), employer="Avant")
    url = reverse(
        "young_people:situation_edit", kwargs={"pk": situation.young_person_id, "situation_pk": situation.pk}
    )
    data = open_form(client, user, url)
    del data["version"]
    response = client.post(url, {**data, "employer": "Après"})
    assert response.status_code == 200
    assert "rechargez la page" in response.content.decode()
    situation.refresh_from_db()
    assert (situation.employer, situation.version) == ("Avant", 1)


def _www_model_forms():
    for module in pkgutil.walk_packages(parcours.www.__path__, "parcours.www."):
        importlib.import_module(module.name)
    pending, found = [forms.ModelForm], set()
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.startswith("parcours.www."):
                found.add(subclass)
    return found


def test_a_group_session_edited_from_a_stale_form_keeps_the_first_save(client, ml):
    """La séance collective se modifie par un formulaire propre (ses inscrits suivent) : même règle."""
    from parcours.agenda import group_services

    first, second = (UserFactory(mission_locale=ml, role=Role.COUNSELLOR) for _ in range(2))
    session = group_services.create_session(
        mission_locale=ml, counsellor=first, kind="atelier", title="Atelier CV", capacity=8,
        date=datetime.date.today() + datetime.timedelta(days=3), time=datetime.time(14, 0), duration=60,
    )  # fmt: skip
    url = reverse("agenda:session_edit", kwargs={"session_pk": session.pk})
    seen_by_first, seen_by_second = open_form(client, first, url), open_form(client, second, url)
    client.force_login(first)
    assert client.post(url, {**seen_by_first, "title": "Atelier CV et lettre"}).status_code == 302
    client.force_login(second)
    response = client.post(url, {**seen_by_second, "title": "Atelier entretien"})
    assert response.status_code == 200 and CONFLICT in response.content.decode()
    session.refresh_from_db()
    assert (session.title, session.version) == ("Atelier CV et lettre", 2)


#: Modèles versionnés modifiés par un formulaire propre, couverts par un test à part : la séance collective
#: ci-dessus, l'accord aux rappels dans tests/reminders/test_consent.py.
COVERED_APART = {"agenda.GroupSession", "reminders.ReminderConsent"}


def test_every_versioned_model_has_a_lost_update_case(ml):
    user = UserFactory(mission_locale=ml, role=Role.COUNSELLOR)
    covered = {type(case.build(ml, user)[0]) for case in CASES} | {apps.get_model(m) for m in COVERED_APART}
    assert covered == {model for model in apps.get_models() if issubclass(model, Versioned)}


def test_every_web_form_editing_a_versioned_model_carries_its_version():
    missing = [
        form.__name__
        for form in _www_model_forms()
        if issubclass(form._meta.model, Versioned) and not issubclass(form, VersionedFormMixin)
    ]
    assert missing == []
