"""Pages employeurs (sous /entreprises/) et page publique des offres (sous /offres/, sans connexion)."""

from django.urls import path

from parcours.www.employers import views_agreements as agreements
from parcours.www.employers import views_events as events
from parcours.www.employers import views_offers as offers
from parcours.www.employers import views_partners as partners
from parcours.www.employers import views_public as public
from parcours.www.employers import views_young as young

app_name = "employers"
urlpatterns = [
    # Public
    path("offres/", public.public_offers, name="public_offers"),
    path("offres/<int:offer_pk>/", public.public_offer_detail, name="public_offer_detail"),
    # Relations entreprises
    path("entreprises/", partners.home, name="home"),
    path("entreprises/partenaires/", partners.partner_list, name="partner_list"),
    path("entreprises/partenaires/nouveau/", partners.partner_create, name="partner_create"),
    path("entreprises/partenaires/<int:partner_pk>/", partners.partner_detail, name="partner_detail"),
    path("entreprises/partenaires/<int:partner_pk>/modifier/", partners.partner_edit, name="partner_edit"),
    path("entreprises/partenaires/<int:partner_pk>/relation/", partners.relation_edit, name="relation_edit"),
    path(
        "entreprises/partenaires/<int:partner_pk>/echange/", partners.exchange_create, name="exchange_create"
    ),
    path(
        "entreprises/partenaires/<int:partner_pk>/interlocuteur/",
        partners.contact_create,
        name="contact_create",
    ),
    # Offres et mises en relation
    path("entreprises/offres/", offers.offer_list, name="offer_list"),
    path("entreprises/offres/nouvelle/", offers.offer_create, name="offer_create"),
    path("entreprises/offres/<int:offer_pk>/", offers.offer_detail, name="offer_detail"),
    path("entreprises/offres/<int:offer_pk>/modifier/", offers.offer_edit, name="offer_edit"),
    path("entreprises/offres/<int:offer_pk>/positionner/", offers.referral_create, name="referral_create"),
    path("entreprises/mises-en-relation/<int:placement_pk>/", offers.referral_update, name="referral_update"),
    # Volet emploi du jeune
    path("entreprises/jeunes/<int:pk>/", young.young_person_employment, name="young_person"),
    path("entreprises/jeunes/<int:pk>/recrutement/", young.recruitment_create, name="recruitment_create"),
    path("entreprises/jeunes/<int:pk>/immersion/", young.immersion_create, name="immersion_create"),
    path("entreprises/jeunes/<int:pk>/parrainage/", young.sponsorship_create, name="sponsorship_create"),
    path("entreprises/immersions/<int:immersion_pk>/", young.immersion_edit, name="immersion_edit"),
    path(
        "entreprises/parrainages/<int:sponsorship_pk>/", young.sponsorship_detail, name="sponsorship_detail"
    ),
    path("entreprises/parrains/", young.sponsor_list, name="sponsor_list"),
    path("entreprises/parrains/nouveau/", young.sponsor_create, name="sponsor_create"),
    # Accords nationaux et bilans
    path("entreprises/accords/", agreements.agreement_list, name="agreement_list"),
    path("entreprises/accords/<int:agreement_pk>/", agreements.agreement_detail, name="agreement_detail"),
    path("entreprises/accords/<int:agreement_pk>/reunion/", agreements.meeting_create, name="meeting_create"),
    path(
        "entreprises/accords/<int:agreement_pk>/declinaison/",
        agreements.declination_create,
        name="declination_create",
    ),
    path("entreprises/bilan/", agreements.report, name="report"),
    path("entreprises/bilan/export.xlsx", agreements.report_xlsx, name="report_xlsx"),
    # Évènements et actions de proximité
    path("entreprises/evenements/", events.event_list, name="event_list"),
    path("entreprises/evenements/nouveau/", events.event_create, name="event_create"),
    path("entreprises/evenements/<int:event_pk>/", events.event_edit, name="event_edit"),
    path("entreprises/actions/nouvelle/", events.action_create, name="action_create"),
    path("entreprises/actions/<int:action_pk>/", events.action_edit, name="action_edit"),
]
