from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "parcours.reminders"
    verbose_name = "Rappels de rendez-vous"

    def ready(self):
        from parcours.jobs import schedule
        from parcours.reminders import tasks

        schedule.register(
            schedule.Entry(
                "envoi_rappels",
                tasks.send_due_reminders,
                "Rappels des rendez-vous (courriel, SMS) arrivés à échéance",
            )
        )
        schedule.register(
            schedule.Entry(
                "oubli_rappels",
                tasks.forget_old_reminders,
                "Effacement des coordonnées et du texte des rappels de plus de trois mois",
            )
        )
