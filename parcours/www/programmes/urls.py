from django.urls import path

from parcours.www.cotraitance import views as cotraitance
from parcours.www.programmes import views

app_name = "programmes"
urlpatterns = [
    path("a-faire/", views.worklist, name="worklist"),
    path("jeune/<int:pk>/", views.young_person_programmes, name="young_person"),
    path("jeune/<int:pk>/entree/", views.enrol, name="enrol"),
    path("jeune/<int:pk>/inscriptions/<int:enrolment_pk>/phase/", views.change_phase, name="change_phase"),
    path("jeune/<int:pk>/inscriptions/<int:enrolment_pk>/sortie/", views.exit_programme, name="exit"),
    path("jeune/<int:pk>/orientations/<int:referral_pk>/fin/", cotraitance.end_referral, name="referral_end"),
    path(
        "jeune/<int:pk>/orientations/<int:referral_pk>/indisponibilite/",
        cotraitance.add_unavailability,
        name="referral_unavailability",
    ),
    path("cotraitance/", cotraitance.overview, name="cotraitance"),
    path("cotraitance/import/", cotraitance.import_file, name="cotraitance_import"),
    path("cotraitance/import/<int:import_pk>/", cotraitance.import_status, name="cotraitance_import_status"),
    path("cotraitance/jalons/", cotraitance.export_file, name="cotraitance_export"),
]
