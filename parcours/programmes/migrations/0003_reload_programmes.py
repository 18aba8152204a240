from django.db import migrations


def load(apps, schema_editor):
    """Ajoute le contrat d'autonomie, l'E2C et l'EPIDe (exclus de l'ANI 2011) aux bases déjà créées."""
    from parcours.programmes.loader import load_programmes

    load_programmes(apps.get_model("programmes", "Programme"), apps.get_model("programmes", "Phase"))


class Migration(migrations.Migration):
    dependencies = [("programmes", "0002_load_programmes")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
