"""Référence PostgreSQL et extraction pour ``bench/warehouse.py`` (voir sa docstring).

``load`` verse la nation synthétique (Parquet) dans les tables opérationnelles d'une base de mesure
(migrations Django des jeunes et de l'accompagnement ; les programmes et la co-traitance vont dans
deux tables simples ``bench_enrolment`` et ``bench_referral``) ; ``baseline`` calcule les indicateurs
par des GROUP BY sur ces tables et compare chaque valeur à celle de l'entrepôt ; ``extraction`` mesure
l'extraction complète puis l'extraction incrémentale d'une journée de modifications.
"""

import datetime
import io
import os
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import duckdb

DAY_AT_SCALE_1 = {"contacts": 80_000, "new": 1_700, "modified": 2_000, "situations": 3_000, "deleted": 20}


def recreate_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def _copy(cursor, table, columns, csv_path):
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)") as copy:
        with open(csv_path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                copy.write(chunk)


def _columns(model, values):
    """Colonnes du modèle et expression DuckDB de chacune (valeur fournie ou neutre)."""
    from django.db import models

    result = []
    for field in model._meta.concrete_fields:
        if field.primary_key and field.column not in values:
            continue
        if field.column in values:
            expr = values[field.column]
        elif field.null:
            expr = "NULL"
        elif isinstance(field, models.BooleanField):
            expr = "false"
        elif isinstance(field, models.JSONField):
            expr = "'[]'"
        elif isinstance(field, models.DateTimeField):
            expr = "TIMESTAMP '2025-12-31 08:00:00'"
        elif isinstance(field, models.IntegerField):
            expr = "1"
        else:
            expr = "''"
        result.append((field.column, expr))
    return result


def _export(duck, model, values, source_sql, tmp):
    columns = _columns(model, values)
    path = Path(tmp) / f"{model._meta.db_table}.csv"
    select = ", ".join(f"{expr} AS {name}" for name, expr in columns)
    duck.execute(f"COPY (SELECT {select} FROM {source_sql}) TO '{path}' (FORMAT csv, HEADER false)")
    return [name for name, _ in columns], path


def load(synthetic_dir):
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from parcours.accompaniment.models import Contact, Proposal, Situation
    from parcours.referential.models import Department, MissionLocale
    from parcours.young_people.models import YoungPerson

    clock = time.perf_counter()
    connection.close()
    recreate_database(os.environ["DATABASE_URL"])
    call_command("migrate", verbosity=0, skip_checks=True)
    parquet = Path(synthetic_dir) / "parquet"
    duck = duckdb.connect()
    ml_rows = (
        duckdb.connect(str(Path(synthetic_dir) / "entrepot.duckdb"), read_only=True)
        .execute("SELECT ml_code, ml_name FROM ml")
        .fetchall()
    )
    existing = set(MissionLocale.objects.values_list("code", flat=True))
    departments = {d.code: d for d in Department.objects.all()}
    MissionLocale.objects.bulk_create(
        [
            MissionLocale(code=code, name=name, department=departments[code[:-3]])
            for code, name in ml_rows
            if code not in existing
        ]
    )
    duck.execute(
        "CREATE TABLE mls AS SELECT * FROM (VALUES "
        + ",".join(f"('{code}', {pk})" for code, pk in MissionLocale.objects.values_list("code", "pk"))
        + ") t(ml_code, ml_id)"
    )

    def read(table):
        return f"read_parquet('{parquet / table}/**/*.parquet', hive_partitioning = true, hive_types_autocast = false)"

    duck.execute(
        f"CREATE TABLE people AS SELECT row_number() OVER (ORDER BY yp_key) AS id, j.*, m.ml_id FROM {read('jeunes')} j "
        "JOIN mls m USING (ml_code)"
    )
    keyed = "JOIN (SELECT yp_key, id FROM people) p USING (yp_key)"
    exports = [
        (
            YoungPerson,
            {
                "id": "id",
                "mission_locale_id": "ml_id",
                "last_name": "'NOM' || id",
                "first_name": "'Prénom'",
                "birth_date": "birth_month + 14",
                "sex": "sex",
                "search_name": "'nom' || id || ' prenom'",
                "education_level": "education_level",
                "first_reception_date": "greatest(first_reception_date, birth_month + 5845)",
                "in_qpv": "in_qpv",
                "in_zrr": "in_zrr",
                "is_rural": "is_rural",
                "archived_at": "NULL",
                "version": "1",
            },
            "people",
        ),
        (
            Contact,
            {"young_person_id": "id", "date": "date", "kind": "kind", "mode": "mode", "status": "status"},
            f"{read('contacts')} {keyed}",
        ),
        (
            Proposal,
            {"young_person_id": "id", "date": "date", "theme": "theme", "kind": "kind", "status": "status"},
            f"{read('propositions')} {keyed}",
        ),
        (
            Situation,
            {
                "young_person_id": "id",
                "category": "category",
                "kind": "kind",
                "state": "state",
                "start_date": "start_date",
                "end_date": "end_date",
            },
            f"{read('situations')} {keyed}",
        ),
    ]
    tmp = tempfile.mkdtemp(dir=settings.VAR_DIR)
    counts = {}
    try:
        with connection.cursor() as django_cursor:
            cursor = django_cursor.connection.cursor()
            for model, values, source in exports:
                columns, path = _export(duck, model, values, source, tmp)
                _copy(cursor, model._meta.db_table, columns, path)
                counts[model._meta.db_table] = duck.execute(f"SELECT count(*) FROM {source}").fetchone()[0]
            cursor.execute(
                """CREATE TABLE bench_enrolment (young_person_id BIGINT, programme TEXT, entry_date DATE,
                exit_date DATE, exit_outcome TEXT, exit_durable BOOLEAN);
                CREATE TABLE bench_referral (young_person_id BIGINT, entry_date DATE, benefit BOOLEAN);
                CREATE TABLE bench_envelope (mission_locale_id BIGINT, year INTEGER, target INTEGER)"""
            )
            for table, select, source in (
                (
                    "bench_enrolment",
                    "id, programme, entry_date, exit_date, exit_outcome, exit_durable",
                    read("programmes"),
                ),
                ("bench_referral", "id, entry_date, benefit_receiving", read("cotraitance")),
            ):
                path = Path(tmp) / f"{table}.csv"
                duck.execute(
                    f"COPY (SELECT {select} FROM {source} {keyed}) TO '{path}' (FORMAT csv, HEADER false)"
                )
                columns = [
                    c.strip()
                    for c in {
                        "bench_enrolment": "young_person_id, programme, entry_date, exit_date, exit_outcome, exit_durable",
                        "bench_referral": "young_person_id, entry_date, benefit",
                    }[table].split(",")
                ]
                _copy(cursor, table, columns, path)
            envelopes = (
                duckdb.connect(str(Path(synthetic_dir) / "entrepot.duckdb"), read_only=True)
                .execute("SELECT ml_code, year, target FROM enveloppes")
                .fetchall()
            )
            ids = dict(MissionLocale.objects.values_list("code", "pk"))
            cursor.executemany(
                "INSERT INTO bench_envelope VALUES (%s, %s, %s)", [(ids[c], y, t) for c, y, t in envelopes]
            )
            cursor.execute(
                """CREATE INDEX ON bench_enrolment (young_person_id); CREATE INDEX ON bench_referral (young_person_id);
                SELECT setval(pg_get_serial_sequence('young_people_youngperson', 'id'), (SELECT max(id) FROM young_people_youngperson));
                ANALYZE"""
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"s": round(time.perf_counter() - clock, 1), **counts}


BASELINE_SQL = [
    (
        """SELECT yp.mission_locale_id,
            count(DISTINCT c.young_person_id) FILTER (WHERE c.date BETWEEN %(d1)s AND %(d2)s) AS accueillis,
            count(DISTINCT c.young_person_id) FILTER (WHERE c.date BETWEEN %(j1)s AND %(d2)s) AS jdi,
            count(*) FILTER (WHERE c.date BETWEEN %(d1)s AND %(d2)s) AS contacts_tenus,
            count(*) FILTER (WHERE c.date BETWEEN %(d1)s AND %(d2)s AND c.kind = 'entretien_individuel') AS entretiens_individuels,
            count(*) FILTER (WHERE c.date BETWEEN %(d1)s AND %(d2)s AND c.kind = 'information_collective') AS informations_collectives,
            count(*) FILTER (WHERE c.date BETWEEN %(d1)s AND %(d2)s AND c.kind = 'atelier') AS ateliers
        FROM accompaniment_contact c JOIN young_people_youngperson yp ON yp.id = c.young_person_id
        WHERE c.status = 'present' AND c.date BETWEEN least(%(d1)s, %(j1)s) AND %(d2)s GROUP BY 1"""
    ),
    (
        """SELECT mission_locale_id, count(*) AS premiere_fois FROM young_people_youngperson
        WHERE first_reception_date BETWEEN %(d1)s AND %(d2)s GROUP BY 1"""
    ),
    (
        """SELECT yp.mission_locale_id,
            count(DISTINCT s.young_person_id) FILTER (WHERE s.category IN ('emploi', 'alternance', 'formation')) AS emploi_formation,
            count(DISTINCT s.young_person_id) FILTER (WHERE s.category = 'emploi') AS emploi,
            count(DISTINCT s.young_person_id) FILTER (WHERE s.category = 'alternance') AS alternance,
            count(DISTINCT s.young_person_id) FILTER (WHERE s.category = 'formation') AS formation,
            count(*) AS situations
        FROM accompaniment_situation s JOIN young_people_youngperson yp ON yp.id = s.young_person_id
        WHERE s.start_date BETWEEN %(d1)s AND %(d2)s GROUP BY 1"""
    ),
    (
        """SELECT yp.mission_locale_id, count(*) AS propositions
        FROM accompaniment_proposal p JOIN young_people_youngperson yp ON yp.id = p.young_person_id
        WHERE p.date BETWEEN %(d1)s AND %(d2)s GROUP BY 1"""
    ),
    (
        """SELECT yp.mission_locale_id,
            count(DISTINCT e.young_person_id) FILTER (WHERE e.entry_date BETWEEN %(d1)s AND %(d2)s) AS civis_entres,
            count(DISTINCT e.young_person_id) FILTER (WHERE e.entry_date <= %(d2)s AND (e.exit_date IS NULL OR e.exit_date >= %(d1)s)) AS civis_accompagnes,
            count(DISTINCT e.young_person_id) FILTER (WHERE e.exit_date BETWEEN %(d1)s AND %(d2)s) AS civis_sortis,
            count(DISTINCT e.young_person_id) FILTER (WHERE e.exit_date BETWEEN %(d1)s AND %(d2)s AND e.exit_outcome IN ('emploi', 'alternance', 'formation')) AS civis_sortis_emploi_formation,
            count(DISTINCT e.young_person_id) FILTER (WHERE e.exit_date BETWEEN %(d1)s AND %(d2)s AND e.exit_outcome = 'emploi') AS civis_sortis_emploi,
            count(DISTINCT e.young_person_id) FILTER (WHERE e.exit_date BETWEEN %(d1)s AND %(d2)s AND e.exit_outcome = 'emploi' AND e.exit_durable) AS civis_sortis_emploi_durable,
            count(DISTINCT e.young_person_id) FILTER (WHERE e.exit_date BETWEEN %(d1)s AND %(d2)s AND e.exit_outcome = 'alternance') AS civis_sortis_alternance,
            count(DISTINCT e.young_person_id) FILTER (WHERE e.exit_date BETWEEN %(d1)s AND %(d2)s AND e.exit_outcome = 'formation') AS civis_sortis_formation
        FROM bench_enrolment e JOIN young_people_youngperson yp ON yp.id = e.young_person_id
        WHERE e.programme = 'CIVIS' GROUP BY 1"""
    ),
    (
        """SELECT yp.mission_locale_id, count(DISTINCT r.young_person_id) AS cot_entrees,
            count(DISTINCT r.young_person_id) FILTER (WHERE r.benefit) AS cot_entrees_allocataires
        FROM bench_referral r JOIN young_people_youngperson yp ON yp.id = r.young_person_id
        WHERE r.entry_date BETWEEN %(d1)s AND %(d2)s GROUP BY 1"""
    ),
]


def _run_baseline(cursor, period):
    from parcours.warehouse.periods import add_months

    params = {"d1": period.start, "d2": period.end, "j1": add_months(period.end.replace(day=1), -4)}
    values = {}
    for sql in BASELINE_SQL:
        cursor.execute(sql, params)
        names = [d.name for d in cursor.description][1:]
        for ml_id, *row in cursor.fetchall():
            values.setdefault(ml_id, {}).update(zip(names, row, strict=True))
    return values


def baseline(named_periods):
    from django.db import connection

    from parcours.referential.models import MissionLocale
    from parcours.warehouse.indicators import engine

    codes = dict(MissionLocale.objects.values_list("pk", "code"))
    result = {}
    with connection.cursor() as cursor:
        for name, period in named_periods.items():
            clock = time.perf_counter()
            current = _run_baseline(cursor, period)
            before = _run_baseline(cursor, period.previous_year())
            seconds = time.perf_counter() - clock
            dashboard = engine.compute(period)
            mismatches = []
            for label, pg_values, previous in (("P", current, False), ("P-1", before, True)):
                for ml_id, measures in pg_values.items():
                    for code, value in measures.items():
                        mine = dashboard.value(("ml", codes[ml_id]), code, previous=previous)
                        if mine != value:
                            mismatches.append(
                                f"{label} {codes[ml_id]} {code}: entrepôt {mine}, PostgreSQL {value}"
                            )
            result[name] = {
                "s": round(seconds, 3),
                "ecarts": len(mismatches),
                "exemples_ecarts": mismatches[:5],
            }
    return result


def extraction(reference):
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.db import connection

    from parcours.warehouse import extract
    from parcours.warehouse.models import WarehouseChange
    from parcours.young_people.models import YoungPerson

    shutil.rmtree(settings.WAREHOUSE_DIR, ignore_errors=True)
    clock = time.perf_counter()
    complete = extract.run(complete=True, today=reference)
    complete_s = time.perf_counter() - clock
    scale = YoungPerson.objects.count() / 2_500_000
    day = {key: max(1, round(value * scale)) for key, value in DAY_AT_SCALE_1.items()}
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO accompaniment_contact (young_person_id, date, kind, mode, status, themes, notes, source_id, created_at)
            SELECT id, %(day)s, 'entretien_individuel', 'sur_site', 'present', '[]', '', '', now()
            FROM young_people_youngperson ORDER BY md5(id::text) LIMIT %(n)s""",
            {"day": reference, "n": day["contacts"]},
        )
        cursor.execute(
            """UPDATE young_people_youngperson SET commune = 'Modifiée', updated_at = now()
            WHERE id IN (SELECT id FROM young_people_youngperson ORDER BY md5(id::text || 'm') LIMIT %(n)s)""",
            {"n": day["modified"]},
        )
        cursor.execute(
            """INSERT INTO young_people_youngperson (mission_locale_id, source_id, last_name, first_name, birth_date, sex,
                nir, search_name, email, phone, address, postcode, commune, in_qpv, in_zrr, is_rural, education_level,
                highest_diploma, driving_licence, transport, housing, health_cover, resources, rqth, child_welfare,
                health_notes, judicial_follow_up, first_reception_date, archive_reason, version, created_at, updated_at,
                certification_level)
            SELECT mission_locale_id, '', 'NOUVEAU', 'Jeune', DATE '2005-01-01', sex, '', 'nouveau jeune', '', '', '', '',
                '', false, false, false, 'V', '', false, '', '', '', '', false, false, '', '', %(day)s, '', 1, now(), now(), ''
            FROM young_people_youngperson ORDER BY md5(id::text || 'n') LIMIT %(n)s""",
            {"day": reference, "n": day["new"]},
        )
        cursor.execute(
            """INSERT INTO accompaniment_situation (young_person_id, category, kind, state, start_date, rome_code, employer, source_id)
            SELECT id, 'emploi', 'cdi', 'en_cours', %(day)s, '', '', ''
            FROM young_people_youngperson ORDER BY md5(id::text || 's') LIMIT %(n)s""",
            {"day": reference, "n": day["situations"]},
        )
        # Des écritures en masse qui ne passent par aucun signal : les déclencheurs de la base les notent.
        cursor.execute(
            """UPDATE accompaniment_contact SET status = 'absent'
            WHERE young_person_id IN (SELECT id FROM young_people_youngperson ORDER BY md5(id::text || 'a') LIMIT %(n)s)""",
            {"n": day["modified"]},
        )
        cursor.execute(
            """UPDATE accompaniment_situation SET start_date = start_date + 1
            WHERE young_person_id IN (SELECT id FROM young_people_youngperson ORDER BY md5(id::text || 'd') LIMIT %(n)s)""",
            {"n": day["modified"]},
        )
    for young_person in YoungPerson.objects.order_by("?")[: day["deleted"]]:
        young_person.delete()
    pending = WarehouseChange.objects.count()
    clock = time.perf_counter()
    incremental = extract.run(today=reference)
    incremental_s = time.perf_counter() - clock
    # Contrôle de nuit : reconstruction complète dans une copie, comparée à l'entrepôt tenu en incrémental.
    out = io.StringIO()
    clock = time.perf_counter()
    try:
        call_command("entrepot_verifier", "--sans-extraction", stdout=out, verbosity=0)
        differences = 0
    except CommandError as error:
        out.write(str(error))
        differences = 1
    verification_s = time.perf_counter() - clock
    return {
        "complete_s": round(complete_s, 1),
        "complete_lignes": complete["rows_written"],
        "incremental_s": round(incremental_s, 1),
        "etapes_complete": complete["phases"],
        "etapes_incremental": incremental["phases"],
        "journal_lignes": pending,
        "verification_s": round(verification_s, 1),
        "verification_ecarts": differences,
        "verification_sortie": out.getvalue().strip(),
        "journee": (
            f"{day['contacts']} contacts, {day['new']} dossiers créés, {day['modified']} modifiés, "
            f"{day['situations']} situations, {day['deleted']} supprimés : {incremental['young_people']} jeunes ré-extraits"
        ),
    }


def today():
    return datetime.date.today()
