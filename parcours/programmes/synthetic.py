"""Données synthétiques : entrées en dispositif (~25 % des jeunes), phases et sorties réalistes.

Le dispositif dépend de la date d'entrée (CIVIS jusqu'en 2016, ANI 2011, Garantie jeunes en cohortes,
PACEA, CEJ depuis mars 2022) ; les critères d'éligibilité des données sont respectés.
"""

import datetime

from parcours.imports.batches import batched
from parcours.programmes import rules
from parcours.programmes.enums import ExitOutcome
from parcours.programmes.models import Cohort, Enrolment, EnrolmentPhase, Programme
from parcours.synthetic.distributions import pick_weighted
from parcours.young_people.models import YoungPerson
from parcours.young_people.rules import last_eligible_day

ENROLMENT_RATE = 0.25
CHUNK = 2000
#: Motifs de sortie et poids (sorties du CIVIS 2011, 001 : ~38 % en emploi, 10 % en formation).
OUTCOMES = [
    (ExitOutcome.DURABLE_EMPLOYMENT, 18),
    (ExitOutcome.EMPLOYMENT, 20),
    (ExitOutcome.ALTERNANCE, 5),
    (ExitOutcome.TRAINING, 10),
    (ExitOutcome.SCHOOL, 2),
    (ExitOutcome.ABANDONMENT, 17),
    (ExitOutcome.MOVED, 5),
    (ExitOutcome.END_OF_RIGHTS, 18),
    (ExitOutcome.OTHER, 5),
]


def _choices(programmes, young_person, day):
    """Dispositifs ouverts et accessibles au jeune à cette date, avec un poids."""
    weighted = []
    for programme, weight in (
        ("civis", 5),
        ("ani-2011", 3),
        ("garantie-jeunes", 3),
        ("pacea", 4),
        ("cej", 6),
    ):
        p = programmes[programme]
        if not p.eligibility_errors(young_person, day, day):
            weighted.append((p, weight))
    return weighted


def _phases(rng, enrolment, phases, stop):
    """Phases vécues de l'entrée jusqu'à ``stop`` (sortie ou aujourd'hui), chacune à sa durée prévue ± 2 semaines."""
    rows, day, index = [], enrolment.entry_date, 0
    while True:
        phase = phases[index]
        months = phase.planned_duration_months
        end = rules.add_months(day, months) + datetime.timedelta(days=rng.randint(-7, 14)) if months else None
        if end is None or end >= stop or (index == len(phases) - 1 and not phase.repeatable):
            rows.append(
                EnrolmentPhase(enrolment=enrolment, phase=phase, start_date=day, objectives=phase.objectives)
            )
            return rows
        rows.append(
            EnrolmentPhase(
                enrolment=enrolment, phase=phase, start_date=day, end_date=end, objectives=phase.objectives
            )
        )
        day = end
        if index < len(phases) - 1:
            index += 1


def generate(ctx):
    rng, today = ctx.rng, ctx.today
    programmes = {p.code: p for p in Programme.objects.prefetch_related("phases", "incompatible_with")}
    for p in programmes.values():
        p.ordered_phases = sorted(p.phases.all(), key=lambda ph: ph.order)
        _ = p.incompatible_codes
    cohorts = {}
    enrolments, phase_rows = [], []
    chunks = list(batched(ctx.young_person_ids, CHUNK))
    for chunk in ctx.progress(chunks, "Dispositifs", total=len(chunks), unit="lot"):
        people = YoungPerson.objects.filter(pk__in=chunk).only(
            "pk",
            "mission_locale_id",
            "birth_date",
            "first_reception_date",
            "education_level",
            "archived_at",
            "referent_id",
        )
        for person in people:
            if rng.random() >= ENROLMENT_RATE:
                continue
            entry = person.first_reception_date + datetime.timedelta(days=rng.randint(7, 120))
            limit = min(today, last_eligible_day(person.birth_date))
            if person.archived_at:
                limit = min(limit, person.archived_at.date())
            if entry > limit:
                continue
            weighted = _choices(programmes, person, entry)
            if not weighted:
                continue
            programme = pick_weighted(rng, weighted)
            cohort = None
            if programme.runs_in_cohorts:
                start_day = entry.replace(day=1)  # une cohorte par mois et par mission locale
                key = (programme.pk, person.mission_locale_id, start_day)
                if key not in cohorts:
                    cohorts[key] = Cohort(
                        programme=programme,
                        mission_locale_id=person.mission_locale_id,
                        label=f"Cohorte du {start_day:%d/%m/%Y}",
                        start_date=start_day,
                    )
                cohort, entry = cohorts[key], max(entry, start_day)
            planned_end = rules.planned_end_date(entry, programme.max_duration_months)
            length = rng.randint(60, max(61, (planned_end - entry).days))
            exit_date = entry + datetime.timedelta(days=length)
            outcome = pick_weighted(rng, OUTCOMES)
            if exit_date >= planned_end:
                exit_date, outcome = planned_end, ExitOutcome.END_OF_RIGHTS
            if person.archived_at and exit_date > limit:
                exit_date, outcome = max(entry, limit), ExitOutcome.ABANDONMENT
            is_open = exit_date > today and not person.archived_at
            enrolment = Enrolment(
                young_person_id=person.pk,
                programme=programme,
                exclusive=programme.exclusive,
                cohort=cohort,
                entry_date=entry,
                exit_date=None if is_open else exit_date,
                exit_outcome="" if is_open else outcome,
                counsellor_id=person.referent_id,
            )
            enrolments.append(enrolment)
    ctx.bulk_create(Cohort, [c for c in cohorts.values() if c.pk is None])
    for enrolment in enrolments:
        if enrolment.cohort is not None:
            enrolment.cohort_id = enrolment.cohort.pk
    created = ctx.bulk_create(Enrolment, enrolments)
    for enrolment in created:
        stop = enrolment.exit_date or today
        rows = _phases(rng, enrolment, programmes[enrolment.programme.code].ordered_phases, stop)
        if enrolment.exit_date:
            rows[-1].end_date = enrolment.exit_date
        phase_rows.extend(rows)
    ctx.bulk_create(EnrolmentPhase, phase_rows)
    ctx.write(
        f"Dispositifs : {len(created)} inscriptions, {len(cohorts)} cohortes, {len(phase_rows)} phases."
    )
