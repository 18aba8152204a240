"""Données de démonstration : dispositifs et co-traitance à des taux réalistes, listes « À faire » remplies."""

import datetime
import io

import pytest
from django.db.models import Count

from parcours.accounts.demo import DEMO_ML_CODE
from parcours.accounts.models import User
from parcours.cotraitance import services as cotraitance_services
from parcours.cotraitance.models import Referral
from parcours.programmes import worklist
from parcours.programmes.models import Enrolment
from parcours.synthetic.runner import generate
from parcours.young_people.models import YoungPerson

TODAY = datetime.date(2025, 1, 6)  # début d'année : l'enveloppe de l'année est déjà fixée


@pytest.mark.django_db
def test_demo_programmes_cotraitance_and_worklists():
    generate(1500, seed=2026, today=TODAY, demo=True, stdout=io.StringIO(), show_progress=False)
    young = YoungPerson.objects.count()
    enrolled = Enrolment.objects.values("young_person").distinct().count()
    assert 0.15 * young <= enrolled <= 0.30 * young  # ~25 % (règle du générateur)
    referrals = Referral.objects.accepted()
    assert 0.05 * young <= referrals.count() <= 0.10 * young  # ~8 % (100 000 par an pour 1,37 M)
    tracks = dict(referrals.values_list("track").annotate(n=Count("pk")))
    assert 0.65 <= tracks["accompagne"] / referrals.count() <= 0.92  # 80 % / 20 % (003)
    assert 0.2 <= referrals.filter(receives_benefits=True).count() / referrals.count() <= 0.45  # un tiers
    assert not Enrolment.objects.filter(
        programme__code="ani-2011", young_person__referrals__isnull=False
    ).exists()

    counsellor, director = User.objects.get(username="conseiller"), User.objects.get(username="directeur")
    assert counsellor.mission_locale.code == DEMO_ML_CODE
    mine, _ = worklist.build(worklist.counsellor_scope(counsellor), TODAY)
    whole, counts = worklist.build(worklist.director_scope(director), TODAY, with_unassigned=True)
    assert mine and len(whole) > len(mine)
    assert sum(1 for value in counts.values() if value) >= 3  # plusieurs motifs différents
    assert cotraitance_services.envelope_position([director.mission_locale_id], TODAY.year, TODAY)
    assert cotraitance_services.national_position(TODAY.year, TODAY)
