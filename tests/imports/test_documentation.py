from django.db.models import CheckConstraint

from parcours.programmes.imports import columns, documentation, records
from tests.imports.conftest import EXAMPLES
from tests.imports.csvfiles import read


def test_the_generated_reference_in_the_documentation_is_up_to_date():
    text = documentation.DOCUMENT.read_text(encoding="utf-8")
    assert documentation.render_reference() in text, (
        "docs/import-dossiers.md n'est plus à jour : lancez « DJANGO_SETTINGS_MODULE=config.settings "
        ".venv/bin/python -m parcours.programmes.imports.documentation »."
    )


def test_every_file_column_and_code_is_documented():
    text = documentation.DOCUMENT.read_text(encoding="utf-8")
    for spec in columns.FILES:
        assert f"### {spec.name}" in text
        for column in spec.columns:
            assert f"| `{column.name}` |" in text
            for code in column.choices.values if column.choices else ():
                assert f"`{code}`" in text or not code


def test_example_files_use_every_column():
    for spec in columns.FILES:
        assert read(EXAMPLES / spec.name)[0] == [column.name for column in spec.columns]


def test_every_check_constraint_is_verified_before_writing():
    """Une nouvelle CheckConstraint sur ces modèles doit avoir son équivalent dans records.CHECKS."""
    for spec in columns.FILES:
        for constraint in spec.model._meta.constraints:
            if isinstance(constraint, CheckConstraint):
                assert constraint.name in records.CHECKS, constraint.name
