"""Jeunes synthétiques : identité, situation personnelle, premier accueil, durée d'accompagnement, archivage.

Chaque jeune est d'abord « planifié » en mémoire (``Plan``) : les étapes suivantes (référents, contacts,
situations) lisent ce plan au lieu de relire la base.
"""

import dataclasses
import datetime
import itertools
import zoneinfo

from django.conf import settings

from parcours.synthetic import catalog, names, places
from parcours.synthetic import distributions as d
from parcours.young_people import rules
from parcours.young_people.enums import ArchiveReason, JudicialFollowUp, Sex, Transport
from parcours.young_people.models import YoungPerson
from parcours.young_people.text import normalize

EMAIL_DOMAINS = ["example.com", "example.org", "example.net"]
BORN_ABROAD_SHARE = 0.1
BIRTH_COUNTRIES = ["350", "351", "352", "341", "326", "328", "139", "109"]  # codes INSEE des pays (NIR)
VILLAGE_PREFIXES = ["Saint-", "Sainte-", "Le Mesnil-", "Villers-", "Fontaine-", "Neuville-", "Mont-", "Bois-"]
VILLAGE_SUFFIXES = ["le-Petit", "sur-Rivière", "les-Prés", "en-Plaine", "la-Forêt", "aux-Bois", "le-Haut"]


@dataclasses.dataclass(slots=True)
class Plan:
    """Un jeune et la trame de son accompagnement."""

    person: YoungPerson
    ml: object  # MissionLocaleInfo
    first_reception: datetime.date
    end: datetime.date  # fin de l'accompagnement actif ; postérieure à ``today`` s'il est encore suivi
    rate: float  # contacts par an
    archived_at: datetime.datetime | None = None
    referents: list = dataclasses.field(default_factory=list)  # [(date de début, id du conseiller)]

    def referent_on(self, day):
        current = self.referents[0][1] if self.referents else None
        for start, user_id in self.referents:
            if start <= day:
                current = user_id
        return current


class PeopleGenerator:
    def __init__(self, ctx, ml_infos, ml_weights):
        self.ctx = ctx
        self.rng = ctx.derive("jeunes")
        self.ml_infos = ml_infos
        self.pick_ml = d.Weighted(dict(zip(range(len(ml_infos)), ml_weights, strict=True)))
        self.last_names = d.Weighted(
            dict(zip(names.LAST_NAMES, names.zipf_weights(len(names.LAST_NAMES)), strict=True))
        )
        self.first_names = {
            Sex.FEMALE: d.Weighted(dict(zip(names.FEMALE_FIRST_NAMES, names.zipf_weights(len(names.FEMALE_FIRST_NAMES)), strict=True))),
            Sex.MALE: d.Weighted(dict(zip(names.MALE_FIRST_NAMES, names.zipf_weights(len(names.MALE_FIRST_NAMES)), strict=True))),
        }  # fmt: skip
        self.reception_day = self._reception_days()
        self.tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)

    def _reception_days(self):
        """Jours ouvrés de la période, pondérés par la saisonnalité des premiers accueils."""
        days, day = {}, self.ctx.since
        while day <= self.ctx.today:
            if day.weekday() < 5:
                days[day] = d.MONTH_WEIGHTS[day.month]
            day += datetime.timedelta(days=1)
        return d.Weighted(days)

    def plan(self, count):
        plans = []
        for _ in self.ctx.progress(range(count), "Jeunes (préparation)"):
            if plans and self.rng.random() < d.DUPLICATE_SHARE:
                duplicate = self._duplicate(d.pick(self.rng, plans))
                if duplicate is not None:
                    plans.append(duplicate)
                    continue
            plans.append(self._new())
        return plans

    def _new(self, ml=None, identity=None):
        rng = self.rng
        ml = ml or self.ml_infos[self.pick_ml(rng)]
        first_reception = self.reception_day(rng)
        if identity is None:
            sex = Sex.FEMALE if rng.random() < 0.5 else Sex.MALE
            last_name = self.last_names(rng)
            if rng.random() < 0.02:
                last_name = f"{last_name}-{self.last_names(rng)}"
            first_name = self.first_names[sex](rng)
            birth_date = _birth_date(rng, first_reception, d.AGE_AT_FIRST_RECEPTION(rng))
        else:
            last_name, first_name, birth_date, sex = identity
        age = rules.age_on(birth_date, first_reception)
        level = d.EDUCATION(rng)
        area = rng.random()
        in_qpv = area < d.QPV_SHARE
        is_rural = not in_qpv and area < d.QPV_SHARE + d.RURAL_SHARE
        in_zrr = is_rural and rng.random() < d.ZRR_SHARE_OF_RURAL
        commune, postcode = self._residence(ml, is_rural)
        licence = rng.random() < min(0.55, max(0.0, (age - 17) * 0.07))
        transport = self._transport(licence, is_rural)
        judicial = JudicialFollowUp.NONE
        draw = rng.random()
        if draw < d.PJJ_SHARE and age < 19:
            judicial = JudicialFollowUp.PJJ
        elif draw > 1 - d.UNDER_JUSTICE_SHARE:
            judicial = JudicialFollowUp.UNDER_JUSTICE
        slug = normalize(f"{first_name}.{last_name}").replace(" ", "-")
        person = YoungPerson(
            mission_locale_id=ml.pk,
            last_name=last_name,
            first_name=first_name,
            search_name=YoungPerson.build_search_name(last_name, first_name),
            birth_date=birth_date,
            sex=sex,
            nir=_nir(rng, sex, birth_date, ml.department_code) if rng.random() < d.NIR_SHARE else "",
            email=f"{slug}{d.between(rng, 1, 99)}@{d.pick(rng, EMAIL_DOMAINS)}" if rng.random() < d.EMAIL_SHARE else "",
            phone=_phone(rng) if rng.random() < d.PHONE_SHARE else "",
            address=f"{d.between(rng, 1, 180)} {d.pick(rng, places.STREETS)}",
            postcode=postcode, commune=commune,
            in_qpv=in_qpv, in_zrr=in_zrr, is_rural=is_rural,
            education_level=level,
            highest_diploma=d.pick(rng, catalog.DIPLOMAS_BY_LEVEL[level]),
            driving_licence=licence,
            transport=transport,
            housing=d.HOUSING(rng),
            health_cover=d.HEALTH_COVER(rng),
            resources=d.RESOURCES(rng),
            rqth=rng.random() < d.RQTH_SHARE,
            child_welfare=rng.random() < d.CHILD_WELFARE_SHARE,
            health_notes=d.pick(rng, catalog.HEALTH_NOTES) if rng.random() < d.HEALTH_NOTES_SHARE else "",
            judicial_follow_up=judicial,
            first_reception_date=first_reception,
            created_at=datetime.datetime.combine(first_reception, datetime.time(9), self.tz),
        )  # fmt: skip
        low, high = d.ACCOMPANIMENT_LENGTH(rng)
        end = min(
            first_reception + datetime.timedelta(days=d.between(rng, low, high)),
            rules.last_eligible_day(birth_date),
        )
        rate = max(
            3.0,
            rng.gammavariate(d.CONTACTS_PER_YEAR_SHAPE, d.CONTACTS_PER_YEAR_MEAN / d.CONTACTS_PER_YEAR_SHAPE),
        )
        plan = Plan(person=person, ml=ml, first_reception=first_reception, end=end, rate=rate)
        self._archive(plan, at_age_limit=end == rules.last_eligible_day(birth_date))
        return plan

    def _duplicate(self, original):
        """Le même jeune connu deux fois (même nom, prénom et date de naissance), souvent ailleurs."""
        p = original.person
        ml = original.ml if self.rng.random() < 0.5 else None
        for _ in range(5):
            plan = self._new(ml=ml, identity=(p.last_name, p.first_name, p.birth_date, p.sex))
            if rules.eligibility_error(p.birth_date, plan.first_reception) is None:
                if p.nir and self.rng.random() < 0.5:
                    plan.person.nir = p.nir
                return plan
        return None

    def _residence(self, ml, is_rural):
        rng = self.rng
        if is_rural:
            village = d.pick(rng, VILLAGE_PREFIXES) + d.pick(rng, names.LAST_NAMES).replace(" ", "-")
            if rng.random() < 0.4:
                village += "-" + d.pick(rng, VILLAGE_SUFFIXES)
            return village, _village_postcode(rng, ml.department_code)
        if ml.department_code == "75":
            return "Paris", f"750{d.between(rng, 1, 20):02d}"
        if rng.random() < 0.55:
            return ml.communes[0]
        return d.pick(rng, ml.communes)

    def _transport(self, licence, is_rural):
        if licence and self.rng.random() < 0.6:
            return Transport.CAR
        return (d.TRANSPORT_RURAL if is_rural else d.TRANSPORT_URBAN)(self.rng)

    def _archive(self, plan, at_age_limit):
        rng, today = self.rng, self.ctx.today
        inactive_days = (today - plan.end).days
        if inactive_days <= d.ARCHIVE_AFTER_INACTIVITY_DAYS or rng.random() >= d.ARCHIVE_SHARE_WHEN_INACTIVE:
            return
        day = plan.end + datetime.timedelta(days=d.between(rng, d.ARCHIVE_AFTER_INACTIVITY_DAYS, 400))
        day = min(day, today - datetime.timedelta(days=1))
        plan.archived_at = datetime.datetime.combine(
            day, datetime.time(d.between(rng, 8, 18), d.pick(rng, (0, 30))), self.tz
        )
        reason = ArchiveReason.AGE_LIMIT if at_age_limit else d.ARCHIVE_REASON(rng)
        if reason == ArchiveReason.AGE_LIMIT and not at_age_limit:
            reason = ArchiveReason.AUTONOMOUS
        plan.person.archived_at = plan.archived_at
        plan.person.archive_reason = reason

    def keep_following(self, plan):
        """Jeune d'un portefeuille de démonstration : encore suivi, rendez-vous récents et à venir."""
        today = self.ctx.today
        if plan.end <= today:
            plan.end = today + datetime.timedelta(days=d.between(self.rng, 30, 200))
        plan.end = max(
            min(plan.end, rules.last_eligible_day(plan.person.birth_date)), today + datetime.timedelta(days=1)
        )
        plan.rate = max(plan.rate, 14.0)


def _birth_date(rng, first_reception, age):
    """Date de naissance telle que le jeune a exactement ``age`` ans au premier accueil."""
    latest = rules.years_before(first_reception, age)
    earliest = rules.years_before(first_reception, age + 1) + datetime.timedelta(days=1)
    return earliest + datetime.timedelta(days=d.between(rng, 0, (latest - earliest).days))


def _phone(rng):
    digits = [d.between(rng, 0, 99) for _ in range(4)]
    return f"0{d.pick(rng, (6, 6, 7))} " + " ".join(f"{n:02d}" for n in digits)


def _village_postcode(rng, department_code):
    if department_code in ("2A", "2B"):
        return f"20{d.between(rng, 10, 29) * 10:03d}"
    if len(department_code) == 3:
        return f"{department_code}{d.between(rng, 1, 9) * 10:02d}"
    if department_code == "75":
        return "75000"
    return f"{department_code}{d.between(rng, 11, 99) * 10:03d}"


def _nir(rng, sex, birth_date, department_code):
    """NIR plausible avec sa clé : sexe, année, mois, lieu de naissance, rang."""
    head = f"{1 if sex == Sex.MALE else 2}{birth_date.year % 100:02d}{birth_date.month:02d}"
    if rng.random() < BORN_ABROAD_SHARE:
        place = f"99{d.pick(rng, BIRTH_COUNTRIES)}"
    elif len(department_code) == 3:
        place = f"{department_code}{d.between(rng, 1, 34):02d}"
    else:
        place = f"{department_code}{d.between(rng, 1, 700):03d}"
    body = f"{head}{place}{d.between(rng, 1, 999):03d}"
    numeric = int(body.replace("2A", "19").replace("2B", "18"))
    return f"{body}{97 - numeric % 97:02d}"


def referent_segments(rng, plan, counsellor_ids, today):
    """Référent(s) successifs : un seul le plus souvent, parfois un changement en cours d'accompagnement."""
    first = d.pick(rng, counsellor_ids)
    plan.referents = [(plan.first_reception, first)]
    last_day = min(plan.end, today)
    if (
        len(counsellor_ids) > 1
        and (last_day - plan.first_reception).days > 90
        and rng.random() < d.TRANSFER_SHARE
    ):
        day = plan.first_reception + datetime.timedelta(
            days=d.between(rng, 30, (last_day - plan.first_reception).days - 30)
        )
        other = d.pick(rng, [c for c in counsellor_ids if c != first])
        plan.referents.append((day, other))
    plan.person.referent_id = plan.referents[-1][1]


TRANSFER_REASONS = [
    "Départ du conseiller",
    "Rééquilibrage des portefeuilles",
    "Demande du jeune",
    "Changement d'antenne",
]


def assignment_rows(rng, plan, tz):
    """Lignes d'historique des référents, la dernière close à l'archivage."""
    rows = []
    for (start, user_id), following in itertools.zip_longest(plan.referents, plan.referents[1:]):
        rows.append(
            {
                "young_person_id": plan.person.pk,
                "referent_id": user_id,
                "start": datetime.datetime.combine(start, datetime.time(9), tz),
                "end": datetime.datetime.combine(following[0], datetime.time(9), tz)
                if following
                else plan.archived_at,
                "reason": "Premier accueil" if not rows else d.pick(rng, TRANSFER_REASONS),
            }
        )
    return rows
