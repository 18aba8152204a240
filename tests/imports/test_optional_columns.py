"""Chaque colonne facultative peut manquer : l'import passe, avec la valeur par défaut du champ.

Lancé sur SQLite et sur PostgreSQL (DATABASE_URL) ; aucun message ne contient de donnée personnelle.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from parcours.programmes.imports import columns
from tests.imports.csvfiles import counts, drop_column, read
from tests.imports.personal import assert_no_personal_data

OPTIONAL_COLUMNS = [
    (spec, column)
    for spec in columns.FILES
    for column in spec.columns
    if not column.required and column.name != columns.ML_COLUMN
]

#: Colonnes facultatives sous condition : sans elles, les lignes d'exemple qui en ont besoin (et elles
#: seules) sont refusées, avec le message de la règle.
EXPECTED_ERRORS = {
    ("jeunes.csv", "motif_archivage"): [
        "jeunes.csv, ligne 5, colonne motif_archivage : Un dossier archivé a une date et un motif d'archivage."
    ],
    ("jeunes.csv", "date_archivage"): [
        "jeunes.csv, ligne 5, colonne motif_archivage : Un dossier archivé a une date et un motif d'archivage."
    ],
    ("situations.csv", "type"): [
        "situations.csv, ligne 2, colonne type : Précisez le type de « Contrat en alternance ».",
        "situations.csv, ligne 4, colonne type : Précisez le type de « Emploi ».",
        "situations.csv, ligne 5, colonne type : Précisez le type de « Emploi ».",
    ],
    ("inscriptions.csv", "cohorte"): [
        "inscriptions.csv, ligne 5, colonne cohorte : Garantie jeunes fonctionne par cohortes : choisissez la "
        "cohorte du jeune."
    ],
    ("inscriptions.csv", "date_sortie"): [
        f"inscriptions.csv, ligne {line}, colonne motif_sortie : Une sortie a une date et un motif."
        for line in (2, 3, 4, 5)
    ],
    ("inscriptions.csv", "motif_sortie"): [
        f"inscriptions.csv, ligne {line}, colonne motif_sortie : Une sortie a une date et un motif."
        for line in (2, 3, 4, 5)
    ],
    ("situations.csv", "date_fin"): [
        "situations.csv, ligne 3, colonne date_fin : Une situation terminée a une date de fin.",
        "situations.csv, ligne 5, colonne date_fin : Une situation terminée a une date de fin.",
    ],
}


def launch(folder, *args):
    """Lance l'import ; renvoie (réussi, texte affiché et motif d'un refus)."""
    out = StringIO()
    try:
        call_command("importer_dossiers", str(folder), *args, verbosity=0, stdout=out)
    except CommandError as exc:
        return False, out.getvalue() + str(exc)
    return True, out.getvalue()


@pytest.mark.parametrize(
    ("spec", "column"),
    OPTIONAL_COLUMNS,
    ids=[f"{spec.name}:{column.name}" for spec, column in OPTIONAL_COLUMNS],
)
@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "verifier"])
def test_each_optional_column_can_be_absent(folder, spec, column, dry_run):
    drop_column(folder / spec.name, column.name)
    lines = len(read(folder / spec.name)) - 1
    expected = EXPECTED_ERRORS.get((spec.name, column.name))

    ok, output = launch(folder, *(["--verifier"] if dry_run else []))

    assert_no_personal_data(output, folder)
    if expected:
        assert not ok
        plural = "s" if len(expected) > 1 else ""
        assert output.splitlines() == [
            *expected,
            f"Import refusé : {len(expected)} erreur{plural}. Rien n'a été enregistré ; corrigez les fichiers "
            "et relancez.",
        ]
        assert set(counts().values()) == {0}
        return
    assert ok, output
    if dry_run:
        assert f"{spec.name} : {lines} lignes valides" in output
        assert set(counts().values()) == {0}
        return
    model = spec.model
    if column.kind == columns.PHASES:  # sans la colonne : la première phase seule, ouverte à l'entrée
        assert [
            (e.phases.count(), e.phases.get().phase.order, e.phases.get().start_date)
            for e in model.objects.all()
        ] == [(1, 1, e.entry_date) for e in model.objects.all()]
        return
    field = model._meta.get_field(column.field)
    assert model.objects.count() == lines
    assert list(model.objects.values_list(field.attname, flat=True)) == [field.get_default()] * lines
