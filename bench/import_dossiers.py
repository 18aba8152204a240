"""Mesure de l'import de dossiers (manage.py importer_dossiers) sur des fichiers générés.

    .venv/bin/python bench/import_dossiers.py [--jeunes 20000] [--contacts 200000] [--json]

Crée une base de test jetable (``test_<nom de la base>``, comme pytest) : la base de travail n'est pas
touchée. Génère jeunes.csv, contacts.csv, propositions.csv et situations.csv, puis chronomètre :
la vérification seule (--verifier), l'import complet, et le réimport des mêmes fichiers (rien ne change).
Affiche le temps total et le temps pour 1 000 lignes.
"""

import argparse
import csv
import datetime
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

ML_CODE = "59001"
TODAY = datetime.date(2026, 1, 15)
COUNSELLORS = [f"bench.conseiller{i}" for i in range(1, 9)]
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


def write(path, header, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def generate(folder, young_people, contacts, seed=2026):
    from parcours.programmes.imports import columns as c

    rng = random.Random(seed)
    people = []
    rows = []
    for n in range(young_people):
        birth = datetime.date(1996, 1, 1) + datetime.timedelta(days=rng.randrange(0, 12 * 365))
        age = rng.randint(16, 24)
        reception = birth + datetime.timedelta(days=int(365.25 * age) + rng.randrange(0, 300))
        reception = min(reception, TODAY - datetime.timedelta(days=30))
        if reception <= birth + datetime.timedelta(days=int(365.25 * 16)):
            reception = birth + datetime.timedelta(days=int(365.25 * 16) + 10)
        source_id = f"J{n:07d}"
        people.append((source_id, reception))
        rows.append(
            [
                ML_CODE,
                source_id,
                rng.choice(LAST_NAMES),
                rng.choice(FIRST_NAMES),
                birth.isoformat(),
                rng.choice("FH"),
            ]
            + ["", "", "", "", f"59{rng.randint(0, 999):03d}", "Lille"]
            + [rng.choice(("oui", "non")), "non", "non", rng.choice(("VI", "Vbis", "V", "IV", "III"))]
            + [
                "",
                rng.choice(("oui", "non")),
                "transports_commun",
                "parents",
                "base",
                "famille",
                "non",
                "non",
                "",
                "",
            ]
            + [reception.isoformat(), rng.choice(COUNSELLORS), "", ""]
        )
    write(folder / "jeunes.csv", [col.name for col in c.YOUNG_PEOPLE.columns], rows)

    rows, proposals = [], []
    for n in range(contacts):
        source_id, reception = people[n % young_people]
        date = reception + datetime.timedelta(days=rng.randrange(0, max((TODAY - reception).days, 1)))
        contact_id = f"C{n:08d}"
        rows.append(
            [ML_CODE, source_id, contact_id, date.isoformat(), f"{rng.randint(8, 17):02d}:00"]
            + [
                rng.choice(
                    ("entretien_individuel", "entretien_individuel", "atelier", "information_collective")
                )
            ]
            + ["sur_site", rng.choice(("present", "present", "present", "absent")), "emploi|formation"]
            + [f"Entretien n° {n}", rng.choice(COUNSELLORS)]
        )
        if n % 10 == 0:
            proposals.append(
                [ML_CODE, source_id, f"P{n:08d}", contact_id, date.isoformat(), "formation", "formation"]
                + ["Organisme", "Formation qualifiante", "prescrit", rng.choice(COUNSELLORS)]
            )
    write(folder / "contacts.csv", [col.name for col in c.CONTACTS.columns], rows)
    write(folder / "propositions.csv", [col.name for col in c.PROPOSALS.columns], proposals)

    rows = []
    for n, (source_id, reception) in enumerate(people[: young_people // 2]):
        start = reception + datetime.timedelta(days=60)
        rows.append(
            [ML_CODE, source_id, f"S{n:07d}", "emploi", "cdd", "termine", start.isoformat()]
            + [
                (start + datetime.timedelta(days=200)).isoformat(),
                "K2204",
                "Employeur",
                rng.choice(COUNSELLORS),
            ]
        )
    write(folder / "situations.csv", [col.name for col in c.SITUATIONS.columns], rows)


def main():
    parser = argparse.ArgumentParser(description="Mesure de l'import de dossiers sur des fichiers générés.")
    parser.add_argument("--jeunes", type=int, default=20000)
    parser.add_argument("--contacts", type=int, default=200000)
    parser.add_argument("--taille-lot", type=int, default=2000)
    parser.add_argument(
        "--json",
        action="store_true",
        help="Écrire aussi les mesures en JSON sur la dernière ligne (pour bench/run.py).",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    from parcours.accounts.enums import Role
    from parcours.accounts.models import User
    from parcours.programmes.imports.service import import_folder
    from parcours.referential.models import MissionLocale

    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        ml = MissionLocale.objects.get(code=ML_CODE)
        User.objects.bulk_create(
            User(username=name, role=Role.COUNSELLOR, mission_locale=ml) for name in COUNSELLORS
        )
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            started = time.monotonic()
            generate(folder, args.jeunes, args.contacts)
            print(f"Fichiers générés en {time.monotonic() - started:.1f} s ({connection.vendor}).")
            runs = [("vérification seule", True), ("import", False), ("réimport identique", False)]
            results = []
            for label, dry_run in runs:
                started, cpu = time.monotonic(), time.process_time()
                report = import_folder(folder, dry_run=dry_run, batch_size=args.taille_lot)
                elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
                if not report.ok:
                    print("\n".join(str(e) for e in report.sorted_errors()[:20]))
                    raise SystemExit("Les fichiers générés ne passent pas la vérification.")
                rows = sum(counts.read for counts in report.counts.values())
                detail = ", ".join(
                    f"{name} {counts.read} ({counts.created} créées, {counts.updated} modifiées, "
                    f"{counts.unchanged} inchangées)"
                    for name, counts in report.counts.items()
                )
                print(
                    f"{label:<20} {elapsed:7.1f} s pour {rows} lignes, "
                    f"soit {1000 * elapsed / rows:.3f} s pour 1 000 lignes (Python : {cpu:.1f} s de calcul) — {detail}"
                )
                results.append(
                    {
                        "mesure": label,
                        "lignes": rows,
                        "secondes": round(elapsed, 2),
                        "secondes_calcul_python": round(cpu, 2),
                        "secondes_pour_1000_lignes": round(1000 * elapsed / rows, 4),
                    }
                )
            if args.json:
                print(
                    json.dumps(
                        {"banc": "import_dossiers", "base": connection.vendor, "mesures": results},
                        ensure_ascii=False,
                    )
                )
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
