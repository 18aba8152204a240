import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    Region = apps.get_model("referential", "Region")
    Department = apps.get_model("referential", "Department")
    with open(DATA / "regions.csv", encoding="utf-8") as f:
        regions = {
            row["code"]: Region.objects.update_or_create(code=row["code"], defaults={"name": row["nom"]})[0]
            for row in csv.DictReader(f, delimiter=";")
        }
    with open(DATA / "departements.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            Department.objects.update_or_create(
                code=row["code"], defaults={"name": row["nom"], "region": regions[row["region"]]}
            )


class Migration(migrations.Migration):
    dependencies = [("referential", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
