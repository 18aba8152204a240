from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    """Générateur de données synthétiques : une app pour héberger ses commandes (``generer_donnees``,
    ``charger_demo``), au-dessus des apps qu'elles remplissent."""

    name = "parcours.synthetic"
    label = "synthetic"
    verbose_name = "Données synthétiques"
