"""En-têtes de sécurité (issue 13) : Content-Security-Policy sans script en ligne, HSTS servi en HTTPS."""

import importlib
import re
from pathlib import Path

import pytest
from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parents[2] / "parcours" / "www" / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"\sstyle\s*=", re.IGNORECASE)


@pytest.mark.django_db
def test_every_page_sends_a_strict_content_security_policy(client, counsellor):
    for response in (client.get(reverse("login")), _logged_in(client, counsellor).get(reverse("home"))):
        policy = response["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'" and "unsafe" not in policy
        assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"


def _logged_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "pattern", [INLINE_SCRIPT, INLINE_HANDLER, INLINE_STYLE], ids=["script", "on*", "style"]
)
def test_no_template_carries_inline_script_or_style(pattern):
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"à déplacer dans parcours/www/static/parcours/ : {offenders}"


def test_hsts_only_when_served_over_https(monkeypatch):
    import config.settings

    try:
        monkeypatch.setenv("DJANGO_HTTPS", "1")
        https = importlib.reload(config.settings)
        assert https.SECURE_HSTS_SECONDS == 31536000 and https.SECURE_HSTS_INCLUDE_SUBDOMAINS
        assert https.SESSION_COOKIE_SECURE and https.CSRF_COOKIE_SECURE and https.SECURE_SSL_REDIRECT
        monkeypatch.delenv("DJANGO_HTTPS")
        plain = importlib.reload(config.settings)
        assert plain.SECURE_HSTS_SECONDS == 0 and not plain.SECURE_SSL_REDIRECT
    finally:
        monkeypatch.delenv("DJANGO_HTTPS", raising=False)
        importlib.reload(config.settings)


@pytest.mark.django_db
def test_hsts_header_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get(reverse("login"))
