from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Rappels de rendez-vous ; leurs tâches sont au planning de ``parcours.jobs`` (``schedule.SCHEDULE``)."""

    name = "parcours.reminders"
    verbose_name = "Rappels de rendez-vous"
