"""Règles de la co-traitance avec Pôle emploi (domain.md §6 ; 003, 000), sans accès à la base.

Toutes les dates sont passées en paramètre : rien ne dépend de l'horloge.
"""

import dataclasses
import datetime

from parcours import dates
from parcours.dates import add_months, lasts_at_least

#: Délai du premier entretien en jours ouvrés (003, l. 1120) : 10, puis 5 pour les affectations du 1er juillet 2007.
FIRST_INTERVIEW_DAYS_BEFORE = 10
FIRST_INTERVIEW_DAYS_FROM = 5
FIRST_INTERVIEW_RULE_CHANGE = datetime.date(2007, 7, 1)
#: Emploi temporaire dispensant de l'entretien mensuel : moins de 2 mois (003, l. 1088).
SHORT_JOB_MONTHS = 2
#: Enveloppes (000) : tolérance ±20 % de l'objectif, alerte au-delà de 130 % de l'objectif au prorata.
TOLERANCE = 0.20
WARNING_RATIO = 1.30
DEFAULT_UNIT_AMOUNT = 500


def is_working_day(day, department_code=None):
    """Jour ouvré du département de la mission locale (voir ``parcours.dates``)."""
    return dates.is_working_day(day, department_code)


def add_working_days(start, count, department_code=None):
    """Le ``count``-ième jour ouvré après ``start`` (le jour de départ ne compte pas)."""
    return dates.add_working_days(start, count, department_code)


def first_interview_delay(assignment_date):
    return (
        FIRST_INTERVIEW_DAYS_FROM
        if assignment_date >= FIRST_INTERVIEW_RULE_CHANGE
        else FIRST_INTERVIEW_DAYS_BEFORE
    )


def first_interview_deadline(assignment_date, department_code=None):
    """Date limite du premier entretien : 10 jours ouvrés après l'affectation, 5 à partir du 1er juillet 2007.

    Les jours ouvrés sont ceux du département de la mission locale (``parcours.dates``).
    """
    return add_working_days(assignment_date, first_interview_delay(assignment_date), department_code)


def first_interview_late(assignment_date, first_interview, today, department_code=None):
    """En retard : pas d'entretien tenu au plus tard à la date limite, et cette date est passée."""
    deadline = first_interview_deadline(assignment_date, department_code)
    if first_interview is not None:
        return first_interview > deadline
    return today > deadline


@dataclasses.dataclass(frozen=True)
class Exemption:
    start: datetime.date
    end: datetime.date | None
    label: str


def short_job(start_date, end_date):
    """Emploi temporaire de moins de 2 mois, dates comprises (du 01/03 au 29/04 ; au 30/04, deux mois)."""
    return end_date is not None and not lasts_at_least(start_date, end_date, SHORT_JOB_MONTHS)


def active_exemption(exemptions, today):
    """La dispense en cours aujourd'hui (stage, formation, emploi court, prestation, indisponibilité), ou None."""
    for exemption in exemptions:
        if exemption.start <= today and (exemption.end is None or today <= exemption.end):
            return exemption
    return None


def monthly_interview_due(assignment_date, last_interview):
    """Date limite de l'entretien du mois : un mois civil après le dernier entretien (ou l'affectation)."""
    reference = max(filter(None, [assignment_date, last_interview]))
    return add_months(reference, 1)


def monthly_interview_missed(assignment_date, last_interview, today, exemptions=()):
    """Au moins un entretien par mois, sauf pendant une dispense en cours (003, l. 1088)."""
    if active_exemption(exemptions, today):
        return False
    return today > monthly_interview_due(assignment_date, last_interview)


def pro_rata_target(target, year, today):
    """Objectif au prorata des jours écoulés de l'année (le 31/12 : l'objectif entier)."""
    start = datetime.date(year, 1, 1)
    days_in_year = (datetime.date(year + 1, 1, 1) - start).days
    if today < start:
        return 0.0
    elapsed = min((today - start).days + 1, days_in_year)
    return target * elapsed / days_in_year


@dataclasses.dataclass(frozen=True)
class EnvelopePosition:
    year: int
    target: int
    paid_target: int
    entries: int  # entrées comptées dans l'objectif (hors jeunes déjà en CIVIS)
    above_target_civis: int  # jeunes déjà en CIVIS, comptés en plus de l'objectif
    benefit_entries: int
    pro_rata: float
    unit_amount: int
    #: Les seuils tels que la page les écrit (« ±20 % », « 130 % ») : des attributs de classe, pas des champs.
    tolerance_percent = round(100 * TOLERANCE)
    warning_percent = round(100 * WARNING_RATIO)

    @property
    def ratio(self):
        """Entrées rapportées à l'objectif annuel."""
        return self.entries / self.target if self.target else None

    @property
    def pro_rata_ratio(self):
        return self.entries / self.pro_rata if self.pro_rata else None

    @property
    def ratio_percent(self):
        return round(100 * self.ratio) if self.ratio is not None else None

    @property
    def pro_rata_percent(self):
        return round(100 * self.pro_rata_ratio) if self.pro_rata_ratio is not None else None

    @property
    def warning(self):
        """Alerte : les entrées dépassent 130 % de l'objectif au prorata (000, 003)."""
        return self.pro_rata > 0 and self.entries > WARNING_RATIO * self.pro_rata

    @property
    def tolerance_low(self):
        return self.target * (1 - TOLERANCE)

    @property
    def tolerance_high(self):
        return self.target * (1 + TOLERANCE)

    @property
    def above_tolerance(self):
        return self.entries > self.tolerance_high

    @property
    def within_tolerance(self):
        return self.tolerance_low <= self.entries <= self.tolerance_high

    @property
    def paid_entries(self):
        """Jeunes indemnisés payés : 500 € chacun, dans la limite de l'objectif (003, art. 2.6)."""
        return min(self.benefit_entries, self.paid_target)

    @property
    def payment(self):
        return self.paid_entries * self.unit_amount


def envelope_position(*, year, target, today, unit_amount=DEFAULT_UNIT_AMOUNT, **counts):
    """Position de l'enveloppe au jour ``today`` ; ``counts`` : les autres champs d'``EnvelopePosition``
    (``paid_target``, ``entries``, ``above_target_civis``, ``benefit_entries``)."""
    return EnvelopePosition(
        year=year,
        target=target,
        pro_rata=pro_rata_target(target, year, today),
        unit_amount=unit_amount,
        **counts,
    )
