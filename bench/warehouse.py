"""Mesure de l'entrepôt et du tableau de bord national, contre la référence évidente sur PostgreSQL.

    .venv/bin/python bench/warehouse.py --echelle 0.1 [--base postgres://.../parcours_bench_entrepot]
        [--dossier /tmp/parcours-bench-entrepot] [--sans-postgres] [--sans-extraction]

Étapes (chacune dans un processus à part, pour mesurer son pic de mémoire, ``ru_maxrss``) :
1. ``nation`` : génère la nation synthétique au format de l'entrepôt (Parquet par région et mois) et
   construit l'entrepôt DuckDB (faits, résumés par jeune et mois, fenêtres, qualité) ;
2. ``tableau`` : le tableau de bord complet — tous les indicateurs, les 440 ML, les 18 régions et la
   nation, la période et la même période un an plus tôt — pour un trimestre et pour une année ; à
   froid (nouveau processus, nouvelle connexion) puis à chaud (médiane de 5) ;
3. ``naif`` : un ``count(distinct)`` des jeunes en contact par ML sur tous les contacts, en DuckDB ;
4. ``postgres`` : charge les mêmes données dans les tables opérationnelles (migrations Django) d'une
   base PostgreSQL de mesure, puis calcule les mêmes indicateurs par des GROUP BY (la référence) et
   vérifie que chaque valeur de chaque ML est identique à celle de l'entrepôt ;
5. ``extraction`` : extraction complète depuis cette base opérationnelle, puis une journée de
   modifications (contacts saisis, dossiers créés, modifiés, supprimés, mises à jour en masse en SQL) et
   l'extraction incrémentale, puis ``entrepot_verifier`` (reconstruction complète comparée à l'entrepôt).
Résultats : ``bench/out/entrepot-<échelle>.json`` et un tableau en Markdown sur la sortie.
"""

import argparse
import datetime
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
REFERENCE = datetime.date(2025, 12, 31)
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/parcours_bench_entrepot"


def peak_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def setup_django(warehouse_dir, database_url=None):
    os.environ["PARCOURS_WAREHOUSE_DIR"] = str(warehouse_dir)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def periods_to_measure():
    from parcours.warehouse import periods

    return {
        "trimestre": periods.preset("trimestre", REFERENCE.year, 4),
        "annee": periods.preset("annee", REFERENCE.year),
    }


# --- étapes (processus enfants) -------------------------------------------------------------


def step_nation(args):
    setup_django(Path(args.dossier) / "synthetique")
    from parcours.warehouse import synthetic_nation

    result = synthetic_nation.build_warehouse(args.echelle, REFERENCE)
    return {**result, "peak_mb": peak_mb()}


def step_tableau(args):
    setup_django(Path(args.dossier) / args.entrepot)
    from parcours.warehouse import store
    from parcours.warehouse.indicators import engine

    result = {}
    for name, period in periods_to_measure().items():
        clock = time.perf_counter()
        dashboard = engine.compute(period)
        cold = time.perf_counter() - clock
        warm = []
        for _ in range(5):
            clock = time.perf_counter()
            engine.compute(period)
            warm.append(time.perf_counter() - clock)
        with store.connect() as con:
            counts = {
                "mls": len(dashboard.mls),
                "regions": len(dashboard.regions),
                "indicateurs": len(dashboard.indicators),
                "contacts": con.execute("SELECT count(*) FROM contacts").fetchone()[0],
                "jeunes": con.execute("SELECT count(*) FROM jeunes").fetchone()[0],
                "lignes_yp_month": con.execute("SELECT count(*) FROM yp_month").fetchone()[0],
                "lignes_yp_window": con.execute("SELECT count(*) FROM yp_window").fetchone()[0],
            }
        result[name] = {
            "froid_s": round(cold, 3),
            "chaud_mediane_s": round(statistics.median(warm), 3),
            "accueillis_national": dashboard.value(engine.NATION, "accueillis"),
            "accueillis_national_precedent": dashboard.value(engine.NATION, "accueillis", previous=True),
            **counts,
        }
    return {**result, "peak_mb": peak_mb()}


def step_naif(args):
    setup_django(Path(args.dossier) / "synthetique")
    from parcours.warehouse import store

    with store.connect() as con:
        clock = time.perf_counter()
        rows = con.execute(
            "SELECT ml_code, count(DISTINCT yp_key) FROM contacts WHERE status = 'present' GROUP BY ml_code"
        ).fetchall()
        seconds = time.perf_counter() - clock
        contacts = con.execute("SELECT count(*) FROM contacts").fetchone()[0]
    return {"s": round(seconds, 3), "mls": len(rows), "contacts": contacts, "peak_mb": peak_mb()}


def step_postgres(args):
    import warehouse_pg

    setup_django(Path(args.dossier) / "synthetique", args.base)
    loaded = (
        "base réutilisée" if args.reutiliser_base else warehouse_pg.load(Path(args.dossier) / "synthetique")
    )
    measured = warehouse_pg.baseline(periods_to_measure())
    return {"chargement": loaded, **measured, "peak_mb": peak_mb()}


def step_extraction(args):
    import warehouse_pg

    setup_django(Path(args.dossier) / "extrait", args.base)
    return {**warehouse_pg.extraction(REFERENCE), "peak_mb": peak_mb()}


STEPS = {
    "nation": step_nation,
    "tableau": step_tableau,
    "naif": step_naif,
    "postgres": step_postgres,
    "extraction": step_extraction,
}


def run_child(step, args, **extra):
    command = [
        sys.executable,
        __file__,
        "--etape",
        step,
        "--echelle",
        str(args.echelle),
        "--dossier",
        args.dossier,
    ]
    command += ["--base", args.base] + (["--reutiliser-base"] if args.reutiliser_base else [])
    for key, value in extra.items():
        command += [f"--{key}", value]
    print(f"→ {step} …", file=sys.stderr, flush=True)
    clock = time.perf_counter()
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    result = json.loads(output.stdout.strip().splitlines()[-1])
    result["processus_s"] = round(time.perf_counter() - clock, 1)
    print(f"  {json.dumps(result, ensure_ascii=False)}", file=sys.stderr, flush=True)
    return result


def markdown(results):
    lines = [f"### Entrepôt, échelle {results['echelle']} (date de référence {REFERENCE:%d/%m/%Y})", ""]
    nation = results.get("nation")
    if nation:
        lines.append(
            f"- Nation synthétique : {nation['young_people']:,} jeunes, {nation['rows']:,} lignes de faits ; "
            f"génération Parquet {nation['generation_s']:.0f} s, chargement et résumés {nation['total_s'] - nation['generation_s']:.0f} s, "
            f"pic {nation['peak_mb']:.0f} Mo".replace(",", "\u202f")
        )
    lines += [
        "",
        "| mesure | trimestre (T4 vs T4 N-1) | année (N vs N-1) | pic mémoire |",
        "|---|---|---|---|",
    ]
    for key, label in (("tableau", "Tableau de bord complet, entrepôt (froid)"),):
        if key in results:
            r = results[key]
            lines.append(
                f"| {label} | {r['trimestre']['froid_s']} s | {r['annee']['froid_s']} s | {r['peak_mb']:.0f} Mo |"
            )
            lines.append(
                f"| Tableau de bord complet, entrepôt (chaud, médiane de 5) | {r['trimestre']['chaud_mediane_s']} s | "
                f"{r['annee']['chaud_mediane_s']} s | |"
            )
    if "postgres" in results:
        r = results["postgres"]
        lines.append(
            f"| Référence : GROUP BY sur les tables opérationnelles PostgreSQL | {r['trimestre']['s']} s | {r['annee']['s']} s | (serveur) |"
        )
        lines.append(
            f"| Écarts de valeurs entrepôt / PostgreSQL (toutes ML, tous indicateurs) | {r['trimestre']['ecarts']} | {r['annee']['ecarts']} | |"
        )
    if "naif" in results:
        r = results["naif"]
        lines.append(
            f"| count(distinct) naïf par ML sur {r['contacts']:,} contacts (DuckDB) | {r['s']} s | | {r['peak_mb']:.0f} Mo |".replace(
                ",", "\u202f"
            )
        )
    if "extraction" in results:
        r = results["extraction"]
        lines.append(
            f"| Extraction complète depuis PostgreSQL | {r['complete_s']} s | | {r['peak_mb']:.0f} Mo |"
        )
        lines.append(
            f"| Extraction incrémentale d'une journée ({r['journee']}) | {r['incremental_s']} s | | |"
        )
        lines.append(
            f"| entrepot_verifier (reconstruction complète et comparaison) : {r['verification_ecarts']} écart | "
            f"{r['verification_s']} s | | |"
        )
        lines.append(f"\nSortie d'entrepot_verifier :\n{r['verification_sortie']}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Mesure de l'entrepôt et du tableau de bord (voir la docstring)."
    )
    parser.add_argument(
        "--echelle", type=float, default=0.1, help="Échelle de la nation (défaut 0,1 ; 1,0 = la nation)."
    )
    parser.add_argument(
        "--dossier", default="/tmp/parcours-bench-entrepot", help="Dossier des entrepôts de mesure."
    )
    parser.add_argument(
        "--base",
        default=os.environ.get("BENCH_ENTREPOT_DATABASE_URL", DEFAULT_DB),
        help="Base PostgreSQL de mesure.",
    )
    parser.add_argument(
        "--sans-postgres", action="store_true", help="Ne pas mesurer la référence PostgreSQL."
    )
    parser.add_argument(
        "--sans-extraction", action="store_true", help="Ne pas mesurer l'extraction depuis PostgreSQL."
    )
    parser.add_argument("--sans-generation", action="store_true", help="Réutiliser la nation déjà générée.")
    parser.add_argument(
        "--reutiliser-base", action="store_true", help="Ne pas recharger la base PostgreSQL (déjà remplie)."
    )
    parser.add_argument("--etape", choices=sorted(STEPS), help=argparse.SUPPRESS)
    parser.add_argument("--entrepot", default="synthetique", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.etape:
        print(json.dumps(STEPS[args.etape](args), default=str))
        return
    args.dossier = str(Path(args.dossier) / f"echelle-{args.echelle}")
    results = {
        "echelle": args.echelle,
        "date": datetime.datetime.now(datetime.UTC).isoformat(),
        "charge_machine_avant": os.getloadavg(),
        "coeurs": os.cpu_count(),
    }
    if not args.sans_generation:
        results["nation"] = run_child("nation", args)
    results["tableau"] = run_child("tableau", args)
    results["naif"] = run_child("naif", args)
    if not args.sans_postgres:
        results["postgres"] = run_child("postgres", args)
        if not args.sans_extraction:
            results["extraction"] = run_child("extraction", args)
            results["tableau_extrait"] = run_child("tableau", args, entrepot="extrait")
    results["charge_machine_apres"] = os.getloadavg()
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / f"entrepot-{args.echelle}.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False, default=str)
    )
    print(markdown(results))


if __name__ == "__main__":
    main()
