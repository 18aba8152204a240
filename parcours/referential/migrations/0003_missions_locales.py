"""Une mission locale par département (au chef-lieu), avec son siège : le socle de la démo et des tests.

Codes au format département + rang. Un déploiement réel complète ou remplace cette liste dans
l'administration (fusions comprises) ; le générateur de données en ajoute pour l'échelle nationale.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    Department = apps.get_model("referential", "Department")
    MissionLocale = apps.get_model("referential", "MissionLocale")
    Site = apps.get_model("referential", "Site")
    departments = {d.code: d for d in Department.objects.all()}
    with open(DATA / "missions_locales.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            ml, created = MissionLocale.objects.get_or_create(
                code=row["code"], defaults={"name": row["nom"], "department": departments[row["departement"]]}
            )
            if created:
                Site.objects.create(
                    mission_locale=ml, name=row["site_nom"], kind=row["site_type"], commune=row["site_commune"]
                )


class Migration(migrations.Migration):
    dependencies = [("referential", "0002_regions_departments")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
