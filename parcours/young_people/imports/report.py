"""Rapport d'erreurs de l'import : une ligne par erreur (fichier, ligne, colonne, message)."""

from dataclasses import dataclass, field

from parcours.exports import CsvWriter

REPORT_HEADER = ("fichier", "ligne", "colonne", "message")


@dataclass(frozen=True, order=True)
class LineError:
    file: str
    line: int
    column: str
    message: str

    def __str__(self):
        where = f"{self.file}, ligne {self.line}"
        if self.column:
            where += f", colonne {self.column}"
        return f"{where} : {self.message}"


@dataclass
class FileCounts:
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)  # nom de fichier -> FileCounts
    written: bool = False

    def add(self, file, line, column, message):
        self.errors.append(LineError(file, line, column, message))

    @property
    def ok(self):
        return not self.errors

    def sorted_errors(self):
        """Dans l'ordre d'import des fichiers, puis des lignes."""
        from parcours.young_people.imports.columns import FILES

        order = {spec.name: position for position, spec in enumerate(FILES)}
        return sorted(self.errors, key=lambda e: (order.get(e.file, -1), e.line, e.column))

    def write_csv(self, path):
        """Écrit le rapport en CSV (UTF-8 avec BOM, « ; ») : il s'ouvre tel quel dans un tableur."""
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = CsvWriter(handle)
            writer.writerow(REPORT_HEADER)
            for error in self.sorted_errors():
                writer.writerow((error.file, error.line, error.column, error.message))
