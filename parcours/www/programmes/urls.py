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
    """,
    views=views,
)
