import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_login_error_in_french_and_logout(client, counsellor):
    response = client.post(reverse("login"), {"username": counsellor.username, "password": "faux"})
    assert "Identifiant ou mot de passe incorrect" in response.content.decode()
    response = client.post(
        reverse("login"), {"username": counsellor.username, "password": "mot-de-passe-de-test"}
    )
    assert response.url == reverse("home")
    assert "Mes jeunes" in client.get(reverse("home")).content.decode()
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_demo_accounts_cover_every_role():
    from parcours.accounts.demo import ensure_demo_accounts
    from parcours.accounts.enums import Role

    users = ensure_demo_accounts()
    assert {u.role for u in users} == set(Role.values)
    assert all(u.check_password("parcours-demo") for u in users)
