from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from parcours.www import health, legal, views
from parcours.www.accounts import passwords, two_factor
from parcours.www.accounts import views as account_views

admin.site.site_header = "Parcours – administration"
admin.site.site_title = "Parcours"

urlpatterns = [
    path("", views.home, name="home"),
    path("connexion/", auth_views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    *passwords.urlpatterns,
    path("connexion/verification/", two_factor.verify, name="two_factor_verify"),
    path("compte/", account_views.my_account, name="account"),
    path("compte/double-authentification/", two_factor.setup, name="two_factor_setup"),
    path("comptes/", include("parcours.www.accounts.urls")),
    path("jeunes/", include("parcours.www.young_people.urls")),
    path("jeunes/", include("parcours.www.documents.urls")),
    path("dispositifs/", include("parcours.www.programmes.urls")),
    path("dispositifs/", include("parcours.www.cotraitance.urls")),
    path("agenda/", include("parcours.www.agenda.urls")),
    path("rappels/", include("parcours.www.reminders.urls")),
    path("", include("parcours.www.employers.urls")),
    path("tableau-de-bord/", include("parcours.www.warehouse.urls")),
    path("api/", include("parcours.api.urls")),
    path("admin/", admin.site.urls),
    path("sante/", health.health_check, name="health"),
    *legal.urlpatterns,
]

handler400 = "parcours.www.errors.bad_request"
handler403 = "parcours.www.errors.permission_denied"
handler404 = "parcours.www.errors.page_not_found"
handler500 = "parcours.www.errors.server_error"
