from parcours.www.cotraitance import views as cotraitance
from parcours.www.programmes import views
from parcours.www.routes import routes

app_name = "programmes"
urlpatterns = routes(
    """
    a-faire/                                                        worklist
    jeune/<int:pk>/                                                 young_person_programmes  young_person
    jeune/<int:pk>/entree/                                          enrol
    jeune/<int:pk>/inscriptions/<int:enrolment_pk>/phase/           change_phase
    jeune/<int:pk>/inscriptions/<int:enrolment_pk>/sortie/          exit_programme  exit
    jeune/<int:pk>/orientations/<int:referral_pk>/fin/              cotraitance.end_referral  referral_end
    jeune/<int:pk>/orientations/<int:referral_pk>/indisponibilite/  cotraitance.add_unavailability  referral_unavailability
    cotraitance/                                                    cotraitance.overview  cotraitance
    cotraitance/import/                                             cotraitance.import_file  cotraitance_import
    cotraitance/import/<int:import_pk>/                             cotraitance.import_status  cotraitance_import_status
    cotraitance/jalons/                                             cotraitance.export_file  cotraitance_export
    """,
    views=views,
    cotraitance=cotraitance,
)
