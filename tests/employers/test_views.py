import datetime
import io
from html import unescape

import openpyxl
import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from parcours.accompaniment.models import Situation
from parcours.accounts.enums import Role
from parcours.employers import services
from parcours.employers.enums import OfferStatus, ReferralStatus
from parcours.employers.models import Event, JobOffer, Partner, Recruitment, Referral
from parcours.referential.models import Department
from tests.employers.factories import EmployerRelationFactory, JobOfferFactory, PartnerFactory
from tests.factories import UserFactory, YoungPersonFactory

TODAY = timezone.localdate()


@pytest.fixture
def referent(ml):
    return UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT, last_name="Leroy")


def _offer_data(partner, counsellor, **overrides):
    data = {
        "partner": partner.pk,
        "title": "Équipier de vente",
        "rome_code": "d1507",
        "contract_type": "cdd",
        "duration_months": "6",
        "positions": "2",
        "description": "Mise en rayon et accueil des clients.",
        "commune": "Roubaix",
        "postcode": "59100",
        "department": Department.objects.get(code="59").pk,
        "with_preselection": "on",
        "counsellor": counsellor.pk,
        "received_on": TODAY.isoformat(),
        "published": "on",
    }
    data.update(overrides)
    return data


def test_referent_publishes_an_offer_counsellor_cannot(client, referent, counsellor):
    partner = PartnerFactory(name="Hypermarché du Nord")
    EmployerRelationFactory(mission_locale=referent.mission_locale, partner=partner)
    client.force_login(counsellor)
    assert client.get(reverse("employers:offer_create")).status_code == 403
    client.force_login(referent)
    response = client.post(reverse("employers:offer_create"), _offer_data(partner, counsellor))
    offer = JobOffer.objects.get()
    assert response.status_code == 302
    assert (offer.rome_code, offer.mission_locale, offer.published_on) == (
        "D1507",
        referent.mission_locale,
        TODAY,
    )
    assert offer.created_by == referent and offer.counsellor == counsellor
    assert partner.relations.filter(mission_locale=referent.mission_locale).exists()


def test_bad_offer_is_refused_in_french_and_nothing_saved(client, referent, counsellor):
    client.force_login(referent)
    response = client.post(
        reverse("employers:offer_create"),
        _offer_data(PartnerFactory(), counsellor, rome_code="X123", duration_months=""),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "lettre de A à N suivie de 4 chiffres" in body
    assert "Précisez la durée d&#x27;un contrat à durée déterminée" in body
    assert not JobOffer.objects.exists()


def test_an_offer_of_impossible_hours_or_duration_is_refused(client, referent, counsellor):
    """Revue hostile : 1 000 heures par semaine et 40 000 mois étaient enregistrés, puis publiés."""
    client.force_login(referent)
    data = _offer_data(PartnerFactory(), counsellor, weekly_hours=1000, duration_months=40000)
    body = unescape(client.post(reverse("employers:offer_create"), data).content.decode())
    assert "Assurez-vous que cette valeur est inférieure ou égale à 48." in body
    assert "Assurez-vous que cette valeur est inférieure ou égale à 36." in body
    assert not JobOffer.objects.exists()


def test_the_database_bounds_hours_and_duration_too(referent, counsellor):
    offer = JobOfferFactory(mission_locale=referent.mission_locale, counsellor=counsellor)
    for field, value in (("weekly_hours", 49), ("duration_months", 37), ("weekly_hours", 0)):
        with pytest.raises(IntegrityError), transaction.atomic():
            JobOffer.objects.filter(pk=offer.pk).update(**{field: value})


def test_a_rome_code_with_non_ascii_digits_is_refused_by_the_form_not_by_the_database(client, ml, counsellor):
    """Des chiffres pleine largeur (« K２２０４ ») passaient ``\\d`` en Python et heurtaient ``[0-9]`` en base : 500."""
    young = YoungPersonFactory(mission_locale=ml, referent=counsellor)
    client.force_login(counsellor)
    data = {
        "partner": EmployerRelationFactory(mission_locale=ml).partner_id,
        "contract_type": "cdi",
        "start_date": TODAY.isoformat(),
        "rome_code": "k２２０４",
    }
    response = client.post(reverse("employers:recruitment_create", kwargs={"pk": young.pk}), data)
    assert response.status_code == 200 and "lettre de A à N suivie de 4 chiffres" in response.content.decode()
    assert not Recruitment.objects.exists()


def test_bad_siret_is_refused(client, referent):
    client.force_login(referent)
    data = {"name": "Boulangerie Martin", "kind": "entreprise", "siret": "73282932000075"}
    response = client.post(reverse("employers:partner_create"), data)
    assert "clé de contrôle (formule de Luhn)" in response.content.decode()
    assert not Partner.objects.filter(name="Boulangerie Martin").exists()
    response = client.post(reverse("employers:partner_create"), {**data, "siret": "732 829 320 00074"})
    assert response.status_code == 302
    assert Partner.objects.get(name="Boulangerie Martin").siret == "73282932000074"


def test_public_page_lists_only_published_open_offers_without_personal_data(client, ml, counsellor):
    counsellor.last_name = "Garant-Secret"
    counsellor.save()
    nord = Department.objects.get(code="59")
    shown = JobOfferFactory(
        mission_locale=ml, title="Cariste", rome_code="N1101", commune="Tourcoing", counsellor=counsellor,
        partner=PartnerFactory(name="Discrète SA"), published_on=TODAY, received_on=TODAY,
    )  # fmt: skip
    named = JobOfferFactory(
        mission_locale=ml, title="Serveur", rome_code="G1803", contract_type="cdi", duration_months=None,
        partner=PartnerFactory(name="Brasserie Visible"), show_employer=True, published_on=TODAY, received_on=TODAY,
    )  # fmt: skip
    JobOfferFactory(mission_locale=ml, title="Brouillon", published=False, published_on=None)
    JobOfferFactory(mission_locale=ml, title="Pourvue", status=OfferStatus.FILLED)
    JobOfferFactory(mission_locale=ml, title="Échue", received_on=TODAY - datetime.timedelta(days=60),
                    closes_on=TODAY - datetime.timedelta(days=1))  # fmt: skip
    JobOfferFactory(mission_locale=ml, title="Future", published_on=TODAY + datetime.timedelta(days=3))
    YoungPersonFactory(mission_locale=ml, last_name="Jeune-Secret")
    url = reverse("employers:public_offers")
    body = client.get(url).content.decode()
    assert "Cariste" in body and "Serveur" in body
    for hidden in ("Brouillon", "Pourvue", "Échue", "Future", "Garant-Secret", "Jeune-Secret", "Discrète SA"):
        assert hidden not in body
    assert "Brasserie Visible" in body
    assert '<meta name="viewport"' in body  # lisible sur téléphone
    # Un début de code ROME marche encore.
    assert "Serveur" not in client.get(url, {"q": "N11"}).content.decode()
    assert "Cariste" not in client.get(url, {"contract": "cdi"}).content.decode()
    assert "Serveur" not in client.get(url, {"lieu": "tourc"}).content.decode()
    assert "Cariste" in client.get(url, {"lieu": nord.code}).content.decode()
    detail = client.get(
        reverse("employers:public_offer_detail", kwargs={"offer_pk": shown.pk})
    ).content.decode()
    assert (
        "Cariste" in detail
        and ml.name in detail
        and "Garant-Secret" not in detail
        and "Discrète SA" not in detail
    )
    assert (
        "Brasserie Visible"
        in client.get(
            reverse("employers:public_offer_detail", kwargs={"offer_pk": named.pk})
        ).content.decode()
    )
    draft = JobOffer.objects.get(title="Brouillon")
    assert (
        client.get(reverse("employers:public_offer_detail", kwargs={"offer_pk": draft.pk})).status_code == 404
    )


def test_counsellor_puts_forward_and_records_the_hire(client, ml, counsellor):
    offer = JobOfferFactory(
        mission_locale=ml, counsellor=counsellor, received_on=TODAY, published_on=TODAY, positions=1
    )
    young = YoungPersonFactory(mission_locale=ml, referent=counsellor)
    client.force_login(counsellor)
    response = client.post(
        reverse("employers:referral_create", kwargs={"offer_pk": offer.pk}),
        {"young_person": young.pk, "date": TODAY.isoformat(), "notes": "Disponible tout de suite"},
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    url = reverse("employers:referral_update", kwargs={"placement_pk": referral.pk})
    response = client.post(
        url,
        {
            "status": "retenu",
            "contrat-contract_type": "cdd",
            "contrat-start_date": TODAY.isoformat(),
            "version": 1,
        },
    )
    assert "date de fin prévue" in response.content.decode() and not Recruitment.objects.exists()
    end = (TODAY + datetime.timedelta(days=200)).isoformat()
    response = client.post(
        url,
        {
            "status": "retenu",
            "contrat-contract_type": "cdd",
            "contrat-start_date": TODAY.isoformat(),
            "contrat-end_date": end,
            "version": 1,
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    offer.refresh_from_db()
    assert referral.status == "retenu" and offer.status == OfferStatus.FILLED
    assert Situation.objects.get(young_person=young).category == "emploi"
    page = client.get(reverse("employers:young_person", kwargs={"pk": young.pk})).content.decode()
    assert "CDD chez" in page


def test_a_refused_step_does_not_blame_the_contract_fields_left_as_they_were(client, ml, counsellor):
    """Seul « retenu » lit le contrat : refusée pour une autre raison, la page ne signale que cette raison."""
    offer = JobOfferFactory(mission_locale=ml, counsellor=counsellor, received_on=TODAY)
    young = YoungPersonFactory(mission_locale=ml, referent=counsellor)
    referral = services.put_forward(offer, young, counsellor, date=TODAY)
    services.update_referral(referral, ReferralStatus.INTERVIEW, today=TODAY)
    referral.refresh_from_db()
    client.force_login(counsellor)
    url = reverse("employers:referral_update", kwargs={"placement_pk": referral.pk})
    defaults = {
        "contrat-contract_type": "cdd",
        "contrat-start_date": TODAY.isoformat(),
    }  # renvoyés tels quels
    page = client.post(url, {"status": "transmis", "version": referral.version, **defaults}).content.decode()
    assert "Une étape déjà franchie ne peut pas être annulée." in unescape(page)
    assert "date de fin prévue" not in page and page.count("data-error-summary") == 1


def test_counsellor_of_another_ml_cannot_see_the_offer(client, other_ml, ml):
    offer = JobOfferFactory(mission_locale=ml)
    client.force_login(UserFactory(mission_locale=other_ml))
    assert client.get(reverse("employers:offer_detail", kwargs={"offer_pk": offer.pk})).status_code == 404
    assert client.get(reverse("employers:referral_create", kwargs={"offer_pk": offer.pk})).status_code == 404


def test_event_counts_are_checked(client, referent):
    client.force_login(referent)
    data = {"kind": "forum", "title": "Forum emploi", "date": "2025-04-10", "place": "Salle des fêtes",
            "companies": 12, "offers": 40, "visitors": 100, "cvs": 120, "interviews": 30, "hires": 5}  # fmt: skip
    response = client.post(reverse("employers:event_create"), data)
    assert "ne peut pas dépasser celui des visiteurs" in response.content.decode()
    assert not Event.objects.filter(title="Forum emploi").exists()
    assert client.post(reverse("employers:event_create"), {**data, "cvs": 80}).status_code == 302
    assert Event.objects.get(title="Forum emploi").mission_locale == referent.mission_locale


def test_report_page_and_xlsx(client, director):
    client.force_login(director)
    response = client.get(
        reverse("employers:report"), {"year": TODAY.year, "group_by": "accord", "scope": "national"}
    )
    assert response.status_code == 200 and "Bilan de suivi" in response.content.decode()
    response = client.get(
        reverse("employers:report_xlsx"), {"year": TODAY.year, "group_by": "region", "scope": "ml"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == f"Périmètre : {director.mission_locale}"
    client.logout()
    assert client.get(reverse("employers:report")).status_code == 302


def test_referent_sets_who_follows_the_relation_and_logs_an_exchange(client, referent, counsellor):
    partner = PartnerFactory()
    client.force_login(referent)
    url = reverse("employers:relation_edit", kwargs={"partner_pk": partner.pk})
    response = client.post(
        url, {"followed_by": counsellor.pk, "since": "2024-05-02", "notes": "Recrute à l'automne"}
    )
    assert response.status_code == 302
    relation = partner.relations.get(mission_locale=referent.mission_locale)
    assert relation.followed_by == counsellor and relation.notes == "Recrute à l'automne"
    future = (TODAY + datetime.timedelta(days=2)).isoformat()
    url = reverse("employers:exchange_create", kwargs={"partner_pk": partner.pk})
    response = client.post(url, {"date": future, "kind": "visite", "summary": "Visite"})
    assert "ne peut pas être future" in response.content.decode() and not relation.exchanges.exists()
    client.post(url, {"date": TODAY.isoformat(), "kind": "visite", "summary": "Visite de l'atelier"})
    page = client.get(reverse("employers:partner_list")).content.decode()
    assert partner.name in page and TODAY.strftime("%d/%m/%Y") in page and str(counsellor) in page
