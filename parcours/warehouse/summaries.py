"""Résumés de l'entrepôt, maintenus de façon incrémentale à partir des faits.

- ``yp_month`` : une ligne par jeune et par mois (contacts tenus par type, propositions, situations
  commencées par catégorie, premier accueil, entrée en co-traitance, rendez-vous par présence notée) ;
  c'est le grain de l'entrepôt.
- ``yp_window`` : une ligne par jeune et par année N, dont chaque colonne est un masque de 24 bits
  (bit 0 = janvier N-1, bit 23 = décembre N). Toute période de 24 mois au plus finissant en N se lit
  dans la seule partition N, et « au moins un mois de P » devient ``masque & P <> 0`` : compter des
  jeunes distincts sur une période revient à compter des lignes, sans ``count(distinct)``.
- ``prog_window`` : la même chose par jeune, programme et année (entrée, enrôlement ouvert, sortie
  par motif).
- ``ml_month`` : les comptes d'actes (additifs) par mission locale et par mois.

Avec ``keys`` (table temporaire ``changed_keys(yp_key)``), seuls ces jeunes sont recalculés ; avec
``mls`` (table ``changed_mls(ml_code)``), seules ces missions locales le sont dans ``ml_month``.
"""

from parcours.accompaniment.enums import AttendanceStatus
from parcours.warehouse import ranges, schema
from parcours.young_people.enums import INFRA_V_LEVELS, EducationLevel

WINDOW_BIT = "(1 << ((year(month) - (year - 1)) * 12 + month(month) - 1))"
#: Niveaux de formation : infra V (VI, V bis) ; sans le bac (sous le niveau IV : VI, V bis, V).
INFRA_V = ", ".join(f"'{level}'" for level in INFRA_V_LEVELS)
NO_BAC = ", ".join(f"'{level}'" for level in (*INFRA_V_LEVELS, EducationLevel.V))

#: Colonne de ``yp_month`` -> statut d'un rendez-vous dont la présence est notée (le taux d'absence aux
#: rendez-vous, catalogue « Rendez-vous ») ; annulé, reporté et planifié n'y entrent pas.
APPOINTMENT_STATUSES = {
    "appt_present": AttendanceStatus.PRESENT,
    "appt_absent": AttendanceStatus.ABSENT,
    "appt_excused": AttendanceStatus.EXCUSED,
}
APPOINTMENT_COUNTS = tuple(APPOINTMENT_STATUSES)

#: Colonnes d'un fait de ``yp_month`` : des comptes (0 par défaut), puis des indicateurs (false par défaut).
FACT_COUNTS = (
    "held",
    "held_individual",
    "held_group",
    "held_workshop",
    "proposals",
    "situations",
    *APPOINTMENT_COUNTS,
)
FACT_FLAGS = ("first_reception", "sit_emploi", "sit_alternance", "sit_formation", "cot_entry", "cot_benefit")


#: Colonne de ``yp_month`` -> type de contact tenu, catégorie de situation commencée.
HELD_KINDS = {
    "held_individual": "entretien_individuel",
    "held_group": "information_collective",
    "held_workshop": "atelier",
}
STARTED_CATEGORIES = {"sit_emploi": "emploi", "sit_alternance": "alternance", "sit_formation": "formation"}


def _fact(source, date, columns):
    """Un bras de l'union des faits : le jeune, le mois de ``date``, les ``columns`` (colonne -> expression),
    0 ou false pour les autres.

    ``source`` : la table et son filtre, avec la marque ``{where_keys}`` ou ``{and_keys}`` que ``rebuild``
    remplace."""
    unknown = set(columns) - {*FACT_COUNTS, *FACT_FLAGS}
    if unknown:
        raise ValueError(f"Colonnes de fait inconnues : {sorted(unknown)}")
    values = [f"{columns.get(name, '0')} AS {name}" for name in FACT_COUNTS]
    values += [f"{columns.get(name, 'false')} AS {name}" for name in FACT_FLAGS]
    return (
        f"SELECT yp_key, ml_code, region_code, date_trunc('month', {date})::DATE AS month,\n"
        f"        {', '.join(values)}\n    FROM {source}"
    )


HELD = {"held": "1", **{column: f"(kind = '{kind}')::INTEGER" for column, kind in HELD_KINDS.items()}}
STARTED = {"situations": "1", **{column: f"category = '{c}'" for column, c in STARTED_CATEGORIES.items()}}
COTRAITANCE = {"cot_entry": "true", "cot_benefit": "coalesce(benefit_receiving, false)"}
APPOINTMENTS = {column: f"(status = '{status}')::INTEGER" for column, status in APPOINTMENT_STATUSES.items()}
NOTED = ", ".join(f"'{status}'" for status in APPOINTMENT_STATUSES.values())
FACTS = "\n    UNION ALL\n    ".join(
    [
        _fact("contacts WHERE status = 'present' {and_keys}", "date", HELD),
        _fact(f"contacts WHERE appointment AND status IN ({NOTED}) {{and_keys}}", "date", APPOINTMENTS),
        _fact("propositions {where_keys}", "date", {"proposals": "1"}),
        _fact("situations WHERE start_date <= $reference_date {and_keys}", "start_date", STARTED),
        _fact("jeunes {where_keys}", "first_reception_date", {"first_reception": "true"}),
        _fact("cotraitance {where_keys}", "entry_date", COTRAITANCE),
    ]
)

YP_MONTH_SQL = f"""
INSERT INTO yp_month
SELECT yp_key, any_value(ml_code), any_value(region_code), month,
    sum(held)::INTEGER, sum(held_individual)::INTEGER, sum(held_group)::INTEGER,
    sum(held_workshop)::INTEGER, sum(proposals)::INTEGER, sum(situations)::INTEGER,
    sum(appt_present)::INTEGER, sum(appt_absent)::INTEGER, sum(appt_excused)::INTEGER,
    bool_or(first_reception), bool_or(sit_emploi), bool_or(sit_alternance), bool_or(sit_formation),
    bool_or(cot_entry), bool_or(cot_benefit)
FROM (
    {FACTS}
) facts
GROUP BY yp_key, month
"""

YP_WINDOW_SQL = f"""
INSERT INTO yp_window
SELECT yp_key, any_value(ml_code), any_value(region_code), year,
    bit_or(CASE WHEN held > 0 THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    bit_or(CASE WHEN first_reception THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    bit_or(CASE WHEN sit_emploi THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    bit_or(CASE WHEN sit_alternance THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    bit_or(CASE WHEN sit_formation THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    bit_or(CASE WHEN cot_entry THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    bit_or(CASE WHEN cot_benefit THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    bit_or(CASE WHEN held_individual > 0 THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    -- profil des premiers accueils (niveau et zones du dossier à la date de l'extraction)
    bit_or(CASE WHEN first_reception AND j.education_level IN ({INFRA_V}) THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    bit_or(CASE WHEN first_reception AND j.education_level IN ({NO_BAC}) THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    bit_or(CASE WHEN first_reception AND (j.in_qpv OR j.in_zrr OR j.is_rural) THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    bit_or(CASE WHEN first_reception AND j.in_qpv THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    bit_or(CASE WHEN first_reception AND j.in_zrr THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    bit_or(CASE WHEN first_reception AND j.is_rural THEN {WINDOW_BIT} ELSE 0 END)::INTEGER
FROM (
    SELECT *, unnest([year(month), year(month) + 1]) AS year FROM yp_month
    WHERE (held > 0 OR first_reception OR sit_emploi OR sit_alternance OR sit_formation OR cot_entry)
    {{and_keys}}
) m
LEFT JOIN (SELECT yp_key AS profile_key, education_level, in_qpv, in_zrr, is_rural FROM jeunes) j
    ON j.profile_key = m.yp_key
GROUP BY yp_key, year
"""

PROG_WINDOW_SQL = f"""
INSERT INTO prog_window
SELECT yp_key, any_value(ml_code), any_value(region_code), programme, year,
    bit_or(CASE WHEN entered THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    bit_or({WINDOW_BIT})::INTEGER,
    bit_or(CASE WHEN exited THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    bit_or(CASE WHEN exited AND exit_outcome = 'emploi' THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    bit_or(CASE WHEN exited AND exit_outcome = 'emploi' AND exit_durable THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    bit_or(CASE WHEN exited AND exit_outcome = 'alternance' THEN {WINDOW_BIT} ELSE 0 END)::INTEGER,
    bit_or(CASE WHEN exited AND exit_outcome = 'formation' THEN {WINDOW_BIT} ELSE 0 END)::INTEGER
FROM (
    SELECT *, unnest([year(month), year(month) + 1]) AS year FROM (
        SELECT p.*, month,
            month = date_trunc('month', entry_date) AS entered,
            exit_date IS NOT NULL AND month = date_trunc('month', exit_date) AS exited
        FROM (
            SELECT *, unnest(generate_series(date_trunc('month', entry_date),
                date_trunc('month', coalesce(exit_date, greatest(entry_date, $reference_date))),
                INTERVAL 1 MONTH))::DATE AS month
            FROM programmes WHERE entry_date IS NOT NULL {{and_keys}}
        ) p
    )
) m
GROUP BY yp_key, programme, year
"""

ML_MONTH_SQL = """
INSERT INTO ml_month
SELECT ml_code, any_value(region_code), month, sum(held)::INTEGER, sum(held_individual)::INTEGER,
    sum(held_group)::INTEGER, sum(held_workshop)::INTEGER, sum(proposals)::INTEGER,
    sum(situations)::INTEGER, sum(appt_present)::INTEGER, sum(appt_absent)::INTEGER,
    sum(appt_excused)::INTEGER
FROM yp_month {where_mls}
GROUP BY ml_code, month
"""

KEYS = "yp_key IN (SELECT yp_key FROM changed_keys)"
MLS = "ml_code IN (SELECT ml_code FROM changed_mls)"


def _upgrade(con):
    """Un entrepôt d'avant les colonnes de profil de ``yp_window`` : la table est recréée (vide) ;
    renvoie True s'il faut alors tout recalculer."""
    columns = {
        row[0]
        for row in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'yp_window'"
        ).fetchall()
    }
    if not columns or "first_rural" in columns:
        return False
    con.execute("DROP TABLE yp_window")
    con.execute(next(ddl for ddl in schema.OTHER_DDL if "TABLE IF NOT EXISTS yp_window" in ddl))
    return True


def rebuild(con, reference_date, keys=False, mls=False):
    """Recalcule les résumés : tout, ou seulement les jeunes de ``changed_keys``."""
    if _upgrade(con):
        keys = mls = False
    where_keys = f"WHERE {KEYS}" if keys else ""
    and_keys = f"AND {KEYS}" if keys else ""
    if keys:
        for table in ("yp_window", "prog_window"):
            con.execute(f"CREATE OR REPLACE TEMP TABLE old_{table} AS SELECT * FROM {table} {where_keys}")
    for table in ("yp_month", "yp_window", "prog_window"):
        con.execute(f"DELETE FROM {table} {where_keys}")
    # Une situation compte à partir de sa date de début : un projet (état « prévu ») n'est pas un résultat.
    con.execute(
        YP_MONTH_SQL.format(where_keys=where_keys, and_keys=and_keys), {"reference_date": reference_date}
    )
    con.execute(YP_WINDOW_SQL.format(and_keys=and_keys))
    con.execute(PROG_WINDOW_SQL.format(and_keys=and_keys), {"reference_date": reference_date})
    where_mls = f"WHERE {MLS}" if mls else ""
    con.execute(f"DELETE FROM ml_month {where_mls}")
    con.execute(ML_MONTH_SQL.format(where_mls=where_mls))
    if keys:
        changed = " UNION ".join(
            f"""SELECT DISTINCT ml_code, year FROM (
                (SELECT * FROM old_{table} EXCEPT ALL SELECT * FROM {table} {where_keys})
                UNION ALL (SELECT * FROM {table} {where_keys} EXCEPT ALL SELECT * FROM old_{table}))"""
            for table in ("yp_window", "prog_window")
        )
        con.execute(f"CREATE OR REPLACE TEMP TABLE changed_pairs AS {changed}")
    ranges.rebuild(con, pairs=keys)
