from django.apps import AppConfig, apps


class ReferentialConfig(AppConfig):
    name = "parcours.referential"
    verbose_name = "Référentiels"

    def ready(self):
        from parcours.modelkit import install_choice_labels

        # Application la plus basse : ses modèles et ceux de toutes les autres sont chargés quand ``ready`` tourne.
        for model in apps.get_models(include_auto_created=True):
            if model.__module__.startswith("parcours."):
                install_choice_labels(model)
