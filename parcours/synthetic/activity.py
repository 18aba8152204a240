"""Contacts, propositions et situations des jeunes planifiés (domain.md §3–4)."""

import datetime
import types

from parcours.accompaniment.enums import (
    AttendanceStatus,
    ContactKind,
    ProposalKind,
    ProposalStatus,
    SituationCategory,
    SituationState,
    Theme,
)
from parcours.accompaniment.models import Contact, Proposal, Situation
from parcours.imports.batches import batched
from parcours.synthetic import bulk, catalog
from parcours.synthetic import distributions as d

DAY = datetime.timedelta(days=1)
#: Ligne en préparation, modifiable par attribut (une instance de modèle coûterait dix fois plus cher).
_Row = types.SimpleNamespace
CHUNK = 2000  # jeunes traités par lot (contacts et propositions insérés ensemble)
SLOTS = [datetime.time(h, m) for h in range(9, 18) for m in (0, 30) if (h, m) != (12, 30)]
GROUP_SLOTS = [datetime.time(9, 30), datetime.time(14, 0)]
FIRST_THEMES = [Theme.PROJECT, Theme.EMPLOYMENT, Theme.TRAINING]
#: Situations sans terme naturel closes à la fin de l'accompagnement d'un dossier archivé.
CLOSED_AT_ARCHIVE = (SituationCategory.JOB_SEEKER, SituationCategory.INACTIVE, SituationCategory.SCHOOL)


def _weekday(day):
    """Ramène un samedi ou un dimanche au lundi suivant."""
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def generate_contacts_and_proposals(ctx, plans):
    rng = ctx.derive("contacts")
    totals = [0, 0]
    bar = ctx.progress(None, "Contacts et propositions", total=len(plans))
    for chunk in batched(plans, CHUNK):
        contacts = [c for plan in chunk for c in _contacts(rng, plan, ctx.today)]
        for contact, pk in zip(contacts, bulk.allocate_ids(Contact, len(contacts)), strict=True):
            contact["id"] = pk
        bulk.insert_rows(Contact, contacts, with_ids=True)
        proposals = [p for c in contacts if (p := _proposal(rng, c, ctx.today)) is not None]
        bulk.insert_rows(Proposal, proposals)
        totals[0] += len(contacts)
        totals[1] += len(proposals)
        bar.update(len(chunk))
    bar.close()
    return totals


def _contacts(rng, plan, today):
    young_person_id = plan.person.pk
    stop = min(plan.end, today)
    mean_gap = 365.0 / plan.rate
    day = plan.first_reception
    first = True
    while day <= stop:
        if first:
            kind, status, themes = (
                ContactKind.INDIVIDUAL,
                AttendanceStatus.PRESENT,
                [d.pick(rng, FIRST_THEMES)],
            )
            first = False
        else:
            kind, status = d.CONTACT_KIND(rng), d.PAST_STATUS(rng)
            themes = _themes(rng)
        yield _contact(rng, plan, young_person_id, day, kind, status, themes)
        day = _weekday(day + datetime.timedelta(days=max(1, round(rng.expovariate(1.0 / mean_gap)))))
    if plan.end > today and plan.archived_at is None:
        for _ in range(d.PLANNED_CONTACTS(rng)):
            day = _weekday(today + datetime.timedelta(days=d.between(rng, 1, 30)))
            yield _contact(
                rng,
                plan,
                young_person_id,
                day,
                ContactKind.INDIVIDUAL,
                AttendanceStatus.PLANNED,
                _themes(rng),
            )


def _themes(rng):
    count = d.THEME_COUNT(rng)
    themes = []
    while len(themes) < count:
        theme = d.THEMES(rng)
        if theme not in themes:
            themes.append(theme)
    return [str(t) for t in themes]


def _contact(rng, plan, young_person_id, day, kind, status, themes):
    individual = kind == ContactKind.INDIVIDUAL
    notes = ""
    if individual and status == AttendanceStatus.PRESENT and rng.random() < d.NOTES_SHARE:
        notes = d.pick(rng, catalog.CONTACT_NOTES)
    return {
        "young_person_id": young_person_id,
        "date": day,
        "time": d.pick(rng, SLOTS) if individual else d.pick(rng, GROUP_SLOTS),
        "kind": kind,
        "mode": d.CONTACT_MODE(rng) if individual else "sur_site",
        "status": status,
        "themes": themes,
        "notes": notes,
        "counsellor_id": plan.referent_on(day),
        "created_at": datetime.datetime.combine(day, datetime.time(18), plan.person.created_at.tzinfo),
    }


def _proposal(rng, contact, today):
    if contact["status"] != AttendanceStatus.PRESENT or rng.random() >= d.PROPOSAL_PER_HELD_CONTACT:
        return None
    theme = d.pick(rng, contact["themes"])
    kind = d.pick(rng, catalog.KINDS_BY_THEME[theme])
    partner = d.pick(rng, catalog.PARTNERS_BY_THEME[theme])
    job = d.pick(rng, catalog.ROME_JOBS)[1].lower()
    if (today - contact["date"]).days < d.PROPOSAL_PENDING_DAYS and rng.random() < 0.7:
        status = ProposalStatus.PRESCRIBED
    else:
        status = d.PROPOSAL_OUTCOME(rng)
    return {
        "young_person_id": contact["young_person_id"],
        "contact_id": contact["id"],
        "date": contact["date"],
        "theme": theme,
        "kind": kind,
        "partner": partner if kind != ProposalKind.OTHER else "",
        "description": catalog.PROPOSAL_LABELS[kind].format(job=job, partner=partner),
        "status": status,
        "counsellor_id": contact["counsellor_id"],
    }


def generate_situations(ctx, plans):
    rng = ctx.derive("situations")
    rows = []
    total = 0
    for plan in ctx.progress(plans, "Situations"):
        rows.extend(vars(s) for s in _situations(rng, plan, ctx.today))
        if len(rows) >= 20000:
            bulk.insert_rows(Situation, rows)
            total += len(rows)
            rows = []
    bulk.insert_rows(Situation, rows)
    return total + len(rows)


def _situations(rng, plan, today):
    young_person_id = plan.person.pk
    initial = _Row(
        young_person_id=young_person_id,
        category=d.INITIAL_SITUATION(rng),
        state=SituationState.IN_PROGRESS,
        start_date=plan.first_reception,
        end_date=None,
        counsellor_id=plan.referent_on(plan.first_reception),
    )
    if initial.category == SituationCategory.SCHOOL:
        initial.employer = d.pick(rng, ["Lycée professionnel", "Lycée", "Collège", "Université"])
    rows = [initial]
    horizon = min(plan.end, today)
    day = plan.first_reception + datetime.timedelta(days=d.between(rng, *d.STEP_GAP_DAYS))
    previous = initial
    following = plan.end > today and plan.archived_at is None
    while len(rows) < 5:
        if day > horizon:
            if not (following and rng.random() < d.PLANNED_STEP_SHARE):
                break
            day = today + datetime.timedelta(days=d.between(rng, 7, 60))  # étape prévue
        step = _step(rng, plan, young_person_id, day, today)
        if step.state != SituationState.PLANNED and previous.end_date is None:
            previous.end_date = max(previous.start_date, day - DAY)
            previous.state = SituationState.FINISHED if previous.end_date < today else previous.state
        rows.append(step)
        previous = step
        if step.state == SituationState.PLANNED or step.end_date is None:
            break
        day = step.end_date + datetime.timedelta(days=d.between(rng, *d.STEP_GAP_DAYS))
    if plan.archived_at is not None and previous.end_date is None and previous.category in CLOSED_AT_ARCHIVE:
        previous.end_date = max(previous.start_date, plan.end)
        previous.state = SituationState.FINISHED if previous.end_date < today else previous.state
    if following and previous.state == SituationState.FINISHED:
        rows.append(
            _Row(
                young_person_id=young_person_id, category=SituationCategory.JOB_SEEKER,
                state=SituationState.IN_PROGRESS, start_date=previous.end_date + DAY,
                counsellor_id=plan.referent_on(previous.end_date),
            )
        )  # fmt: skip
    return rows


def _state(start, end, today):
    """État d'une étape au jour ``today`` : prévue, terminée ou en cours."""
    if start > today:
        return SituationState.PLANNED
    if end is not None and end < today:
        return SituationState.FINISHED
    return SituationState.IN_PROGRESS


def _step(rng, plan, young_person_id, day, today):
    category = d.STEP_CATEGORY(rng)
    kind = d.STEP_KIND[category](rng) if category in d.STEP_KIND else ""
    length = d.STEP_LENGTH[kind]
    end = day + datetime.timedelta(days=d.between(rng, *length)) if length else None
    rome = ""
    employer = ""
    if category in (SituationCategory.EMPLOYMENT, SituationCategory.ALTERNANCE, SituationCategory.IMMERSION):
        rome = d.pick(rng, catalog.ROME_JOBS)[0]
        employer = d.pick(rng, catalog.EMPLOYERS)
        if category == SituationCategory.ALTERNANCE:
            employer = f"{employer} / {d.pick(rng, catalog.TRAINING_BODIES)}"
    elif category == SituationCategory.TRAINING:
        employer = d.pick(rng, catalog.TRAINING_BODIES)
        rome = d.pick(rng, catalog.ROME_JOBS)[0] if rng.random() < 0.5 else ""
    elif category == SituationCategory.VOLUNTEERING:
        employer = d.pick(rng, catalog.VOLUNTEERING_HOSTS)
    elif category == SituationCategory.SCHOOL:
        employer = d.pick(rng, ["Lycée professionnel", "Lycée", "Université", "Microlycée"])
    return _Row(
        young_person_id=young_person_id,
        category=category,
        kind=kind,
        state=_state(day, end, today),
        start_date=day,
        end_date=end,
        rome_code=rome,
        employer=employer,
        counsellor_id=plan.referent_on(min(day, today)),
    )
