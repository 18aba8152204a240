"""Règles de l'agenda, indépendantes de la base : chevauchements, créneaux libres, semaine affichée.

Un rendez-vous *est* le contact planifié (``accompaniment.Contact`` : un seul fait, saisi une fois) ; ces
règles ne voient que des intervalles ``(début, fin)`` en minutes depuis minuit.
"""

import datetime

# Horizon d'un rendez-vous : règle de l'accompagnement (un contact planifié), reprise ici pour l'agenda.
from parcours.accompaniment.rules import HORIZON
from parcours.accompaniment.rules import HORIZON_TEXT as HORIZON_TEXT
from parcours.accompaniment.rules import beyond_horizon as beyond_horizon

#: Heures d'ouverture par défaut d'un site (règle) : 9 h – 12 h 30 et 13 h 30 – 17 h 30.
OPENING_HOURS = ((datetime.time(9, 0), datetime.time(12, 30)), (datetime.time(13, 30), datetime.time(17, 30)))
#: Durée proposée d'un rendez-vous et pas des créneaux libres affichés.
DEFAULT_DURATION = 30
#: Jours affichés dans une semaine d'agenda : du lundi au vendredi.
WORKING_DAYS = 5
#: L'agenda remonte au plus trente ans en arrière.
PAST_SHOWN = datetime.timedelta(days=30 * 366)


def shown_day(day, today):
    """Le jour affiché quand ``day`` est demandé : aujourd'hui s'il sort de ce que l'agenda couvre (une adresse
    ``?jour=9999-12-31`` tapée à la main, dont le lendemain n'existe pas dans le calendrier)."""
    return day if today - PAST_SHOWN <= day <= today + HORIZON else today


def minutes(time):
    return time.hour * 60 + time.minute


def as_time(total_minutes):
    return datetime.time(total_minutes // 60, total_minutes % 60)


def interval(start, duration):
    """(début, fin) en minutes d'un rendez-vous commençant à ``start`` (heure) et durant ``duration`` minutes."""
    first = minutes(start)
    return first, first + duration


def overlaps(first, second):
    """Deux intervalles se chevauchent s'ils partagent au moins une minute (bout à bout : non)."""
    return first[0] < second[1] and second[0] < first[1]


def free_slots(busy, *, opening=OPENING_HOURS, duration=DEFAULT_DURATION, after=None):
    """Créneaux libres de ``duration`` minutes dans les heures d'ouverture, hors des intervalles ``busy``.

    Les créneaux partent de l'ouverture et de la fin de chaque rendez-vous ; ``after`` (heure) écarte ce qui
    commence avant (le reste de la journée en cours). Renvoie des heures de début.
    """
    busy = sorted(busy)
    floor = minutes(after) if after is not None else 0
    slots = []
    for open_at, close_at in opening:
        cursor, close = minutes(open_at), minutes(close_at)
        while cursor + duration <= close:
            candidate = (cursor, cursor + duration)
            clash = [b for b in busy if overlaps(candidate, b)]
            if clash:
                cursor = max(end for _, end in clash)
                continue
            if cursor >= floor:
                slots.append(as_time(cursor))
            cursor += duration
    return slots


def week_of(day):
    """Les jours ouvrés (lundi–vendredi) de la semaine de ``day``."""
    monday = day - datetime.timedelta(days=day.weekday())
    return [monday + datetime.timedelta(days=n) for n in range(WORKING_DAYS)]
