import datetime
import io

import pytest
from django.db.models import F

from parcours.accompaniment.models import Situation
from parcours.employers.models import Immersion, JobOffer, Partner, Recruitment, Referral, Sponsorship
from parcours.employers.queries import follow_up_report
from parcours.employers.rules import siret_error
from parcours.synthetic.runner import generate

TODAY = datetime.date(2025, 6, 30)


@pytest.mark.django_db
def test_generator_volumes_and_consistency():
    generate(800, seed=7, today=TODAY, stdout=io.StringIO(), show_progress=False)
    young = 800
    immersions = Immersion.objects.count()
    assert 0.06 * young <= immersions <= 0.14 * young  # ~10 % (141 000 pour 1,37 M)
    assert 0 < Sponsorship.objects.count() <= 0.04 * young  # ~1,3 %
    assert all(
        siret_error(s) is None for s in Partner.objects.exclude(siret="").values_list("siret", flat=True)
    )
    # Chaque recrutement et chaque immersion est une situation du jeune.
    for recruitment in Recruitment.objects.select_related("situation", "referral"):
        assert recruitment.situation.young_person_id == recruitment.young_person_id
        assert recruitment.referral.status == "retenu"
    assert (
        Situation.objects.filter(category="immersion", source_id__startswith="employeurs:").count()
        == immersions
    )
    assert not Referral.objects.exclude(young_person__mission_locale=F("offer__mission_locale")).exists()
    assert JobOffer.objects.public(TODAY).exists()
    report = follow_up_report(2025, "accord")
    assert report.total.put_forward == Referral.objects.filter(date__year=2025).count()
    assert report.total.immersions == Immersion.objects.filter(start_date__year=2025).count()
    assert any(
        row.key is not None and row.put_forward for row in report.rows
    )  # des offres relèvent d'accords
    generate(
        50, seed=8, today=TODAY, stdout=io.StringIO(), show_progress=False
    )  # second lancement : SIRET uniques
