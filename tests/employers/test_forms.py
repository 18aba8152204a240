"""Chaque formulaire des pages employeurs refuse une mauvaise saisie : message en français, rien d'enregistré."""

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.accompaniment.models import Situation
from parcours.accounts.enums import Role
from parcours.employers.enums import ReferralStatus
from parcours.employers.models import (
    EmployerRelation,
    FollowUpMeeting,
    Immersion,
    JobOffer,
    LocalAction,
    Partner,
    PartnerContact,
    Recruitment,
    Referral,
    Sponsor,
    SponsorNote,
    Sponsorship,
)
from tests.employers.factories import (
    AgreementFactory,
    EmployerRelationFactory,
    ImmersionFactory,
    JobOfferFactory,
    PartnerFactory,
    ReferralFactory,
    SponsorshipFactory,
)
from tests.factories import MissionLocaleFactory, UserFactory, YoungPersonFactory


@pytest.fixture
def world(ml, counsellor):
    referent = UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT)
    partner = PartnerFactory(name="Garage Dumont", postcode="59000", owner=ml)
    EmployerRelationFactory(mission_locale=ml, partner=partner)
    offer = JobOfferFactory(mission_locale=ml, partner=partner, counsellor=counsellor)
    young = YoungPersonFactory(mission_locale=ml, referent=counsellor)
    return {
        "referent": referent,
        "counsellor": counsellor,
        "national": UserFactory(mission_locale=None, role=Role.NATIONAL),
        "partner": partner,
        "newcomer": PartnerFactory(name="Sans relation"),
        "offer": offer,
        "young": young,
        "stranger": YoungPersonFactory(mission_locale=MissionLocaleFactory()),
        "referral": ReferralFactory(offer=offer, young_person=young, status=ReferralStatus.INTERVIEW),
        "immersion": ImmersionFactory(young_person=young, partner=partner),
        "sponsorship": SponsorshipFactory(young_person=young),
        "agreement": AgreementFactory(),
    }


def _state():
    """Tout ce qu'un formulaire employeur peut écrire."""
    models = (
        Partner,
        PartnerContact,
        EmployerRelation,
        JobOffer,
        Referral,
        Recruitment,
        Situation,
        Immersion,
    )
    counts = [
        m.objects.count() for m in (*models, Sponsor, Sponsorship, SponsorNote, LocalAction, FollowUpMeeting)
    ]
    return (
        counts,
        list(Partner.objects.values_list("siret", "postcode").order_by("pk")),
        list(JobOffer.objects.values_list("closes_on", "postcode").order_by("pk")),
        list(Referral.objects.values_list("status", flat=True)),
        list(Immersion.objects.values_list("start_date", "end_date")),
        list(Sponsorship.objects.values_list("ended_on", "outcome")),
    )


# (utilisateur, page, clé de l'objet, données postées, message attendu)
CASES = [
    ("referent", "partner_create", None, {"name": "Boulangerie", "kind": "entreprise"}, "Le SIRET d'une entreprise est obligatoire."),
    ("referent", "partner_create", None, {"name": "Boulangerie", "kind": "federation", "postcode": "59O00"}, "Le code postal compte 5 chiffres."),
    ("referent", "partner_edit", "partner", {"name": "Garage Dumont", "kind": "entreprise", "siret": "73282932000075"}, "clé de contrôle (formule de Luhn)"),
    ("referent", "contact_create", "partner", {"name": "Mme Lefebvre", "phone": "appeler le matin"}, "Numéro de téléphone invalide"),
    ("referent", "contact_create", "partner", {"name": "Mme Lefebvre", "email": "lefebvre@"}, "Saisissez une adresse e-mail valide."),
    ("referent", "relation_edit", "newcomer", {"since": "", "notes": "Sans date"}, "Ce champ est obligatoire."),
    ("referent", "offer_edit", "offer", {"closes_on": "2024-12-01"}, "La date limite ne peut pas précéder la réception de l'offre."),
    ("referent", "offer_edit", "offer", {"postcode": "Lille"}, "Le code postal compte 5 chiffres."),
    ("counsellor", "referral_create", "offer", {"young_person": "stranger", "date": "2025-02-01"}, "Sélectionnez un choix valide."),
    ("counsellor", "referral_update", "referral", {"status": "transmis"}, "Une étape déjà franchie ne peut pas être annulée."),
    ("counsellor", "recruitment_create", "young", {"partner": "partner", "contract_type": "cdi", "start_date": "2025-03-01", "end_date": "2025-09-01"}, "Un CDI n'a pas de date de fin prévue"),
    ("counsellor", "recruitment_create", "young", {"partner": "partner", "contract_type": "cdi", "start_date": "2025-03-01", "rome_code": "Z12"}, "lettre de A à N suivie de 4 chiffres"),
    ("counsellor", "immersion_edit", "immersion", {"start_date": "2025-02-03", "end_date": "2025-02-01"}, "La date de fin ne peut pas précéder la date de début."),
    ("counsellor", "sponsorship_detail", "sponsorship", {"action": "note", "note-date": "2025-02-01", "note-duration_minutes": 60, "note-text": "Avant"}, "La rencontre ne peut pas précéder la signature du contrat."),
    ("counsellor", "sponsorship_detail", "sponsorship", {"action": "fin", "fin-ended_on": "2025-02-01", "fin-outcome": "emploi"}, "La fin du parrainage ne peut pas précéder la signature du contrat."),
    ("referent", "sponsor_create", None, {"first_name": "Paul", "last_name": "Roux", "phone": "12"}, "Numéro de téléphone invalide"),
    ("referent", "action_create", None, {"title": "Action", "territory": "QPV", "start_date": "2025-01-01", "targeted": 100, "reached": 50, "with_follow_up": 60}, "Ce nombre ne peut pas dépasser celui des jeunes touchés."),
    ("referent", "action_create", None, {"title": "Action", "territory": "QPV", "start_date": "2025-01-01", "end_date": "2024-12-01", "targeted": 100}, "La date de fin ne peut pas précéder la date de début."),
    ("national", "meeting_create", "agreement", {"kind": "suivi", "subject": "Bilan"}, "Ce champ est obligatoire."),
]  # fmt: skip

URL_KWARGS = {
    "partner": "partner_pk",
    "newcomer": "partner_pk",
    "offer": "offer_pk",
    "referral": "placement_pk",
    "young": "pk",
    "immersion": "immersion_pk",
    "sponsorship": "sponsorship_pk",
    "agreement": "agreement_pk",
}


@pytest.mark.parametrize(("who", "name", "key", "data", "message"), CASES)
def test_bad_input_is_refused_in_french_and_nothing_saved(client, world, who, name, key, data, message):
    kwargs = {URL_KWARGS[key]: world[key].pk} if key else {}
    url = reverse(f"employers:{name}", kwargs=kwargs)
    client.force_login(world[who])
    before = _state()
    if (
        name.endswith("_edit") or name == "referral_update"
    ):  # prérempli (version comprise), puis la valeur fautive
        form = client.get(url).context["form"]
        data = {**{b.html_name: b.value() for b in form if b.value() is not None}, **data}
    data = {f: world[v].pk if isinstance(v, str) and v in world else v for f, v in data.items()}
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert _state() == before


def test_public_offer_shows_where_to_apply_but_no_person(client, ml, counsellor):
    ml.sites.create(name="Antenne de Roubaix", kind="antenne", commune="Roubaix", postcode="59100")
    counsellor.last_name = "Vandewalle"  # des noms qu'aucun libellé de la page ne contient
    counsellor.save()
    today = timezone.localdate()
    offer = JobOfferFactory(
        mission_locale=ml,
        counsellor=counsellor,
        partner=PartnerFactory(name="Boulangerie Lemaire"),
        received_on=today,
        published_on=today,
    )
    body = client.get(
        reverse("employers:public_offer_detail", kwargs={"offer_pk": offer.pk})
    ).content.decode()
    # Le site, puis son adresse sur la ligne suivante (adresse, téléphone et horaires : issue 11, point 12).
    assert "<strong>Antenne de Roubaix</strong>" in body and "59100 Roubaix" in body
    assert counsellor.last_name not in body and offer.partner.name not in body


def test_report_export_with_bad_parameters_is_refused(client, director):
    client.force_login(director)
    response = client.get(
        reverse("employers:report_xlsx"), {"year": "1990", "group_by": "accord", "scope": "ml"}
    )
    assert response.status_code == 400
    assert response.content.decode().startswith(
        "Bilan non produit, paramètres invalides : Sélectionnez un choix valide"
    )
