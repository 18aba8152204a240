"""Base des commandes de gestion de Parcours : aide et erreurs d'arguments en français.

Django et argparse écrivent en anglais ce qui entoure nos textes (« usage: », « show this help message
and exit », « the following arguments are required ») ; ``Command`` le traduit et cache de l'aide les
options techniques de Django (``--settings``, ``--traceback``…), qui restent utilisables.
"""

import argparse
import re
import sys

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter
from tqdm import tqdm

ERRORS = [
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (r"unrecognized arguments: (.*)", r"arguments inconnus : \1"),
    (
        r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)",
        r"argument \1 : choix invalide \2 (au choix : \3)",
    ),
    (r"argument (\S+): invalid \w+ value: (.*)", r"argument \1 : valeur invalide \2"),
    (r"argument (\S+): expected one argument", r"argument \1 : une valeur est attendue"),
    (r"argument (\S+): not allowed with argument (\S+)", r"argument \1 : incompatible avec \2"),
]


def french_error(message):
    for pattern, replacement in ERRORS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class FrenchHelpFormatter(DjangoHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="utilisation : ")


class Command(BaseCommand):
    suppressed_base_arguments = {
        "--version",
        "--settings",
        "--pythonpath",
        "--traceback",
        "--no-color",
        "--force-color",
    }

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser._positionals.title = "arguments"
        for action in parser._actions:
            if action.dest == "help":
                action.help = "Affiche cette aide."
            elif action.dest == "skip_checks":
                action.help = argparse.SUPPRESS
            elif action.dest == "verbosity":
                action.help = (
                    "Niveau de détail : 0 = silencieux (ni barre de progression ni bilan), 1 = normal."
                )

        def error(message):
            message = french_error(message)
            if not parser.called_from_command_line:
                raise CommandError(f"Erreur : {message}")
            parser.print_usage(sys.stderr)
            parser.exit(2, f"{parser.prog} : erreur : {message}\n")

        parser.error = error
        return parser

    def progress_bar(self, verbosity):
        """Barre de progression des traitements par lots, sur la sortie d'erreur (aucune avec ``-v 0``) :
        ``progress(iterable, desc, total=None, unit="ligne")``."""

        def progress(iterable, desc, total=None, unit="ligne"):
            return tqdm(
                iterable,
                desc=desc,
                total=total,
                unit=f" {unit}",
                file=self.stderr,
                disable=verbosity == 0,
                mininterval=1,
            )

        return progress
