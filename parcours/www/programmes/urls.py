from parcours.www.programmes import views
from parcours.www.routes import routes

app_name = "programmes"
urlpatterns = routes(
    """
    a-faire/                                                        worklist
    jeune/<id:pk>/                                                  young_person_programmes  young_person
    jeune/<id:pk>/entree/                                           enrol
    jeune/<id:pk>/inscriptions/<id:enrolment_pk>/phase/             change_phase
    jeune/<id:pk>/inscriptions/<id:enrolment_pk>/sortie/            exit_programme  exit
    """,
    views=views,
)
