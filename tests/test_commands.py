"""Toutes les commandes de Parcours s'expliquent et se plaignent en français."""

import io

import pytest
from django.core.management import CommandError, call_command, get_commands, load_command_class

from parcours.commands import Command

OURS = sorted((name, app) for name, app in get_commands().items() if app.startswith("parcours."))
ENGLISH = ("usage:", "show this help", "Verbosity level", "settings module", "stack trace", "system checks")


def test_every_batch_job_has_a_command():
    assert {name for name, _ in OURS} >= {
        "charger_demo",
        "generer_donnees",
        "importer_dossiers",
        "importer_orientations",
        "exporter_jalons",
        "entrepot_extraire",
        "entrepot_generer_nation",
        "indicateurs",
        "bilan_partenariats",
    }


@pytest.mark.parametrize(("name", "app"), OURS)
def test_help_is_french(name, app):
    text = load_command_class(app, name).create_parser("manage.py", name).format_help()
    assert text.startswith(f"utilisation : manage.py {name}")
    assert "Affiche cette aide." in text and "Niveau de détail" in text
    assert not [word for word in ENGLISH if word in text]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ([], "Erreur : arguments obligatoires manquants : --annee"),
        (["--annee", "deux-mille"], "Erreur : argument --annee : valeur invalide 'deux-mille'"),
        (["--annee", "2025", "--par", "mois"], "Erreur : argument --par : choix invalide 'mois' (au choix :"),
        (
            ["--annee", "2025", "--region", "32", "--ml", "59001"],
            "argument --ml : incompatible avec --region",
        ),
    ],
)
def test_argument_errors_are_french(arguments, message):
    with pytest.raises(CommandError) as error:
        call_command("bilan_partenariats", *arguments)
    assert str(error.value).startswith(message) or message in str(error.value)


def test_the_progress_bar_redraws_one_line_on_the_error_stream():
    """``self.stderr`` (OutputWrapper de Django) ajoute une fin de ligne à chaque écriture : la barre, qui se
    redessine par « \\r », doit écrire sur le flux lui-même, sinon chaque rafraîchissement fait une ligne."""
    stream = io.StringIO()
    command = Command(stderr=stream)
    progress = command.progress_bar(verbosity=1)
    for _ in progress(range(3), "Essai", total=3):
        pass
    written = stream.getvalue()
    assert "Essai: 100%" in written and written.count("\n") == 1, repr(written)
    silent = io.StringIO()
    list(Command(stderr=silent).progress_bar(verbosity=0)(range(3), "Essai"))
    assert silent.getvalue() == ""
