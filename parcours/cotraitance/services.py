"""Écritures et positions de la co-traitance : enveloppes, fins d'orientation, indisponibilités."""

from django.db import models, transaction

from parcours.cotraitance import rules
from parcours.cotraitance.enums import ReferralStatus
from parcours.cotraitance.models import Envelope, NationalEnvelope, Referral, UnavailabilityPeriod
from parcours.errors import RuleError


class CotraitanceRuleError(RuleError):
    """Refus d'une règle de la co-traitance (fin d'orientation, indisponibilité)."""


def envelope_position(mission_locale_ids, year, today):
    """Position de l'enveloppe des missions locales données pour l'année : entrées, prorata, paiement.

    ``None`` si aucune enveloppe n'est fixée pour ces missions locales cette année-là.
    """
    envelopes = (
        Envelope.objects.within(mission_locale_ids)
        .filter(year=year)
        .aggregate(target=models.Sum("target"), paid_target=models.Sum("paid_target"))
    )
    if envelopes["target"] is None:
        return None
    counts = _entry_counts(Referral.objects.filter(mission_locale_id__in=mission_locale_ids), year)
    national = NationalEnvelope.objects.filter(year=year).first()
    return rules.envelope_position(
        year=year,
        target=envelopes["target"],
        paid_target=envelopes["paid_target"],
        today=today,
        unit_amount=national.unit_amount if national else rules.DEFAULT_UNIT_AMOUNT,
        **counts,
    )


def _entry_counts(referrals, year):
    counted = referrals.of_year(year).with_civis_at_entry()
    totals = counted.aggregate(
        entries=models.Count("pk", filter=models.Q(civis_at_entry=False)),
        above_target_civis=models.Count("pk", filter=models.Q(civis_at_entry=True)),
        benefit_entries=models.Count("pk", filter=models.Q(civis_at_entry=False, receives_benefits=True)),
    )
    return totals


def national_position(year, today):
    """Entrées nationales de l'année face au plafond national (000 : 150 000 en 2010), ou None sans plafond."""
    national = NationalEnvelope.objects.filter(year=year).first()
    if national is None:
        return None
    entries = _entry_counts(Referral.objects.all(), year)["entries"]
    pro_rata = rules.pro_rata_target(national.cap, year, today)
    return {
        "year": year,
        "cap": national.cap,
        "entries": entries,
        "ratio": entries / national.cap if national.cap else None,
        "over_cap": entries > national.cap,
        "warning": pro_rata > 0 and entries > rules.WARNING_RATIO * pro_rata,
        "warning_percent": rules.EnvelopePosition.warning_percent,
    }


@transaction.atomic
def end_referral(referral, end_date, reason, *, today):
    errors = []
    if referral.status != ReferralStatus.ACTIVE:
        errors.append("Cette orientation n'est pas en cours.")
    if end_date > today:
        errors.append("La date de fin ne peut pas être postérieure à aujourd'hui.")
    if end_date < referral.assignment_date:
        errors.append(f"La fin ne peut précéder l'affectation ({referral.assignment_date:%d/%m/%Y}).")
    if not reason:
        errors.append("Indiquez le motif de fin.")
    if errors:
        raise CotraitanceRuleError(errors)
    referral.status = ReferralStatus.ENDED
    referral.end_date = end_date
    referral.end_reason = reason
    referral.save(update_fields=["status", "end_date", "end_reason"])
    return referral


def add_unavailability(referral, reason, start_date, end_date):
    errors = []
    if referral.status != ReferralStatus.ACTIVE:
        errors.append("Cette orientation n'est pas en cours.")
    if end_date < start_date:
        errors.append("La fin de l'indisponibilité ne peut précéder son début.")
    if start_date < referral.assignment_date:
        errors.append("L'indisponibilité commence après l'affectation.")
    if errors:
        raise CotraitanceRuleError(errors)
    return UnavailabilityPeriod.objects.create(
        referral=referral, reason=reason, start_date=start_date, end_date=end_date
    )


def in_cotraitance_on(young_person, date):
    """Vrai si le jeune a une orientation active à cette date (règles d'entrée en dispositif)."""
    return Referral.objects.filter(young_person=young_person).active_on(date).exists()
