"""La tâche des rappels, mise en file par le planning (``envoi_rappels``, chaque minute par défaut).

Pas de verrou : deux envois simultanés ne prennent jamais le même message (``sending.claim``)."""

from django_tasks import task

from parcours.reminders import sending


@task()
def send_due_reminders():
    """Planifie les rappels arrivés à échéance et les envoie (voir ``parcours/reminders/sending.py``)."""
    return sending.run()


@task()
def forget_old_reminders():
    """Rétention : destinataire et texte des rappels effacés trois mois après le rendez-vous."""
    return {"rappels": sending.forget_old()}
