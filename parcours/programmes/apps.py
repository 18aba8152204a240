from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_programmes(sender, using="default", **kwargs):
    """Recharge les dispositifs si la table est vide (base vidée par « flush », comme entre deux tests
    transactionnels) ; une base déjà peuplée n'est jamais modifiée ici."""
    from parcours.programmes.loader import load_programmes
    from parcours.programmes.models import Phase, Programme

    if not Programme.objects.using(using).exists():
        load_programmes(Programme, Phase)


class ProgrammesConfig(AppConfig):
    name = "parcours.programmes"
    verbose_name = "Dispositifs d'accompagnement"

    def ready(self):
        post_migrate.connect(_ensure_programmes, sender=self, dispatch_uid="parcours.programmes.ensure")
