from django.db import migrations


def load(apps, schema_editor):
    from parcours.programmes.loader import load_programmes

    load_programmes(apps.get_model("programmes", "Programme"), apps.get_model("programmes", "Phase"))


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
