from parcours.www.cotraitance import views
from parcours.www.routes import routes

app_name = "cotraitance"
urlpatterns = routes(
    """
    cotraitance/                                                    overview
    cotraitance/import/                                             import_file  import
    cotraitance/import/<id:import_pk>/                              import_status
    cotraitance/jalons/                                             export_file  export
    jeune/<id:pk>/orientations/<id:referral_pk>/fin/                end_referral  referral_end
    jeune/<id:pk>/orientations/<id:referral_pk>/indisponibilite/    add_unavailability  referral_unavailability
    """,
    views=views,
)
