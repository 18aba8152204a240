"""Règle des jeunes en demande d'insertion (JDI, domain.md §8), pure et indépendante de la base.

À une date D, un jeune est JDI s'il a eu au moins un contact tenu dans les cinq mois qui vont jusqu'à
D, le mois de D compris : du 1er du mois M-4 à D, si D tombe dans le mois M. C'est la définition du
catalogue des indicateurs (``jdi``, masque ``Period.jdi_mask``) et celle de la liste « À faire » :
un jeune vu pour la dernière fois le 30/06 est encore compté le 31/10, plus le 30/11 ; il sort du
compte le 01/11.
"""

import datetime

JDI_MONTHS = 5
#: On alerte bien avant la sortie du compte : à 90 jours sans contact tenu (« À faire », accueil, dossier, et la
#: fenêtre des rendez-vous manqués relancés, ``agenda.alerts``).
WARNING_DAYS = 90


def _first_of_month(year, month_index):
    return datetime.date(year + month_index // 12, month_index % 12 + 1, 1)


def counted_since(day):
    """Premier jour des cinq mois qui vont jusqu'à ``day`` (le mois de ``day`` compris)."""
    return _first_of_month(day.year, day.month - 1 - (JDI_MONTHS - 1))


def is_jdi(last_held_contact, day):
    """``last_held_contact`` : date du dernier contact tenu au plus tard à ``day`` (ou None)."""
    return last_held_contact is not None and counted_since(day) <= last_held_contact <= day


def exit_date(last_held_contact):
    """Premier jour où le jeune n'est plus JDI s'il n'a plus de contact tenu."""
    return _first_of_month(last_held_contact.year, last_held_contact.month - 1 + JDI_MONTHS)
