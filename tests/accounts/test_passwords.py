"""Mots de passe (issue 13) : ni l'identifiant ni le nom de la personne ; changement par l'utilisateur
connecté et réinitialisation par courriel."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from parcours.accounts.enums import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "mot-de-passe-de-test"


@pytest.fixture
def marie(ml):
    return UserFactory(
        mission_locale=ml,
        role=Role.COUNSELLOR,
        username="marie.delacroix",
        first_name="Marie",
        last_name="Delacroix-Fontaine",
        email="marie.delacroix@ml-test.fr",
    )


@pytest.mark.parametrize("password", ["marie.delacroix", "Marie Delacroix-Fontaine", "delacroix-fontaine"])
def test_password_close_to_the_login_or_the_name_is_refused_in_french(marie, password):
    with pytest.raises(ValidationError) as error:
        validate_password(password, marie)
    assert any("trop semblable" in message for message in error.value.messages)


def test_logged_in_user_changes_their_password(client, marie):
    client.force_login(marie)
    url = reverse("password_change")
    assert "Changer de mot de passe" in client.get(url).content.decode()
    refused = client.post(
        url,
        {"old_password": PASSWORD, "new_password1": "marie.delacroix", "new_password2": "marie.delacroix"},
    )
    assert "trop semblable" in refused.content.decode()
    marie.refresh_from_db()
    assert marie.check_password(PASSWORD)
    new = "cheval-agrafe-batterie"
    response = client.post(url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302 and response.url == reverse("password_change_done")
    marie.refresh_from_db()
    assert marie.check_password(new)


def test_password_reset_by_email(client, marie, mailoutbox):
    login_page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in login_page
    response = client.post(reverse("password_reset"), {"email": marie.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [marie.email]
    assert "mot de passe" in mailoutbox[0].subject.lower()
    link = re.search(r"https?://[^/]+(/reinitialiser/\S+/)", mailoutbox[0].body).group(1)
    form_url = client.get(link).url  # Django retire le jeton de l'adresse avant d'afficher le formulaire
    new = "cheval-agrafe-batterie"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302 and response.url == reverse("password_reset_complete")
    marie.refresh_from_db()
    assert marie.check_password(new)


def test_password_reset_does_not_tell_whether_an_address_exists(client, marie, mailoutbox):
    known = client.post(reverse("password_reset"), {"email": marie.email})
    unknown = client.post(reverse("password_reset"), {"email": "personne@exemple.fr"})
    assert known.status_code == unknown.status_code == 302 and known.url == unknown.url
    assert len(mailoutbox) == 1
