from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "parcours.documents"
    label = "documents"
    verbose_name = "Documents du dossier"

    def ready(self):
        from parcours.documents import signals  # noqa: F401
