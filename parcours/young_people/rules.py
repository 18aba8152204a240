"""Règles du dossier du jeune, indépendantes de la base."""

import datetime

MIN_AGE = 16
MAX_AGE = 25  # inclus : éligible jusqu'à la veille des 26 ans (domain.md §2)
#: « Bientôt 26 ans » (accueil du conseiller) : la limite d'âge tombe dans ces jours-là ; la sortie se prépare.
AGE_LIMIT_NOTICE_DAYS = 60


def age_on(birth_date, on):
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def eligibility_error(birth_date, first_reception_date):
    """Message d'erreur en français, ou ``None`` si le jeune est éligible au premier accueil."""
    if first_reception_date <= birth_date:
        return "La date de naissance doit précéder la date du premier accueil."
    age = age_on(birth_date, first_reception_date)
    if age < MIN_AGE or age > MAX_AGE:
        return (
            f"Le jeune a {age} ans au premier accueil ({first_reception_date:%d/%m/%Y}) : une mission locale "
            f"accompagne les jeunes de {MIN_AGE} à {MAX_AGE} ans révolus (jusqu'à la veille de leurs 26 ans)."
        )
    return None


def last_eligible_day(birth_date):
    """Veille du 26e anniversaire (le 29 février donne le 28 février les années non bissextiles)."""
    try:
        birthday_26 = birth_date.replace(year=birth_date.year + MAX_AGE + 1)
    except ValueError:
        birthday_26 = datetime.date(birth_date.year + MAX_AGE + 1, 3, 1)
    return birthday_26 - datetime.timedelta(days=1)


def years_before(day, years):
    """La même date ``years`` ans plus tôt (le 29 février donne le 28 février les années non bissextiles)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 février
        return day.replace(year=day.year - years, day=28)


def reaching_age_limit_between(birth_date, start, end):
    """Le dernier jour d'éligibilité (veille des 26 ans) tombe-t-il entre ``start`` et ``end`` inclus ?"""
    return start <= last_eligible_day(birth_date) <= end
