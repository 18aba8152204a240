"""Une mission locale par département (au chef-lieu), avec son siège : le socle de la démo et des tests.

Codes au format département + rang. Un déploiement réel complète ou remplace cette liste dans
l'administration (fusions comprises) ; le générateur de données en ajoute pour l'échelle nationale.
"""

from django.db import migrations

from parcours.referential.loaders import load_missions_locales


def load(apps, schema_editor):
    load_missions_locales(apps)


class Migration(migrations.Migration):
    dependencies = [("referential", "0002_regions_departments")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
