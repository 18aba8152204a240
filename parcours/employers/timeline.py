"""Fil du parcours : mises en relation sur des offres et parrainages.

Les recrutements et immersions y figurent déjà par la situation qu'ils ouvrent.
"""

from parcours import links
from parcours.young_people.timeline import TimelineEntry, load, register, relations

_RELATIONS = relations(offer_referrals=("offer__partner",), sponsorships=("sponsor",))


@register(often_empty=("offer_referrals", "sponsorships"))
def entries(young_person, viewer=None):
    load(young_person, _RELATIONS)
    for referral in young_person.offer_referrals.all():
        offer = referral.offer
        yield TimelineEntry(
            date=referral.date,
            kind="mise_en_relation",
            title=f"Mise en relation : {offer.title} ({offer.get_contract_type_display()})",
            detail=" · ".join(
                filter(None, [offer.partner.label, offer.commune, offer.rome_code, referral.notes])
            ),
            status=referral.get_status_display(),
            icon="fr-icon-team-line",
            url=links.path("employers:referral_update", referral.pk),
        )
    for sponsorship in young_person.sponsorships.all():
        yield TimelineEntry(
            date=sponsorship.signed_on,
            kind="parrainage",
            title=f"Parrainage par {sponsorship.sponsor}",
            detail="Freins à lever : " + ", ".join(sponsorship.barrier_labels),
            status=sponsorship.get_outcome_display() if sponsorship.ended_on else "En cours",
            icon="fr-icon-user-heart-line",
            url=links.path("employers:sponsorship_detail", sponsorship.pk),
        )
