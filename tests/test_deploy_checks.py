from django.core.checks import run_checks
from django.test import override_settings

from config.settings import LOCAL_ONLY_KEYS


def deploy_errors():
    return sorted(m.id for m in run_checks(include_deployment_checks=True) if m.id.startswith("parcours."))


def test_local_keys_are_refused_for_a_deployment():
    with override_settings(SECRET_KEY=LOCAL_ONLY_KEYS[0], PSEUDONYMISATION_KEY=LOCAL_ONLY_KEYS[1]):
        assert deploy_errors() == ["parcours.E001", "parcours.E002"]
    with override_settings(SECRET_KEY="x" * 50, PSEUDONYMISATION_KEY="clé de la production"):
        assert deploy_errors() == []
