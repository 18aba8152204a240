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
    offres/<id:offer_pk>/                               public.public_offer_detail
    entreprises/                                        partners.home
    entreprises/partenaires/                            partners.partner_list
    entreprises/partenaires/nouveau/                    partners.partner_create
    entreprises/partenaires/<id:partner_pk>/            partners.partner_detail
    entreprises/partenaires/<id:partner_pk>/modifier/   partners.partner_edit
    entreprises/partenaires/<id:partner_pk>/relation/   partners.relation_edit
    entreprises/partenaires/<id:partner_pk>/echange/    partners.exchange_create
    entreprises/partenaires/<id:partner_pk>/interlocuteur/   partners.contact_create
    entreprises/offres/                                 offers.offer_list
    entreprises/offres/nouvelle/                        offers.offer_create
    entreprises/offres/<id:offer_pk>/                   offers.offer_detail
    entreprises/offres/<id:offer_pk>/modifier/          offers.offer_edit
    entreprises/offres/<id:offer_pk>/positionner/       offers.referral_create
    entreprises/offres/<id:offer_pk>/positionner/jeunes/   offers.referral_candidates_options  referral_candidates
    entreprises/mises-en-relation/<id:placement_pk>/    offers.referral_update
    entreprises/jeunes/<id:pk>/                         young.young_person_employment  young_person
    entreprises/jeunes/<id:pk>/recrutement/             young.recruitment_create
    entreprises/jeunes/<id:pk>/immersion/               young.immersion_create
    entreprises/jeunes/<id:pk>/parrainage/              young.sponsorship_create
    entreprises/immersions/<id:immersion_pk>/           young.immersion_edit
    entreprises/parrainages/<id:sponsorship_pk>/        young.sponsorship_detail
    entreprises/parrains/                               young.sponsor_list
    entreprises/parrains/nouveau/                       young.sponsor_create
    entreprises/accords/                                agreements.agreement_list
    entreprises/accords/<id:agreement_pk>/              agreements.agreement_detail
    entreprises/accords/<id:agreement_pk>/reunion/      agreements.meeting_create
    entreprises/accords/<id:agreement_pk>/declinaison/  agreements.declination_create
    entreprises/bilan/                                  agreements.report
    entreprises/bilan/export.xlsx                       agreements.report_xlsx
    entreprises/demandes/                               callbacks.request_list
    entreprises/demandes/<id:request_pk>/traitee/       callbacks.request_handled
    entreprises/evenements/                             events.event_list
    entreprises/evenements/nouveau/                     events.event_create
    entreprises/evenements/partenaires/                 events.partner_options
    entreprises/evenements/<id:event_pk>/               events.event_edit
    entreprises/actions/nouvelle/                       events.action_create
    entreprises/actions/<id:action_pk>/                 events.action_edit
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
