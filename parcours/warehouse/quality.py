"""Qualité des données : contrôles par mission locale (et région), mesurés à chaque extraction.

Chaque contrôle est une requête SQL sur les faits de l'entrepôt qui renvoie, par mission locale,
le nombre d'anomalies et le nombre d'éléments contrôlés ; l'historique donne la tendance.
"""

import dataclasses


@dataclasses.dataclass(frozen=True)
class Check:
    code: str
    label: str
    definition: str
    sql: str  # SELECT ml_code, anomalies, total


CHECKS = [
    Check(
        "champs_manquants",
        "Dossiers avec un champ obligatoire manquant",
        "Dossiers sans code postal, commune, référent, logement ou ressources.",
        "SELECT ml_code, count(*) FILTER (WHERE missing_fields > 0), count(*) FROM jeunes GROUP BY ml_code",
    ),
    Check(
        "dates_impossibles",
        "Dossiers avec une date impossible",
        "Premier accueil futur ou hors de l'âge d'éligibilité (16-25 ans), ou contact tenu daté "
        "dans le futur ou avant le premier accueil.",
        """SELECT j.ml_code, count(*) FILTER (
            WHERE j.impossible_dates OR j.first_reception_date > $today OR c.yp_key IS NOT NULL), count(*)
        FROM jeunes j LEFT JOIN (
            SELECT DISTINCT c.yp_key FROM contacts c JOIN jeunes j2 USING (yp_key)
            WHERE c.status = 'present' AND (c.date > $today OR c.date < j2.first_reception_date)
        ) c USING (yp_key) GROUP BY j.ml_code""",
    ),
    Check(
        "contacts_apres_sortie",
        "Contacts tenus après la sortie du dossier",
        "Contacts au statut « présent » datés après l'archivage du dossier du jeune.",
        """SELECT c.ml_code, count(*) FILTER (WHERE j.archived_on IS NOT NULL AND c.date > j.archived_on),
            count(*) FROM contacts c JOIN jeunes j USING (yp_key) WHERE c.status = 'present'
        GROUP BY c.ml_code""",
    ),
    Check(
        "rendez_vous_sans_presence",
        "Rendez-vous passés sans présence notée",
        "Rendez-vous (contacts pris à une heure donnée) datés d'avant le jour de la mesure et restés "
        "« planifiés » : ni présent, ni absent, ni excusé, ni annulé, ni reporté. Ils manquent au taux "
        "d'absence aux rendez-vous tant que la présence n'est pas notée.",
        """SELECT ml_code, count(*) FILTER (WHERE status = 'planifie'), count(*)
        FROM contacts WHERE appointment AND date < $today GROUP BY ml_code""",
    ),
    Check(
        "doublons_suspects",
        "Doublons suspects",
        "Dossiers dont le nom, le prénom et la date de naissance sont identiques à ceux d'un autre "
        "dossier (comparés sous forme de hachage).",
        """SELECT ml_code, count(*) FILTER (WHERE n > 1), count(*) FROM (
            SELECT ml_code, count(*) OVER (PARTITION BY dup_key) AS n FROM jeunes) GROUP BY ml_code""",
    ),
    Check(
        "situations_sans_fin",
        "Situations sans fin",
        "Situations sans date de fin alors qu'une situation plus récente du même jeune a commencé.",
        # La plus récente situation commencée (à la date de mesure) du jeune : une définition qui ne dépend pas
        # de l'ordre des lignes (deux situations du même jour ne se départagent pas).
        """SELECT ml_code, count(*) FILTER (WHERE end_date IS NULL AND latest_start > start_date), count(*)
        FROM (SELECT ml_code, start_date, end_date,
                max(start_date) FILTER (WHERE start_date <= $today) OVER (PARTITION BY yp_key) AS latest_start
              FROM situations) GROUP BY ml_code""",
    ),
]


def measure(con, extraction_id, today, measured_at):
    for check in CHECKS:
        params = {"today": today} if "$today" in check.sql else {}
        con.execute(
            f"""INSERT INTO qualite_historique
            SELECT $id, $at, q.ml_code, ml.region_code, $code, q.anomalies, q.total
            FROM ({check.sql}) q(ml_code, anomalies, total) JOIN ml USING (ml_code)""",
            {"id": extraction_id, "at": measured_at, "code": check.code, **params},
        )


def report(con, scope):
    """Par contrôle : anomalies, total, taux, et la même mesure aux extractions précédentes."""
    kind, code = scope
    where = {"national": "", "region": "WHERE region_code = $code", "ml": "WHERE ml_code = $code"}[kind]
    params = {"code": code} if code else {}
    rows = con.execute(
        f"""SELECT extraction_id, any_value(measured_at), check_code, sum(anomalies), sum(total)
        FROM qualite_historique {where} GROUP BY extraction_id, check_code ORDER BY extraction_id""",
        params,
    ).fetchall()
    by_check = {check.code: [] for check in CHECKS}
    for extraction_id, at, check_code, anomalies, total in rows:
        if check_code in by_check:
            by_check[check_code].append(
                {
                    "extraction": extraction_id,
                    "at": at,
                    "anomalies": int(anomalies),
                    "total": int(total),
                    "rate": round(100 * anomalies / total, 1) if total else None,
                }
            )
    result = []
    for check in CHECKS:
        history = by_check[check.code][-12:]
        latest = history[-1] if history else None
        previous = history[-2] if len(history) > 1 else None
        trend = None
        if latest and previous and latest["rate"] is not None and previous["rate"] is not None:
            trend = round(latest["rate"] - previous["rate"], 1)
        result.append(
            {"check": check, "latest": latest, "previous": previous, "trend": trend, "history": history}
        )
    return result


def by_ml(con, extraction_id=None):
    """Dernière mesure par mission locale : {ml_code: {check_code: (anomalies, total)}}."""
    if extraction_id is None:
        extraction_id = con.execute("SELECT max(extraction_id) FROM qualite_historique").fetchone()[0]
    result = {}
    for ml_code, check_code, anomalies, total in con.execute(
        "SELECT ml_code, check_code, anomalies, total FROM qualite_historique WHERE extraction_id = ?",
        [extraction_id],
    ).fetchall():
        result.setdefault(ml_code, {})[check_code] = (anomalies, total)
    return result
