"""Tâches de fond de l'interface web (planning : ``parcours/www/apps.py``)."""

import datetime

from django.utils import timezone
from django_tasks import task

from parcours.www import idempotency

#: Un renvoi de formulaire arrive en secondes ; les jetons d'envoi sont gardés une semaine.
KEEP_DAYS = 7


@task()
def purge_form_submissions():
    """Oublie les jetons d'envoi de formulaires utilisés il y a plus de ``KEEP_DAYS`` jours."""
    before = timezone.now() - datetime.timedelta(days=KEEP_DAYS)
    return {"jetons": idempotency.purge(before=before)}
