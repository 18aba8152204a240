from parcours.www.reminders import views
from parcours.www.routes import routes

app_name = "reminders"
urlpatterns = routes(
    """
    jeune/<id:pk>/     consent
    reglages/          ml_settings  settings
    sms/etat/          sms_status
    """,
    views=views,
)
