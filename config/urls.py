from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from parcours.www import health, views
from parcours.www.accounts import passwords

admin.site.site_header = "Parcours – administration"
admin.site.site_title = "Parcours"

urlpatterns = [
    path("", views.home, name="home"),
    path("connexion/", auth_views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    *passwords.urlpatterns,
    path("comptes/", include("parcours.www.accounts.urls")),
    path("jeunes/", include("parcours.www.young_people.urls")),
    path("dispositifs/", include("parcours.www.programmes.urls")),
    path("", include("parcours.www.employers.urls")),
    path("tableau-de-bord/", include("parcours.www.warehouse.urls")),
    path("api/", include("parcours.api.urls")),
    path("admin/", admin.site.urls),
    path("sante/", health.health_check, name="health"),
]
