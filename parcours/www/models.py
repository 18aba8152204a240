from django.conf import settings
from django.db import models


class FormSubmission(models.Model):
    """Jeton d'envoi d'un formulaire de création déjà utilisé (voir parcours/www/idempotency.py)."""

    key = models.UUIDField("jeton", unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField("adresse du résultat", max_length=500, blank=True)
    created_at = models.DateTimeField("envoyé le", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "envoi de formulaire"
        verbose_name_plural = "envois de formulaires"

    def __str__(self):
        return str(self.key)
