"""Saisies inattendues, reçues d'une personne ou d'une adresse modifiée à la main : une page en français ou une
404, jamais une erreur 500 (revue hostile des formulaires). « ² » passe ``str.isdigit`` mais pas ``int`` ;
« ５ » passe les deux."""

import datetime
import html

import pytest
from django.urls import reverse

from parcours.accompaniment.enums import ContactKind
from parcours.accounts.enums import Role
from parcours.agenda import group_services
from parcours.employers.models import Agreement, Partner
from parcours.referential.models import Site
from parcours.www.forms import FREE_TEXT_LIMIT
from parcours.www.warehouse.forms import PeriodForm
from parcours.young_people.models import YoungPerson
from tests.employers.factories import EmployerRelationFactory, JobOfferFactory, PartnerFactory
from tests.factories import UserFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db
ODD_NUMBERS = ["²", "５", "abc", "99999999999999999999"]
FAR_DATES = ["9999-12-31", "9999-12-30", "0001-01-01", "0001-01-07"]
TODAY = datetime.date.today()
#: Le champ refusé est signalé sur le formulaire réaffiché.
ERROR = "fr-error-text"


@pytest.fixture
def site(ml):
    return Site.objects.create(mission_locale=ml, name="Antenne de Fives", kind="antenne", commune="Lille")


@pytest.mark.parametrize("day", FAR_DATES)
def test_agenda_pages_at_the_edge_of_the_calendar_show_today(client, counsellor, director, site, day):
    client.force_login(counsellor)
    for name in ("agenda:day", "agenda:week"):
        response = client.get(reverse(name), {"jour": day})
        assert response.status_code == 200, name
        assert f"?jour={TODAY:%Y-%m-%d}" in response.content.decode() or name == "agenda:day"
    client.force_login(director)
    for url in (reverse("agenda:team"), reverse("agenda:site", kwargs={"site_pk": site.pk})):
        assert client.get(url, {"jour": day}).status_code == 200, url


def test_an_appointment_cannot_be_booked_years_ahead(client, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    client.force_login(counsellor)
    url = f"{reverse('agenda:appointment_create')}?jeune={young_person.pk}"
    data = {
        "counsellor": counsellor.pk,
        "date": f"{TODAY.year + 3}-01-15",
        "time": "23:30",
        "duration": 480,
        "mode": "sur_site",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "au plus deux ans à l&#x27;avance" in response.content.decode()
    assert not young_person.contacts.exists()


def test_a_session_cannot_be_planned_years_ahead(counsellor):
    with pytest.raises(group_services.GroupSessionError, match="au plus deux ans"):
        group_services.create_session(
            mission_locale=counsellor.mission_locale, counsellor=counsellor, kind=ContactKind.GROUP,
            title="Atelier", date=datetime.date(9999, 12, 31), time=datetime.time(14, 0), capacity=5,
        )  # fmt: skip


@pytest.mark.parametrize("value", ODD_NUMBERS)
def test_odd_numbers_in_addresses_are_ignored(client, counsellor, director, site, value):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    client.force_login(counsellor)
    create = reverse("agenda:appointment_create")
    assert client.get(create, {"jeune": value}).status_code == 200  # la recherche du jeune
    for param in ("conseiller", "site"):
        assert client.get(create, {"jeune": young_person.pk, param: value}).status_code == 200
    client.force_login(director)
    assert client.get(reverse("agenda:site_pick"), {"site": value}).status_code == 200
    national = UserFactory(mission_locale=None, role=Role.NATIONAL)
    client.force_login(national)
    fafih = Agreement.objects.get(code="fafih")
    url = reverse("employers:agreement_detail", kwargs={"agreement_pk": fafih.pk})
    assert client.get(url, {"annee": value}).status_code == 200


@pytest.mark.parametrize("value", ODD_NUMBERS)
def test_odd_numbers_in_posted_choices_are_refused_in_french(client, ml, counsellor, director, value):
    young_person = YoungPersonFactory(mission_locale=ml, referent=counsellor)
    client.force_login(counsellor)
    session = group_services.create_session(
        mission_locale=ml, counsellor=counsellor, kind=ContactKind.GROUP, title="Atelier",
        date=TODAY + datetime.timedelta(days=1), time=datetime.time(14, 0), capacity=5,
    )  # fmt: skip
    url = reverse("agenda:session_register", kwargs={"session_pk": session.pk})
    response = client.post(url, {"young_people": [value]})
    assert response.status_code == 200 and ERROR in response.content.decode()

    offer = JobOfferFactory(mission_locale=ml, counsellor=counsellor, received_on=TODAY, published_on=TODAY)
    url = reverse("employers:referral_create", kwargs={"offer_pk": offer.pk})
    response = client.post(url, {"young_person": value, "date": f"{TODAY:%Y-%m-%d}"})
    assert response.status_code == 200 and ERROR in response.content.decode()

    referent = UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT)
    EmployerRelationFactory(mission_locale=ml, partner=PartnerFactory())
    client.force_login(referent)
    response = client.post(reverse("employers:event_create"), {"title": "Forum", "partners": [value]})
    assert response.status_code == 200 and ERROR in response.content.decode()

    client.force_login(director)
    response = client.post(
        reverse("young_people:merge", args=[young_person.pk]), {"kept": value}, follow=True
    )
    assert "Choisissez le dossier à conserver" in response.content.decode()
    assert client.post(reverse("accounts:locked"), {"user": value}).status_code == 404


def test_a_name_whose_search_form_is_longer_than_the_column_is_saved(client, counsellor):
    """« ﷺ » se décompose (NFKD) en 18 caractères : 12 suffisaient à dépasser la colonne de recherche."""
    client.force_login(counsellor)
    data = {
        "last_name": "ﷺ" * 12, "first_name": "Léa", "birth_date": "2006-04-12", "sex": "F",
        "first_reception_date": "2024-10-01", "education_level": "V", "postcode": "59000", "commune": "Lille",
    }  # fmt: skip
    assert client.post(reverse("young_people:create"), data).status_code == 302
    saved = YoungPerson.objects.get(first_name="Léa")
    assert 0 < len(saved.search_name) <= YoungPerson._meta.get_field("search_name").max_length


@pytest.mark.parametrize(
    ("start", "end"), [("0001-01", "0001-02"), ("9999-11", "9999-12"), ("1999-12", "2000-01")]
)
def test_a_custom_period_outside_the_supported_years_is_refused_in_french(start, end):
    form = PeriodForm({"periode": "personnalisee", "annee": 2024, "debut": start, "fin": end})
    assert not form.is_valid()
    assert form.non_field_errors() == ["Une période se situe entre 2000 et 2100."]


def test_control_characters_are_refused_by_every_web_form_not_only_nul(client, counsellor):
    client.force_login(counsellor)
    data = {
        "last_name": "Du\x01pont", "first_name": "Léa\x1b[31m", "birth_date": "2006-04-12", "sex": "F",
        "first_reception_date": "2024-10-01", "education_level": "V", "postcode": "59000", "commune": "Lille",
    }  # fmt: skip
    response = client.post(reverse("young_people:create"), data)
    page = html.unescape(response.content.decode())
    assert "Texte refusé : caractère de contrôle interdit (code 0x01) en position 3." in page
    assert "Texte refusé : caractère de contrôle interdit (code 0x1b) en position 4." in page
    assert "2 erreurs à corriger" in page  # un message par champ, au champ et dans le récapitulatif
    assert not YoungPerson.objects.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "0205-03-04", "2205-03-04", "9999-12-31"])
def test_a_mistyped_year_is_refused_by_every_web_form(client, counsellor, day):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    client.force_login(counsellor)
    contact = {"date": day, "kind": "entretien_individuel", "mode": "sur_site", "status": "present"}
    response = client.post(reverse("young_people:contact_create", kwargs={"pk": young_person.pk}), contact)
    assert "Saisissez une date entre 1900 et 2100 : l'année semble mal tapée." in html.unescape(
        response.content.decode()
    )
    assert not young_person.contacts.exists()


def test_free_text_has_a_limit_in_the_form_and_in_the_page(client, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    client.force_login(counsellor)
    url = reverse("young_people:contact_create", kwargs={"pk": young_person.pk})
    assert f'maxlength="{FREE_TEXT_LIMIT}"' in client.get(url).content.decode()
    contact = {"date": "2025-03-04", "kind": "entretien_individuel", "mode": "sur_site", "status": "present"}
    response = client.post(url, {**contact, "notes": "a" * (FREE_TEXT_LIMIT + 1)})
    assert f"au plus {FREE_TEXT_LIMIT} caractères" in html.unescape(response.content.decode())
    assert not young_person.contacts.exists()
    assert client.post(url, {**contact, "notes": "a" * FREE_TEXT_LIMIT}).status_code == 302


def test_an_identifier_too_long_for_the_database_is_a_404(client, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    client.force_login(counsellor)
    assert client.get(reverse("young_people:detail", args=[young_person.pk])).status_code == 200
    for pk in ("99999999999999999999", "9" * 19, "0" * 30 + "1"):
        assert client.get(f"/jeunes/{pk}/").status_code == 404
        assert client.get(f"/jeunes/{pk}/contacts/nouveau/").status_code == 404


def test_a_planned_contact_follows_the_appointment_horizon(client, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    client.force_login(counsellor)
    url = reverse("young_people:contact_create", kwargs={"pk": young_person.pk})
    planned = {"kind": "entretien_individuel", "mode": "sur_site", "status": "planifie"}
    response = client.post(url, {**planned, "date": f"{TODAY.year + 3}-06-01"})
    assert "Un rendez-vous se prend au plus deux ans à l'avance." in html.unescape(response.content.decode())
    assert not young_person.contacts.exists()
    next_month = TODAY + datetime.timedelta(days=30)
    assert client.post(url, {**planned, "date": f"{next_month:%Y-%m-%d}"}).status_code == 302


@pytest.mark.parametrize("invisible", ["\u200b\u200b", "\u202e", "\u200b \u200b"])
def test_a_name_without_any_letter_is_refused(client, counsellor, invisible):
    client.force_login(counsellor)
    data = {
        "last_name": invisible, "first_name": "Léa", "birth_date": "2006-04-12", "sex": "F",
        "first_reception_date": "2024-10-01", "education_level": "V", "postcode": "59000", "commune": "Lille",
    }  # fmt: skip
    response = client.post(reverse("young_people:create"), data)
    assert "Saisissez au moins une lettre ou un chiffre." in html.unescape(response.content.decode())
    assert not YoungPerson.objects.exists()
    referent = UserFactory(mission_locale=counsellor.mission_locale, role=Role.EMPLOYER_REFERENT)
    client.force_login(referent)
    response = client.post(reverse("employers:partner_create"), {"name": invisible, "kind": "entreprise"})
    assert "Saisissez au moins une lettre ou un chiffre." in html.unescape(response.content.decode())


def test_a_partner_named_with_digits_only_is_accepted(client, counsellor):
    """L'école « 42 » est un partenaire : un nom lisible compte une lettre ou un chiffre."""
    referent = UserFactory(mission_locale=counsellor.mission_locale, role=Role.EMPLOYER_REFERENT)
    client.force_login(referent)
    response = client.post(reverse("employers:partner_create"), {"name": "42", "kind": "association"})
    assert response.status_code == 302
    assert Partner.objects.filter(name="42").exists()
