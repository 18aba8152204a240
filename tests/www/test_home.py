import datetime

from django.urls import reverse
from django.utils import timezone

from tests.factories import ContactFactory, YoungPersonFactory


def test_without_recent_contact_tile_counts_files_never_contacted(client, counsellor):
    today = timezone.localdate()
    seen_long_ago = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    ContactFactory(young_person=seen_long_ago, date=today - datetime.timedelta(days=120))
    seen_recently = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    ContactFactory(young_person=seen_recently, date=today - datetime.timedelta(days=10))
    YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)  # jamais vu
    client.force_login(counsellor)
    context = client.get(reverse("home")).context
    assert context["portfolio_count"] == 3
    assert context["without_recent_contact"] == 2
