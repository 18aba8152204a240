from django.urls import path

from parcours.www.accompaniment import views as acts
from parcours.www.young_people import attestation, views

app_name = "young_people"
urlpatterns = [
    path("", views.search, name="search"),
    path("mes-jeunes/", views.portfolio, name="portfolio"),
    path("nouveau/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.edit, name="edit"),
    path("<int:pk>/historique/", views.history, name="history"),
    path("<int:pk>/attestation.pdf", attestation.attestation, name="attestation"),
    path("<int:pk>/archiver/", views.archive, name="archive"),
    path("<int:pk>/referent/", views.transfer, name="transfer"),
    path("<int:pk>/fusionner/", views.merge, name="merge"),
    path("<int:pk>/contacts/nouveau/", acts.contact_create, name="contact_create"),
    path("<int:pk>/contacts/<int:contact_pk>/", acts.contact_edit, name="contact_edit"),
    path("<int:pk>/propositions/nouvelle/", acts.proposal_create, name="proposal_create"),
    path("<int:pk>/propositions/<int:proposal_pk>/", acts.proposal_status, name="proposal_status"),
    path("<int:pk>/situations/nouvelle/", acts.situation_create, name="situation_create"),
    path("<int:pk>/situations/<int:situation_pk>/", acts.situation_edit, name="situation_edit"),
]
