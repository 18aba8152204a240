from django.db import models
from django.utils import timezone


class WarehouseChange(models.Model):
    """Journal des jeunes modifiés depuis la dernière extraction (rempli par signaux, purgé ensuite).

    Les contacts, propositions et situations n'ont pas de date de modification : ce journal permet à
    l'extraction incrémentale de voir aussi leurs modifications et suppressions.
    """

    young_person_id = models.BigIntegerField("identifiant du jeune")
    changed_at = models.DateTimeField("modifié le", default=timezone.now)

    class Meta:
        verbose_name, verbose_name_plural = "modification à extraire", "modifications à extraire"
        indexes = [models.Index(fields=["changed_at"], name="warehouse_change_at")]

    def __str__(self):
        return f"Jeune {self.young_person_id} modifié le {self.changed_at:%d/%m/%Y %H:%M}"
