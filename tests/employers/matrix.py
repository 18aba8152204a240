"""Objets employeurs de la mission locale d'un jeune, pour la matrice des permissions."""

from parcours.employers.models import CallbackRequest
from parcours.employers.models.requests import CONSENT_TEXT
from tests.employers.factories import (
    AgreementFactory,
    EventFactory,
    ImmersionFactory,
    JobOfferFactory,
    LocalActionFactory,
    PartnerFactory,
    ReferralFactory,
    SponsorshipFactory,
)

PUBLIC_URL_NAMES = ["employers:public_offers", "employers:public_offer_detail"]


def permission_matrix_objects(young_person):
    ml = young_person.mission_locale
    partner = PartnerFactory(owner=ml)  # fiche tenue par la ML du jeune : modifiable par elle seule
    offer = JobOfferFactory(mission_locale=ml, partner=partner, counsellor=young_person.referent)
    # Une demande de rappel au nom du jeune : seule sa ML la voit.
    callback = CallbackRequest.objects.create(
        mission_locale=ml,
        offer=offer,
        first_name=young_person.first_name,
        last_name=young_person.last_name,
        phone="0612345678",
        consent_text=CONSENT_TEXT,
    )
    return {
        "request_pk": callback.pk,
        "partner_pk": partner.pk,
        "offer_pk": offer.pk,
        "placement_pk": ReferralFactory(offer=offer, young_person=young_person).pk,  # mise en relation
        "immersion_pk": ImmersionFactory(young_person=young_person, partner=partner).pk,
        "sponsorship_pk": SponsorshipFactory(young_person=young_person).pk,
        "agreement_pk": AgreementFactory().pk,
        "event_pk": EventFactory(mission_locale=ml).pk,
        "action_pk": LocalActionFactory(mission_locale=ml).pk,
    }
