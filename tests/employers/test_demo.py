"""Après `charger_demo`, le référent entreprise de démonstration a de quoi dérouler une année d'accord."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.demo import DEMO_PASSWORD
from parcours.accounts.enums import Role


@pytest.mark.django_db
def test_demo_employer_referent_sees_offers_relations_and_a_report(client):
    call_command("charger_demo", jeunes=1500, stdout=io.StringIO())
    # Le mot de passe de démonstration ouvre la session (django-axes veut la requête de la connexion).
    assert client.login(request=HttpRequest(), username="entreprise", password=DEMO_PASSWORD)
    user = client.get(reverse("employers:home")).context["user"]
    assert (user.role, user.mission_locale.code) == (Role.EMPLOYER_REFERENT, "59001")

    home = client.get(reverse("employers:home")).context
    assert home["open_count"] > 0 and home["relation_count"] > 0 and home["published_count"] > 0
    assert len(client.get(reverse("employers:offer_list")).context["page"]) > 0
    partners = client.get(reverse("employers:offer_create")).context["form"].fields["partner"].queryset
    assert partners.filter(
        name__startswith="Carrefour"
    ).exists()  # l'offre d'un signataire (docs/employeurs.md)

    year = (timezone.localdate() - datetime.timedelta(days=183)).year  # une année déjà bien entamée
    report = client.get(reverse("employers:report"), {"year": year, "group_by": "accord", "scope": "ml"})
    total = report.context["report"].total
    assert total.put_forward > 0 and total.immersions > 0
    assert any(row.key is not None and row.put_forward for row in report.context["report"].rows)

    client.logout()
    assert client.get(reverse("employers:public_offers")).context["page"].paginator.count > 0
