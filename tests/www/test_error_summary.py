"""Résumé des erreurs (issue 11, point 15) : un formulaire refusé dit combien d'erreurs et mène à chaque champ."""

import html as markup

from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.employers import services
from tests.employers.factories import JobOfferFactory
from tests.factories import UserFactory, YoungPersonFactory


def _summary_links_each_field(response, key="form"):
    html = markup.unescape(response.content.decode())
    summary = html[html.index("data-error-summary") : html.index("</div>", html.index("data-error-summary"))]
    form = response.context[key]
    assert form.errors
    for name in form.errors:
        if name in form.fields:
            assert f'href="#{form[name].id_for_label}"' in summary
    return html.index("data-error-summary") < html.index('<form method="post" novalidate>')


def test_the_young_person_form_and_the_referral_form_have_the_summary_too(client, ml, counsellor):
    young = YoungPersonFactory(mission_locale=ml, referent=counsellor)
    client.force_login(counsellor)
    response = client.post(reverse("young_people:create"), {"last_name": "Martin"})
    assert response.status_code == 200 and _summary_links_each_field(response)
    offer = JobOfferFactory(mission_locale=ml, counsellor=counsellor)
    referral = services.put_forward(offer, young, counsellor, date=offer.received_on)
    url = reverse("employers:referral_update", kwargs={"placement_pk": referral.pk})
    response = client.post(
        url, {"status": "retenu", "version": referral.version, "contrat-contract_type": "cdd"}
    )
    assert response.status_code == 200 and _summary_links_each_field(response, "hiring")


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
