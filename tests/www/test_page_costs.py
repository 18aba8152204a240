"""Ce que chaque page coûte en requêtes SQL, et les raccourcis qui le réduisent (issue 12, charge)."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import get_resolver, reverse
from django.urls.converters import IntConverter
from django.utils import timezone
from django.utils.dateformat import format as date_format

from parcours import links
from parcours.accounts.access import visible_mission_locale_ids
from parcours.www.routes import IdConverter
from tests.factories import (
    ContactFactory,
    MissionLocaleFactory,
    SituationFactory,
    UserFactory,
    YoungPersonFactory,
)


def test_session_user_comes_with_mission_locale(client, counsellor, django_assert_num_queries):
    """Session, utilisateur (avec sa mission locale), comptage et page : quatre requêtes quel que soit le nombre de
    lignes. La mission locale de l'en-tête et les missions locales visibles ne coûtent plus de requête."""
    for _ in range(30):
        young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
        ContactFactory(young_person=young_person)
    client.force_login(counsellor)
    client.get(reverse("young_people:portfolio"))  # missions locales visibles lues une fois par processus
    with django_assert_num_queries(4):
        response = client.get(reverse("young_people:portfolio"))
    assert response.status_code == 200
    assert str(counsellor.mission_locale) in response.content.decode()


@pytest.mark.django_db
def test_absorbed_missions_locales_are_visible_as_soon_as_merged():
    absorbing = MissionLocaleFactory()
    user = UserFactory(mission_locale=absorbing)
    assert visible_mission_locale_ids(user) == [absorbing.pk]
    absorbed = MissionLocaleFactory()
    absorbed.merged_into, absorbed.merged_on = absorbing, datetime.date(2026, 1, 1)
    absorbed.save()
    assert visible_mission_locale_ids(user) == sorted([absorbing.pk, absorbed.pk])
    absorbed.merged_into, absorbed.merged_on = None, None
    absorbed.save()
    assert visible_mission_locale_ids(user) == [absorbing.pk]


def _names_with_integer_arguments():
    """(nom, nombre d'identifiants) de chaque URL nommée dont les arguments sont tous des entiers."""
    for namespace, (_, resolver) in get_resolver().namespace_dict.items():
        for name, possibilities in resolver.reverse_dict.lists():
            if not isinstance(name, str):
                continue
            for *_, converters in possibilities:
                if converters and all(
                    isinstance(c, (IntConverter, IdConverter)) for c in converters.values()
                ):
                    yield f"{namespace}:{name}", len(converters)


@pytest.mark.parametrize("pks", [(1,), (7, 1234), (987654321, 987654320, 3)])
def test_links_match_reverse_for_every_integer_url(pks):
    checked = 0
    for name, arity in _names_with_integer_arguments():
        if arity > len(pks):
            continue
        assert links.path(name, *pks[:arity]) == reverse(name, args=pks[:arity]), name
        checked += 1
    assert checked > 20


def test_file_page_reads_the_reminder_panel_with_the_file(client, counsellor, django_assert_num_queries):
    """La page du dossier charge l'accord du jeune et les réglages de rappel de sa ML avec le dossier : session,
    utilisateur, dossier, journal de consultation, le fil (référents, contacts, propositions, situations, et une
    seule requête qui dit que ce jeune n'a ni inscription, ni orientation, ni mise en relation, ni parrainage) et
    les rappels envoyés — dix requêtes, quel que soit le nombre d'évènements. L'en-tête (dispositifs, prochain
    rendez-vous) et les situations en cours se lisent dans ce que le fil a chargé (treize avant, seize quand
    l'en-tête relisait, dix-huit quand l'accord et les réglages se lisaient à part)."""
    from parcours.reminders import services

    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    for _ in range(5):
        ContactFactory(young_person=young_person)
    today = timezone.localdate()
    ContactFactory(young_person=young_person, date=today, time=datetime.time(23, 59), status="planifie")
    SituationFactory(young_person=young_person, category="emploi", kind="cdi", start_date=today)
    SituationFactory(
        young_person=young_person,
        category="formation",
        start_date=today.replace(year=today.year - 2),
        end_date=today - datetime.timedelta(days=1),
    )
    services.record_consent(young_person, channel="aucun", consent=False, by=counsellor)
    services.update_settings(counsellor.mission_locale, delay_hours=24, cancel_contact="", by=counsellor)
    client.force_login(counsellor)
    url = reverse("young_people:detail", args=[young_person.pk])
    client.get(url)
    with django_assert_num_queries(10):
        page = client.get(url).content.decode()
    assert f"Prochain rendez-vous : {date_format(today, 'l d/m/Y')} à 23:59" in page
    assert "Aucun dispositif en cours" in page
    side = page[page.index('<h2 class="fr-h4">Situation</h2>') : page.index('<h2 class="fr-h4">Dossier</h2>')]
    assert "CDI (en cours)" in side and "Formation" not in side, side
    assert "Un rappel part 24 h avant chaque rendez-vous" in page
    assert "Aucun rappel : le jeune n'a pas donné son accord." in page


def test_templates_use_reverse_only_where_chemin_cannot():
    """``{% url %}`` (``reverse``, ~45 µs le lien) ne reste que pour les arguments nommés ou un nom en variable ;
    un lien à identifiants entiers s'écrit ``{% chemin %}`` (~7 µs)."""
    templates = Path(settings.BASE_DIR) / "parcours" / "www" / "templates"
    left = [
        f"{path.relative_to(templates)} : {tag}"
        for path in templates.rglob("*.html")
        for tag in re.findall(r"\{% url [^%]*%\}", path.read_text())
        if "=" not in tag and not re.match(r"\{% url [a-z_]+ ", tag)
    ]
    assert left == []
