import datetime
import hashlib

import pytest
from django.core.management import load_command_class
from django.db.models import Count

from parcours.accompaniment.enums import AttendanceStatus, SituationState
from parcours.accompaniment.models import Contact, Proposal, Situation
from parcours.accounts.models import User
from parcours.referential.enums import SiteKind
from parcours.referential.models import MissionLocale
from parcours.synthetic import runner
from parcours.young_people import rules
from parcours.young_people.enums import INFRA_V_LEVELS
from parcours.young_people.models import ReferentAssignment, YoungPerson

TODAY = datetime.date(2026, 1, 15)


def generate(count, seed=11, **kwargs):
    kwargs.setdefault("today", TODAY)
    kwargs.setdefault("with_apps", False)
    return runner.generate(count, seed, show_progress=False, stdout=_Null(), **kwargs)


class _Null:
    def write(self, message):
        pass


def digest():
    """Empreinte du contenu généré, indépendante des clés primaires."""
    h = hashlib.sha256()
    people = YoungPerson.objects.order_by("pk").values_list(
        "mission_locale__code", "search_name", "birth_date", "sex", "nir", "email", "phone", "postcode",
        "commune", "in_qpv", "in_zrr", "is_rural", "education_level", "housing", "first_reception_date",
        "referent__username", "archived_at", "archive_reason",
    )  # fmt: skip
    contacts = Contact.objects.order_by("pk").values_list(
        "young_person__search_name", "date", "time", "kind", "mode", "status", "themes", "notes",
        "counsellor__username",
    )  # fmt: skip
    proposals = Proposal.objects.order_by("pk").values_list(
        "young_person__search_name", "contact__date", "theme", "kind", "status", "description"
    )
    situations = Situation.objects.order_by("pk").values_list(
        "young_person__search_name",
        "category",
        "kind",
        "state",
        "start_date",
        "end_date",
        "rome_code",
        "employer",
    )
    assignments = ReferentAssignment.objects.order_by("pk").values_list(
        "young_person__search_name", "referent__username", "start", "end", "reason"
    )
    for rows in (people, contacts, proposals, situations, assignments):
        for row in rows:
            h.update(repr(row).encode())
    return h.hexdigest()


def wipe():
    YoungPerson.objects.all().delete()
    User.objects.filter(username__regex=r"^c\d").delete()


@pytest.mark.django_db
def test_same_seed_same_data_other_seed_other_data():
    generate(250, seed=5)
    first = digest()
    wipe()
    generate(250, seed=5)
    assert digest() == first
    wipe()
    generate(250, seed=6)
    assert digest() != first


@pytest.mark.django_db
def test_distributions_on_2000_young_people():
    summary = generate(2000, seed=3)
    people = list(YoungPerson.objects.all())
    assert summary["jeunes"] == len(people) == 2000
    since = TODAY - datetime.timedelta(days=runner.DEFAULT_PERIOD_DAYS)
    ages = [rules.age_on(p.birth_date, p.first_reception_date) for p in people]
    assert min(ages) >= 16 and max(ages) <= 25
    assert sum(18 <= a <= 21 for a in ages) / len(ages) > 0.45
    assert all(since <= p.first_reception_date <= TODAY for p in people)
    share = lambda condition: sum(map(condition, people)) / len(people)  # noqa: E731
    assert share(lambda p: p.in_qpv) == pytest.approx(0.14, abs=0.025)
    assert share(lambda p: p.in_zrr) == pytest.approx(0.07, abs=0.02)
    assert share(lambda p: p.is_rural) == pytest.approx(0.17, abs=0.025)
    assert share(lambda p: p.rqth) == pytest.approx(0.03, abs=0.015)
    assert share(lambda p: p.sex == "F") == pytest.approx(0.5, abs=0.04)
    assert share(lambda p: p.education_level in INFRA_V_LEVELS) == pytest.approx(0.40, abs=0.04)
    assert share(lambda p: p.education_level == "V") == pytest.approx(0.35, abs=0.04)
    assert share(lambda p: p.education_level == "IV") == pytest.approx(0.20, abs=0.03)
    # Plusieurs missions locales, chacune avec ses conseillers et un référent par dossier.
    assert YoungPerson.objects.values("mission_locale").distinct().count() > 60
    assert all(p.referent_id for p in people)
    assert (
        ReferentAssignment.objects.filter(end__isnull=True).count()
        == share(lambda p: not p.archived_at) * 2000
    )
    assert all(
        p.referent.mission_locale_id == p.mission_locale_id
        for p in YoungPerson.objects.select_related("referent")
    )


@pytest.mark.django_db
def test_contacts_proposals_and_situations_are_consistent():
    summary = generate(2000, seed=3)
    contacts = summary["contacts"]
    assert 10 <= contacts / 2000 <= 20
    assert 0.25 <= summary["propositions"] / contacts <= 0.40
    assert Contact.objects.filter(status=AttendanceStatus.PRESENT, date__gt=TODAY).count() == 0
    assert Contact.objects.filter(status=AttendanceStatus.PLANNED, date__lte=TODAY).count() == 0
    assert Contact.objects.filter(status=AttendanceStatus.PLANNED).count() > 0
    statuses = dict(Contact.objects.values_list("status").annotate(n=Count("id")))
    assert statuses[AttendanceStatus.PRESENT] / contacts > 0.75
    kinds = dict(Contact.objects.values_list("kind").annotate(n=Count("id")))
    assert kinds["entretien_individuel"] / contacts > 0.7
    assert Situation.objects.filter(state=SituationState.FINISHED, end_date__gte=TODAY).count() == 0
    assert Situation.objects.filter(state=SituationState.PLANNED, start_date__lte=TODAY).count() == 0
    assert Situation.objects.filter(state=SituationState.IN_PROGRESS, start_date__gt=TODAY).count() == 0
    assert Situation.objects.exclude(rome_code="").filter(rome_code__regex=r"^[A-N][0-9]{4}$").count() == (
        Situation.objects.exclude(rome_code="").count()
    )
    assert Situation.objects.filter(category="emploi").exists()
    assert Situation.objects.filter(category="alternance").exists()
    # Aucun contact avant le premier accueil ni pour un autre jeune que celui de la proposition.
    for contact in Contact.objects.select_related("young_person")[:500]:
        assert contact.date >= contact.young_person.first_reception_date
    for proposal in Proposal.objects.select_related("contact")[:500]:
        assert proposal.contact.young_person_id == proposal.young_person_id
    # Quelques doublons à détecter (même nom, même date de naissance), rares.
    groups = YoungPerson.objects.values("search_name", "birth_date").annotate(n=Count("id")).filter(n__gt=1)
    assert 1 <= groups.count() <= 20


@pytest.mark.django_db
def test_generated_rows_pass_model_validation():
    generate(300, seed=9)
    for person in YoungPerson.objects.order_by("pk")[:100]:
        person.full_clean()
    for contact in Contact.objects.order_by("pk")[:200]:
        contact.full_clean()
    for proposal in Proposal.objects.order_by("pk")[:200]:
        proposal.full_clean()
    for situation in Situation.objects.order_by("pk")[:200]:
        situation.full_clean()
    for user in User.objects.filter(username__regex=r"^c\d")[:20]:
        user.full_clean()
        assert not user.has_usable_password()


@pytest.mark.django_db
def test_additional_missions_locales_with_sites():
    before = MissionLocale.objects.active().count()
    generate(200, seed=2, missions_locales=before + 15)
    assert MissionLocale.objects.active().count() == before + 15
    created = MissionLocale.objects.order_by("-pk")[:15]
    for ml in created:
        kinds = set(ml.sites.values_list("kind", flat=True))
        assert {SiteKind.HEAD_OFFICE, SiteKind.BRANCH, SiteKind.PERMANENCE} <= kinds
    assert MissionLocale.objects.filter(department__code="59").count() >= 2  # le Nord est très peuplé


@pytest.mark.django_db
def test_demo_gives_demo_counsellors_a_living_portfolio():
    generate(1500, seed=2026, demo=True)
    for username in ("conseiller", "conseiller2", "conseiller.arras"):
        portfolio = YoungPerson.objects.filter(referent__username=username, archived_at__isnull=True)
        assert 40 <= portfolio.count() <= 120, username
        recent = portfolio.filter(
            contacts__status=AttendanceStatus.PRESENT, contacts__date__gte=TODAY - datetime.timedelta(days=60)
        ).distinct()
        assert recent.count() / portfolio.count() > 0.7


@pytest.mark.django_db
def test_app_generators_run_after_the_core_with_the_new_young_people():
    summary = generate(150, seed=4, with_apps=True)
    assert summary["jeunes"] == YoungPerson.objects.count() == 150


def test_context_contract():
    from parcours.synthetic.context import GenerationContext

    ctx = GenerationContext(
        seed=3, today=TODAY, since=TODAY - datetime.timedelta(days=10), show_progress=False
    )
    app_ctx = ctx.for_app("programmes")
    assert app_ctx.rng.random() == ctx.for_app("programmes").rng.random()
    assert app_ctx.rng.random() != ctx.for_app("cotraitance").rng.random()
    assert list(ctx.progress(range(3), "Essai")) == [0, 1, 2]
    for name in (
        "rng",
        "today",
        "mission_locale_ids",
        "young_person_ids",
        "progress",
        "stdout",
        "demo",
        "bulk_create",
    ):
        assert hasattr(app_ctx, name)


def test_help_is_in_french():
    command = load_command_class("parcours.synthetic", "generer_donnees")
    text = command.create_parser("manage.py", "generer_donnees").format_help()
    assert "--jeunes" in text and "--graine" in text and "--missions-locales" in text and "--demo" in text
    assert "reproductibles" in text
