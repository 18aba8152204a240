"""Périodes du tableau de bord : mois entiers (trimestre, semestre, année, mois à mois).

Règle : le grain de l'entrepôt est le mois ; une période commence le 1er d'un mois, finit le dernier
jour d'un mois et dure 24 mois au plus. Elle se compare à la même période un an plus tôt.
"""

import calendar
import dataclasses
import datetime

from parcours.dates import MONTH_NAMES

MAX_MONTHS = 24
#: Années qu'une période peut couvrir : le calendrier de Python s'arrête à l'an 1, et la comparaison avec
#: l'année précédente d'une période de l'an 1 échouait (erreur 500).
FIRST_YEAR, LAST_YEAR = 2000, 2100
MONTHS_FR = MONTH_NAMES


class PeriodError(ValueError):
    pass


def month_end(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclasses.dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    #: Période calculée à partir d'une autre (un an plus tôt, fenêtre JDI) : elle peut précéder ``FIRST_YEAR``.
    derived: bool = dataclasses.field(default=False, compare=False, repr=False)

    def __post_init__(self):
        if self.start.day != 1:
            raise PeriodError("Une période commence le 1er d'un mois (le grain de l'entrepôt est le mois).")
        if self.end != month_end(self.end.year, self.end.month):
            raise PeriodError(
                "Une période finit le dernier jour d'un mois (le grain de l'entrepôt est le mois)."
            )
        if self.end < self.start:
            raise PeriodError("La fin de la période précède son début.")
        if not self.derived and not (FIRST_YEAR <= self.start.year and self.end.year <= LAST_YEAR):
            raise PeriodError(f"Une période se situe entre {FIRST_YEAR} et {LAST_YEAR}.")
        if self.months_count > MAX_MONTHS:
            raise PeriodError(f"Une période dure au plus {MAX_MONTHS} mois.")

    @property
    def months_count(self):
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def months(self):
        return [add_months(self.start, i) for i in range(self.months_count)]

    def previous_year(self):
        return Period(
            datetime.date(self.start.year - 1, self.start.month, 1),
            month_end(self.end.year - 1, self.end.month),
            derived=True,
        )

    @property
    def window_year(self):
        """Partition ``yp_window`` qui contient toute la période : l'année de sa fin."""
        return self.end.year

    def mask(self):
        """Masque des mois de la période dans la fenêtre de 24 mois de ``window_year``."""
        return months_mask(self.months, self.window_year)

    def jdi_mask(self):
        """Les cinq mois jusqu'à la fin de la période (JDI à la date de fin, règle ``accompaniment.jdi``)."""
        from parcours.accompaniment.jdi import counted_since

        return months_mask(Period(counted_since(self.end), self.end, derived=True).months, self.window_year)

    @property
    def label(self):
        if self.months_count == 1:
            return f"{MONTHS_FR[self.start.month - 1]} {self.start.year}"
        start = f"{MONTHS_FR[self.start.month - 1]}"
        if self.start.year != self.end.year:
            start += f" {self.start.year}"
        return f"{start} – {MONTHS_FR[self.end.month - 1]} {self.end.year}".capitalize()

    @property
    def short_label(self):
        return f"{self.start:%m/%Y} – {self.end:%m/%Y}"


def months_mask(months, window_year):
    mask = 0
    for month in months:
        bit = (month.year - (window_year - 1)) * 12 + month.month - 1
        if not 0 <= bit < 24:
            raise PeriodError(f"Le mois {month:%m/%Y} sort de la fenêtre de l'année {window_year}.")
        mask |= 1 << bit
    return mask


def preset(kind, year, number=1):
    """``trimestre`` (1 à 4), ``semestre`` (1 ou 2), ``annee``."""
    if kind == "trimestre":
        if not 1 <= number <= 4:
            raise PeriodError("Un trimestre est numéroté de 1 à 4.")
        first = 3 * (number - 1) + 1
        return Period(datetime.date(year, first, 1), month_end(year, first + 2))
    if kind == "semestre":
        if number not in (1, 2):
            raise PeriodError("Un semestre est numéroté 1 ou 2.")
        first = 6 * (number - 1) + 1
        return Period(datetime.date(year, first, 1), month_end(year, first + 5))
    if kind == "annee":
        return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    raise PeriodError("Type de période inconnu (trimestre, semestre, annee ou personnalisee).")


def last_complete_quarter(today):
    quarter = (today.month - 1) // 3  # trimestre en cours, 0..3 ; le précédent est complet
    if quarter == 0:
        return preset("trimestre", today.year - 1, 4)
    return preset("trimestre", today.year, quarter)
