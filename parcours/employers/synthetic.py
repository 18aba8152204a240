"""Données synthétiques des relations entreprises (contrat ``generate(ctx)`` de ``parcours.synthetic``).

Volumes rapportés aux jeunes générés, d'après les chiffres nationaux de 2016 (domain.md §7–8) :
175 000 employeurs en contact, 141 000 immersions et 18 500 jeunes parrainés pour 1,37 million de jeunes
en contact (soit ~13 %, ~10 % et ~1,3 %) ; 8 283 parrains pour 18 500 parrainés. Les offres des
signataires d'un accord national relèvent de cet accord : le bilan de suivi a de la matière.
"""

import datetime

from stdnum import luhn

from parcours.accompaniment.enums import SituationCategory, SituationKind
from parcours.accompaniment.models import Situation
from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.employers import rules
from parcours.employers.models import (
    Agreement,
    EmployerRelation,
    Exchange,
    Immersion,
    JobOffer,
    Partner,
    PartnerContact,
    Recruitment,
    Referral,
)
from parcours.employers.synthetic_catalog import (
    EMPLOYERS_PER_YOUNG,
    EXCHANGE_KINDS,
    IMMERSION_OUTCOMES,
    IMMERSION_RATE,
    OFFERS_PER_YOUNG,
    PERIOD_DAYS,
    RECENT_SHARE,
    ROME_LABELS,
    SECTORS,
    SIGNATORY_SHARE,
    person_name,
    pick,
)
from parcours.employers.synthetic_network import generate_events, generate_sponsorships
from parcours.imports.batches import batched
from parcours.referential.models import MissionLocale
from parcours.synthetic import bulk
from parcours.synthetic.places import COMMUNES, postcode
from parcours.young_people.models import YoungPerson


def _people_by_ml(ctx):
    people = {}
    for chunk in batched(sorted(ctx.young_person_ids), 20000):
        rows = (
            YoungPerson.objects.filter(pk__in=chunk)
            .values_list("pk", "mission_locale_id", "referent_id", "first_reception_date", "archived_at")
            .order_by("pk")
        )
        for pk, ml_id, referent_id, first, archived in rows:
            end = min(ctx.today, archived.date()) if archived else ctx.today
            if end > first:
                people.setdefault(ml_id, []).append((pk, referent_id, first, end))
    return people


def _staff_by_ml(ml_ids):
    staff = {}
    for pk, ml_id, role in (
        User.objects.filter(mission_locale_id__in=ml_ids, is_active=True)
        .values_list("pk", "mission_locale_id", "role")
        .order_by("pk")
    ):
        staff.setdefault(ml_id, {}).setdefault(role, []).append(pk)
    return staff


def synthetic_siret(number):
    """Un SIRET valide formé sur ``number`` (8 chiffres au plus) : clé du SIREN, établissement 0001, clé du SIRET."""
    siren = f"{number:08d}"
    siren += luhn.calc_check_digit(siren)
    siret = f"{siren}0001"
    return siret + luhn.calc_check_digit(siret)


def _sirets(count):
    """SIRET valides dans une plage propre aux données synthétiques (SIREN commençant par 9)."""
    start = Partner.objects.filter(siret__startswith="9").count()
    return [synthetic_siret(90_000_000 + n) for n in range(start, start + count)]


def generate(ctx):
    rng, today = ctx.rng, ctx.today
    people = _people_by_ml(ctx)
    if not people:
        return
    ml_ids = sorted(people)
    mls = {
        m["pk"]: m
        for m in MissionLocale.objects.filter(pk__in=ml_ids).values("pk", "department_id", "department__code")
    }
    staff = _staff_by_ml(ml_ids)
    period_start = max(ctx.since, today - datetime.timedelta(days=PERIOD_DAYS))
    signatories = list(Partner.objects.signatories().order_by("pk").values_list("pk", "name"))
    agreement_of = {}
    for agreement_id, partner_id in Agreement.objects.active_on(today).values_list("pk", "parties__partner"):
        agreement_of[partner_id] = None if partner_id in agreement_of else agreement_id
    employers = _employers(ctx, rng, people, mls, staff, signatories, period_start)
    offers = _offers(ctx, rng, people, mls, staff, employers, agreement_of, period_start)
    referrals, recruitments = _referrals(ctx, rng, people, offers)
    immersions = _immersions(ctx, rng, people, employers, agreement_of)
    sponsored = generate_sponsorships(ctx, rng, people, staff, signatories, agreement_of)
    events = generate_events(ctx, rng, people, mls, period_start)
    ctx.write(
        f"Employeurs : {sum(len(e) for e in employers.values())} relations, {len(offers)} offres, "
        f"{referrals} mises en relation, {recruitments} recrutements, {immersions} immersions, "
        f"{sponsored} parrainages, {events} évènements et actions."
    )


def _employers(ctx, rng, people, mls, staff, signatories, period_start):
    """Entreprises locales créées et signataires nationaux, en relation avec chaque mission locale."""
    counts = {ml: max(4, round(len(people[ml]) * EMPLOYERS_PER_YOUNG)) for ml in people}
    sirets = iter(_sirets(sum(counts.values())))
    new_partners, plan = [], []
    for ml, count in counts.items():
        code = mls[ml]["department__code"]
        communes = COMMUNES.get(code, ["Chef-lieu"])
        for _ in range(count):
            sector, rome, contracts = rng.choice(SECTORS)
            rank = rng.randrange(len(communes))
            _, last = person_name(rng)
            partner = Partner(
                name=f"{sector} {last}", kind="entreprise", siret=next(sirets), sector=ROME_LABELS.get(rome, sector),
                commune=communes[rank], postcode=postcode(code, rank), department_id=mls[ml]["department_id"],
                owner_id=ml,
            )  # fmt: skip
            new_partners.append(partner)
            plan.append((ml, partner, rome, contracts))
    ctx.bulk_create(Partner, new_partners)
    employers = {}
    for ml, partner, rome, contracts in plan:
        employers.setdefault(ml, []).append(
            (partner.pk, partner.name, rome, contracts, partner.commune, partner.postcode)
        )
    for ml in people:
        for pk, name in rng.sample(signatories, min(3, len(signatories))):
            sector, rome, contracts = rng.choice(SECTORS)
            commune = employers[ml][0][4]
            employers[ml].append((pk, name, rome, contracts, commune, employers[ml][0][5]))
    relations, contacts = [], []
    existing = set(
        EmployerRelation.objects.filter(mission_locale_id__in=list(employers)).values_list(
            "mission_locale_id", "partner_id"
        )
    )
    for ml, items in employers.items():
        followers = (
            staff.get(ml, {}).get(Role.EMPLOYER_REFERENT) or staff.get(ml, {}).get(Role.COUNSELLOR) or [None]
        )
        for pk, *_ in items:
            since = period_start + datetime.timedelta(
                days=rng.randrange(max(1, (ctx.today - period_start).days))
            )
            if (ml, pk) in existing:
                continue  # signataire déjà en relation (lancement précédent)
            relations.append(
                EmployerRelation(
                    mission_locale_id=ml, partner_id=pk, followed_by_id=rng.choice(followers), since=since
                )
            )
            first, last = person_name(rng)
            job = rng.choice(
                [
                    "Responsable des ressources humaines",
                    "Gérant",
                    "Chef d'équipe",
                    "Directrice d'établissement",
                ]
            )
            contacts.append(
                PartnerContact(partner_id=pk, mission_locale_id=ml, name=f"{first} {last}", job_title=job)
            )
    ctx.bulk_create(EmployerRelation, relations)
    ctx.bulk_create(PartnerContact, contacts)
    exchanges = []
    for relation in relations:
        span = max(1, (ctx.today - relation.since).days)
        for _ in range(rng.randint(1, 6)):
            exchanges.append(
                Exchange(
                    relation_id=relation.pk, date=relation.since + datetime.timedelta(days=rng.randrange(span)),
                    kind=rng.choice(EXCHANGE_KINDS), author_id=relation.followed_by_id,
                    summary=rng.choice(["Point sur les besoins de recrutement.", "Présentation de candidats.",
                                        "Suivi d'un jeune recruté.", "Préparation d'une immersion."]),
                )
            )  # fmt: skip
    ctx.bulk_create(Exchange, exchanges)
    return employers


def _offers(ctx, rng, people, mls, staff, employers, agreement_of, period_start):
    today = ctx.today
    offers = []
    for ml in sorted(people):
        counsellors = staff.get(ml, {}).get(Role.COUNSELLOR) or [None]
        creators = staff.get(ml, {}).get(Role.EMPLOYER_REFERENT) or counsellors
        local = [e for e in employers[ml] if e[0] not in agreement_of]
        national = [e for e in employers[ml] if e[0] in agreement_of]
        for _ in range(max(2, round(len(people[ml]) * OFFERS_PER_YOUNG))):
            pk, name, rome, contracts, commune, pc = rng.choice(
                national if national and rng.random() < SIGNATORY_SHARE else local
            )
            contract = pick(rng, contracts)
            if rng.random() < RECENT_SHARE:
                received = today - datetime.timedelta(days=rng.randrange(60))
            else:
                received = period_start + datetime.timedelta(
                    days=rng.randrange(max(1, (today - period_start).days))
                )
            published = rng.random() < 0.65
            offers.append(
                JobOffer(
                    mission_locale_id=ml, partner_id=pk, agreement_id=agreement_of.get(pk),
                    title=ROME_LABELS.get(rome, "Employé polyvalent"), rome_code=rome, contract_type=contract,
                    duration_months=None if contract == "cdi" else rng.choice([1, 3, 6, 12, 24] if contract != "interim" else [1, 2]),
                    weekly_hours=rng.choice([20, 24, 28, 35, 35, 35]), positions=rng.choice([1, 1, 1, 2, 3]),
                    description=f"{name} recrute : {ROME_LABELS.get(rome, 'poste polyvalent').lower()}. "
                    "Débutant accepté, formation au poste assurée.",
                    commune=commune, postcode=pc, department_id=mls[ml]["department_id"],
                    with_preselection=rng.random() < 0.7, counsellor_id=rng.choice(counsellors), received_on=received,
                    published=published, published_on=received if published else None,
                    closes_on=received + datetime.timedelta(days=60) if published else None,
                    created_by_id=rng.choice(creators),
                )
            )  # fmt: skip
    return ctx.bulk_create(JobOffer, offers)


def _candidates(rng, people, day, wanted, attempts=40):
    """Jusqu'à ``wanted`` jeunes distincts suivis à cette date, tirés au hasard (sans parcourir toute la ML)."""
    chosen, seen = [], set()
    for _ in range(attempts):
        person = people[rng.randrange(len(people))]
        if person[0] not in seen and person[2] <= day <= person[3]:
            seen.add(person[0])
            chosen.append(person)
            if len(chosen) == wanted:
                break
    return chosen


def _referrals(ctx, rng, people, offers):
    today = ctx.today
    referrals, hires, offer_status = [], [], {}
    for offer in offers:
        chosen = _candidates(rng, people[offer.mission_locale_id], offer.received_on, rng.randint(1, 4))
        closed = (today - offer.received_on).days > 60
        hired = 0
        for pk, referent_id, _, end in chosen:
            day = min(end, offer.received_on + datetime.timedelta(days=rng.randint(0, 20)))
            status, result_on = rng.choice(["propose", "transmis", "entretien"]), None
            if closed or rng.random() < 0.2:
                draw = rng.random()
                status = (
                    "retenu"
                    if draw < 0.3 and hired < offer.positions
                    else "non_retenu"
                    if draw < 0.75
                    else "desistement"
                )
                result_on = min(today, day + datetime.timedelta(days=rng.randint(3, 30)))
                hired += status == "retenu"
            referral = Referral(offer_id=offer.pk, young_person_id=pk, counsellor_id=referent_id, date=day,
                                status=status, result_on=result_on)  # fmt: skip
            referrals.append(referral)
            if status == "retenu":
                hires.append((referral, offer, referent_id))
        offer_status[offer.pk] = "pourvue" if hired >= offer.positions else "close" if closed else "ouverte"
    ctx.bulk_create(Referral, referrals)
    for status in ("pourvue", "close"):
        JobOffer.objects.filter(pk__in=[pk for pk, s in offer_status.items() if s == status]).update(
            status=status
        )
    situation_ids = bulk.allocate_ids(Situation, len(hires))
    situations, recruitments = [], []
    for (referral, offer, counsellor_id), situation_id in zip(hires, situation_ids, strict=True):
        start = referral.result_on + datetime.timedelta(days=rng.randint(1, 21))
        end = None
        if offer.contract_type != "cdi":
            end = start + datetime.timedelta(days=30 * (offer.duration_months or 6) - 1)
        category, kind = rules.SITUATION_FOR_CONTRACT[offer.contract_type]
        situations.append({
            "id": situation_id, "young_person_id": referral.young_person_id, "category": category, "kind": kind,
            "state": rules.situation_state(start, end, ctx.today), "start_date": start, "end_date": end,
            "rome_code": offer.rome_code, "employer": "", "counsellor_id": counsellor_id,
            "source_id": f"employeurs:recrutement:{referral.pk}",
        })  # fmt: skip
        recruitments.append({
            "young_person_id": referral.young_person_id, "partner_id": offer.partner_id, "referral_id": referral.pk,
            "agreement_id": offer.agreement_id, "contract_type": offer.contract_type, "rome_code": offer.rome_code,
            "start_date": start, "end_date": end, "situation_id": situation_id, "counsellor_id": counsellor_id,
        })  # fmt: skip
    bulk.insert_rows(Situation, situations, with_ids=True)
    bulk.insert_rows(Recruitment, recruitments)
    return len(referrals), len(recruitments)


def _immersions(ctx, rng, people, employers, agreement_of):
    situations, immersions = [], []
    for ml in sorted(people):
        for pk, referent_id, first, end in people[ml]:
            if rng.random() >= IMMERSION_RATE or (end - first).days < 30:
                continue
            start = first + datetime.timedelta(days=rng.randint(14, (end - first).days))
            stop = start + datetime.timedelta(days=rng.choice([4, 4, 9, 11, 13]))
            partner_id, _, rome, *_ = rng.choice(employers[ml])
            first_name, last_name = person_name(rng)
            outcome = rng.choice(IMMERSION_OUTCOMES) if stop < ctx.today else ""
            situations.append({
                "young_person_id": pk, "category": SituationCategory.IMMERSION, "kind": SituationKind.PMSMP,
                "state": rules.situation_state(start, stop, ctx.today), "start_date": start, "end_date": stop,
                "rome_code": rome, "counsellor_id": referent_id,
            })  # fmt: skip
            immersions.append({
                "young_person_id": pk, "partner_id": partner_id, "agreement_id": agreement_of.get(partner_id),
                "goal": rng.choice(["decouvrir", "decouvrir", "confirmer", "recruter"]), "rome_code": rome,
                "start_date": start, "end_date": stop, "tutor_name": f"{first_name} {last_name}",
                "tutor_job_title": "Tuteur", "outcome": outcome, "counsellor_id": referent_id,
            })  # fmt: skip
    ids = bulk.allocate_ids(Situation, len(situations))
    for row, immersion, situation_id in zip(situations, immersions, ids, strict=True):
        row["id"], immersion["situation_id"] = situation_id, situation_id
        row["source_id"] = f"employeurs:immersion:{situation_id}"
    bulk.insert_rows(Situation, situations, with_ids=True)
    bulk.insert_rows(Immersion, immersions)
    return len(immersions)
