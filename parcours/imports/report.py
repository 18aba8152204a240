"""Rapport d'un import : une erreur par problème (ligne, colonne, message ; le fichier s'il y en a plusieurs)."""

from dataclasses import dataclass, field

from parcours.exports import CsvWriter


@dataclass(frozen=True)
class LineError:
    line: int | None
    column: str
    message: str
    file: str = ""  # import d'un dossier de plusieurs fichiers : le fichier de la ligne

    def __str__(self):
        """« jeunes.csv, ligne 3, colonne nom : … » pour un import de plusieurs fichiers ; sinon
        « Ligne 3, colonne « nom » : … », ou « Fichier : … » pour une erreur du fichier entier."""
        if self.file:
            where = f"{self.file}, ligne {self.line}"
            where += f", colonne {self.column}" if self.column else ""
        else:
            where = f"Ligne {self.line}" if self.line else "Fichier"
            where += f", colonne « {self.column} »" if self.column else ""
        return f"{where} : {self.message}"


@dataclass
class ImportReport:
    """Ce qu'un import rend : ses erreurs (aucune : il peut écrire) ; chaque import y ajoute ses comptes."""

    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def add_error(self, line, column, message, file=""):
        self.errors.append(LineError(line, column, message, file))

    def write_errors(self, stream, header, attributes, errors=None):
        """Les erreurs en CSV (« ; », chaque texte neutralisé contre les formules) : l'en-tête ``header``,
        puis pour chaque erreur ses ``attributes`` (``line``, ``column``, ``message``, ``file``)."""
        writer = CsvWriter(stream)
        writer.writerow(header)
        writer.writerows(
            [getattr(error, name) for name in attributes]
            for error in (self.errors if errors is None else errors)
        )
