"""Données synthétiques de l'agenda.

- ``generate(ctx)`` (appelé par ``generer_donnees``) : en démonstration, la semaine des conseillers de démonstration ;
- ``generate_appointments(total, …)`` : un grand volume de rendez-vous d'agenda (banc ``bench/agenda.py``),
  écrit par PostgreSQL lui-même (``INSERT … SELECT generate_series``), une semaine à la fois.

Les rendez-vous en volume sont réalistes sans être exacts : chaque conseiller qui a un portefeuille reçoit, chaque
jour ouvré d'une année centrée sur ``today``, des rendez-vous d'une demi-heure sur une grille de 14 créneaux
(9 h – 12 h 30, 13 h 30 – 17 h), avec un jeune de son portefeuille ; surtout au siège de sa mission locale, parfois
dans une antenne, une permanence ou un point relais, ou à distance (téléphone, visio). Les jours passés : tenus,
absents, excusés, annulés ou reportés ; aujourd'hui et ensuite : planifiés, quelques annulés ou reportés.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

from parcours.accompaniment.models import Contact
from parcours.agenda import demo
from parcours.imports.batches import batched, no_progress
from parcours.referential.models import Site
from parcours.young_people.models import YoungPerson

#: Créneaux de la grille d'une journée (minutes depuis minuit) : 9 h – 12 h et 13 h 30 – 17 h, toutes les 30 min.
GRID = [9 * 60 + 30 * k for k in range(7)] + [13 * 60 + 30 + 30 * k for k in range(7)]
#: Statuts d'un jour passé et d'un jour à venir : (statut, part cumulée).
PAST = [("present", 0.72), ("absent", 0.86), ("excuse", 0.92), ("annule", 0.97), ("reporte", 1.0)]
FUTURE = [("planifie", 0.93), ("annule", 0.98), ("reporte", 1.0)]
SUBJECTS = [
    "emploi",
    "formation",
    "projet_professionnel",
    "logement",
    "mobilite",
    "droits",
    "numerique",
    "sante",
]


def generate(ctx):
    if not ctx.demo:
        return
    created = demo.fill_week(ctx.today, ctx.rng)
    ctx.write(f"Agenda de démonstration : {created} rendez-vous cette semaine.")


def _case(column, shares):
    whens = " ".join(f"WHEN {column} < {share} THEN '{status}'" for status, share in shares[:-1])
    return f"CASE {whens} ELSE '{shares[-1][0]}' END"


def generate_appointments(total, seed, today, days=365, progress=None):
    """Écrit un peu plus de ``total`` rendez-vous (PostgreSQL), puis retire l'excédent au hasard : ``total``.

    ``progress(iterable, desc, total=None, unit=…)`` : barre de progression (``parcours.commands.progress_bar``).
    Renvoie (conseillers qui ont reçu des rendez-vous, rendez-vous écrits).
    """
    if connection.vendor != "postgresql":
        raise ImproperlyConfigured("Le volume de rendez-vous s'écrit sur PostgreSQL (generate_series).")
    first = today - datetime.timedelta(days=days // 2)
    weekdays = [first + datetime.timedelta(days=n) for n in range(days) if (first.weekday() + n) % 7 < 5]
    contact = Contact._meta.db_table
    young_person = YoungPerson._meta.db_table
    site = Site._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[
            0
        ]:  # comme generer_donnees : lignes cohérentes par construction, sans contrôle différé
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
        cursor.execute(
            f"""CREATE TEMP TABLE agenda_portfolio ON COMMIT DROP AS
            SELECT referent_id AS counsellor_id, mission_locale_id AS ml_id, id AS young_person_id,
                   row_number() OVER (PARTITION BY referent_id ORDER BY id) AS rn,
                   count(*) OVER (PARTITION BY referent_id) AS size
            FROM {young_person} WHERE archived_at IS NULL AND referent_id IS NOT NULL"""
        )
        cursor.execute("CREATE INDEX ON agenda_portfolio (counsellor_id, rn)")
        cursor.execute(
            f"""CREATE TEMP TABLE agenda_site ON COMMIT DROP AS
            SELECT mission_locale_id AS ml_id, id AS site_id,
                   row_number() OVER (PARTITION BY mission_locale_id ORDER BY kind = 'siege' DESC, id) AS rn,
                   count(*) OVER (PARTITION BY mission_locale_id) AS size
            FROM {site}"""
        )
        cursor.execute("CREATE INDEX ON agenda_site (ml_id, rn)")
        cursor.execute(
            """CREATE TEMP TABLE agenda_holder ON COMMIT DROP AS
            SELECT DISTINCT ON (p.counsellor_id) p.counsellor_id, p.ml_id, p.size,
                   coalesce((SELECT max(s.size) FROM agenda_site s WHERE s.ml_id = p.ml_id), 0) AS sites
            FROM agenda_portfolio p ORDER BY p.counsellor_id"""
        )
        cursor.execute("ANALYZE agenda_portfolio; ANALYZE agenda_holder; ANALYZE agenda_site")
        cursor.execute("SELECT count(*) FROM agenda_holder")
        holders = cursor.fetchone()[0]
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {contact}")
        last_before = cursor.fetchone()[0]
        # Un peu plus que demandé en moyenne (tirages) : l'excédent est retiré à la fin.
        share = min(1.0, total * 1.004 / max(1, holders * len(weekdays) * len(GRID)))
        grid = "ARRAY[" + ", ".join(str(m) for m in GRID) + "]"
        subjects = "ARRAY[" + ", ".join(f"'{s}'" for s in SUBJECTS) + "]"
        insert = f"""
            INSERT INTO {contact} (young_person_id, counsellor_id, date, time, duration, kind, mode, status,
                                   themes, notes, sensitive, site_id, arrived_at, created_at, version, source_id)
            SELECT p.young_person_id, s.counsellor_id, s.day, s.start, 30, 'entretien_individuel', s.mode, s.status,
                   jsonb_build_array(({subjects})[1 + floor(s.r_subject * {len(SUBJECTS)})::int]), '', false,
                   CASE WHEN s.mode = 'sur_site' THEN st.site_id END,
                   CASE WHEN s.status = 'present' THEN
                       ((s.day + s.start) - make_interval(mins => (s.r_arrival * 10)::int)) AT TIME ZONE %(tz)s END,
                   ((s.day - (1 + s.r_arrival * 20)::int) + time '10:00') AT TIME ZONE %(tz)s, 1, ''
            FROM (
                SELECT r.counsellor_id, r.ml_id, r.size, r.sites, r.day,
                       make_time(({grid})[r.k] / 60, ({grid})[r.k] %% 60, 0) AS start,
                       CASE WHEN r.day < %(today)s THEN {_case("r.r_status", PAST)}
                            ELSE {_case("r.r_status", FUTURE)} END AS status,
                       CASE WHEN r.r_mode < 0.82 THEN 'sur_site' WHEN r.r_mode < 0.94 THEN 'telephone'
                            ELSE 'visio' END AS mode,
                       r.r_site, r.r_main, r.r_subject, r.r_arrival, r.r_person
                FROM (  -- tirages dans la liste de sortie : un par ligne (pas de remontée d'une fonction volatile)
                    SELECT h.counsellor_id, h.ml_id, h.size, h.sites, d.day, g.k,
                           random() AS r_keep, random() AS r_status, random() AS r_mode, random() AS r_site,
                           random() AS r_main, random() AS r_subject, random() AS r_arrival, random() AS r_person
                    FROM agenda_holder h
                    CROSS JOIN unnest(%(days)s::date[]) AS d(day)
                    CROSS JOIN generate_series(1, {len(GRID)}) AS g(k)
                ) AS r
                WHERE r.r_keep < %(share)s
            ) AS s
            JOIN agenda_portfolio p
              ON p.counsellor_id = s.counsellor_id AND p.rn = 1 + floor(s.r_person * s.size)::bigint
            LEFT JOIN agenda_site st
              ON st.ml_id = s.ml_id
             AND st.rn = CASE WHEN s.r_main < 0.6 THEN 1 ELSE 1 + floor(s.r_site * s.sites)::bigint END
        """
        weeks = list(batched(weekdays, 5))
        for week in (progress or no_progress)(weeks, "Rendez-vous (semaines)", unit="semaine"):
            cursor.execute(insert, {"tz": settings.TIME_ZONE, "today": today, "days": week, "share": share})
        cursor.execute(f"SELECT count(*) FROM {contact} WHERE id > %s", [last_before])
        excess = cursor.fetchone()[0] - total
        if excess > 0:
            cursor.execute(
                f"""DELETE FROM {contact} WHERE id IN (
                    SELECT id FROM {contact} WHERE id > %s ORDER BY random() LIMIT %s)""",
                [last_before, excess],
            )
    return holders, total + min(0, excess)
