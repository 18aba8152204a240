"""Mesure de l'agenda à 100 000 jeunes et 1 000 000 de rendez-vous sur PostgreSQL, contre une version naïve.

    .venv/bin/python bench/agenda.py [--jeunes 100000] [--rendez-vous 1000000] [--graine 2026]
                                     [--repetitions 200] [--repetitions-reference 60] [--base URL]
                                     [--pages jour,semaine,site,equipe] [--profil PAGE] [--sql] [--sans-reference]

La base (``AGENDA_BENCH_DATABASE_URL``, défaut ``postgres://postgres@127.0.0.1:5432/parcours_bench_agenda``) est
remplie comme celle de ``bench/search_and_file.py`` (``generer_donnees``), puis reçoit ``--rendez-vous`` rendez-vous
d'agenda (``parcours.agenda.synthetic.generate_appointments`` : une année centrée sur le jour de génération, les
conseillers qui ont un portefeuille, statuts mêlés, sites de leur mission locale) ; elle est réutilisée telle
quelle si elle a été remplie avec les mêmes paramètres, recréée sinon.

Pages mesurées, dans le processus (client de test Django connecté, réglages de production : DEBUG coupé, gabarits
en cache, connexion persistante, ``random_page_cost`` de docs/exploitation.md posé sur la base de mesure), sur des
jours tirés dans l'année des rendez-vous, dans la plus grosse mission locale :
- « Mon agenda », le jour (``/agenda/?jour=``) et la semaine (``/agenda/semaine/?jour=``) de ses conseillers ;
- l'agenda du siège pour l'accueil (``/agenda/site/<id>/?jour=`` : tous les conseillers de la mission locale,
  les jeunes attendus au site) ;
- la semaine de l'équipe pour la direction (``/agenda/equipe/?jour=``).
Pour chacune : latence p50 / p95 (ms), nombre de requêtes SQL, rendez-vous affichés. Référence mesurée dans le
même lancement : les mêmes pages servies par des lectures écrites naïvement (``naive_queries`` ci-dessous : une
requête par conseiller et par jour, sans ``select_related``, donc une requête par jeune, lieu et conseiller affichés),
``--repetitions-reference`` fois. Sur une machine partagée, lire aussi CPU95 (temps processeur du processus).

Sections : ``--sections pages`` (défaut). Une section s'ajoute dans ``SECTIONS`` (``--sections rappels`` : débit
du travailleur de rappels, à venir).
"""

import argparse
import collections
import cProfile
import datetime
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/parcours_bench_agenda"
OUT = ROOT / "var" / "bench-agenda"
WARM_UP = 10
GOAL_MS = 50
#: Version du remplissage de l'agenda : à changer quand ``generate_appointments`` change.
AGENDA_VERSION = 2
#: ``random_page_cost`` de la production (docs/exploitation.md, « Réglages PostgreSQL »).
RANDOM_PAGE_COST = 1.1
PAGES = ["jour", "semaine", "site", "equipe"]
LABELS = {
    "jour": "Mon agenda, le jour (/agenda/)",
    "semaine": "Mon agenda, la semaine (/agenda/semaine/)",
    "site": "Agenda du siège, accueil (/agenda/site/<id>/)",
    "equipe": "Semaine de l'équipe, direction (/agenda/equipe/)",
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Mesure de l'agenda (PostgreSQL) contre une version naïve.")
    parser.add_argument("--jeunes", type=int, default=100_000, help="Nombre de jeunes (défaut : 100 000).")
    parser.add_argument(
        "--rendez-vous", type=int, default=1_000_000, help="Rendez-vous d'agenda (défaut : 1 000 000)."
    )
    parser.add_argument("--graine", type=int, default=2026, help="Graine du générateur (défaut : 2026).")
    parser.add_argument("--repetitions", type=int, default=200, help="Mesures par page (défaut : 200).")
    parser.add_argument(
        "--repetitions-reference",
        type=int,
        default=60,
        help="Mesures par page de la version naïve (défaut : 60).",
    )
    parser.add_argument("--sections", default="pages", help="Sections à mesurer (défaut : pages).")
    parser.add_argument("--pages", default=",".join(PAGES), help="Pages mesurées, séparées par des virgules.")
    parser.add_argument("--profil", choices=PAGES, help="Profiler cette page (cProfile) et afficher le haut.")
    parser.add_argument(
        "--sql", action="store_true", help="Afficher les requêtes SQL d'une requête par page."
    )
    parser.add_argument("--sans-reference", action="store_true", help="Ne pas mesurer la version naïve.")
    parser.add_argument(
        "--base",
        default=os.environ.get("AGENDA_BENCH_DATABASE_URL", DEFAULT_URL),
        help="Base PostgreSQL de mesure (défaut : AGENDA_BENCH_DATABASE_URL ou parcours_bench_agenda en local).",
    )
    return parser.parse_args(argv)


# --- Base de mesure ---------------------------------------------------------------------------------------


def agenda_meta(args):
    """(jour de génération, secondes) si la base a reçu ces rendez-vous, None sinon."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_agenda_meta') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return None
        cursor.execute(
            "SELECT jour, secondes FROM bench_agenda_meta WHERE rendez_vous = %s AND graine = %s AND version = %s",
            [args.rendez_vous, args.graine, AGENDA_VERSION],
        )
        return cursor.fetchone()


def fill_agenda(args):
    """Écrit les rendez-vous (barre de progression), met les statistiques à jour ; renvoie (jour, secondes)."""
    from django.db import connection
    from django.utils import timezone

    from parcours.agenda.synthetic import generate_appointments
    from parcours.commands import progress_bar

    today = timezone.localdate()
    started = time.monotonic()
    holders, written = generate_appointments(args.rendez_vous, args.graine, today, progress=progress_bar())
    seconds = time.monotonic() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE accompaniment_contact")
        cursor.execute(
            "CREATE TABLE bench_agenda_meta (rendez_vous int, graine int, version int, jour date, secondes float)"
        )
        cursor.execute(
            "INSERT INTO bench_agenda_meta VALUES (%s, %s, %s, %s, %s)",
            [args.rendez_vous, args.graine, AGENDA_VERSION, today, seconds],
        )
    print(f"{written} rendez-vous pour {holders} conseillers écrits en {seconds:.0f} s.")
    return today, seconds


def prepare(args):
    """La base prête : jeunes (``generer_donnees``, base recréée si remplie autrement), puis rendez-vous (remplacés
    s'ils ont été écrits avec d'autres paramètres)."""
    from django.db import connection
    from search_and_file import fill_database, prepare_database

    from parcours.synthetic.runner import GENERATOR_VERSION

    name = urlsplit(args.base).path.lstrip("/")
    if not prepare_database(args.base, args.jeunes, args.graine, GENERATOR_VERSION):
        seconds = fill_database(args.jeunes, args.graine, GENERATOR_VERSION)
        print(f"Génération de {args.jeunes} jeunes : {seconds:.0f} s.")
    meta = agenda_meta(args)
    if meta:
        print(f"Base {name} réutilisée ({args.jeunes} jeunes, {args.rendez_vous} rendez-vous).")
        return meta
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_agenda_meta') IS NOT NULL")
        if cursor.fetchone()[0]:  # rendez-vous d'autres paramètres : retirés (seuls à avoir une durée)
            print("Rendez-vous d'autres paramètres : retirés avant d'écrire les nouveaux.")
            cursor.execute("DELETE FROM accompaniment_contact WHERE duration IS NOT NULL")
            cursor.execute("DROP TABLE bench_agenda_meta")
    return fill_agenda(args)


def production_planner(url):
    """Réglage de l'optimiseur de la production (docs/exploitation.md : disques SSD) pour les connexions du banc ;
    avec la valeur par défaut (4, disques tournants), la semaine de l'équipe construit une table de hachage de tous
    les jeunes de la mission locale au lieu de suivre ses mille rendez-vous (27 ms au lieu de 8)."""
    import psycopg
    from django.db import connection

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{name}" SET random_page_cost = {RANDOM_PAGE_COST}')
    connection.close()  # la prochaine connexion prend le réglage


# --- Référence naïve --------------------------------------------------------------------------------------


def naive_queries():
    """Les lectures de ``parcours.agenda.queries`` écrites comme une première version directe : une requête par
    conseiller et par jour, sans ``select_related`` (jeune, lieu et conseiller lus à l'affichage, un par un)."""
    from parcours.accompaniment.enums import AttendanceStatus
    from parcours.accompaniment.models import Contact
    from parcours.agenda import queries, rules

    def day_contacts(user, counsellor, day):
        return list(
            Contact.objects.visible_to(user).filter(counsellor=counsellor, date=day).order_by("time", "pk")
        )

    def counsellor_day(user, counsellor, day, now=None):
        return queries.day_of(day_contacts(user, counsellor, day), day, now)

    def counsellor_week(user, counsellor, day, now=None):
        return [queries.day_of(day_contacts(user, counsellor, d), d, now) for d in rules.week_of(day)]

    def site_columns(user, counsellors, day, now=None):
        def row(contact):  # jeune et lieu relus un par un
            site_name = contact.site.name if contact.site_id else ""
            person = contact.young_person
            return queries.Row(contact.pk, contact.counsellor_id, contact.time, contact.duration, contact.status,
                               contact.site_id, site_name, person.last_name, person.first_name)  # fmt: skip

        return [
            (c, queries.day_of([row(x) for x in day_contacts(user, c, day)], day, now)) for c in counsellors
        ]

    def team_week(user, counsellors, day):
        days = rules.week_of(day)
        rows = []
        for counsellor in counsellors:
            rows.append((counsellor, [day_contacts(user, counsellor, d) for d in days]))
        return days, rows

    def expected_at(user, site, day):
        return list(
            Contact.objects.visible_to(user)
            .filter(site=site, date=day, status__in=(AttendanceStatus.PLANNED, AttendanceStatus.PRESENT))
            .order_by("time", "pk")
        )

    return {
        "counsellor_day": counsellor_day,
        "counsellor_week": counsellor_week,
        "site_columns": site_columns,
        "team_week": team_week,
        "expected_at": expected_at,
    }


class patched:
    """Remplace des attributs d'un module le temps d'un bloc ``with``."""

    def __init__(self, module, replacements):
        self.module, self.replacements, self.saved = module, replacements, {}

    def __enter__(self):
        for name, value in self.replacements.items():
            self.saved[name] = getattr(self.module, name)
            setattr(self.module, name, value)

    def __exit__(self, *exc):
        for name, value in self.saved.items():
            setattr(self.module, name, value)


# --- Pages ------------------------------------------------------------------------------------------------


def percentiles(samples):
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[94]


def staff(ml_id, role, username):
    """Un compte actif du rôle dans la mission locale (créé pour le banc s'il n'y en a pas)."""
    from parcours.accounts.models import User

    user = User.objects.filter(mission_locale_id=ml_id, role=role, is_active=True).order_by("pk").first()
    return user or User.objects.create_user(username=username, role=role, mission_locale_id=ml_id)


def setting_up(args, generated_on):
    """Mission locale la plus chargée, ses conseillers, l'accueil, la direction, le siège, les jours tirés."""
    from django.db.models import Count
    from django.test import Client

    from parcours.accompaniment.models import Contact
    from parcours.accounts.enums import Role
    from parcours.accounts.models import User
    from parcours.agenda import rules
    from parcours.referential.models import Site

    appointments = Contact.objects.filter(duration__isnull=False)
    by_ml = (
        appointments.values_list("counsellor__mission_locale_id")
        .order_by()
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    ml_id, ml_count = by_ml[0]
    counsellor_ids = [
        pk
        for pk, _ in appointments.filter(counsellor__mission_locale_id=ml_id)
        .values_list("counsellor_id")
        .order_by()
        .annotate(n=Count("id"))
        .order_by("-n", "counsellor_id")[:10]
    ]
    clients = {}
    for user in User.objects.filter(pk__in=counsellor_ids):
        clients[user.pk] = Client()
        clients[user.pk].force_login(user)
    reception, director = Client(), Client()
    director_user = staff(ml_id, Role.DIRECTOR, f"banc.direction.{ml_id}")
    reception.force_login(staff(ml_id, Role.RECEPTION, f"banc.accueil.{ml_id}"))
    director.force_login(director_user)
    sites = Site.objects.filter(mission_locale_id=ml_id).order_by("pk")
    head_office = sites.filter(kind="siege").first() or sites.first()
    rng = random.Random(args.graine)
    year = [generated_on + datetime.timedelta(days=n) for n in range(-180, 180)]
    days = [d for d in year if d.weekday() < 5]
    drawn = [rng.choice(days) for _ in range(max(args.repetitions, args.repetitions_reference) + WARM_UP)]
    # Un jour sur quatre dans la semaine de la génération (la semaine en cours, ce que l'on ouvre le plus).
    week = rules.week_of(generated_on)
    drawn = [rng.choice(week) if i % 4 == 0 else d for i, d in enumerate(drawn)]
    holders = User.objects.filter(
        mission_locale_id=ml_id, role__in=(Role.COUNSELLOR, Role.DIRECTOR), is_active=True
    )
    return {
        "ml_id": ml_id,
        "ml_appointments": ml_count,
        "holders": holders.count(),
        "counsellors": list(clients.values()),
        "reception": reception,
        "director": director,
        "director_user": director_user,
        "site": head_office,
        "days": drawn,
    }


def request_for(page, setup, index):
    day = setup["days"][index % len(setup["days"])]
    query = f"?jour={day:%Y-%m-%d}"
    counsellor = setup["counsellors"][index % len(setup["counsellors"])]
    if page == "jour":
        return counsellor, f"/agenda/{query}"
    if page == "semaine":
        return counsellor, f"/agenda/semaine/{query}"
    if page == "site":
        return setup["reception"], f"/agenda/site/{setup['site'].pk}/{query}"
    return setup["director"], f"/agenda/equipe/{query}"


def measure(page, setup, repetitions, profile=False, show_sql=False):
    """{p50, p95, sql (médiane), rdv (médiane de rendez-vous affichés)} de la page."""
    from django.db import connection

    queries, wall, cpu, counts, shown = [], [], [], [], []
    profiler = cProfile.Profile() if profile else None

    def count(execute, sql, params, *rest):
        started = time.perf_counter()
        try:
            return execute(sql, params, *rest)
        finally:
            queries.append((time.perf_counter() - started, sql, params))

    for index in range(repetitions + WARM_UP):
        client, path = request_for(page, setup, index)
        queries.clear()
        with connection.execute_wrapper(count):
            if profiler and index >= WARM_UP:
                profiler.enable()
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            spent, spent_cpu = time.perf_counter() - started, time.process_time() - started_cpu
            if profiler:
                profiler.disable()
        if response.status_code != 200:
            raise SystemExit(f"{page} : HTTP {response.status_code} pour {path}")
        if index >= WARM_UP:
            wall.append(spent * 1000)
            cpu.append(spent_cpu * 1000)
            counts.append(len(queries))
            html = response.content.decode()  # un badge de statut par rendez-vous affiché
            shown.append(
                html.count("fr-badge--sm") - html.count("aujourd'hui</span>") - html.count(">Arrivé à")
            )
    if show_sql:
        print(f"\nRequêtes SQL de {path} :")
        print("\n".join(f"  {sql[:240]}" for _, sql, _ in queries))
    if profiler:
        OUT.mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(str(OUT / f"profil-{page}.pstats"))
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(35)
        stats.sort_stats("tottime").print_stats(20)
    p50, p95 = percentiles(wall)
    cpu50, cpu95 = percentiles(cpu)
    _, slowest, params = max(queries, key=lambda query: query[0])
    return {
        "p50": p50,
        "p95": p95,
        "cpu_p50": cpu50,
        "cpu_p95": cpu95,
        "sql": statistics.median(counts),
        "rdv": statistics.median(shown),
        "plus_lente": (slowest, params),
    }


def explain(label, query):
    """Plan de la requête la plus lente de la dernière page mesurée."""
    from django.db import connection

    sql, params = query
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        print(f"\nPlan de la requête la plus lente ({label}) :")
        for (line,) in cursor.fetchall()[:16]:
            print(f"  {line}")


def run_pages(args, generated_on):
    from parcours.accompaniment.models import Contact
    from parcours.agenda import queries
    from parcours.young_people.models import YoungPerson

    setup = setting_up(args, generated_on)
    pages = args.pages.split(",")
    results = collections.OrderedDict()
    for page in pages:
        results[page] = {"produit": measure(page, setup, args.repetitions, args.profil == page, args.sql)}
    if not args.sans_reference:
        with patched(queries, naive_queries()):
            for page in pages:
                results[page]["naif"] = measure(page, setup, args.repetitions_reference, show_sql=args.sql)

    total = Contact.objects.count()
    agenda = Contact.objects.filter(duration__isnull=False).count()
    print(
        f"\n{YoungPerson.objects.count()} jeunes ; {agenda} rendez-vous d'agenda ({total} contacts en tout) ; "
        f"mission locale mesurée : {setup['ml_appointments']} rendez-vous, {setup['holders']} agendas ; "
        f"{args.repetitions} mesures par page ({args.repetitions_reference} pour la version naïve), jours tirés "
        "dans l'année des rendez-vous."
    )
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"Charge de la machine (1, 5, 15 min) : {load} pour {os.cpu_count()} cœurs.")
    header = (
        f"{'Page':<48} {'p50':>6} {'p95':>6} {'CPU95':>6} {'SQL':>4} {'rdv':>4} │ "
        f"{'naïf p50':>8} {'p95':>6} {'CPU95':>6} {'SQL':>4}"
    )
    print(header)
    print("-" * len(header))
    for page, row in results.items():
        mine, naive = row["produit"], row.get("naif")
        ref = (
            f"{naive['p50']:>8.1f} {naive['p95']:>6.1f} {naive['cpu_p95']:>6.1f} {naive['sql']:>4.0f}"
            if naive
            else f"{'—':>8} {'—':>6} {'—':>6} {'—':>4}"
        )
        flag = "" if mine["p95"] <= GOAL_MS else f"  > objectif {GOAL_MS} ms"
        print(
            f"{LABELS[page]:<48} {mine['p50']:>6.1f} {mine['p95']:>6.1f} {mine['cpu_p95']:>6.1f} "
            f"{mine['sql']:>4.0f} {mine['rdv']:>4.0f} │ {ref}{flag}"
        )
    print(
        "Millisecondes par requête : p50 et p95 du temps écoulé, CPU95 : p95 du temps processeur du processus "
        "Python (lisible sur une machine chargée) ; SQL : requêtes par page ; rdv : rendez-vous affichés."
    )
    print(
        "Naïf : une requête par conseiller et par jour, sans select_related (jeune, lieu, conseiller un par un)."
    )
    for page, row in results.items():
        explain(LABELS[page], row["produit"]["plus_lente"])
    return results


#: Sections du banc : nom → fonction(args, jour de génération). « rappels » s'ajoutera ici.
SECTIONS = {"pages": run_pages}


def main(argv=None):
    args = parse_args(argv)
    from search_and_file import setup_production_django

    setup_production_django(args.base, OUT)
    import logging

    from django.core.management import call_command

    logging.disable(logging.INFO)  # journal des connexions du client de test

    sections = args.sections.split(",")
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise SystemExit(
            f"Section inconnue : {', '.join(sorted(unknown))} (connues : {', '.join(SECTIONS)})."
        )
    generated_on, seconds = prepare(args)
    production_planner(args.base)
    print(f"Rendez-vous générés le {generated_on:%d/%m/%Y} en {seconds:.0f} s.")
    call_command("collectstatic", interactive=False, verbosity=0)
    return {name: SECTIONS[name](args, generated_on) for name in sections}


if __name__ == "__main__":
    main(sys.argv[1:])
