from django.urls import path

from parcours.www.warehouse import views

app_name = "warehouse"

urlpatterns = [
    path("", views.home, name="home"),
    path("national/", views.national, name="national"),
    path("region/<str:region_code>/", views.region, name="region"),
    path("ml/<str:ml_code>/", views.mission_locale, name="ml"),
    path("qualite/national/", views.quality_national, name="quality_national"),
    path("qualite/region/<str:region_code>/", views.quality_region, name="quality_region"),
    path("qualite/ml/<str:ml_code>/", views.quality_ml, name="quality_ml"),
    path("definitions/", views.definitions, name="definitions"),
]
