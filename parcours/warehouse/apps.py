from django.apps import AppConfig


class WarehouseConfig(AppConfig):
    name = "parcours.warehouse"
    verbose_name = "Entrepôt et indicateurs"

    def ready(self):
        from parcours.warehouse import signals

        signals.connect()
