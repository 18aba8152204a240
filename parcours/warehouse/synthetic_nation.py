"""Nation synthétique écrite directement au format de l'entrepôt (Parquet par région et par mois),
puis chargée dans DuckDB avec ses résumés.

Échelle 1,0 : environ 1,37 M de jeunes en contact par an, 427 000 premiers accueils par an, ~20 M de
contacts par an, 440 missions locales dans 18 régions, sur deux années civiles (celle de la date de
référence et la précédente). Proportions proches du tableau COPEXEN (domain.md §8) : ~20 % des
accueillis en emploi sur un semestre, ~10 % en formation, < 1 % en alternance ; ~190 000 entrées en
CIVIS par an ; 100 000 entrées en co-traitance par an, dont un tiers indemnisées.

Tout est produit en SQL par DuckDB, région par région (flux, mémoire bornée), à partir de hachages
déterministes : la même graine donne la même nation. Les identifiants sont synthétiques.
"""

import datetime
import logging
import shutil
import time
from pathlib import Path

import duckdb

from parcours import reference_data
from parcours.commands import progress_bar
from parcours.referential.loaders import DATA
from parcours.warehouse import parquet, quality, schema, store, summaries

logger = logging.getLogger(__name__)
ML_COUNT = 440

#: Volumes annuels à l'échelle 1,0 (domain.md §1 et §8).
NEW_PER_YEAR = 427_000  # premiers accueils
RETURNING = 1_450_000  # jeunes accueillis avant la fenêtre et revenus pendant celle-ci
CONTACTS_PER_ACTIVE_MONTH = 2.6
SHARES = {
    "emploi": 0.36,
    "alternance": 0.012,
    "formation": 0.18,
    "demandeur_emploi": 0.30,
    "immersion": 0.06,
    "civis": 0.16,
    "cotraitance": 0.075,
    "benefit_of_cotraitance": 0.33,
}


def referential():
    """(ml_code, ml_name, region_code, region_name, poids) pour 440 missions locales."""
    regions = {row["code"]: row["nom"] for row in reference_data.rows(DATA / "regions.csv")}
    departments = list(reference_data.rows(DATA / "departements.csv"))
    base, extra = divmod(ML_COUNT, len(departments))
    ordered = sorted(departments, key=lambda d: store.pseudonym(d["code"], key="nation"))
    bigger = {d["code"] for d in ordered[:extra]}
    rows = []
    for department in departments:
        for k in range(1, base + 1 + (department["code"] in bigger)):
            code = f"{department['code']}{k:03d}"
            name = f"Mission locale de {department['chef_lieu']}" + (f" {k}" if k > 1 else "")
            weight = 0.5 + int(store.pseudonym(code, key="poids")[:4], 16) / 65535
            rows.append((code, name, department["region"], regions[department["region"]], weight))
    return rows


#: Relations avec les employeurs par mois à l'échelle 1,0 (domain.md §8, 2016) : 175 000 employeurs en
#: contact dans l'année (~25 000 dans un mois), 141 000 immersions et 18 500 jeunes parrainés par an.
EMPLOYERS_PER_MONTH = {"employers_in_contact": 25_000, "immersions": 11_750, "sponsored_young_people": 1_540}
#: Rappels de rendez-vous par mois à l'échelle 1,0 (hypothèse : la moitié des rendez-vous individuels avec
#: l'accord du jeune), dont environ 4 % en échec (numéro ou adresse erronés).
REMINDERS_PER_MONTH, REMINDER_FAILURE = 600_000, 0.04


def _u(expr, salt):
    """Nombre pseudo-aléatoire uniforme dans [0, 1) tiré d'un hachage (déterministe)."""
    return f"((hash({expr}, '{salt}') % 1000003) / 1000003.0)"


def _people_sql(region, count, seed, first_year, reference):
    ref = reference.isoformat()
    window = datetime.date(first_year - 1, 7, 1)  # six mois de mise en route avant l'année N-1
    start = f"DATE '{window.isoformat()}'"
    days = (reference - window).days
    new_share = NEW_PER_YEAR * days / 365.25 / (NEW_PER_YEAR * days / 365.25 + RETURNING)
    i = f"(i + {seed * 7919})"
    return f"""
    CREATE OR REPLACE TEMP TABLE people AS
    WITH base AS (
        SELECT i, {_u(i, "ml")} AS u_ml, {_u(i, "new")} < {new_share} AS is_new,
            {_u(i, "first")} AS u_first, {_u(i, "start")} AS u_start, {_u(i, "len")} AS u_len,
            {_u(i, "rate")} AS u_rate
        FROM range({count}) t(i)
    ), dated AS (
        SELECT *,
            CASE WHEN is_new THEN {start} + CAST(floor(u_first * {days}) AS INTEGER)
                 ELSE {start} - CAST(1 + floor(u_first * 1826) AS INTEGER) END AS first_reception
        FROM base
    ), spans AS (
        SELECT *,
            CASE WHEN is_new THEN first_reception
                 ELSE {start} + CAST(floor(u_start * {days - 60}) AS INTEGER) END AS span_start
        FROM dated
    )
    SELECT s.i, md5('{region}-{seed}-' || s.i::VARCHAR)[:20] AS yp_key, m.ml_code, '{region}' AS region_code,
        s.is_new, s.first_reception, s.span_start,
        least(s.span_start + CAST(30 + floor(s.u_len * s.u_len * 540) AS INTEGER), DATE '{ref}') AS span_end,
        s.u_rate
    FROM spans s ASOF JOIN region_mls m ON s.u_ml >= m.lo
    """


FACT_SQL = {
    "jeunes": """
        SELECT yp_key, ml_code, region_code,
            CASE WHEN {u_sex} < 0.5 THEN 'F' ELSE 'H' END,
            date_trunc('month', first_reception - CAST(365.25 * (16 + floor({u_age} * 10)) AS INTEGER))::DATE,
            ['VI', 'Vbis', 'V', 'V', 'V', 'IV', 'IV', 'IV', 'III', 'II'][1 + CAST(floor({u_level} * 10) AS INTEGER)],
            first_reception, {u_qpv} < 0.14, {u_zrr} < 0.07, {u_rural} < 0.17,
            CASE WHEN span_end < DATE '{ref}' - 200 AND {u_arch} < 0.6 THEN span_end + 30 END,
            CASE WHEN {u_missing} < 0.04 THEN 1 ELSE 0 END, {u_impossible} < 0.003,
            md5(yp_key || CASE WHEN {u_dup} < 0.01 THEN '' ELSE 'x' END)[:16]
        FROM people""",
    "contacts": """
        SELECT yp_key, ml_code, region_code,
            CASE WHEN j = 0 AND is_new THEN first_reception
                 ELSE span_start + CAST(floor({u_day} * (span_end - span_start + 1)) AS INTEGER) END,
            CASE WHEN j = 0 OR {u_kind} < 0.80 THEN 'entretien_individuel'
                 WHEN {u_kind} < 0.92 THEN 'information_collective' ELSE 'atelier' END,
            CASE WHEN {u_mode} < 0.75 THEN 'sur_site' WHEN {u_mode} < 0.92 THEN 'telephone'
                 WHEN {u_mode} < 0.97 THEN 'visio' ELSE 'hors_les_murs' END,
            CASE WHEN j = 0 OR {u_status} < 0.86 THEN 'present' WHEN {u_status} < 0.94 THEN 'absent'
                 WHEN {u_status} < 0.96 THEN 'excuse' WHEN {u_status} < 0.985 THEN 'annule' ELSE 'reporte' END,
            j > 0  -- rendez-vous : tout contact sauf le premier accueil (sans rendez-vous)
        FROM (SELECT *, unnest(range(greatest(1, CAST(round((span_end - span_start) / 30.4 * {rate} * (0.5 + u_rate)) AS INTEGER)))) AS j
              FROM people)""",
    "propositions": """
        SELECT yp_key, ml_code, region_code,
            span_start + CAST(floor({u_day} * (span_end - span_start + 1)) AS INTEGER),
            ['emploi', 'formation', 'sante', 'logement', 'mobilite', 'projet_professionnel'][1 + CAST(floor({u_theme} * 6) AS INTEGER)],
            ['offre_emploi', 'formation', 'service_partenaire', 'immersion', 'atelier'][1 + CAST(floor({u_kind} * 5) AS INTEGER)],
            CASE WHEN {u_status} < 0.5 THEN 'realise' WHEN {u_status} < 0.8 THEN 'prescrit'
                 WHEN {u_status} < 0.93 THEN 'refus_jeune' ELSE 'refus_tiers' END
        FROM (SELECT *, unnest(range(CAST(floor((span_end - span_start) / 30.4 * 0.6 * (0.5 + u_rate)) AS INTEGER))) AS j
              FROM people)""",
    "situations": """
        SELECT yp_key, ml_code, region_code, category, kind,
            CASE WHEN end_date IS NULL THEN 'en_cours' ELSE 'termine' END, start_date, end_date,
            category = 'emploi' AND (kind = 'cdi' OR (kind IN ('cdd', 'interim', 'contrat_aide')
                AND end_date IS NOT NULL AND end_date >= start_date + INTERVAL 6 MONTH))
        FROM (
            SELECT *, CASE WHEN start_date + duration < DATE '{ref}' THEN start_date + duration END AS end_date
            FROM (
                SELECT yp_key, ml_code, region_code, c.category,
                    CASE c.category
                        WHEN 'emploi' THEN ['cdi', 'cdd', 'cdd', 'interim', 'contrat_aide'][1 + CAST(floor({u_kind} * 5) AS INTEGER)]
                        WHEN 'alternance' THEN CASE WHEN {u_kind} < 0.7 THEN 'apprentissage' ELSE 'professionnalisation' END
                        WHEN 'formation' THEN ['qualifiante', 'pre_qualifiante', 'remise_a_niveau'][1 + CAST(floor({u_kind} * 3) AS INTEGER)]
                        WHEN 'immersion' THEN 'pmsmp' ELSE '' END AS kind,
                    span_start + CAST(floor({u_day} * (span_end - span_start + 1)) AS INTEGER) AS start_date,
                    CAST(20 + floor({u_len} * 400) AS INTEGER) AS duration
                FROM people, (VALUES ('emploi', {emploi}), ('alternance', {alternance}), ('formation', {formation}),
                    ('demandeur_emploi', {demandeur_emploi}), ('immersion', {immersion})) c(category, share)
                WHERE {u_pick} < c.share
            )
        )""",
    "programmes": """
        SELECT yp_key, ml_code, region_code, 'CIVIS', entry_date,
            CASE WHEN exit_date <= DATE '{ref}' THEN exit_date END,
            CASE WHEN exit_date > DATE '{ref}' THEN NULL WHEN {u_out} < 0.38 THEN 'emploi' WHEN {u_out} < 0.43 THEN 'alternance'
                 WHEN {u_out} < 0.53 THEN 'formation' ELSE 'autre' END,
            CASE WHEN exit_date > DATE '{ref}' THEN NULL ELSE {u_out} < 0.25 END
        FROM (
            SELECT *, entry_date + CAST(60 + floor({u_len} * 480) AS INTEGER) AS exit_date FROM (
                SELECT *, span_start + CAST(floor({u_day} * (span_end - span_start + 1) * 0.5) AS INTEGER)
                    - CASE WHEN is_new THEN 0 ELSE CAST(floor({u_theme} * 240) AS INTEGER) END AS entry_date
                FROM people WHERE {u_pick} < {civis}
            )
        )""",
    "cotraitance": """
        SELECT yp_key, ml_code, region_code,
            span_start + CAST(floor({u_day} * least(30, span_end - span_start + 1)) AS INTEGER), {u_benefit} < {benefit}
        FROM people WHERE {u_pick} < {cotraitance}""",
}


def fact_sql(table, reference, salt):
    names = [
        "u_sex",
        "u_age",
        "u_level",
        "u_qpv",
        "u_zrr",
        "u_rural",
        "u_arch",
        "u_missing",
        "u_impossible",
        "u_dup",
        "u_day",
        "u_kind",
        "u_mode",
        "u_status",
        "u_theme",
        "u_len",
        "u_pick",
        "u_out",
        "u_benefit",
    ]
    key = "(i * 131 + j)" if table in ("contacts", "propositions") else "i"
    if table == "situations":
        key = "(i * 7 + hash(c.category) % 7)"
    values = {name: _u(key, f"{salt}{table}{name}") for name in names}
    shares = {name: value for name, value in SHARES.items() if name != "benefit_of_cotraitance"}
    return FACT_SQL[table].format(
        ref=reference.isoformat(),
        rate=CONTACTS_PER_ACTIVE_MONTH,
        benefit=SHARES["benefit_of_cotraitance"],
        **shares,
        **values,
    )


def generate(scale=0.1, reference=None, seed=2026, out=None, progress=None):
    """Écrit la nation en Parquet sous ``out`` (défaut : le dossier Parquet de l'entrepôt) ; ``progress`` :
    une barre de ``parcours.commands.progress_bar`` (aucune par défaut). Rend les missions locales écrites."""
    reference = reference or datetime.date.today()
    out = Path(out or store.parquet_dir())
    first_year = reference.year - 1
    mls = referential()
    total_weight = sum(row[4] for row in mls)
    regions = sorted({row[2] for row in mls})
    days = (reference - datetime.date(first_year - 1, 7, 1)).days
    people_total = int(round((NEW_PER_YEAR * days / 365.25 + RETURNING) * scale))
    for table in schema.FACT_TABLES:
        shutil.rmtree(out / table, ignore_errors=True)
        (out / table).mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(f"SET temp_directory = '{out / '_tmp'}'")
    progress = progress or progress_bar(disabled=True)
    steps = progress(None, "Nation synthétique", total=len(regions) * len(schema.FACT_TABLES), unit="étape")
    offset = 0
    for region in regions:
        region_mls = [row for row in mls if row[2] == region]
        region_weight = sum(row[4] for row in region_mls)
        count = int(round(people_total * region_weight / total_weight))
        con.execute("CREATE OR REPLACE TEMP TABLE region_mls (ml_code VARCHAR, lo DOUBLE)")
        cumulative, ranges = 0.0, []
        for row in region_mls:
            ranges.append((row[0], cumulative / region_weight))
            cumulative += row[4]
        con.executemany("INSERT INTO region_mls VALUES (?, ?)", ranges)
        con.execute(
            _people_sql(region, count, seed, first_year, reference).replace(
                "range(", f"range({offset}, {offset} + ", 1
            )
        )
        offset += count
        for table in schema.FACT_TABLES:
            steps.set_postfix_str(f"région {region}, {table}")
            names = ", ".join(name for name, _ in schema.FACT_TABLES[table])
            select = f"SELECT * FROM ({fact_sql(table, reference, seed)}) f({names})"
            con.execute(
                f"COPY (SELECT *, strftime({schema.PARTITION_DATE[table]}, '%Y-%m') AS mois FROM ({select})) "
                f"TO '{out / table}' (FORMAT parquet, PARTITION_BY (region_code, mois), OVERWRITE_OR_IGNORE true, "
                f"FILENAME_PATTERN 'r{region}_{{i}}')"
            )
            steps.update()
    steps.close()
    con.close()
    shutil.rmtree(out / "_tmp", ignore_errors=True)
    return mls


def _employers(con, mls, scale, seed, reference):
    """``employeurs_mois`` : chaque mission locale, chaque mois des deux années, au prorata de son poids."""
    total_weight = sum(row[4] for row in mls)
    con.execute("CREATE OR REPLACE TEMP TABLE ml_shares (ml_code VARCHAR, region_code VARCHAR, share DOUBLE)")
    con.executemany(
        "INSERT INTO ml_shares VALUES (?, ?, ?)", [(row[0], row[2], row[4] / total_weight) for row in mls]
    )
    figures = (
        ", ".join(  # ±20 % autour du prorata, arrondi aléatoire (l'espérance est gardée à petite échelle)
            f"floor({per_month * scale} * share * (0.8 + 0.4 * {_u('ml_code || month', f'{seed}{name}')}) "
            f"+ {_u('ml_code || month', f'{seed}{name}-arrondi')})::INTEGER"
            for name, per_month in EMPLOYERS_PER_MONTH.items()
        )
    )
    con.execute(
        f"""INSERT INTO employeurs_mois SELECT ml_code, region_code, month, {figures}
        FROM ml_shares, (SELECT unnest(generate_series(DATE '{reference.year - 1}-01-01',
            DATE '{reference:%Y-%m}-01', INTERVAL 1 MONTH))::DATE AS month)"""
    )


def _reminders(con, scale, seed, reference):
    """``rappels_mois`` : au prorata du poids de chaque mission locale (``ml_shares`` de ``_employers``)."""
    attempted = (
        f"floor({REMINDERS_PER_MONTH * scale} * share * (0.8 + 0.4 * {_u('ml_code || month', f'{seed}rappels')}) "
        f"+ {_u('ml_code || month', f'{seed}rappels-arrondi')})::INTEGER"
    )
    failed = f"floor(n * {REMINDER_FAILURE} * 2 * {_u('ml_code || month', f'{seed}echecs')})::INTEGER"
    con.execute(
        f"""INSERT INTO rappels_mois SELECT ml_code, region_code, month, n, n - f, f
        FROM (SELECT *, {failed} AS f FROM (
            SELECT ml_code, region_code, month, {attempted} AS n
            FROM ml_shares, (SELECT unnest(generate_series(DATE '{reference.year - 1}-01-01',
                DATE '{reference:%Y-%m}-01', INTERVAL 1 MONTH))::DATE AS month)))"""
    )


def build_warehouse(scale=0.1, reference=None, seed=2026, progress=None):
    """Génère la nation en Parquet puis construit l'entrepôt DuckDB (faits, résumés, qualité)."""
    reference = reference or datetime.date.today()
    clock = time.monotonic()
    started = datetime.datetime.now(datetime.UTC)
    mls = generate(scale, reference, seed, progress=progress)
    generated = time.monotonic() - clock
    with store.connect(read_only=False) as con:
        schema.drop_all(con)
        schema.create_all(con)
        con.executemany("INSERT INTO ml VALUES (?, ?, ?, ?)", [row[:4] for row in mls])
        con.executemany(
            "INSERT INTO enveloppes VALUES (?, ?, ?, ?)",
            [
                (code, region, year, max(1, round(100_000 * scale * weight / sum(r[4] for r in mls))))
                for code, _, region, _, weight in mls
                for year in (reference.year - 1, reference.year)
            ],
        )
        parquet.load_all(con)
        _employers(con, mls, scale, seed, reference)
        _reminders(con, scale, seed, reference)
        loaded = time.monotonic() - clock
        summaries.rebuild(con, reference)
        extraction_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM extractions").fetchone()[0]
        quality.measure(con, extraction_id, reference, started)
        rows = sum(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in schema.FACT_TABLES)
        young = con.execute("SELECT count(*) FROM jeunes").fetchone()[0]
        seconds = time.monotonic() - clock
        con.execute(
            "INSERT INTO extractions VALUES (?, 'complet', ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                extraction_id,
                f"synthetique (echelle {scale})",
                started,
                datetime.datetime.now(datetime.UTC),
                started,
                reference,
                young,
                rows,
                seconds,
            ],
        )
        con.execute("CHECKPOINT")
    logger.info(
        "Nation synthétique écrite dans l'entrepôt",
        extra={
            "scale": scale,
            "seed": seed,
            "young_people": young,
            "rows": rows,
            "seconds": round(seconds, 2),
        },
    )
    return {
        "generation_s": generated,
        "load_s": loaded - generated,
        "total_s": seconds,
        "rows": rows,
        "young_people": young,
    }
