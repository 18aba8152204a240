"""Verrouillage optimiste : ce qu'une personne enregistre n'écrase pas en silence ce qu'une autre a enregistré
entre l'ouverture du formulaire et son envoi.

Chaque enregistrement modifiable par un formulaire porte une ``version`` (modèle abstrait ``Versioned``) ;
le formulaire la garde en champ caché (``parcours.www.forms.VersionedFormMixin``) et l'écriture passe par
``editing`` : un seul ``UPDATE ... SET version = version + 1 WHERE pk = %s AND version = %s``, dans la même
transaction que l'enregistrement. Sur PostgreSQL la ligne reste verrouillée jusqu'à la fin de la transaction :
deux envois simultanés de la même version ne passent pas tous les deux.
"""

import contextlib

from django.db import models, transaction
from django.db.models import F


class Versioned(models.Model):
    version = models.PositiveIntegerField("version", default=1, editable=False)

    class Meta:
        abstract = True


class ConcurrentEditError(Exception):
    """L'enregistrement a changé (ou disparu) depuis l'ouverture du formulaire ; rien n'a été écrit."""

    message = (
        "Cet enregistrement a été modifié par une autre personne depuis que vous l'avez ouvert : "
        "vos modifications n'ont pas été enregistrées."
    )

    def __init__(self, current):
        super().__init__(self.message)
        #: l'enregistrement tel qu'il est en base, ``None`` s'il a été supprimé
        self.current = current


@contextlib.contextmanager
def editing(instance, expected_version):
    """Transaction où enregistrer ``instance``, ouverte à la version ``expected_version``.

    Passe la ligne à la version suivante si la base en est encore à ``expected_version`` ; lève
    ``ConcurrentEditError`` sinon, avant que le bloc ne s'exécute.
    """
    manager = type(instance)._base_manager
    with transaction.atomic():
        if not manager.filter(pk=instance.pk, version=expected_version).update(version=F("version") + 1):
            raise ConcurrentEditError(manager.filter(pk=instance.pk).first())
        instance.version = expected_version + 1
        yield instance
