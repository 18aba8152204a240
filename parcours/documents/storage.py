"""Où sont gardés les fichiers des dossiers : un répertoire hors de la racine web (``PARCOURS_DOCUMENTS_DIR``,
par défaut ``PARCOURS_VAR_DIR/documents``), sous un nom tiré au hasard, sans extension. Aucune URL ne mène à ce
répertoire : un fichier n'est lu que par la vue du dossier, qui vérifie les droits et journalise la lecture."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class DocumentStorage(FileSystemStorage):
    """Le répertoire est lu dans les réglages à chaque usage (un test peut le déplacer)."""

    @property
    def base_location(self):
        return str(settings.DOCUMENTS_DIR)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        """Aucune adresse publique : ``url()`` refuse (ValueError de Django)."""
        return None


storage = DocumentStorage()
