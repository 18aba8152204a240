"""Coût processeur de chaque page du mélange de charge, mesuré dans le processus (sans gunicorn ni réseau).

    .venv/bin/python bench/pages.py [--repetitions 200] [--profil dossier] [--base URL]

Même base que ``bench/load.py`` (``LOAD_DATABASE_URL``, 100 000 jeunes, graine 1 ; créée si besoin), réglages
de production (DEBUG coupé, gabarits en cache, connexions persistantes). Pour chaque page : temps processeur
Python par requête (p50, moyenne), temps écoulé (processeur + attente de PostgreSQL) et nombre de requêtes SQL.
Le temps processeur se lit aussi sur une machine chargée : c'est lui qui borne le débit d'un serveur à deux
cœurs. ``--profil <page>`` affiche les fonctions les plus coûteuses de cette page (cProfile).
"""

import argparse
import cProfile
import os
import pstats
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
OUT = ROOT / "var" / "bench-load"  # fichiers statiques rassemblés par bench/load.py
PAGES = ["portefeuille", "recherche", "dossier", "contact", "a_faire", "a_faire_direction"]
#: Hors du mélange : « Mon compte », la plus petite page connectée (intergiciels, session, en-tête, pied de page) ;
#: ce que coûte toute page avant son propre contenu.
FLOOR = "plancher"
#: Hors du mélange : « À faire » du conseiller juste après un contact enregistré (non mesuré) pour l'un de ses
#: jeunes. Sous charge, un dixième des requêtes enregistre un contact : presque chaque lecture de la liste gardée
#: la tient alors à jour, ce que la page « a_faire », lue sans écriture entre deux, ne mesure pas. (« PG moy »
#: compte aussi l'enregistrement.)
AFTER_WRITE = "a_faire_apres_saisie"


def parse_args(argv=None):
    from load import DEFAULT_URL

    parser = argparse.ArgumentParser(description="Coût processeur de chaque page du mélange de charge.")
    parser.add_argument("--repetitions", type=int, default=200, help="Requêtes par page (défaut : 200).")
    parser.add_argument(
        "--profil",
        choices=[*PAGES, FLOOR, AFTER_WRITE],
        help="Profiler cette page (cProfile) et afficher le haut.",
    )
    parser.add_argument(
        "--sql", action="store_true", help="Afficher les requêtes SQL de la dernière requête."
    )
    parser.add_argument(
        "--pages",
        default=",".join([*PAGES, FLOOR, AFTER_WRITE]),
        help="Pages mesurées, séparées par des virgules.",
    )
    parser.add_argument("--jeunes", type=int, default=100_000)
    parser.add_argument("--graine", type=int, default=1)
    parser.add_argument("--base", default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_URL))
    return parser.parse_args(argv)


def backend_cpu_ms(pid):
    """Temps processeur (utilisateur + système) consommé par le processus PostgreSQL de la connexion, en ms."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def requests_for(page, counsellor, director, files, fragments, rng, today):
    """(client, méthode, chemin, données) de la page ``page``."""
    if page == FLOOR:
        return counsellor, "get", "/compte/", None
    if page == "portefeuille":
        return counsellor, "get", "/jeunes/mes-jeunes/", None
    if page == "recherche":
        return counsellor, "get", "/jeunes/", {"q": rng.choice(fragments)}
    if page == "dossier":
        return counsellor, "get", f"/jeunes/{rng.choice(files)}/", None
    if page in ("a_faire", AFTER_WRITE):
        return counsellor, "get", "/dispositifs/a-faire/", None
    if page == "a_faire_direction":
        return director, "get", "/dispositifs/a-faire/", None
    data = {
        "jeton_envoi": str(uuid.uuid4()),
        "date": today.isoformat(),
        "kind": "entretien_individuel",
        "mode": "sur_site",
        "status": "present",
        "notes": "banc pages",
    }
    return counsellor, "post", f"/jeunes/{rng.choice(files)}/contacts/nouveau/", data


def measured_counsellor():
    """Le conseiller dont les pages sont mesurées : le premier référent d'un jeune suivi."""
    from parcours.accounts.enums import Role
    from parcours.accounts.models import User
    from parcours.young_people.models import YoungPerson

    referents = YoungPerson.objects.active().filter(referent__role=Role.COUNSELLOR)
    return User.objects.get(
        pk=referents.values_list("referent_id", flat=True).order_by("referent_id").first()
    )


def main(argv=None):
    args = parse_args(argv)
    from search_and_file import fill_database, fragments, prepare_database, setup_production_django

    setup_production_django(args.base, OUT)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from parcours.accompaniment.models import Contact
    from parcours.accounts.enums import Role
    from parcours.accounts.models import User
    from parcours.synthetic.runner import GENERATOR_VERSION
    from parcours.young_people.models import YoungPerson

    if not prepare_database(args.base, args.jeunes, args.graine, GENERATOR_VERSION):
        fill_database(args.jeunes, args.graine, GENERATOR_VERSION)
    call_command("collectstatic", interactive=False, verbosity=0)
    rng = random.Random(args.graine)
    today = timezone.localdate()
    user = measured_counsellor()
    director = User.objects.filter(mission_locale=user.mission_locale, role=Role.DIRECTOR).first()
    if director is None:  # comme bench/load.py : une direction par mission locale mesurée
        director = User.objects.create_user(
            username=f"charge.direction.{user.mission_locale_id}",
            role=Role.DIRECTOR,
            mission_locale=user.mission_locale,
        )
    counsellor_client, director_client = Client(), Client()
    counsellor_client.force_login(user)
    director_client.force_login(director)
    files = list(YoungPerson.objects.filter(referent=user).active().values_list("pk", flat=True)[:200])
    same_ml = YoungPerson.objects.filter(mission_locale=user.mission_locale)
    names = list(same_ml.values_list("last_name", flat=True)[:3000])
    frags = fragments(rng, names, 100)
    queries = []
    # Connexion persistante : le même processus serveur PostgreSQL pour toutes les pages.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    print(
        f"{'page':<18} {'CPU p50':>8} {'CPU moy':>8} {'PG moy':>7} {'écoulé p50':>11} {'SQL':>4}  "
        f"(ms par requête, {args.repetitions} requêtes)"
    )
    results = {}
    for page in args.pages.split(","):
        cpu, wall, counts = [], [], []
        profiler = cProfile.Profile(time.process_time) if page == args.profil else None
        for index in range(args.repetitions + 10):
            client, method, path, data = requests_for(
                page, counsellor_client, director_client, files, frags, rng, today
            )
            if page == AFTER_WRITE:
                Contact.objects.create(
                    young_person_id=rng.choice(files),
                    date=today,
                    kind="entretien_individuel",
                    counsellor=user,
                )
            queries.clear()
            with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
                started_cpu, started = time.process_time(), time.perf_counter()
                if profiler and index >= 10:
                    profiler.enable()
                response = getattr(client, method)(path, data)
                if profiler:
                    profiler.disable()
                spent_cpu, spent = time.process_time() - started_cpu, time.perf_counter() - started
            expected = 302 if method == "post" else 200
            if response.status_code != expected:
                raise SystemExit(f"{page} : HTTP {response.status_code} pour {path}")
            if index == 9:
                pg_started = backend_cpu_ms(backend)
            if index >= 10:  # chauffe : gabarits compilés, caches remplis
                cpu.append(spent_cpu * 1000)
                wall.append(spent * 1000)
                counts.append(len(queries))
        pg_cpu = (backend_cpu_ms(backend) - pg_started) / args.repetitions
        results[page] = {
            "cpu_p50": statistics.median(cpu),
            "cpu_moyenne": statistics.fmean(cpu),
            "postgresql": pg_cpu,
            "ecoule_p50": statistics.median(wall),
            "requetes_sql": statistics.median(counts),
        }
        row = results[page]
        print(
            f"{page:<18} {row['cpu_p50']:>8.1f} {row['cpu_moyenne']:>8.1f} {row['postgresql']:>7.1f} "
            f"{row['ecoule_p50']:>11.1f} "
            f"{row['requetes_sql']:>4.0f}"
        )
        if args.sql:
            print("\n".join(f"  {sql[:300]}" for sql in queries))
        if profiler:
            profiler.dump_stats(str(OUT / f"profil-{page}.pstats"))
            stats = pstats.Stats(profiler)
            stats.sort_stats("cumulative").print_stats(45)
            stats.sort_stats("tottime").print_stats(25)
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
