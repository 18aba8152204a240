from django.db import migrations

from parcours.referential.loaders import load_regions_and_departments


def load(apps, schema_editor):
    load_regions_and_departments(apps)


class Migration(migrations.Migration):
    dependencies = [("referential", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
