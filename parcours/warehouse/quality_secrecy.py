"""Secret statistique des mesures de qualité des données : les règles du tableau de bord (``secrecy``).

Un nombre d'anomalies de 1 à 4 d'une mission locale (ou d'une région, de la nation) est masqué « < 5 »
pour qui n'est pas du personnel de cette mission locale ; le taux qui l'accompagne aussi (avec le nombre
de dossiers contrôlés, il le redonnerait). Une région est la somme de ses missions locales et la nation
celle de ses régions : le masquage secondaire empêche de retrouver un masque par soustraction. Le
masquage est calculé une fois par extraction sur tout l'arbre, donc le même sur chaque page.
"""

from parcours import secrecy
from parcours.warehouse import quality
from parcours.warehouse.indicators.engine import NATION, referential


def pattern(con, extraction_id, hideable):
    """{(périmètre, contrôle): PRIMARY | SECONDARY | HIDDEN} des nombres d'anomalies masqués."""
    mls, regions = referential(con)
    per_ml = quality.by_ml(con, extraction_id)
    masks = {}
    for check in quality.CHECKS:
        values = {("ml", code): per_ml.get(code, {}).get(check.code, (0, 0))[0] for code in mls}
        relations = []
        for region in regions:
            parts = [("ml", code) for code, ml in mls.items() if ml["region_code"] == region]
            values[("region", region)] = sum(values[part] for part in parts)
            relations.append((("region", region), parts))
        values[NATION] = sum(values[("region", region)] for region in regions)
        relations.append((NATION, [("region", region) for region in regions]))
        for scope, reason in secrecy.suppress(values, relations, hideable).items():
            masks[(scope, check.code)] = reason
    return masks


class QualityMasks:
    """Les masques vus par un lecteur (``presentation.Secrecy``) pour les extractions demandées."""

    def __init__(self, con, reader_secrecy):
        self.con, self.applies, self.patterns = con, reader_secrecy.applies, {}

    def reason(self, extraction_id, scope, check_code):
        if extraction_id not in self.patterns:
            self.patterns[extraction_id] = pattern(self.con, extraction_id, self.applies)
        return self.patterns[extraction_id].get((scope, check_code))

    def report(self, rows, scope):
        """Les lignes de ``quality.report`` du périmètre, nombres et taux masqués remplacés par leur masque."""
        for row in rows:
            for key in ("latest", "previous"):
                measure = row[key]
                reason = measure and self.reason(measure["extraction"], scope, row["check"].code)
                if reason:
                    row[key] = {**measure, "anomalies": secrecy.mask_text(reason), "rate": None}
                    row["trend"] = None
        return rows

    def cell(self, extraction_id, scope, check_code, anomalies, total):
        """(anomalies, taux) d'une case du détail, masquée au besoin."""
        reason = self.reason(extraction_id, scope, check_code) if extraction_id is not None else None
        if reason:
            return secrecy.mask_text(reason), "—"
        rate = f"{100 * anomalies / total:.1f}".replace(".", ",") + "\u00a0%" if total else "—"
        return anomalies, rate


def latest_extraction(con):
    return con.execute("SELECT max(extraction_id) FROM qualite_historique").fetchone()[0]
