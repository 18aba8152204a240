"""Données synthétiques du parrainage, des évènements et des actions de proximité."""

import datetime

from parcours.employers.models import Event, LocalAction, Sponsor, SponsorNote, Sponsorship
from parcours.employers.synthetic_catalog import (
    BARRIERS,
    SPONSOR_NOTES,
    SPONSOR_OUTCOMES,
    SPONSORED_RATE,
    SPONSORS_PER_SPONSORED,
    person_name,
)
from parcours.synthetic.places import COMMUNES


def generate_sponsorships(ctx, rng, people, staff, signatories, agreement_of):
    today = ctx.today
    plans, sponsors = [], []
    for ml in sorted(people):
        chosen = [p for p in people[ml] if rng.random() < SPONSORED_RATE and (p[3] - p[2]).days > 60]
        if not chosen:
            continue
        for _ in range(max(1, round(len(chosen) * SPONSORS_PER_SPONSORED))):
            first, last = person_name(rng)
            employer = rng.choice(signatories)[0] if signatories and rng.random() < 0.3 else None
            sponsors.append(Sponsor(mission_locale_id=ml, first_name=first, last_name=last, employer_id=employer,
                                    is_retired=employer is None and rng.random() < 0.5,
                                    occupation=rng.choice(["Cadre commercial", "Artisan", "Responsable RH", "Ingénieur"]),
                                    joined_on=ctx.since))  # fmt: skip
            plans.append((ml, sponsors[-1]))
        plans.append((ml, chosen))
    ctx.bulk_create(Sponsor, sponsors)
    by_ml = {}
    for ml, item in plans:
        by_ml.setdefault(ml, {"sponsors": [], "young": []})[
            "sponsors" if isinstance(item, Sponsor) else "young"
        ] += [item] if isinstance(item, Sponsor) else item
    sponsorships = []
    for ml in sorted(by_ml):
        for pk, referent_id, first, end in by_ml[ml]["young"]:
            sponsor = rng.choice(by_ml[ml]["sponsors"])
            signed = first + datetime.timedelta(days=rng.randint(30, (end - first).days))
            stop = signed + datetime.timedelta(days=rng.randint(90, 270))
            ended = stop <= today
            sponsorships.append(Sponsorship(
                young_person_id=pk, sponsor_id=sponsor.pk, counsellor_id=referent_id, signed_on=signed,
                agreement_id=agreement_of.get(sponsor.employer_id) if sponsor.employer_id else None,
                barriers=rng.sample(BARRIERS, rng.randint(1, 3)), objectives="Accompagner le jeune vers l'emploi.",
                monthly_hours=rng.choice([1, 2, 2]), ended_on=stop if ended else None,
                outcome=rng.choice(SPONSOR_OUTCOMES) if ended else "",
            ))  # fmt: skip
    ctx.bulk_create(Sponsorship, sponsorships)
    notes = []
    for sponsorship in sponsorships:
        last = min(today, sponsorship.ended_on or today)
        for month in range(1, max(2, (last - sponsorship.signed_on).days // 30)):
            notes.append(SponsorNote(sponsorship_id=sponsorship.pk, date=sponsorship.signed_on + datetime.timedelta(days=30 * month - 15),
                                     duration_minutes=rng.choice([60, 90, 120]), text=rng.choice(SPONSOR_NOTES)))  # fmt: skip
    ctx.bulk_create(SponsorNote, notes)
    return len(sponsorships)


def generate_events(ctx, rng, people, mls, period_start):
    events, actions = [], []
    span = max(1, (ctx.today - period_start).days)
    for ml in sorted(people):
        commune = COMMUNES.get(mls[ml]["department__code"], ["Chef-lieu"])[0]
        for _ in range(max(1, len(people[ml]) // 300)):
            companies = rng.randint(5, 20)
            visitors = rng.randint(40, 300)
            interviews = round(visitors * rng.uniform(0.2, 0.5))
            kind = rng.choice(["forum", "journee_recrutement", "information", "visite"])
            events.append(Event(
                mission_locale_id=ml, kind=kind, title=f"{dict(Event._meta.get_field('kind').choices)[kind]} de {commune}",
                date=period_start + datetime.timedelta(days=rng.randrange(span)), place=commune, companies=companies,
                offers=companies * rng.randint(2, 4), visitors=visitors, cvs=round(visitors * rng.uniform(0.3, 0.7)),
                interviews=interviews, hires=round(interviews * rng.uniform(0.05, 0.15)),
            ))  # fmt: skip
        if rng.random() < 0.6:
            targeted = rng.randint(50, 250)
            reached = round(targeted * rng.uniform(0.6, 2.1))
            actions.append(LocalAction(
                mission_locale_id=ml, title="Mobilisation pour l'emploi dans les quartiers", territory=f"Quartiers prioritaires de {commune}",
                start_date=period_start + datetime.timedelta(days=rng.randrange(span)), targeted=targeted, reached=reached,
                proposals=round(reached * rng.uniform(1, 3)), with_follow_up=round(reached * rng.uniform(0.4, 0.8)),
                into_employment=round(reached * rng.uniform(0.1, 0.25)), into_training=round(reached * rng.uniform(0.05, 0.15)),
            ))  # fmt: skip
    ctx.bulk_create(Event, events)
    ctx.bulk_create(LocalAction, actions)
    return len(events) + len(actions)
