"""Mesure de la détection des doublons probables (parcours.young_people.duplicates) sur 100 000 jeunes.

    .venv/bin/python bench/duplicates.py [--jeunes 100000] [--recherches 200]

Crée une base de test jetable (``test_<nom de la base>``, comme pytest) : la base de travail n'est pas
touchée. Met ``--jeunes`` dossiers (noms Faker, naissances sur dix ans) **dans une seule mission locale** (le
pire cas : la recherche et la liste ne lisent que la mission locale de l'utilisateur), dont 1 % de doublons
proches (un jour d'écart, jour et mois inversés, nom et prénom inversés, une faute de frappe), puis chronomètre :
1. la vérification à la création (``duplicates.candidates``), moyenne et pire de ``--recherches`` saisies ;
2. la liste « Doublons probables » de la mission locale (``duplicates.probable_pairs``).
Fonctionne sur PostgreSQL comme sur SQLite (``DATABASE_URL=sqlite:///…``).
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def near_copy(rng, last, first, birth):
    kind = rng.randrange(4)
    if kind == 0:
        return last, first, birth + datetime.timedelta(days=rng.choice((-1, 1)))
    if kind == 1 and birth.day <= 12:
        return last, first, birth.replace(month=birth.day, day=birth.month)
    if kind == 2:
        return first, last, birth
    i = rng.randrange(len(last))
    return last[:i] + rng.choice("aeiourst") + last[i + 1 :], first, birth


def main():
    parser = argparse.ArgumentParser(description="Mesure de la détection des doublons probables.")
    parser.add_argument("--jeunes", type=int, default=100_000)
    parser.add_argument("--recherches", type=int, default=200)
    parser.add_argument("--graine", type=int, default=1)
    parser.add_argument("--profil", action="store_true", help="profil (cProfile) de la liste")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases
    from faker import Faker

    from parcours.referential.models import MissionLocale
    from parcours.young_people import duplicates
    from parcours.young_people.models import YoungPerson

    rng = random.Random(args.graine)
    fake = Faker("fr_FR")
    fake.seed_instance(args.graine)
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        ml = MissionLocale.objects.active().order_by("code").first()
        people = []
        for _ in range(args.jeunes):
            birth = datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randint(0, 3650))
            people.append((fake.last_name(), fake.first_name(), birth))
        people += [near_copy(rng, *rng.choice(people)) for _ in range(args.jeunes // 100)]
        YoungPerson.objects.bulk_create(
            [
                YoungPerson(
                    mission_locale=ml,
                    last_name=last,
                    first_name=first,
                    birth_date=birth,
                    sex="F",
                    education_level="V",
                    first_reception_date=datetime.date(2026, 1, 5),
                    search_name=YoungPerson.build_search_name(last, first),
                )
                for last, first, birth in people
            ],
            batch_size=5000,
        )
        scope = YoungPerson.objects.filter(mission_locale=ml)
        print(f"Base {connection.vendor} : {scope.count()} dossiers dans une seule mission locale")

        timings, found = [], 0
        for last, first, birth in rng.sample(people, args.recherches):
            started = time.perf_counter()
            found += len(duplicates.candidates(scope, duplicates.Person(last, first, birth)))
            timings.append(time.perf_counter() - started)
        print(
            f"Création : {args.recherches} vérifications, moyenne {1000 * sum(timings) / len(timings):.1f} ms, "
            f"pire {1000 * max(timings):.1f} ms ({found} candidats, le dossier lui-même compris)"
        )
        if args.profil:
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.runcall(duplicates.probable_pairs, scope)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(12)
        started = time.perf_counter()
        pairs = duplicates.probable_pairs(scope)
        print(f"Liste « Doublons probables » : {len(pairs)} paires en {time.perf_counter() - started:.2f} s")
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
