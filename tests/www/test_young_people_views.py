import datetime

import pytest
import time_machine
from django.urls import reverse

from parcours.accompaniment.models import Contact, Proposal, Situation
from parcours.accounts.enums import Role
from parcours.young_people.models import FileAccess, ReferentAssignment, YoungPerson
from tests.factories import ContactFactory, SituationFactory, UserFactory, YoungPersonFactory

VALID = {
    "last_name": "Lefèvre",
    "first_name": "Zoé",
    "birth_date": "2006-04-12",
    "sex": "F",
    "first_reception_date": "2024-10-01",
    "education_level": "V",
    "phone": "06 12 34 56 78",
    "postcode": "59000",
    "commune": "Lille",
}


@pytest.fixture
def logged(client, counsellor):
    client.force_login(counsellor)
    return client


def test_create_file_makes_creator_referent_and_records_assignment(logged, counsellor):
    response = logged.post(reverse("young_people:create"), VALID)
    young_person = YoungPerson.objects.get()
    assert response.url == reverse("young_people:detail", kwargs={"pk": young_person.pk})
    assert young_person.referent == counsellor
    assert young_person.search_name == "lefevre zoe"
    assert young_person.mission_locale == counsellor.mission_locale
    assert ReferentAssignment.objects.get().referent == counsellor


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("birth_date", "1995-01-01", "29 ans au premier accueil"),
        ("birth_date", "2010-01-01", "14 ans au premier accueil"),
        ("postcode", "5900", "Le code postal compte 5 chiffres."),
        ("nir", "123", "Le NIR compte 13 caractères"),
        ("phone", "abc", "Numéro de téléphone invalide"),
        ("first_reception_date", "2099-01-01", "ne peut pas être dans le futur"),
        ("last_name", "", "Ce champ est obligatoire."),
    ],
)
def test_create_refuses_bad_input_keeps_typed_values_and_saves_nothing(logged, field, value, message):
    response = logged.post(reverse("young_people:create"), {**VALID, field: value})
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'value="Zoé"' in body  # ce que l'utilisateur a tapé est conservé
    assert YoungPerson.objects.count() == 0


def test_duplicate_detected_and_proposed_then_confirmed(logged, counsellor):
    existing = YoungPersonFactory(
        mission_locale=counsellor.mission_locale,
        last_name="LEFEVRE",
        first_name="zoe",
        birth_date=datetime.date(2006, 4, 12),
    )
    response = logged.post(reverse("young_people:create"), VALID)
    body = response.content.decode()
    assert "Un dossier existe déjà pour ce jeune" in body
    assert reverse("young_people:detail", kwargs={"pk": existing.pk}) in body
    assert YoungPerson.objects.count() == 1
    response = logged.post(reverse("young_people:create"), {**VALID, "confirm_not_duplicate": "on"})
    assert response.status_code == 302
    assert YoungPerson.objects.count() == 2


def test_duplicate_in_other_ml_is_not_revealed(logged, other_ml):
    YoungPersonFactory(
        mission_locale=other_ml, last_name="Lefèvre", first_name="Zoé", birth_date=datetime.date(2006, 4, 12)
    )
    response = logged.post(reverse("young_people:create"), VALID)
    assert response.status_code == 302


def test_detail_is_audit_logged(logged, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale)
    logged.get(reverse("young_people:detail", kwargs={"pk": young_person.pk}))
    logged.get(reverse("young_people:detail", kwargs={"pk": young_person.pk}))
    accesses = FileAccess.objects.filter(young_person=young_person)
    assert accesses.count() == 2
    assert {a.user for a in accesses} == {counsellor}


@pytest.mark.parametrize(
    "name",
    [
        "young_people:edit",
        "young_people:history",
        "young_people:contact_create",
        "programmes:young_person",
        "programmes:enrol",
        "employers:young_person",
        "employers:recruitment_create",
    ],
)
def test_every_page_showing_a_file_is_audit_logged_once(logged, counsellor, name):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    response = logged.get(reverse(name, kwargs={"pk": young_person.pk}))
    assert response.status_code == 200
    assert list(FileAccess.objects.filter(young_person=young_person).values_list("user", "channel")) == [
        (counsellor.pk, "web")
    ]


def test_concurrent_edit_second_save_refused_nothing_overwritten(client, counsellor, director):
    young_person = YoungPersonFactory(
        mission_locale=counsellor.mission_locale, commune="Lille", referent=counsellor
    )
    url = reverse("young_people:edit", kwargs={"pk": young_person.pk})
    form_data = {
        **VALID,
        "last_name": young_person.last_name,
        "first_name": young_person.first_name,
        "version": 1,
    }
    # Les deux ouvrent le formulaire à la version 1 ; le premier enregistre.
    client.force_login(counsellor)
    assert client.post(url, {**form_data, "commune": "Roubaix"}).status_code == 302
    client.force_login(director)
    response = client.post(url, {**form_data, "commune": "Tourcoing"})
    assert response.status_code == 200
    assert "modifié par une autre personne" in response.content.decode()
    young_person.refresh_from_db()
    assert young_person.commune == "Roubaix"
    assert young_person.version == 2


def test_edit_history_shows_changes_and_author(logged, counsellor):
    young_person = YoungPersonFactory(
        mission_locale=counsellor.mission_locale, commune="Lille", referent=counsellor
    )
    url = reverse("young_people:edit", kwargs={"pk": young_person.pk})
    data = {**VALID, "last_name": young_person.last_name, "first_name": young_person.first_name, "version": 1}
    logged.post(url, {**data, "commune": "Roubaix", "health_notes": "asthme"})
    body = logged.get(reverse("young_people:history", kwargs={"pk": young_person.pk})).content.decode()
    assert "Roubaix" in body and "Lille" in body
    assert str(counsellor) in body
    assert "asthme" in body  # le référent voit l'historique des champs sensibles


def test_history_hides_sensitive_changes_from_other_staff(client, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    young_person.health_notes = "asthme sévère"
    young_person.save()
    colleague = UserFactory(mission_locale=counsellor.mission_locale, role=Role.RECEPTION)
    client.force_login(colleague)
    body = client.get(reverse("young_people:history", kwargs={"pk": young_person.pk})).content.decode()
    assert "asthme" not in body


def test_non_referent_cannot_edit_sensitive_fields(client, counsellor):
    young_person = YoungPersonFactory(
        mission_locale=counsellor.mission_locale, referent=counsellor, health_notes="x"
    )
    colleague = UserFactory(mission_locale=counsellor.mission_locale, role=Role.COUNSELLOR)
    client.force_login(colleague)
    url = reverse("young_people:edit", kwargs={"pk": young_person.pk})
    data = {**VALID, "last_name": young_person.last_name, "first_name": young_person.first_name, "version": 1}
    client.post(url, {**data, "health_notes": "écrasé"})
    young_person.refresh_from_db()
    assert young_person.health_notes == "x"


def test_search_is_accent_and_case_insensitive_and_scoped(logged, counsellor, other_ml):
    mine = YoungPersonFactory(mission_locale=counsellor.mission_locale, last_name="Lefèvre", first_name="Zoé")
    YoungPersonFactory(mission_locale=other_ml, last_name="Lefevre", first_name="Zoe")
    YoungPersonFactory(mission_locale=counsellor.mission_locale, last_name="Martin", first_name="Paul")
    response = logged.get(reverse("young_people:search"), {"q": "LEFEV zo"})
    assert [yp.pk for yp in response.context["page"]] == [mine.pk]
    response = logged.get(reverse("young_people:search"), {"birth_date": mine.birth_date.isoformat()})
    assert response.context["page"].paginator.count == 2  # les deux jeunes de ma ML nés ce jour-là


def test_search_requires_a_criterion(logged):
    response = logged.get(reverse("young_people:search"), {"q": " "})
    assert "Saisissez au moins un fragment de nom" in response.content.decode()


def test_search_htmx_returns_fragment(logged, counsellor):
    YoungPersonFactory(mission_locale=counsellor.mission_locale, last_name="Dupont")
    response = logged.get(reverse("young_people:search"), {"q": "dup"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Dupont".upper() in body and "<html" not in body


def test_portfolio_shows_last_contact_situation_and_sorts(logged, counsellor):
    today = datetime.date.today()
    recent = YoungPersonFactory(
        mission_locale=counsellor.mission_locale, referent=counsellor, last_name="Aaron"
    )
    old = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor, last_name="Zola")
    YoungPersonFactory(mission_locale=counsellor.mission_locale, last_name="PasAMoi")
    ContactFactory(young_person=recent, date=today - datetime.timedelta(days=3))
    ContactFactory(young_person=recent, date=today - datetime.timedelta(days=1), status="absent")
    ContactFactory(young_person=old, date=today - datetime.timedelta(days=120))
    SituationFactory(young_person=old, category="formation", kind="qualifiante")
    response = logged.get(reverse("young_people:portfolio"), {"tri": "contact"})
    rows = list(response.context["page"])
    assert [yp.pk for yp in rows] == [old.pk, recent.pk]
    assert rows[0].days_since_contact == 120 and rows[1].days_since_contact == 3  # l'absence ne compte pas
    assert rows[0].current_situation_label == "Formation"
    response = logged.get(reverse("young_people:portfolio"), {"tri": "-nom"})
    assert [yp.last_name for yp in response.context["page"]] == ["Zola", "Aaron"]


def test_contact_with_proposal_appears_on_timeline(logged, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    response = logged.post(
        reverse("young_people:contact_create", kwargs={"pk": young_person.pk}),
        {
            "date": "2025-03-04",
            "kind": "entretien_individuel",
            "mode": "sur_site",
            "status": "present",
            "themes": ["emploi", "mobilite"],
            "notes": "Point sur le CV",
            "add_proposal": "on",
            "proposition-date": "2025-03-04",
            "proposition-theme": "formation",
            "proposition-kind": "formation",
            "proposition-description": "Titre pro cuisinier",
            "proposition-status": "prescrit",
        },
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    proposal = Proposal.objects.get()
    assert contact.themes == ["emploi", "mobilite"] and contact.counsellor == counsellor
    assert proposal.contact == contact
    timeline = logged.get(reverse("young_people:detail", kwargs={"pk": young_person.pk})).context["timeline"]
    assert [e.kind for e in timeline[:2]] == ["contact", "proposition"] or [e.kind for e in timeline[:2]] == [
        "proposition",
        "contact",
    ]
    assert any("Titre pro cuisinier" in e.detail for e in timeline)


def test_contact_with_invalid_proposal_saves_nothing(logged, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale)
    response = logged.post(
        reverse("young_people:contact_create", kwargs={"pk": young_person.pk}),
        {
            "date": "2025-03-04",
            "kind": "atelier",
            "mode": "sur_site",
            "status": "present",
            "add_proposal": "on",
        },
    )
    assert response.status_code == 200
    assert Contact.objects.count() == 0 and Proposal.objects.count() == 0


def test_future_contact_must_be_planned(logged, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale)
    future = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
    url = reverse("young_people:contact_create", kwargs={"pk": young_person.pk})
    response = logged.post(
        url, {"date": future, "kind": "entretien_individuel", "mode": "sur_site", "status": "present"}
    )
    assert "planifié" in response.content.decode()
    assert Contact.objects.count() == 0
    logged.post(
        url, {"date": future, "kind": "entretien_individuel", "mode": "sur_site", "status": "planifie"}
    )
    assert Contact.objects.get().status == "planifie"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rome_code": "K22"}, "Un code ROME est une lettre de A à N"),
        ({"rome_code": "Z1234"}, "Un code ROME est une lettre de A à N"),
        ({"end_date": "2024-12-01"}, "La date de fin ne peut pas précéder la date de début."),
        ({"state": "termine"}, "Une situation terminée a une date de fin."),
        ({"kind": "apprentissage"}, "Pour la catégorie « Emploi », le type est l"),
    ],
)
def test_situation_bad_input(logged, counsellor, data, message):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale)
    base = {
        "category": "emploi",
        "kind": "cdd",
        "state": "en_cours",
        "start_date": "2025-01-01",
        "rome_code": "k2204",
    }
    response = logged.post(
        reverse("young_people:situation_create", kwargs={"pk": young_person.pk}), {**base, **data}
    )
    assert message in response.content.decode()
    assert Situation.objects.count() == 0


def test_situation_valid_rome_is_uppercased(logged, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale)
    base = {
        "category": "emploi",
        "kind": "cdd",
        "state": "en_cours",
        "start_date": "2025-01-01",
        "rome_code": "k2204",
    }
    logged.post(reverse("young_people:situation_create", kwargs={"pk": young_person.pk}), base)
    assert Situation.objects.get().rome_code == "K2204"


def test_outsider_post_changes_nothing(client, counsellor, other_ml):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale)
    outsider = UserFactory(mission_locale=other_ml, role=Role.DIRECTOR)
    client.force_login(outsider)
    url = reverse("young_people:contact_create", kwargs={"pk": young_person.pk})
    response = client.post(
        url, {"date": "2025-01-01", "kind": "atelier", "mode": "sur_site", "status": "present"}
    )
    assert response.status_code == 404
    assert Contact.objects.count() == 0


def test_archive_and_reopen_by_referent_only(client, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    ReferentAssignment.objects.create(young_person=young_person, referent=counsellor)
    colleague = UserFactory(mission_locale=counsellor.mission_locale, role=Role.COUNSELLOR)
    url = reverse("young_people:archive", kwargs={"pk": young_person.pk})
    client.force_login(colleague)
    assert client.post(url, {"reason": "autonome"}).status_code == 403
    client.force_login(counsellor)
    client.post(url, {"reason": "autonome"})
    young_person.refresh_from_db()
    assert young_person.is_archived and young_person.archive_reason == "autonome"
    assert not ReferentAssignment.objects.filter(end__isnull=True).exists()
    client.post(url)
    young_person.refresh_from_db()
    assert not young_person.is_archived


def test_transfer_referent_keeps_history(client, counsellor, director):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    ReferentAssignment.objects.create(young_person=young_person, referent=counsellor)
    new = UserFactory(mission_locale=counsellor.mission_locale, role=Role.COUNSELLOR)
    client.force_login(director)
    url = reverse("young_people:transfer", kwargs={"pk": young_person.pk})
    response = client.post(url, {"referent": new.pk, "reason": "Départ en congé"})
    assert response.status_code == 302
    young_person.refresh_from_db()
    assert young_person.referent == new
    assignments = list(ReferentAssignment.objects.filter(young_person=young_person).order_by("start"))
    assert [a.referent for a in assignments] == [counsellor, new]
    assert assignments[0].end is not None and assignments[1].end is None
    # Un conseiller d'une autre ML n'est pas proposé.
    response = client.post(url, {"referent": UserFactory().pk})
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_merge_duplicate_moves_the_whole_path_and_keeps_history(client, counsellor):
    ml = counsellor.mission_locale
    kept = YoungPersonFactory(mission_locale=ml, last_name="Diallo", first_name="Awa", referent=counsellor)
    duplicate = YoungPersonFactory(
        mission_locale=ml, last_name="DIALLO", first_name="awa", referent=counsellor
    )
    ReferentAssignment.objects.create(young_person=duplicate, referent=counsellor)
    ContactFactory(young_person=duplicate)
    SituationFactory(young_person=duplicate)
    client.force_login(counsellor)
    url = reverse("young_people:merge", kwargs={"pk": duplicate.pk})
    assert kept.pk in [c.pk for c in client.get(url).context["candidates"]]
    response = client.post(url, {"kept": kept.pk})
    assert response.url == reverse("young_people:detail", kwargs={"pk": kept.pk})
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept and duplicate.archive_reason == "doublon"
    assert Contact.objects.get().young_person == kept and Situation.objects.get().young_person == kept
    assert ReferentAssignment.objects.get().young_person == kept
    assert not ReferentAssignment.objects.filter(end__isnull=True).exists()
    # Un doublon fusionné ne se rouvre pas.
    client.post(reverse("young_people:archive", kwargs={"pk": duplicate.pk}))
    duplicate.refresh_from_db()
    assert duplicate.is_archived


def test_merge_refuses_a_file_that_is_not_a_duplicate(client, counsellor):
    ml = counsellor.mission_locale
    other = YoungPersonFactory(mission_locale=ml, last_name="Autre", referent=counsellor)
    duplicate = YoungPersonFactory(mission_locale=ml, last_name="Diallo", referent=counsellor)
    client.force_login(counsellor)
    response = client.post(
        reverse("young_people:merge", kwargs={"pk": duplicate.pk}), {"kept": other.pk}, follow=True
    )
    assert "Choisissez le dossier à conserver" in response.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None and not duplicate.is_archived
    # Un identifiant illisible : le même message, pas une erreur 500 (revue).
    url = reverse("young_people:merge", kwargs={"pk": duplicate.pk})
    assert (
        "Choisissez le dossier à conserver" in client.post(url, {"kept": "abc"}, follow=True).content.decode()
    )


def test_search_lists_names_starting_with_the_fragment_first(logged, counsellor):
    ml = counsellor.mission_locale
    YoungPersonFactory(mission_locale=ml, last_name="Camara", first_name="Issa")
    YoungPersonFactory(mission_locale=ml, last_name="Martin", first_name="Léa")
    YoungPersonFactory(mission_locale=ml, last_name="Amar", first_name="Océane")
    response = logged.get(reverse("young_people:search"), {"q": "mar"})
    assert [yp.last_name for yp in response.context["page"]] == ["Martin", "Amar", "Camara"]


def test_interface_is_french_whatever_the_browser_language(logged):
    response = logged.post(
        reverse("young_people:create"), {**VALID, "last_name": ""}, HTTP_ACCEPT_LANGUAGE="en-US,en"
    )
    body = response.content.decode()
    assert "Ce champ est obligatoire." in body and "(Optionnel)" in body


def test_timeline_is_limited_filterable_and_links_to_edit_pages(logged, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    for day in range(1, 36):
        ContactFactory(
            young_person=young_person, date=datetime.date(2025, 1, 1) + datetime.timedelta(days=day)
        )
    situation = SituationFactory(young_person=young_person, start_date=datetime.date(2024, 12, 1))
    url = reverse("young_people:detail", kwargs={"pk": young_person.pk})
    response = logged.get(url)
    assert len(response.context["timeline"]) == 30 and response.context["timeline_total"] == 36
    assert response.context["timeline"][0].date == datetime.date(2025, 2, 5)  # le plus récent d'abord
    assert len(logged.get(url, {"tout": "1"}).context["timeline"]) == 36
    only_situations = logged.get(url, {"type": "situation"}).context["timeline"]
    assert [e.url for e in only_situations] == [
        reverse("young_people:situation_edit", kwargs={"pk": young_person.pk, "situation_pk": situation.pk})
    ]


def test_search_with_one_or_two_letters_matches_the_start_of_a_word(logged, counsellor):
    ml = counsellor.mission_locale
    YoungPersonFactory(mission_locale=ml, last_name="Leroy", first_name="Paul")
    YoungPersonFactory(mission_locale=ml, last_name="Martin", first_name="Léa")
    YoungPersonFactory(mission_locale=ml, last_name="Carles", first_name="Hugo")
    YoungPersonFactory(mission_locale=ml, last_name="Saint-Lé", first_name="Anne")
    response = logged.get(reverse("young_people:search"), {"q": "LE"})
    assert [yp.last_name for yp in response.context["page"]] == ["Leroy", "Martin", "Saint-Lé"]
    response = logged.get(reverse("young_people:search"), {"q": "rle"})
    assert [yp.last_name for yp in response.context["page"]] == ["Carles"]


def test_create_refuses_a_nir_whose_key_is_wrong(logged):
    response = logged.post(reverse("young_people:create"), {**VALID, "nir": "206045935001200"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "La clé du NIR (2 derniers chiffres) ne correspond pas" in body
    assert YoungPerson.objects.count() == 0
    right = {**VALID, "nir": f"2060459350012{97 - 2060459350012 % 97:02d}"}
    assert logged.post(reverse("young_people:create"), right).status_code == 302


@pytest.mark.parametrize(
    "typed", ["2 06 04 59 350 012 78", "2.06.04.59.350.012.78", "2-06-04-59-350-012-78 "]
)
def test_a_nir_typed_as_on_the_carte_vitale_is_saved_compact(logged, typed):
    """Le NIR s'écrit par groupes sur la carte Vitale : 21 caractères, refusés par la longueur (15) avant que
    les espaces ne soient ôtés."""
    response = logged.post(reverse("young_people:create"), {**VALID, "nir": typed})
    assert response.status_code == 302, response.context["form"].errors
    assert YoungPerson.objects.get().nir == "206045935001278"


def test_certification_level_entered_on_the_file(logged):
    """Niveau de certification validé (ANI 2011, 001) : saisi dans le dossier, affiché sur la fiche."""
    response = logged.post(reverse("young_people:create"), {**VALID, "certification_level": "aucune"})
    young_person = YoungPerson.objects.get()
    assert young_person.certification_level == "aucune"
    page = logged.get(response.url).content.decode()
    assert "certification validée : aucune certification de niveau v (infra v)" in page


@pytest.mark.parametrize(
    ("role", "shown"), [(Role.RECEPTION, False), (Role.COUNSELLOR, True), (Role.DIRECTOR, True)]
)
def test_reception_does_not_enter_sensitive_data_at_creation(client, ml, role, shown):
    client.force_login(UserFactory(mission_locale=ml, role=role))
    body = client.get(reverse("young_people:create")).content.decode()
    assert ('name="health_notes"' in body) is shown
    assert ('name="judicial_follow_up"' in body) is shown
    client.post(
        reverse("young_people:create"), {**VALID, "health_notes": "Suivi psy", "judicial_follow_up": "pjj"}
    )
    young_person = YoungPerson.objects.get()
    assert (young_person.health_notes == "Suivi psy") is shown
    assert (young_person.judicial_follow_up == "pjj") is shown


def test_reception_chooses_the_referent_at_creation_among_counsellors_of_its_ml(
    client, ml, counsellor, other_ml
):
    reception = UserFactory(mission_locale=ml, role=Role.RECEPTION)
    outsider = UserFactory(mission_locale=other_ml, role=Role.COUNSELLOR)
    client.force_login(reception)
    body = client.get(reverse("young_people:create")).content.decode()
    assert 'name="referent"' in body
    assert f'value="{counsellor.pk}"' in body
    assert f'value="{outsider.pk}"' not in body
    response = client.post(reverse("young_people:create"), {**VALID, "referent": outsider.pk})
    assert response.status_code == 200
    assert YoungPerson.objects.count() == 0
    client.post(reverse("young_people:create"), {**VALID, "referent": counsellor.pk})
    young_person = YoungPerson.objects.get()
    assert young_person.referent == counsellor
    assert ReferentAssignment.objects.get().referent == counsellor


def test_reception_may_leave_the_referent_empty_and_counsellor_gets_no_choice(client, ml, counsellor):
    client.force_login(UserFactory(mission_locale=ml, role=Role.RECEPTION))
    client.post(reverse("young_people:create"), VALID)
    assert YoungPerson.objects.get().referent is None
    client.force_login(counsellor)
    assert 'name="referent"' not in client.get(reverse("young_people:create")).content.decode()


def test_reception_assigns_a_referent_to_a_file_without_one_only(client, ml, counsellor):
    reception = UserFactory(mission_locale=ml, role=Role.RECEPTION)
    orphan = YoungPersonFactory(mission_locale=ml, referent=None)
    followed = YoungPersonFactory(mission_locale=ml, referent=counsellor)
    client.force_login(reception)
    response = client.post(
        reverse("young_people:transfer", kwargs={"pk": orphan.pk}), {"referent": counsellor.pk}
    )
    assert response.status_code == 302
    orphan.refresh_from_db()
    assert orphan.referent == counsellor
    colleague = UserFactory(mission_locale=ml, role=Role.COUNSELLOR)
    url = reverse("young_people:transfer", kwargs={"pk": followed.pk})
    assert client.post(url, {"referent": colleague.pk}).status_code == 403
    followed.refresh_from_db()
    assert followed.referent == counsellor


def test_files_without_referent_are_a_queue_for_the_director(client, ml, director, counsellor, other_ml):
    orphan = YoungPersonFactory(mission_locale=ml, referent=None, last_name="Orphelin")
    YoungPersonFactory(mission_locale=ml, referent=counsellor, last_name="Suivi")
    YoungPersonFactory(
        mission_locale=ml,
        referent=None,
        last_name="Archive",
        archived_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
        archive_reason="demenagement",
    )
    YoungPersonFactory(mission_locale=other_ml, referent=None, last_name="Ailleurs")
    client.force_login(director)
    assert reverse("young_people:unassigned") in client.get(reverse("programmes:worklist")).content.decode()
    body = client.get(reverse("young_people:unassigned")).content.decode()
    assert "Orphelin".upper() in body.upper()
    assert reverse("young_people:transfer", kwargs={"pk": orphan.pk}) in body
    for hidden in ("Suivi", "Archive", "Ailleurs"):
        assert hidden.upper() not in body.upper()
    client.force_login(counsellor)
    assert client.get(reverse("young_people:unassigned")).status_code == 403


CONTACT = {"date": "2025-03-04", "kind": "entretien_individuel", "mode": "sur_site", "status": "present"}
#: Ce qu'envoie le navigateur pour un bloc « proposition » laissé tel quel (date du jour, statut par défaut).
UNTOUCHED_PROPOSAL = {"proposition-date": "2025-03-04", "proposition-status": "prescrit"}


def _proposal_block(body):
    return body.split('id="proposition"', 1)[1].split("</fieldset>", 1)[0]


@time_machine.travel(datetime.datetime(2025, 3, 4, 10, tzinfo=datetime.UTC), tick=False)
def test_contact_refuses_a_filled_in_proposal_whose_box_is_unticked_and_keeps_it(logged, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    url = reverse("young_people:contact_create", kwargs={"pk": young_person.pk})
    response = logged.post(
        url, {**CONTACT, **UNTOUCHED_PROPOSAL, "proposition-description": "Titre pro cuisinier"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "cochez la case" in body
    assert 'value="Titre pro cuisinier"' in body
    assert "Ce champ est obligatoire" not in _proposal_block(body)
    assert Contact.objects.count() == 0 and Proposal.objects.count() == 0


@time_machine.travel(datetime.datetime(2025, 3, 4, 10, tzinfo=datetime.UTC), tick=False)
def test_contact_with_an_untouched_unticked_proposal_block_saves_the_contact_only(logged, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    url = reverse("young_people:contact_create", kwargs={"pk": young_person.pk})
    assert logged.post(url, {**CONTACT, **UNTOUCHED_PROPOSAL}).status_code == 302
    assert Contact.objects.count() == 1 and Proposal.objects.count() == 0


@time_machine.travel(datetime.datetime(2025, 3, 4, 10, tzinfo=datetime.UTC), tick=False)
def test_unticked_proposal_block_shows_no_false_required_error(logged, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    url = reverse("young_people:contact_create", kwargs={"pk": young_person.pk})
    body = logged.post(url, {**CONTACT, "kind": "", **UNTOUCHED_PROPOSAL}).content.decode()
    assert "Ce champ est obligatoire" in body  # le type du contact manque
    assert "#id_proposition-" not in body
    assert "Ce champ est obligatoire" not in _proposal_block(body)
