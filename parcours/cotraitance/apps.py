from django.apps import AppConfig


class CotraitanceConfig(AppConfig):
    name = "parcours.cotraitance"
    verbose_name = "Cotraitance avec Pôle emploi"

    def ready(self):
        from parcours.cotraitance.services import in_cotraitance_on
        from parcours.programmes import services as programmes

        # Les règles d'entrée en dispositif savent qui est suivi en co-traitance sans importer cette app.
        if in_cotraitance_on not in programmes.COTRAITANCE_CHECKS:
            programmes.COTRAITANCE_CHECKS.append(in_cotraitance_on)
