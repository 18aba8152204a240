"""Règles de calendrier communes à toutes les applications : durées en mois, jours ouvrés, fin d'un créneau.

Une seule définition pour « au moins 6 mois » (emploi durable, sortie positive), « moins de 2 mois »
(emploi court de la co-traitance) et la fin d'un dispositif ; une seule pour les jours ouvrés, qui
suivent le département de la mission locale (Alsace-Moselle, départements d'outre-mer).
Fonctions pures : aucune ne lit l'horloge ni la base.
"""

import calendar
import datetime
import functools

import holidays

ONE_DAY = datetime.timedelta(days=1)

#: Noms des jours (lundi d'abord, comme ``date.weekday()``) et des mois, en français, sans dépendre de la locale.
DAY_NAMES = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTH_NAMES = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]

#: Pôle emploi devient France Travail le 1er janvier 2024 (loi pour le plein emploi du 18 décembre 2023).
FRANCE_TRAVAIL_SINCE = datetime.date(2024, 1, 1)


def employment_operator(on=None):
    """Le nom de l'opérateur public de l'emploi à une date : « Pôle emploi » avant 2024, « France Travail »
    ensuite ; sans date (le présent), « France Travail »."""
    if isinstance(on, datetime.datetime):
        on = on.date()
    if on is not None and on < FRANCE_TRAVAIL_SINCE:
        return "Pôle emploi"
    return "France Travail"


def add_months(date, months):
    """Même quantième ``months`` mois plus tard, ramené au dernier jour du mois s'il n'existe pas (31/01 + 1 = 28/02)."""
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def period_end(start, months):
    """Dernier jour d'une période de ``months`` mois qui commence le ``start`` (bornes comprises).

    De quantième à quantième : la veille du même quantième ``months`` mois plus tard (01/01 + 6 mois :
    30/06 ; 15/01 + 1 mois : 14/02) ; si ce quantième n'existe pas dans le mois d'arrivée, le dernier
    jour de ce mois (31/01 + 1 mois : 28/02, ou 29/02 une année bissextile ; 31/08 + 6 mois : 28/02).
    """
    arrival = add_months(start, months)
    if arrival.day < start.day:  # quantième ramené à la fin du mois : la période court jusqu'à ce jour
        return arrival
    return arrival - ONE_DAY


def lasts_at_least(start, end, months):
    """La période du ``start`` au ``end`` compris dure au moins ``months`` mois (fin inconnue : non)."""
    if start is None or end is None:
        return False
    return end >= period_end(start, months)


def short_date(value):
    """Une date en JJ/MM/AAAA (``|date:"d/m/Y"`` des gabarits), vide si elle manque : pour les lignes écrites en
    Python (``www/young_people/rows.py``…)."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}" if value else ""


def time_after(start, minutes):
    """L'heure ``minutes`` minutes après ``start`` (heure de fin d'un rendez-vous, d'une séance) ; passé minuit,
    l'heure du lendemain."""
    return (datetime.datetime.combine(datetime.date.min, start) + datetime.timedelta(minutes=minutes)).time()


# Jours ouvrés ----------------------------------------------------------------------------------------

#: Départements dont le calendrier des jours fériés diffère de la métropole -> subdivision de ``holidays``.
#: Alsace-Moselle : Vendredi saint et 26 décembre ; outre-mer : abolition de l'esclavage, etc.
HOLIDAY_SUBDIVISIONS = {
    "57": "57",
    "67": "6AE",
    "68": "6AE",
    "971": "971",
    "972": "972",
    "973": "973",
    "974": "974",
    "976": "976",
}


def holiday_subdivision(department_code):
    """Subdivision ``holidays`` du département (``None`` : calendrier de la métropole)."""
    return HOLIDAY_SUBDIVISIONS.get((department_code or "").strip().upper())


@functools.cache
def _holidays(year, subdivision):
    return frozenset(holidays.France(years=year, subdiv=subdivision))


def is_public_holiday(day, department_code=None):
    return day in _holidays(day.year, holiday_subdivision(department_code))


def is_working_day(day, department_code=None):
    """Jour ouvré : du lundi au vendredi, hors jours fériés du département (métropole par défaut)."""
    return day.weekday() < 5 and not is_public_holiday(day, department_code)


def add_working_days(start, count, department_code=None):
    """Le ``count``-ième jour ouvré après ``start`` (le jour de départ ne compte pas)."""
    day = start
    while count > 0:
        day += ONE_DAY
        if is_working_day(day, department_code):
            count -= 1
    return day
