"""Schéma de l'entrepôt DuckDB : faits pseudonymisés, tables de mise en scène et résumés.

Aucune colonne ne porte de nom, de coordonnée, de NIR, de texte libre ni de date de naissance exacte :
le jeune est désigné par ``yp_key``, un hachage à clé (HMAC-SHA256) de son identifiant opérationnel.
Chaque fait porte le code de sa mission locale et de sa région : c'est la clé de partition Parquet.
"""

import duckdb

#: Tables de faits, dans l'ordre des colonnes (le format d'échange Parquet reprend ces colonnes).
FACT_TABLES = {
    "jeunes": [
        ("yp_key", "VARCHAR"),
        ("ml_code", "VARCHAR"),
        ("region_code", "VARCHAR"),
        ("sex", "VARCHAR"),
        ("birth_month", "DATE"),
        ("education_level", "VARCHAR"),
        ("first_reception_date", "DATE"),
        ("in_qpv", "BOOLEAN"),
        ("in_zrr", "BOOLEAN"),
        ("is_rural", "BOOLEAN"),
        ("archived_on", "DATE"),
        ("missing_fields", "INTEGER"),
        ("impossible_dates", "BOOLEAN"),
        ("dup_key", "VARCHAR"),
    ],
    "contacts": [
        ("yp_key", "VARCHAR"),
        ("ml_code", "VARCHAR"),
        ("region_code", "VARCHAR"),
        ("date", "DATE"),
        ("kind", "VARCHAR"),
        ("mode", "VARCHAR"),
        ("status", "VARCHAR"),
        # Rendez-vous : contact pris à une heure donnée (l'agenda n'en prend aucun sans heure) ; ni l'heure,
        # ni la durée, ni les thèmes, ni le compte rendu ne quittent la base.
        ("appointment", "BOOLEAN"),
    ],
    "propositions": [
        ("yp_key", "VARCHAR"),
        ("ml_code", "VARCHAR"),
        ("region_code", "VARCHAR"),
        ("date", "DATE"),
        ("theme", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("status", "VARCHAR"),
    ],
    "situations": [
        ("yp_key", "VARCHAR"),
        ("ml_code", "VARCHAR"),
        ("region_code", "VARCHAR"),
        ("category", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("state", "VARCHAR"),
        ("start_date", "DATE"),
        ("end_date", "DATE"),
        ("durable", "BOOLEAN"),
    ],
    # Tables de mise en scène : remplies par l'extraction si les applications existent, ou directement.
    "programmes": [
        ("yp_key", "VARCHAR"),
        ("ml_code", "VARCHAR"),
        ("region_code", "VARCHAR"),
        ("programme", "VARCHAR"),
        ("entry_date", "DATE"),
        ("exit_date", "DATE"),
        ("exit_outcome", "VARCHAR"),  # emploi, alternance, formation, autre ; NULL tant que non sorti
        ("exit_durable", "BOOLEAN"),
    ],
    "cotraitance": [
        ("yp_key", "VARCHAR"),
        ("ml_code", "VARCHAR"),
        ("region_code", "VARCHAR"),
        ("entry_date", "DATE"),
        ("benefit_receiving", "BOOLEAN"),
    ],
}

#: Date qui range chaque fait dans un mois (partition Parquet) ; None : table sans date (jeunes).
PARTITION_DATE = {
    "jeunes": "first_reception_date",
    "contacts": "date",
    "propositions": "date",
    "situations": "start_date",
    "programmes": "entry_date",
    "cotraitance": "entry_date",
}

#: Tables qui se rattachent à un jeune (remplacées en bloc pour les jeunes modifiés).
YP_TABLES = tuple(FACT_TABLES)

OTHER_DDL = [
    """CREATE TABLE IF NOT EXISTS ml (
        ml_code VARCHAR PRIMARY KEY, ml_name VARCHAR, region_code VARCHAR, region_name VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS enveloppes (
        ml_code VARCHAR, region_code VARCHAR, year INTEGER, target INTEGER)""",
    # Relations avec les employeurs par mission locale et par mois (relues en entier à chaque extraction).
    """CREATE TABLE IF NOT EXISTS employeurs_mois (
        ml_code VARCHAR, region_code VARCHAR, month DATE, employers_in_contact INTEGER, immersions INTEGER,
        sponsored_young_people INTEGER)""",
    # Rappels de rendez-vous par mission locale et par mois du rendez-vous (relus en entier, comme les employeurs).
    """CREATE TABLE IF NOT EXISTS rappels_mois (
        ml_code VARCHAR, region_code VARCHAR, month DATE, reminders_attempted INTEGER,
        reminders_delivered INTEGER, reminders_failed INTEGER)""",
    """CREATE TABLE IF NOT EXISTS extractions (
        id INTEGER PRIMARY KEY, mode VARCHAR, source VARCHAR, started_at TIMESTAMPTZ,
        finished_at TIMESTAMPTZ, watermark TIMESTAMPTZ, reference_date DATE,
        young_people INTEGER, rows_written BIGINT, seconds DOUBLE)""",
    """CREATE TABLE IF NOT EXISTS qualite_historique (
        extraction_id INTEGER, measured_at TIMESTAMPTZ, ml_code VARCHAR, region_code VARCHAR,
        check_code VARCHAR, anomalies INTEGER, total INTEGER)""",
    # Résumé par jeune et par mois : le grain de l'entrepôt.
    """CREATE TABLE IF NOT EXISTS yp_month (
        yp_key VARCHAR, ml_code VARCHAR, region_code VARCHAR, month DATE,
        held INTEGER, held_individual INTEGER, held_group INTEGER, held_workshop INTEGER,
        proposals INTEGER, situations INTEGER, appt_present INTEGER, appt_absent INTEGER, appt_excused INTEGER,
        first_reception BOOLEAN, sit_emploi BOOLEAN, sit_alternance BOOLEAN, sit_formation BOOLEAN,
        cot_entry BOOLEAN, cot_benefit BOOLEAN)""",
    # Fenêtre de 24 mois (année N-1 et année N) par jeune : un bit par mois, bit 0 = janvier N-1.
    """CREATE TABLE IF NOT EXISTS yp_window (
        yp_key VARCHAR, ml_code VARCHAR, region_code VARCHAR, year INTEGER,
        held INTEGER, first_reception INTEGER, emploi INTEGER, alternance INTEGER, formation INTEGER,
        cot_entry INTEGER, cot_benefit INTEGER, held_individual INTEGER,
        first_infra_v INTEGER, first_no_bac INTEGER, first_priority_zone INTEGER, first_qpv INTEGER,
        first_zrr INTEGER, first_rural INTEGER)""",
    """CREATE TABLE IF NOT EXISTS prog_window (
        yp_key VARCHAR, ml_code VARCHAR, region_code VARCHAR, programme VARCHAR, year INTEGER,
        entered INTEGER, open INTEGER, exited INTEGER, exited_emploi INTEGER, exited_durable INTEGER,
        exited_alternance INTEGER, exited_formation INTEGER)""",
    # Comptes d'actes par mission locale et par mois (additifs).
    """CREATE TABLE IF NOT EXISTS ml_month (
        ml_code VARCHAR, region_code VARCHAR, month DATE, held INTEGER, held_individual INTEGER,
        held_group INTEGER, held_workshop INTEGER, proposals INTEGER, situations INTEGER,
        appt_present INTEGER, appt_absent INTEGER, appt_excused INTEGER)""",
    """CREATE TABLE IF NOT EXISTS period_counts (
        year INTEGER, lo TINYINT, hi TINYINT, measure VARCHAR, ml_code VARCHAR, n DOUBLE)""",
    """CREATE OR REPLACE VIEW enveloppes_mois AS
        SELECT e.ml_code, e.region_code, make_date(e.year, m.m, 1) AS month, e.target / 12.0 AS target
        FROM enveloppes e, (SELECT unnest(range(1, 13)) AS m) m""",
]


def fact_ddl(table):
    columns = ", ".join(f"{name} {kind}" for name, kind in FACT_TABLES[table])
    return f"CREATE TABLE IF NOT EXISTS {table} ({columns})"


def create_all(con):
    for table in FACT_TABLES:
        con.execute(fact_ddl(table))
    for ddl in OTHER_DDL:
        con.execute(ddl)


#: Tables de données, reconstruites par une extraction complète (les tables de suivi ``extractions`` et
#: ``qualite_historique`` gardent l'histoire des passages).
DATA_TABLES = (
    *FACT_TABLES,
    "ml",
    "enveloppes",
    "employeurs_mois",
    "rappels_mois",
    "yp_month",
    "yp_window",
    "prog_window",
    "ml_month",
    "period_counts",
)


def drop_all(con):
    con.execute("DROP VIEW IF EXISTS enveloppes_mois")
    for table in DATA_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table}")


def _columns(con, tables):
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_catalog = current_database() AND table_schema = 'main' AND list_contains($tables, table_name) "
        "ORDER BY table_name, ordinal_position",
        {"tables": list(tables)},
    ).fetchall()
    found = {}
    for table, column in rows:
        found.setdefault(table, []).append(column)
    return found


def outdated(con):
    """Vrai si une table de l'entrepôt n'a pas les colonnes du schéma actuel, ou manque (entrepôt construit par
    une version antérieure, avant une colonne ou une table ajoutée) : l'extraction suivante doit alors tout
    reconstruire."""
    reference = duckdb.connect()
    try:
        create_all(reference)
        expected = _columns(reference, DATA_TABLES)
    finally:
        reference.close()
    present = _columns(con, DATA_TABLES)
    return any(present.get(table) != columns for table, columns in expected.items())
