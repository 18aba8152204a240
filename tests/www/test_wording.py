"""Libellés : l'opérateur est France Travail depuis le 1er janvier 2024 ; pluriels à la française."""

import datetime

import pytest
from django.template import Context, Template


def render(text, **context):
    return Template("{% load parcours_texts %}" + text).render(Context(context))


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 jeune"), (1, "1 jeune"), (2, "2 jeunes"), (351, "351 jeunes")]
)
def test_pluriel_keeps_zero_and_one_singular(count, expected):
    assert render("{{ n }} jeune{{ n|pluriel }}", n=count) == expected


def test_pluriel_with_explicit_forms_and_sequences():
    assert render("{{ n }} {{ n|pluriel:'réunion,réunions' }}", n=0) == "0 réunion"
    assert render("{{ n }} {{ n|pluriel:'réunion,réunions' }}", n=2) == "2 réunions"
    assert render("dossier{{ items|pluriel }}", items=[1]) == "dossier"
    assert render("dossier{{ items|pluriel }}", items=[1, 2]) == "dossiers"


def test_operateur_names_pole_emploi_before_2024_and_france_travail_after():
    assert render("{{ d|operateur }}", d=datetime.date(2023, 6, 1)) == "Pôle emploi"
    assert render("{{ d|operateur }}", d=datetime.date(2024, 1, 1)) == "France Travail"
    assert (
        render("{{ d|operateur }}", d=datetime.datetime(2023, 6, 1, 10, tzinfo=datetime.UTC)) == "Pôle emploi"
    )
    assert render("{{ d|operateur }}", d=None) == "France Travail"


def test_templates_use_the_french_plural_filter_and_the_current_operator_name():
    from pathlib import Path

    templates = Path(__file__).resolve().parents[2] / "parcours" / "www" / "templates"
    offenders = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if "|pluralize" in path.read_text(encoding="utf-8")
        or "Pôle emploi" in path.read_text(encoding="utf-8").replace("(Pôle emploi avant 2024)", "")
    ]
    assert offenders == []


def test_timeline_names_the_operator_of_the_referral_date(counsellor):
    from parcours.cotraitance.timeline import entries
    from tests.factories import YoungPersonFactory
    from tests.programmes.factories import ReferralFactory

    titles = []
    for day in (datetime.date(2023, 11, 20), datetime.date(2025, 4, 30)):
        young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
        ReferralFactory(young_person=young_person, assignment_date=day)
        titles += [entry.title for entry in entries(young_person, counsellor)]
    assert titles[0].startswith("Orientation Pôle emploi (")
    assert titles[1].startswith("Orientation France Travail (")
