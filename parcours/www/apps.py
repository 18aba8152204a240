from django.apps import AppConfig


class WwwConfig(AppConfig):
    name = "parcours.www"
    verbose_name = "Interface web"

    def ready(self):
        from parcours.jobs import schedule
        from parcours.www import (
            protection,  # noqa: F401  (session marquée fraîche à la connexion)
            security,  # noqa: F401  (connexions sur le journal de sécurité)
            tasks,
        )
        from parcours.www.accounts import two_factor  # noqa: F401  (second facteur décidé à la connexion)

        schedule.register(
            schedule.Entry(
                "purge_jetons",
                tasks.purge_form_submissions,
                f"Oubli des jetons d'envoi de formulaires de plus de {tasks.KEEP_DAYS} jours",
            )
        )
