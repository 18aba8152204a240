"""Écriture tout ou rien : une transaction, annulée à la première erreur ou en vérification seule."""

from django.db import transaction


class _Cancelled(Exception):
    """Annule la transaction : une erreur est au rapport, ou ce n'était qu'une vérification."""


def write_all_or_nothing(write, report, dry_run=False):
    """Appelle ``write()`` dans une transaction ; l'annule si ``write`` a ajouté une erreur au rapport ou
    si ``dry_run`` (les règles qui lisent la base à jour ont alors été vérifiées). Renvoie vrai si la base a
    été modifiée. Une exception de ``write`` annule aussi tout, et remonte."""
    try:
        with transaction.atomic():
            write()
            if report.errors or dry_run:
                raise _Cancelled
    except _Cancelled:
        return False
    return True
