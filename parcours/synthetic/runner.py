"""Orchestration : missions locales, conseillers, jeunes, contacts, situations, puis les générateurs des apps."""

import datetime
import importlib
import importlib.util
import logging
import time
import zoneinfo

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from parcours.accounts.demo import DEMO_ACCOUNTS, DEMO_ML_CODE, OTHER_ML_CODE, ensure_demo_accounts
from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.dbstats import refresh_statistics
from parcours.imports.batches import batched
from parcours.safety import SYNTHETIC_CHANGE_REASON
from parcours.synthetic import activity, bulk, people, places, structures
from parcours.synthetic.context import BATCH_SIZE, GenerationContext
from parcours.young_people.models import ReferentAssignment, YoungPerson

#: À changer quand les lois ou l'ordre des tirages changent : les mêmes paramètres ne donnent plus les mêmes données.
GENERATOR_VERSION = 3
logger = logging.getLogger(__name__)
DEFAULT_PERIOD_DAYS = 3 * 365
FAST_LOAD_MIN = 10_000  # jeunes : au-delà, chargement sans contrôle différé des clés étrangères
#: Part des jeunes dans les deux ML de démonstration (Lille, Arras) en mode ``demo``.
DEMO_SHARES = {DEMO_ML_CODE: 0.18, OTHER_ML_CODE: 0.09}
DEMO_PORTFOLIO = (80, 110)
#: Apps dont le module ``synthetic`` n'est pas un générateur à appeler.
SKIPPED_APPS = {"young_people"}


def generate(
    count,
    seed,
    missions_locales=0,
    since=None,
    today=None,
    demo=False,
    stdout=None,
    show_progress=True,
    with_apps=True,
):
    """Génère ``count`` jeunes et leur parcours ; renvoie le résumé (comptes et durée).

    ``with_apps=False`` s'arrête au cœur (sans les modules ``synthetic`` des autres apps).
    """
    today = today or timezone.localdate()
    since = since or today - datetime.timedelta(days=DEFAULT_PERIOD_DAYS)
    if since > today:
        raise ValueError("La date de début de période doit précéder la date de référence.")
    ctx = GenerationContext(
        seed=seed, today=today, since=since, demo=demo, stdout=stdout, show_progress=show_progress
    )
    started = time.monotonic()
    with transaction.atomic():
        _fast_load(count)
        ml_infos = structures.ensure_missions_locales(ctx, missions_locales)
        ctx.mission_locale_ids = [ml.pk for ml in ml_infos]
        generator = people.PeopleGenerator(ctx, ml_infos, _ml_weights(ctx, ml_infos))
        plans = generator.plan(count)
        portfolios = _demo_portfolios(ctx, generator, plans, ml_infos) if demo else {}
        counsellors = _assign_referents(ctx, plans, ml_infos, portfolios)
        _insert_people(ctx, plans)
        ctx.young_person_ids = [plan.person.pk for plan in plans]
        contacts, proposals = activity.generate_contacts_and_proposals(ctx, plans)
        situations = activity.generate_situations(ctx, plans)
        core_seconds = round(time.monotonic() - started, 1)
        ctx.write(f"Jeunes, contacts, propositions et situations écrits en {core_seconds} s.")
        if with_apps:
            run_app_generators(ctx)
    refresh_statistics()  # tables remplies d'un coup : statistiques du planificateur à jour (PostgreSQL)
    summary = {
        "missions_locales": len(ml_infos),
        "conseillers": counsellors,
        "jeunes": len(plans),
        "archives": sum(plan.archived_at is not None for plan in plans),
        "contacts": contacts,
        "propositions": proposals,
        "situations": situations,
        "secondes_coeur": core_seconds,
        "secondes": round(time.monotonic() - started, 1),
    }
    ctx.write(
        f"{summary['jeunes']} jeunes ({summary['archives']} archivés), {contacts} contacts, "
        f"{proposals} propositions, {situations} situations, {counsellors} conseillers, "
        f"{summary['missions_locales']} missions locales en {summary['secondes']} s."
    )
    logger.info("Données synthétiques générées", extra={"seed": seed, "demo": demo, **summary})
    return summary


def _fast_load(count):
    """Gros volumes sur PostgreSQL : vérification des clés étrangères suspendue le temps de la transaction.

    Les clés étrangères de Django sont « différées » : chaque ligne insérée empile un contrôle exécuté à la
    validation (un verrou par ligne référencée), soit un quart du temps à 100 000 jeunes. Les lignes sont
    cohérentes par construction (les tests, sous ce seuil, passent par les contrôles) ; les contraintes
    CHECK et UNIQUE restent vérifiées. Réservé à un compte superutilisateur, comme ``pg_restore
    --disable-triggers`` ; sinon, chargement normal.
    """
    if connection.vendor != "postgresql" or count < FAST_LOAD_MIN:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            cursor.execute("SET LOCAL session_replication_role = replica")


def _ml_weights(ctx, ml_infos):
    """Poids des ML : population du département partagée entre ses ML, avec un écart de ±30 %."""
    rng = ctx.derive("poids-ml")
    per_department = {}
    for ml in ml_infos:
        per_department[ml.department_code] = per_department.get(ml.department_code, 0) + 1
    weights = [
        places.POPULATION.get(ml.department_code, 300)
        / per_department[ml.department_code]
        * rng.uniform(0.7, 1.3)
        for ml in ml_infos
    ]
    if ctx.demo:
        codes = [ml.code for ml in ml_infos]
        others = sum(w for w, code in zip(weights, codes, strict=True) if code not in DEMO_SHARES)
        rest = 1 - sum(DEMO_SHARES[c] for c in DEMO_SHARES if c in codes)
        for index, code in enumerate(codes):
            if code in DEMO_SHARES:
                weights[index] = DEMO_SHARES[code] / rest * others
    return weights


def _demo_portfolios(ctx, generator, plans, ml_infos):
    """Portefeuilles des conseillers de démonstration : {id du jeune planifié: id du conseiller}."""
    usernames = [a[0] for a in DEMO_ACCOUNTS if a[3] == Role.COUNSELLOR]
    users = list(User.objects.filter(username__in=usernames).order_by("username"))
    if len(users) < len(usernames):
        ensure_demo_accounts()
        users = list(User.objects.filter(username__in=usernames).order_by("username"))
    rng = ctx.derive("demo")
    taken = {}
    for user in users:
        candidates = [
            index
            for index, plan in enumerate(plans)
            if plan.ml.pk == user.mission_locale_id and plan.archived_at is None and index not in taken
        ]
        rng.shuffle(candidates)
        candidates.sort(key=lambda index: plans[index].end <= ctx.today)  # les jeunes encore suivis d'abord
        for index in candidates[: rng.randint(*DEMO_PORTFOLIO)]:
            generator.keep_following(plans[index])
            taken[index] = user.pk
    return taken


def _assign_referents(ctx, plans, ml_infos, portfolios):
    rng = ctx.derive("referents")
    active = {ml.pk: 0 for ml in ml_infos}
    for index, plan in enumerate(plans):
        if plan.archived_at is None and index not in portfolios:
            active[plan.ml.pk] += 1
    populated = {plan.ml.pk for plan in plans}
    counsellors = {}
    for ml in ctx.progress(ml_infos, "Conseillers", unit="ML"):
        if ml.pk in populated:
            wanted = structures.counsellors_needed(active[ml.pk])
            counsellors[ml.pk] = structures.ensure_counsellors(ctx, ml, wanted)
    for index, plan in enumerate(plans):
        if index in portfolios:
            plan.referents = [(plan.first_reception, portfolios[index])]
            plan.person.referent_id = portfolios[index]
        else:
            people.referent_segments(rng, plan, counsellors[plan.ml.pk], ctx.today)
    return sum(len(ids) for ids in counsellors.values())


def _insert_people(ctx, plans):
    rng = ctx.derive("affectations")
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    history = YoungPerson.history.model
    tracked = [f.attname for f in history.tracked_fields]
    bar = ctx.progress(None, "Jeunes (écriture)", total=len(plans))
    for batch in batched(plans, BATCH_SIZE):
        for plan, pk in zip(batch, bulk.allocate_ids(YoungPerson, len(batch)), strict=True):
            plan.person.pk = pk
        bulk.insert_rows(YoungPerson, [bulk.model_row(plan.person) for plan in batch], with_ids=True)
        bulk.insert_rows(
            history,
            [
                {
                    **{name: getattr(plan.person, name) for name in tracked},
                    "history_date": plan.person.created_at,
                    "history_type": "+",
                    "history_change_reason": SYNTHETIC_CHANGE_REASON,  # marque des données synthétiques
                    "history_user_id": None,
                }
                for plan in batch
            ],
        )
        rows = [row for plan in batch for row in people.assignment_rows(rng, plan, tz)]
        bulk.insert_rows(ReferentAssignment, rows)
        bar.update(len(batch))
    bar.close()


def run_app_generators(ctx):
    """Appelle ``generate(ctx)`` du module ``synthetic`` de chaque app de Parcours, dans l'ordre d'INSTALLED_APPS."""
    for app_config in apps.get_app_configs():
        if not app_config.name.startswith("parcours.") or app_config.label in SKIPPED_APPS:
            continue
        module_name = f"{app_config.name}.synthetic"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        if not callable(getattr(module, "generate", None)):
            continue
        started = time.monotonic()
        module.generate(ctx.for_app(app_config.label))
        ctx.write(f"{app_config.verbose_name} : données générées en {time.monotonic() - started:.1f} s.")
