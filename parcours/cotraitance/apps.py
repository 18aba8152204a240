from django.apps import AppConfig


class CotraitanceConfig(AppConfig):
    name = "parcours.cotraitance"
    verbose_name = "Co-traitance avec France Travail"

    def ready(self):
        from parcours.cotraitance.alerts import cotraitance_alerts
        from parcours.cotraitance.services import in_cotraitance_on
        from parcours.programmes import services as programmes
        from parcours.programmes import worklist

        # Les règles d'entrée en dispositif savent qui est suivi en co-traitance sans importer cette app.
        if in_cotraitance_on not in programmes.COTRAITANCE_CHECKS:
            programmes.COTRAITANCE_CHECKS.append(in_cotraitance_on)
        # Les listes « À faire » comptent les alertes de co-traitance (après celles des dispositifs).
        source = worklist.AlertSource(cotraitance_alerts, needs="referrals")
        if source not in worklist.ALERT_SOURCES:
            worklist.ALERT_SOURCES.insert(1, source)
