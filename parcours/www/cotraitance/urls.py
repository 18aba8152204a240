from parcours.www.cotraitance import views
from parcours.www.routes import routes

app_name = "cotraitance"
urlpatterns = routes(
    """
    cotraitance/                                                    overview
    cotraitance/import/                                             import_file  import
    cotraitance/import/<int:import_pk>/                             import_status
    cotraitance/jalons/                                             export_file  export
    jeune/<int:pk>/orientations/<int:referral_pk>/fin/              end_referral  referral_end
    jeune/<int:pk>/orientations/<int:referral_pk>/indisponibilite/  add_unavailability  referral_unavailability
    """,
    views=views,
)
