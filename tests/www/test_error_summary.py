"""Résumé des erreurs (issue 11, point 15) : un formulaire refusé dit combien d'erreurs et mène à chaque champ."""

import html as markup

from django.urls import reverse

from parcours.accounts.enums import Role
from tests.factories import UserFactory


def test_refused_form_starts_with_a_summary_linking_each_field(client, ml):
    client.force_login(UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT))
    response = client.post(reverse("employers:offer_create"), {"title": "Vendeur"})
    assert response.status_code == 200
    html = markup.unescape(response.content.decode())
    summary = html[html.index("data-error-summary") : html.index("</div>", html.index("data-error-summary"))]
    form = response.context["form"]
    count = sum(len(messages) for messages in form.errors.values())
    assert count >= 1
    assert f"{count} erreur" in summary
    for name in form.errors:
        assert f'href="#{form[name].id_for_label}"' in summary
    assert html.index("data-error-summary") < html.index('<form method="post" novalidate>')
    assert 'value="Vendeur"' in html  # ce qui a été saisi reste


def test_a_new_form_has_no_summary(client, ml):
    client.force_login(UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT))
    assert "data-error-summary" not in client.get(reverse("employers:offer_create")).content.decode()
