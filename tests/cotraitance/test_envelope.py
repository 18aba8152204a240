import datetime
from html import unescape

from django.template.loader import render_to_string

from parcours.cotraitance import services
from parcours.cotraitance.models import NationalEnvelope
from parcours.programmes.enums import ExitOutcome
from parcours.programmes.models import Enrolment
from tests.factories import YoungPersonFactory
from tests.programmes.factories import EnvelopeFactory, ReferralFactory, programme

D = datetime.date


def test_envelope_position_counts_civis_above_target(ml, other_ml):
    EnvelopeFactory(mission_locale=ml, year=2014, target=4, paid_target=2)
    for benefits in (True, True, True, False):
        ReferralFactory(
            young_person=YoungPersonFactory(mission_locale=ml),
            assignment_date=D(2014, 3, 3),
            receives_benefits=benefits,
        )
    civis_young = YoungPersonFactory(
        mission_locale=ml, first_reception_date=D(2013, 9, 2), birth_date=D(1995, 1, 1)
    )
    Enrolment.objects.create(
        young_person=civis_young, programme=programme("civis"), entry_date=D(2013, 10, 1)
    )
    ReferralFactory(young_person=civis_young, assignment_date=D(2014, 3, 3))
    ended_civis = YoungPersonFactory(
        mission_locale=ml, first_reception_date=D(2013, 9, 2), birth_date=D(1995, 1, 1)
    )
    Enrolment.objects.create(
        young_person=ended_civis,
        programme=programme("civis"),
        entry_date=D(2013, 10, 1),
        exit_date=D(2014, 3, 2),
        exit_outcome=ExitOutcome.ABANDONMENT,
    )
    ReferralFactory(young_person=ended_civis, assignment_date=D(2014, 3, 3), receives_benefits=False)
    ReferralFactory(young_person=YoungPersonFactory(mission_locale=other_ml), assignment_date=D(2014, 3, 3))
    ReferralFactory(young_person=YoungPersonFactory(mission_locale=ml), assignment_date=D(2013, 12, 31))
    position = services.envelope_position([ml.pk], 2014, today=D(2014, 12, 31))
    assert (position.entries, position.above_target_civis, position.benefit_entries) == (5, 1, 3)
    assert position.paid_entries == 2
    assert position.payment == 1000
    assert position.above_tolerance  # 5 > 4 × 1,2
    assert services.envelope_position([ml.pk], 2015, today=D(2015, 1, 1)) is None


def test_national_cap(ml, other_ml):
    NationalEnvelope.objects.create(year=2010, cap=3)
    for mission_locale in (ml, ml, other_ml):
        ReferralFactory(
            young_person=YoungPersonFactory(mission_locale=mission_locale), assignment_date=D(2010, 2, 1)
        )
    ReferralFactory(
        young_person=YoungPersonFactory(mission_locale=ml),
        assignment_date=D(2010, 2, 1),
        status="refusee",
        refusal_reason="Déjà accompagné ailleurs.",
    )
    at_cap = services.national_position(2010, today=D(2010, 12, 31))
    assert (at_cap["entries"], at_cap["cap"], at_cap["over_cap"], at_cap["warning"]) == (3, 3, False, False)
    # 3 entrées au 10/04 : prorata 100/365 × 3 = 0,82 ; 130 % = 1,07 : alerte avant même le plafond.
    assert services.national_position(2010, today=D(2010, 4, 10))["warning"]
    ReferralFactory(young_person=YoungPersonFactory(mission_locale=other_ml), assignment_date=D(2010, 6, 1))
    over = services.national_position(2010, today=D(2010, 12, 31))
    assert (over["entries"], over["over_cap"], over["warning"]) == (4, True, True)
    assert services.national_position(2011, today=D(2011, 1, 1)) is None


def test_the_envelope_callout_writes_the_thresholds_of_the_rules(ml):
    """« ±20 % » et « 130 % » viennent de ``rules.TOLERANCE`` et ``rules.WARNING_RATIO``, pas du gabarit."""
    NationalEnvelope.objects.create(year=2010, cap=10)
    EnvelopeFactory(mission_locale=ml, year=2010, target=10, paid_target=5)
    for _ in range(4):
        ReferralFactory(young_person=YoungPersonFactory(mission_locale=ml), assignment_date=D(2010, 2, 1))
    early = D(2010, 4, 10)  # prorata 10 × 100/365 = 2,7 ; 130 % = 3,6 : 4 entrées, alerte
    html = render_to_string(
        "cotraitance/_envelope.html",
        {
            "envelope": services.envelope_position([ml.pk], 2010, early),
            "national": services.national_position(2010, early),
            "envelope_year": 2010,
        },
    )
    assert "Alerte : plus de 130 % de l'objectif au prorata" in unescape(html)
    assert "Au-delà de 130 % du prorata national" in unescape(html)
    late = services.envelope_position([ml.pk], 2010, D(2010, 12, 31))  # 4 entrées pour 10 : sous la tolérance
    assert (late.warning, late.within_tolerance) == (False, False)
    assert (
        "tolérance" not in render_to_string("cotraitance/_envelope.html", {"envelope": late}).split("<ul")[0]
    )
    EnvelopeFactory(mission_locale=ml, year=2011, target=3, paid_target=3)
    for _ in range(3):
        ReferralFactory(young_person=YoungPersonFactory(mission_locale=ml), assignment_date=D(2011, 2, 1))
    reached = services.envelope_position([ml.pk], 2011, D(2011, 12, 31))
    assert "Dans la tolérance de ±20 %" in render_to_string(
        "cotraitance/_envelope.html", {"envelope": reached}
    )
