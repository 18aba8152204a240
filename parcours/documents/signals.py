"""Un document supprimé avec son dossier (suppression d'un dossier, purge) ne laisse pas son fichier sur le
disque : le fichier part quand la transaction qui supprime la ligne est validée."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from parcours.documents.models import Document


@receiver(post_delete, sender=Document)
def delete_file(sender, instance, **kwargs):
    name, file_storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: file_storage.delete(name))
