from django.urls import path

from parcours.www.warehouse import views

app_name = "warehouse"


def scope_paths(prefix, views_per_scope, names):
    """Une page par périmètre : ``national/``, ``region/<code>/``, ``ml/<code>/`` sous ``prefix``."""
    national, region, mission_locale = views_per_scope
    return [
        path(f"{prefix}national/", national, name=names[0]),
        path(f"{prefix}region/<str:region_code>/", region, name=names[1]),
        path(f"{prefix}ml/<str:ml_code>/", mission_locale, name=names[2]),
    ]


urlpatterns = [
    path("", views.home, name="home"),
    *scope_paths("", (views.national, views.region, views.mission_locale), ("national", "region", "ml")),
    *scope_paths(
        "qualite/",
        (views.quality_national, views.quality_region, views.quality_ml),
        ("quality_national", "quality_region", "quality_ml"),
    ),
    path("definitions/", views.definitions, name="definitions"),
]
