"""Mesure de l'import des orientations Pôle emploi (parcours.cotraitance.importer) sur 100 000 lignes.

    .venv/bin/python bench/cotraitance_import.py [--lignes 100000] [--erreurs 1000] [--existants 20000]

Crée une base de test jetable (``test_<nom de la base>``, comme pytest) : la base de travail n'est pas
touchée. Crée des dossiers existants (dont certains suivis dans une autre mission locale), génère un
fichier de ``--lignes`` orientations dont ``--erreurs`` lignes fausses (dates, mission locale inconnue,
doublons, sexe, codes ROME), puis chronomètre :
1. le fichier avec erreurs : refusé en entier, rien n'est écrit (vérifié) ;
2. le même fichier sans les lignes fausses : import complet ;
3. le réimport du fichier correct : rien ne change (vérifié).
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

TODAY = datetime.date(2026, 1, 15)
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Lefèvre",
    "N'Diaye",
]
FIRST_NAMES = ["Inès", "Lucas", "Léa", "Hugo", "Chloé", "Nathan", "Manon", "Moussa", "Jade", "Yanis"]
LEVELS = ["VI", "Vbis", "V", "V", "IV", "IV", "III"]


def person(rng, index):
    birth = datetime.date(2000, 6, 1) + datetime.timedelta(days=rng.randint(0, 2700))  # 16 à 25 ans en 2025
    return (f"{rng.choice(LAST_NAMES)}-{index}", rng.choice(FIRST_NAMES), birth)


def good_line(rng, index, ml_codes, existing):
    if existing and rng.random() < 0.2:  # jeune déjà connu : rattachement (ou refus s'il est suivi ailleurs)
        ml_code, last, first, birth = existing.pop()  # chaque dossier existant n'est orienté qu'une fois
    else:
        ml_code = rng.choice(ml_codes)
        last, first, birth = person(rng, f"n{index}")
    assigned = TODAY - datetime.timedelta(days=rng.randint(1, 120))
    return ";".join(
        [
            f"PE{index:09d}",
            ml_code,
            f"Agence {ml_code}",
            f"{assigned:%d/%m/%Y}",
            last,
            first,
            f"{birth:%d/%m/%Y}",
            rng.choice("FH"),
            "",
            rng.choice(LEVELS),
            "mobilisation" if rng.random() < 0.2 else "accompagne",
            "oui" if rng.random() < 0.33 else "non",
            "K2204|D1106",
        ]
    )


BREAKERS = [
    lambda cols: cols.__setitem__(3, "31/02/2025"),
    lambda cols: cols.__setitem__(1, "INCONNUE"),
    lambda cols: cols.__setitem__(7, "X"),
    lambda cols: cols.__setitem__(12, "Z9999"),
    lambda cols: cols.__setitem__(6, "01/01/1980"),
    lambda cols: cols.__setitem__(0, "PE000000001"),  # identifiant en double
]


def main():
    parser = argparse.ArgumentParser(description="Mesure de l'import des orientations Pôle emploi.")
    parser.add_argument("--lignes", type=int, default=100_000)
    parser.add_argument("--erreurs", type=int, default=1000)
    parser.add_argument("--existants", type=int, default=20_000)
    parser.add_argument("--graine", type=int, default=1)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    from parcours.accompaniment.models import Contact
    from parcours.cotraitance.importer import COLUMNS, import_referrals
    from parcours.cotraitance.models import ImportBatch, Referral
    from parcours.referential.models import MissionLocale
    from parcours.young_people.models import YoungPerson

    rng = random.Random(args.graine)
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        mls = list(MissionLocale.objects.active().order_by("code")[:60])
        ml_codes = [ml.code for ml in mls]
        by_code = {ml.code: ml for ml in mls}
        started = time.monotonic()
        existing, people = [], []
        for index in range(args.existants):
            ml_code = rng.choice(ml_codes)
            last, first, birth = person(rng, f"e{index}")
            existing.append((ml_code, last, first, birth))
            people.append(
                YoungPerson(
                    mission_locale=by_code[ml_code],
                    last_name=last,
                    first_name=first,
                    birth_date=birth,
                    sex="F",
                    education_level="V",
                    first_reception_date=datetime.date(2024, 9, 2),
                    search_name=YoungPerson.build_search_name(last, first),
                )
            )
        YoungPerson.objects.bulk_create(people, batch_size=2000)
        # Un dossier sur dix a un jumeau suivi dans une autre mission locale (contact récent) : refus attendu.
        twins = []
        for ml_code, last, first, birth in existing[::10]:
            other = by_code[ml_codes[(ml_codes.index(ml_code) + 1) % len(ml_codes)]]
            twins.append(
                YoungPerson(
                    mission_locale=other,
                    last_name=last,
                    first_name=first,
                    birth_date=birth,
                    sex="F",
                    education_level="V",
                    first_reception_date=datetime.date(2024, 9, 2),
                    search_name=YoungPerson.build_search_name(last, first),
                )
            )
        twins = YoungPerson.objects.bulk_create(twins, batch_size=2000)
        if any(t.pk is None for t in twins):
            twins = list(
                YoungPerson.objects.filter(first_reception_date=datetime.date(2024, 9, 2)).order_by("-pk")[
                    : len(twins)
                ]
            )
        Contact.objects.bulk_create(
            [
                Contact(
                    young_person_id=t.pk,
                    date=TODAY - datetime.timedelta(days=125),
                    kind="entretien_individuel",
                )
                for t in twins
            ],
            batch_size=2000,
        )
        pool = list(existing)
        rng.shuffle(pool)
        lines = [good_line(rng, index, ml_codes, pool) for index in range(1, args.lignes + 1)]
        bad = list(lines)
        for position in rng.sample(range(1, len(bad)), args.erreurs):
            cols = bad[position].split(";")
            BREAKERS[position % len(BREAKERS)](cols)
            bad[position] = ";".join(cols)
        header = ";".join(COLUMNS)
        bad_file = ("\n".join([header, *bad]) + "\n").encode()
        good_file = ("\n".join([header, *lines]) + "\n").encode()
        print(
            f"Base {connection.vendor} : {YoungPerson.objects.count()} dossiers existants ; fichiers de "
            f"{args.lignes} lignes ({len(bad_file) / 1e6:.1f} Mo) générés en {time.monotonic() - started:.1f} s."
        )
        people_before = YoungPerson.objects.count()
        for label, data in (
            ("fichier avec erreurs", bad_file),
            ("import complet", good_file),
            ("réimport identique", good_file),
        ):
            started, cpu = time.monotonic(), time.process_time()
            report = import_referrals(data, today=TODAY, file_name=f"{label}.csv")
            elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
            print(
                f"{label:<22} {elapsed:6.1f} s (calcul Python {cpu:.1f} s), {1000 * elapsed / args.lignes:.3f} s "
                f"pour 1 000 lignes — {report.summary()}"
            )
            if label == "fichier avec erreurs":
                assert not report.ok and len(report.errors) >= args.erreurs, (
                    "les lignes fausses doivent être signalées"
                )
                assert not Referral.objects.exists() and not ImportBatch.objects.exists(), (
                    "rien ne doit être écrit"
                )
                assert YoungPerson.objects.count() == people_before, "aucun dossier ne doit être créé"
                print(
                    f"    rien n'a été écrit ; premières erreurs : {' | '.join(str(e) for e in report.errors[:3])}"
                )
            elif label == "import complet":
                assert report.ok, report.errors[:5]
                counts = (Referral.objects.count(), YoungPerson.objects.count())
            else:
                assert report.ok and report.created == 0 and report.unchanged == args.lignes
                assert (Referral.objects.count(), YoungPerson.objects.count()) == counts, (
                    "le réimport ne change rien"
                )
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
