"""Relecture d'un fichier déjà vérifié, avant de l'écrire : chaque ligne doit se relire à l'identique."""

from parcours.programmes.imports.cells import RowConverter
from parcours.programmes.imports.report import ImportReport


class InconsistentImport(Exception):
    """Une ligne vérifiée ne se relit plus à l'identique (fichier modifié pendant l'import)."""


class VerifiedFileWriter:
    """Base des écritures d'un fichier vérifié : ses lignes sont reconverties, sans erreur attendue."""

    def __init__(self, spec, lookups, counts):
        self.spec = spec
        self.lookups = lookups
        self.counts = counts
        self.scratch = ImportReport()
        self.converter = RowConverter(spec, lookups, self.scratch)

    def reread(self, rows):
        """Les lignes converties ; lève ``InconsistentImport`` si l'une ne passe plus la vérification."""
        parsed_rows = [self.converter.convert(row) for row in rows]
        if self.scratch.errors or not all(p.valid for p in parsed_rows):
            raise InconsistentImport(f"{self.spec.name} a changé depuis sa vérification.")
        return parsed_rows
