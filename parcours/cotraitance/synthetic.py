"""Données synthétiques de co-traitance : ~8 % des jeunes orientés par Pôle emploi, enveloppes par ML.

Répartition (003) : 80 % en parcours accompagné, 20 % en mobilisation ; un tiers d'indemnisés.
Les enveloppes annuelles sont fixées autour du flux réel de chaque ML (±30 %), pour que certaines
dépassent la tolérance ou l'alerte des 130 % ; le plafond national couvre 1,5 fois la somme des objectifs.
"""

import datetime

from django.db.models import Count
from django.db.models.functions import ExtractYear

from parcours.cotraitance.enums import ReferralEndReason, ReferralStatus, Track
from parcours.cotraitance.models import Envelope, NationalEnvelope, Referral
from parcours.imports.batches import batched
from parcours.programmes.models import Enrolment
from parcours.referential.models import MissionLocale
from parcours.synthetic.distributions import pick_weighted
from parcours.young_people.models import YoungPerson
from parcours.young_people.rules import eligibility_error

REFERRAL_RATE = 0.08
REFUSAL_RATE = 0.03
BENEFITS_RATE = 0.33
MOBILISATION_RATE = 0.20
CHUNK = 2000
#: Part des orientations de jeunes déjà suivis, affectés dans les dernières semaines.
RECENT_RATE = 0.25
ROME_CODES = [
    "K2204",
    "D1106",
    "G1603",
    "H3302",
    "N1103",
    "F1703",
    "D1507",
    "J1501",
    "M1607",
    "G1803",
    "I1203",
]
END_REASONS = [
    (ReferralEndReason.DURABLE_EXIT, 50),
    (ReferralEndReason.BACK_TO_PE, 25),
    (ReferralEndReason.BROKEN_COMMITMENTS, 10),
    (ReferralEndReason.MOVED, 10),
    (ReferralEndReason.OTHER, 5),
]


def _referral(rng, person, agency, today):
    assignment = person.first_reception_date - datetime.timedelta(days=rng.randint(0, 20))
    recent = today - datetime.timedelta(days=rng.randint(2, 40))
    if not person.archived_at and person.first_reception_date < recent and rng.random() < RECENT_RATE:
        assignment = (
            recent  # jeune déjà connu, orienté récemment : le premier entretien est peut-être à tenir
        )
    if eligibility_error(person.birth_date, assignment):
        return None
    referral = Referral(
        pe_id=f"SYN{person.pk:010d}",
        mission_locale_id=person.mission_locale_id,
        young_person_id=person.pk,
        agency=agency,
        assignment_date=assignment,
        track=Track.MOBILISATION if rng.random() < MOBILISATION_RATE else Track.ACCOMPANIED,
        receives_benefits=rng.random() < BENEFITS_RATE,
        target_jobs=rng.sample(ROME_CODES, rng.randint(1, 3)),
    )
    if rng.random() < REFUSAL_RATE:
        referral.status = ReferralStatus.REFUSED
        referral.young_person_id = None
        referral.refusal_reason = "Déjà accompagné par un autre opérateur (vérification Pôle emploi)."
        return referral
    end = None
    if person.archived_at:
        end = max(assignment, min(person.archived_at.date(), today))
    elif (today - assignment).days > 540 or ((today - assignment).days > 180 and rng.random() < 0.4):
        end = min(today, assignment + datetime.timedelta(days=rng.randint(180, 540)))
    if end:
        referral.status, referral.end_date, referral.end_reason = (
            ReferralStatus.ENDED,
            end,
            pick_weighted(rng, END_REASONS),
        )
    return referral


def _envelopes(ctx, referrals):
    """Objectif par ML et par année autour du flux généré ; plafond national à 1,5 fois la somme.

    L'enveloppe de l'année en cours est fixée dès le 1er janvier : sans entrée encore, elle reprend le flux
    de l'année précédente.
    """
    rng, year_now = ctx.rng, ctx.today.year
    flows = {
        (flow["mission_locale_id"], flow["year"]): flow["entries"]
        for flow in Referral.objects.accepted()
        .filter(pk__in=[r.pk for r in referrals])
        .annotate(year=ExtractYear("assignment_date"))
        .values("mission_locale_id", "year")
        .annotate(entries=Count("pk"))
        .order_by("mission_locale_id", "year")
    }
    for ml_id, year in list(flows):
        if year == year_now - 1:
            flows.setdefault((ml_id, year_now), 0)
    existing = set(Envelope.objects.values_list("mission_locale_id", "year"))
    envelopes, totals = [], {}
    for key, entries in flows.items():
        if key in existing:
            continue
        if key[1] < year_now:
            annual = entries
        elif entries:
            annual = entries / max(ctx.today.timetuple().tm_yday / 365, 0.05)
        else:
            annual = flows[(key[0], year_now - 1)]
        target = max(1, round(annual * rng.uniform(0.7, 1.3)))
        envelopes.append(
            Envelope(
                mission_locale_id=key[0], year=key[1], target=target, paid_target=max(1, round(target * 0.33))
            )
        )
        totals[key[1]] = totals.get(key[1], 0) + target
    ctx.bulk_create(Envelope, envelopes)
    for year, total in totals.items():
        NationalEnvelope.objects.get_or_create(year=year, defaults={"cap": round(total * 1.5)})
    return len(envelopes)


def generate(ctx):
    rng, today = ctx.rng, ctx.today
    agencies = {
        pk: f"Pôle emploi {name.replace('Mission locale', '').strip(' -') or name}"
        for pk, name in MissionLocale.objects.filter(pk__in=ctx.mission_locale_ids).values_list("pk", "name")
    }
    chunks = list(batched(ctx.young_person_ids, CHUNK))
    referrals = []
    for chunk in ctx.progress(chunks, "Co-traitance", total=len(chunks), unit="lot"):
        in_ani = set(
            Enrolment.objects.filter(young_person_id__in=chunk, programme__code="ani-2011").values_list(
                "young_person_id", flat=True
            )
        )
        people = YoungPerson.objects.filter(pk__in=chunk).only(
            "pk", "mission_locale_id", "birth_date", "first_reception_date", "archived_at"
        )
        for person in people:
            if person.pk in in_ani or rng.random() >= REFERRAL_RATE:
                continue
            referral = _referral(rng, person, agencies.get(person.mission_locale_id, "Pôle emploi"), today)
            if referral:
                referrals.append(referral)
    created = ctx.bulk_create(Referral, referrals)
    envelopes = _envelopes(ctx, created)
    ctx.write(f"Co-traitance : {len(created)} orientations, {envelopes} enveloppes annuelles.")
