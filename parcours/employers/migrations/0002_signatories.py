"""Signataires des accords nationaux du CNML (seed 000) : partenaires, accords, réunions, déclinaisons."""

from django.db import migrations

from parcours.employers.signatories import load


def unload(apps, schema_editor):
    """Retour arrière : on ne supprime rien (des offres peuvent déjà relever de ces accords)."""


class Migration(migrations.Migration):
    dependencies = [("employers", "0001_initial"), ("referential", "0003_missions_locales")]
    operations = [migrations.RunPython(load, unload)]
