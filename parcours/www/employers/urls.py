"""Pages employeurs (sous /entreprises/) et page publique des offres (sous /offres/, sans connexion)."""

from parcours.www.employers import views_agreements as agreements
from parcours.www.employers import views_events as events
from parcours.www.employers import views_offers as offers
from parcours.www.employers import views_partners as partners
from parcours.www.employers import views_public as public
from parcours.www.employers import views_requests as callbacks
from parcours.www.employers import views_young as young
from parcours.www.routes import routes

app_name = "employers"
PAGES = """
    offres/                                             public.public_offers
    offres/<int:offer_pk>/                              public.public_offer_detail
    entreprises/                                        partners.home
    entreprises/partenaires/                            partners.partner_list
    entreprises/partenaires/nouveau/                    partners.partner_create
    entreprises/partenaires/<int:partner_pk>/           partners.partner_detail
    entreprises/partenaires/<int:partner_pk>/modifier/  partners.partner_edit
    entreprises/partenaires/<int:partner_pk>/relation/  partners.relation_edit
    entreprises/partenaires/<int:partner_pk>/echange/   partners.exchange_create
    entreprises/partenaires/<int:partner_pk>/interlocuteur/  partners.contact_create
    entreprises/offres/                                 offers.offer_list
    entreprises/offres/nouvelle/                        offers.offer_create
    entreprises/offres/<int:offer_pk>/                  offers.offer_detail
    entreprises/offres/<int:offer_pk>/modifier/         offers.offer_edit
    entreprises/offres/<int:offer_pk>/positionner/      offers.referral_create
    entreprises/offres/<int:offer_pk>/positionner/jeunes/  offers.referral_candidates_options  referral_candidates
    entreprises/mises-en-relation/<int:placement_pk>/   offers.referral_update
    entreprises/jeunes/<int:pk>/                        young.young_person_employment  young_person
    entreprises/jeunes/<int:pk>/recrutement/            young.recruitment_create
    entreprises/jeunes/<int:pk>/immersion/              young.immersion_create
    entreprises/jeunes/<int:pk>/parrainage/             young.sponsorship_create
    entreprises/immersions/<int:immersion_pk>/          young.immersion_edit
    entreprises/parrainages/<int:sponsorship_pk>/       young.sponsorship_detail
    entreprises/parrains/                               young.sponsor_list
    entreprises/parrains/nouveau/                       young.sponsor_create
    entreprises/accords/                                agreements.agreement_list
    entreprises/accords/<int:agreement_pk>/             agreements.agreement_detail
    entreprises/accords/<int:agreement_pk>/reunion/     agreements.meeting_create
    entreprises/accords/<int:agreement_pk>/declinaison/ agreements.declination_create
    entreprises/bilan/                                  agreements.report
    entreprises/bilan/export.xlsx                       agreements.report_xlsx
    entreprises/demandes/                               callbacks.request_list
    entreprises/demandes/<int:request_pk>/traitee/      callbacks.request_handled
    entreprises/evenements/                             events.event_list
    entreprises/evenements/nouveau/                     events.event_create
    entreprises/evenements/partenaires/                 events.partner_options
    entreprises/evenements/<int:event_pk>/              events.event_edit
    entreprises/actions/nouvelle/                       events.action_create
    entreprises/actions/<int:action_pk>/                events.action_edit
"""
urlpatterns = routes(
    PAGES,
    public=public,
    partners=partners,
    offers=offers,
    young=young,
    agreements=agreements,
    events=events,
    callbacks=callbacks,
)
