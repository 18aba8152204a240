from django.apps import AppConfig
from django.db.models.signals import post_migrate


class WarehouseConfig(AppConfig):
    name = "parcours.warehouse"
    verbose_name = "Entrepôt et indicateurs"

    def ready(self):
        from parcours.programmes import worklist
        from parcours.warehouse import capture

        # Les listes « À faire » gardées se tiennent à jour avec le journal des jeunes écrits.
        worklist.journal = capture

        # Les déclencheurs de capture des changements suivent le schéma : réinstallés après chaque migrate.
        post_migrate.connect(capture.install_after_migrate, sender=self, dispatch_uid="warehouse-capture")
