"""Outils des tests d'import : modifier les fichiers CSV, lancer la commande, photographier la base."""

import csv
import hashlib
from io import StringIO

from django.core.management import call_command

from parcours.accompaniment.models import Contact, Proposal, Situation
from parcours.programmes.models import Cohort, Enrolment, EnrolmentPhase
from parcours.young_people.models import ReferentAssignment, YoungPerson


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def write(path, rows, encoding="utf-8", lineterminator="\n"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator=lineterminator).writerows(rows)


def set_cell(path, line, column, value):
    """Remplace la cellule de la ligne ``line`` (l'en-tête est la ligne 1) et de la colonne nommée."""
    rows = read(path)
    rows[line - 1][rows[0].index(column)] = value
    write(path, rows)


def drop_column(path, column):
    rows = read(path)
    index = rows[0].index(column)
    write(path, [row[:index] + row[index + 1 :] for row in rows])


def rename_column(path, old, new):
    rows = read(path)
    rows[0][rows[0].index(old)] = new
    write(path, rows)


def append_row(path, values):
    """Ajoute une ligne donnée par colonne (les autres vides) ; renvoie son numéro de ligne."""
    rows = read(path)
    rows.append([values.get(name, "") for name in rows[0]])
    write(path, rows)
    return len(rows)


def run(folder, *args):
    """Lance la commande ; renvoie sa sortie."""
    out = StringIO()
    call_command("importer_dossiers", str(folder), *args, verbosity=0, stdout=out)
    return out.getvalue()


MODELS = (
    YoungPerson,
    YoungPerson.history.model,
    ReferentAssignment,
    Contact,
    Proposal,
    Situation,
    Enrolment,
    EnrolmentPhase,
    Cohort,
)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def checksum():
    """Empreinte de toutes les valeurs des jeunes, contacts, propositions, situations et de leur historique."""
    digest = hashlib.sha256()
    for model in MODELS:
        for row in model.objects.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()
