"""Base des commandes de gestion de Parcours : aide et erreurs d'arguments en français.

Django et argparse écrivent en anglais ce qui entoure nos textes (« usage: », « show this help message
and exit », « the following arguments are required ») ; ``Command`` le traduit et cache de l'aide les
options techniques de Django (``--settings``, ``--traceback``…), qui restent utilisables.
"""

import argparse
import datetime
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
        """Barre de progression des traitements par lots, sur la sortie d'erreur (aucune avec ``-v 0``). Elle écrit
        sur le flux enveloppé par ``self.stderr`` : l'``OutputWrapper`` de Django finit chaque écriture par une fin
        de ligne, et chaque rafraîchissement de la barre (« \\r ») devenait une ligne."""
        return progress_bar(getattr(self.stderr, "_out", self.stderr), disabled=verbosity == 0)


def progress_bar(stream=None, disabled=False, unit="ligne"):
    """La barre de progression de Parcours (commandes, imports, générateur) :
    ``progress(iterable, desc, total=None, unit=…)`` ; ``stream`` : sortie d'erreur par défaut."""

    def progress(iterable, desc, total=None, unit=unit):
        return tqdm(
            iterable,
            desc=desc,
            total=total,
            unit=f" {unit}",
            file=stream,
            disable=disabled,
            mininterval=1,
            dynamic_ncols=True,
        )

    return progress


def add_seed_argument(parser, default):
    """``--graine`` des générateurs : mêmes options et même graine, mêmes données."""
    parser.add_argument(
        "--graine",
        type=int,
        default=default,
        help=f"Graine du générateur (défaut : {default}) : mêmes options et même graine, mêmes données.",
    )


def add_report_argument(parser, columns):
    """``--rapport`` des imports : le rapport d'erreurs complet en CSV (``columns`` : ses colonnes)."""
    parser.add_argument(
        "--rapport",
        metavar="FICHIER.csv",
        help=f"Écrit aussi le rapport d'erreurs complet dans ce fichier CSV ({columns}).",
    )


#: Formats de date des options de commande : libellé montré -> lecture.
DATE_FORMATS = {
    "AAAA-MM-JJ": datetime.date.fromisoformat,
    "JJ/MM/AAAA": lambda text: datetime.datetime.strptime(text, "%d/%m/%Y").date(),
}


def parse_date(text, date_format="AAAA-MM-JJ"):
    """Date d'une option de commande ; ``CommandError`` en français si elle est illisible."""
    try:
        return DATE_FORMATS[date_format](text)
    except ValueError as error:
        raise CommandError(f"Date invalide : « {text} » (format {date_format}).") from error


def iso_date(text):
    """``type=`` d'une option AAAA-MM-JJ."""
    return parse_date(text)


def french_date(text):
    """``type=`` d'une option JJ/MM/AAAA."""
    return parse_date(text, "JJ/MM/AAAA")
