"""Chargement des référentiels (régions, départements, missions locales) depuis les CSV de ``data/``
(format commun : ``parcours.reference_data``).

Utilisé par les migrations de données (avec les modèles historiques) et par les tests qui vident la base.
"""

from pathlib import Path

from parcours import reference_data

DATA = Path(__file__).resolve().parent / "data"


def _rows(name):
    return reference_data.rows(DATA / name)


def load_regions_and_departments(apps):
    Region = apps.get_model("referential", "Region")
    Department = apps.get_model("referential", "Department")
    regions = {
        row["code"]: Region.objects.update_or_create(code=row["code"], defaults={"name": row["nom"]})[0]
        for row in _rows("regions.csv")
    }
    for row in _rows("departements.csv"):
        Department.objects.update_or_create(
            code=row["code"], defaults={"name": row["nom"], "region": regions[row["region"]]}
        )


def load_missions_locales(apps):
    Department = apps.get_model("referential", "Department")
    MissionLocale = apps.get_model("referential", "MissionLocale")
    Site = apps.get_model("referential", "Site")
    departments = {d.code: d for d in Department.objects.all()}
    for row in _rows("missions_locales.csv"):
        ml, created = MissionLocale.objects.get_or_create(
            code=row["code"], defaults={"name": row["nom"], "department": departments[row["departement"]]}
        )
        if created:
            Site.objects.create(
                mission_locale=ml, name=row["site_nom"], kind=row["site_type"], commune=row["site_commune"]
            )


def load_all(apps=None):
    if apps is None:
        from django.apps import apps
    load_regions_and_departments(apps)
    load_missions_locales(apps)
