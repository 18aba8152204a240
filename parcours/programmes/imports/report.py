"""Rapport de l'import d'un dossier : une erreur par problème (fichier, ligne, colonne, message)."""

from dataclasses import dataclass, field

from parcours.imports.report import ImportReport as BaseReport

REPORT_HEADER = ("fichier", "ligne", "colonne", "message")


@dataclass
class FileCounts:
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport(BaseReport):
    warnings: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)  # nom de fichier -> FileCounts
    written: bool = False

    def add(self, file, line, column, message):
        self.add_error(line, column, message, file=file)

    def sorted_errors(self):
        """Dans l'ordre d'import des fichiers, puis des lignes."""
        from parcours.programmes.imports.columns import FILES

        order = {spec.name: position for position, spec in enumerate(FILES)}
        return sorted(self.errors, key=lambda e: (order.get(e.file, -1), e.line, e.column))

    def write_csv(self, path):
        """Écrit le rapport en CSV (UTF-8 avec BOM, « ; ») : il s'ouvre tel quel dans un tableur."""
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            self.write_errors(
                handle, REPORT_HEADER, ("file", "line", "column", "message"), self.sorted_errors()
            )
