"""Mesure de la recherche de jeunes et de la page dossier sur PostgreSQL, à l'échelle nationale.

    .venv/bin/python bench/search_and_file.py [--jeunes 100000] [--graine 2026] [--repetitions 200]

La base de mesure (``BENCH_DATABASE_URL``, défaut ``postgres://postgres@127.0.0.1:5432/parcours_bench``)
est créée, migrée et remplie par ``generer_donnees`` ; elle est réutilisée telle quelle si elle contient
déjà le même nombre de jeunes générés avec la même graine et la même version du générateur, recréée sinon. La base de travail n'est pas touchée.

Opérations mesurées (latence p50 / p95, en millisecondes) :
1. recherche d'un fragment de nom par un conseiller, via la vraie vue ``/jeunes/?q=`` (client de test
   connecté : formulaire, ``visible_to``, ``search``, comptage, première page, gabarit) ;
2. recherche nationale d'un fragment sans filtre de mission locale (comptage et première page), que sert
   l'index trigramme GIN (migration young_people 0002) ;
3. page dossier ``/jeunes/<pk>/`` (fil chronologique complet et écriture du journal de consultation).
Référence mesurée dans le même lancement : la même recherche écrite naïvement
``Q(last_name__icontains=f) | Q(first_name__icontains=f)`` (sans normalisation ni trigramme).
"""

import argparse
import os
import random
import statistics
import sys
import time
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/parcours_bench"
WARM_UP = 10
GOAL_MS = 50


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Mesure de la recherche et de la page dossier (PostgreSQL).")
    parser.add_argument("--jeunes", type=int, default=100_000, help="Nombre de jeunes (défaut : 100 000).")
    parser.add_argument("--graine", type=int, default=2026, help="Graine du générateur (défaut : 2026).")
    parser.add_argument("--repetitions", type=int, default=200, help="Mesures par opération (défaut : 200).")
    parser.add_argument(
        "--base",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL),
        help="Base PostgreSQL de mesure (défaut : BENCH_DATABASE_URL ou parcours_bench en local).",
    )
    return parser.parse_args(argv)


def setup_production_django(url, out):
    """Django dans le processus d'un banc de pages (``bench/pages.py``, ``bench/agenda.py``), réglé comme en
    production : base ``url``, DEBUG coupé (gabarits en cache), connexions persistantes, cache commun aux processus
    (sessions et utilisateur de la session lus dans le cache, comme sous gunicorn), client de test accepté, journal
    réduit aux avertissements, fichiers statiques rassemblés dans ``out / "static"``."""
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_CONN_MAX_AGE", "60")
    os.environ.setdefault("PARCOURS_CACHE", "fichiers")  # ce que config/gunicorn.conf.py choisit
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("PARCOURS_LOG_LEVEL", "WARNING")
    os.environ["DJANGO_STATIC_ROOT"] = str(out / "static")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def prepare_database(url, jeunes, graine, version):
    """Crée la base si besoin ; la recrée si elle a été remplie avec d'autres paramètres. Renvoie True si prête."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    ready = False
    if exists:
        with psycopg.connect(url, autocommit=True) as conn:
            try:
                query = "SELECT 1 FROM bench_meta WHERE jeunes = %s AND graine = %s AND version = %s"
                ready = conn.execute(query, [jeunes, graine, version]).fetchone() is not None
            except psycopg.Error:  # base d'une version antérieure du banc, ou pas encore remplie
                ready = False
    if exists and not ready:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        exists = False
    if not exists:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    return ready


def fill_database(jeunes, graine, version):
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    call_command("generer_donnees", jeunes=jeunes, graine=graine, stdout=sys.stdout)
    seconds = time.monotonic() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CREATE TABLE bench_meta (jeunes int, graine int, version int, secondes float)")
        cursor.execute("INSERT INTO bench_meta VALUES (%s, %s, %s, %s)", [jeunes, graine, version, seconds])
    return seconds


def percentiles(samples):
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[94]


def timed(function, arguments, repetitions):
    for argument in arguments[:WARM_UP]:
        function(argument)
    samples = []
    for index in range(repetitions):
        argument = arguments[index % len(arguments)]
        started = time.perf_counter()
        function(argument)
        samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def fragments(rng, names, count):
    """Fragments de 2 à 5 lettres pris dans de vrais noms (début du nom pour 2 lettres) ; certains gardent leurs
    accents ou leur casse."""
    result = []
    while len(result) < count:
        name = rng.choice(names)
        accented = [i for i, c in enumerate(name) if unicodedata.normalize("NFKD", c) != c]
        size = rng.randint(2, 5)
        if len(name) < size:
            continue
        if size < 3:  # une ou deux lettres : un début de nom, comme les tape un conseiller
            start = 0
        elif accented and rng.random() < 0.5:
            start = max(0, min(rng.choice(accented) - rng.randint(0, size - 1), len(name) - size))
        else:
            start = rng.randint(0, len(name) - size)
        fragment = name[start : start + size]
        if " " in fragment or "-" in fragment or "'" in fragment:
            continue
        result.append(fragment.lower() if rng.random() < 0.7 else fragment)
    return result


def naive_search(self, text="", birth_date=None):
    """La recherche écrite naïvement, avec le même tri que la vue (noms commençant par le fragment d'abord)."""
    from django.db.models import Case, IntegerField, Q, When

    qs = self
    tokens = text.split()
    for token in tokens:
        qs = qs.filter(Q(last_name__icontains=token) | Q(first_name__icontains=token))
    if tokens:
        first = When(last_name__istartswith=tokens[0], then=0)
        qs = qs.alias(prefix_rank=Case(first, default=1, output_field=IntegerField()))
    if birth_date:
        qs = qs.filter(birth_date=birth_date)
    return qs


def run(args):
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from parcours.accounts.enums import Role
    from parcours.accounts.models import User
    from parcours.young_people.models import YoungPerson, YoungPersonQuerySet

    rng = random.Random(args.graine)
    counts = YoungPerson.objects.values_list("mission_locale_id").order_by().annotate(n=Count("id"))
    ml_id, ml_count = max(counts, key=lambda row: row[1])
    counsellor = (
        User.objects.filter(mission_locale_id=ml_id, role=Role.COUNSELLOR).order_by("username").first()
    )
    client = Client()
    client.force_login(counsellor)
    ml_names = list(
        YoungPerson.objects.filter(mission_locale_id=ml_id).values_list("last_name", flat=True)[:5000]
    )
    ml_names += list(
        YoungPerson.objects.filter(mission_locale_id=ml_id).values_list("first_name", flat=True)[:2000]
    )
    all_names = list(YoungPerson.objects.order_by("?").values_list("last_name", flat=True)[:5000])
    ml_fragments = fragments(rng, ml_names, 200)
    national_fragments = fragments(rng, all_names, 200)
    file_pks = list(
        YoungPerson.objects.filter(mission_locale_id=ml_id).order_by("?").values_list("pk", flat=True)[:500]
    )
    total = YoungPerson.objects.count()

    def view_search(fragment):
        response = client.get("/jeunes/", {"q": fragment})
        assert response.status_code == 200, response.status_code

    def first_page(qs):
        qs = qs.active().order_by("prefix_rank", "last_name", "first_name", "pk")
        qs.count()
        list(qs[:25])

    def national(fragment):
        first_page(YoungPerson.objects.search(fragment))

    def ml_queries(fragment):
        first_page(YoungPerson.objects.visible_to(counsellor).search(fragment))

    def file_page(pk):
        response = client.get(f"/jeunes/{pk}/")
        assert response.status_code == 200, response.status_code

    reps = args.repetitions
    results = []
    product = YoungPersonQuerySet.search
    ml_product = timed(view_search, ml_fragments, reps)
    ml_query_product = timed(ml_queries, ml_fragments, reps)
    national_product = timed(national, national_fragments, reps)
    file_product = timed(file_page, file_pks, reps)
    YoungPersonQuerySet.search = naive_search
    try:
        ml_naive = timed(view_search, ml_fragments, reps)
        ml_query_naive = timed(ml_queries, ml_fragments, reps)
        national_naive = timed(national, national_fragments, reps)
    finally:
        YoungPersonQuerySet.search = product
    results.append(("Recherche ML (vue /jeunes/?q=)", ml_product, ml_naive))
    results.append(("Recherche ML (requêtes seules)", ml_query_product, ml_query_naive))
    results.append(("Recherche nationale (comptage + 1re page)", national_product, national_naive))
    results.append(("Page dossier /jeunes/<pk>/", file_product, None))

    print(
        f"\n{total} jeunes en base ; mission locale mesurée : {ml_count} jeunes ; {reps} mesures par opération."
    )
    print(f"Exemples de fragments : {', '.join(ml_fragments[:8])}")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Charge de la machine (1, 5, 15 min) : {load} pour {os.cpu_count()} cœurs.")
    header = f"{'Opération':<44} {'p50 ms':>8} {'p95 ms':>8} {'réf. p50':>9} {'réf. p95':>9}"
    print(header)
    print("-" * len(header))
    for label, (p50, p95), baseline in results:
        base = f"{baseline[0]:>9.1f} {baseline[1]:>9.1f}" if baseline else f"{'—':>9} {'—':>9}"
        flag = "" if p95 <= GOAL_MS else f"  > objectif {GOAL_MS} ms"
        print(f"{label:<44} {p50:>8.1f} {p95:>8.1f} {base}{flag}")
    print("Réf. : même recherche écrite Q(last_name__icontains) | Q(first_name__icontains), sans trigramme.")

    with connection.cursor() as cursor:
        for label, qs in (
            ("nationale, 3 lettres", YoungPerson.objects.search("ber").active().order_by("last_name")[:25]),
            ("ML, 3 lettres", YoungPerson.objects.filter(mission_locale_id=ml_id).search("ber").active()),
        ):
            sql, params = qs.query.sql_with_params()
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            print(f"\nPlan ({label}) :")
            for (line,) in cursor.fetchall()[:12]:
                print(f"  {line}")
    return results


def main(argv=None):
    args = parse_args(argv)
    os.environ["DATABASE_URL"] = args.base
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    hosts = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ["DJANGO_ALLOWED_HOSTS"] = f"{hosts},testserver"
    import django

    django.setup()
    from parcours.synthetic.runner import GENERATOR_VERSION

    ready = prepare_database(args.base, args.jeunes, args.graine, GENERATOR_VERSION)
    if ready:
        print(
            f"Base {urlsplit(args.base).path.lstrip('/')} réutilisée ({args.jeunes} jeunes, graine {args.graine})."
        )
    else:
        seconds = fill_database(args.jeunes, args.graine, GENERATOR_VERSION)
        print(f"Génération de {args.jeunes} jeunes : {seconds:.0f} s.")
    run(args)


if __name__ == "__main__":
    main()
