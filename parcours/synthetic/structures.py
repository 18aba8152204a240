"""Missions locales, sites d'accueil et conseillers des données synthétiques."""

import dataclasses

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.referential.enums import SiteKind
from parcours.referential.models import Department, MissionLocale, Site
from parcours.synthetic import names, places
from parcours.synthetic.distributions import Weighted
from parcours.young_people.text import normalize

#: Un conseiller pour environ 80 jeunes suivis (dossiers non archivés).
YOUNG_PEOPLE_PER_COUNSELLOR = 80
SITE_PLACES = ["mairie", "centre social", "maison France Services", "CCAS", "espace jeunes", "médiathèque"]
OPENING_HOURS = {
    SiteKind.HEAD_OFFICE: "Lundi au vendredi, 9 h – 12 h 30 et 13 h 30 – 17 h 30",
    SiteKind.BRANCH: "Lundi au jeudi, 9 h – 12 h et 14 h – 17 h",
    SiteKind.PERMANENCE: "Mardi et jeudi, 14 h – 17 h",
    SiteKind.RELAY_POINT: "Mercredi, 9 h – 12 h",
}


@dataclasses.dataclass
class MissionLocaleInfo:
    """Ce dont le générateur a besoin d'une mission locale, sans requête par jeune."""

    pk: int
    code: str
    department_code: str
    home_commune: str
    communes: list  # (commune, code postal) du département, la commune du siège d'abord


def ensure_missions_locales(ctx, total):
    """Crée des missions locales jusqu'à ``total`` (actives), réparties selon la population des départements."""
    existing = list(MissionLocale.objects.active().select_related("department"))
    missing = total - len(existing) if total else 0
    if missing > 0:
        _create_missions_locales(ctx, existing, missing)
    _ensure_sites(ctx, _active_missions_locales())
    return [_info(ml) for ml in _active_missions_locales()]


def _active_missions_locales():
    return list(
        MissionLocale.objects.active().select_related("department").prefetch_related("sites").order_by("code")
    )


def _create_missions_locales(ctx, existing, missing):
    rng = ctx.derive("missions-locales")
    departments = {d.code: d for d in Department.objects.all()}
    counts = {code: 0 for code in departments}
    for ml in existing:
        counts[ml.department.code] += 1
    target_total = len(existing) + missing
    population = sum(places.POPULATION[c] for c in departments)
    # Plus forte moyenne : chaque département vise sa part de la population, au moins une ML.
    wanted = {c: places.POPULATION[c] * target_total / population for c in departments}
    new = []
    used_codes = set(MissionLocale.objects.values_list("code", flat=True))
    used_names = set(MissionLocale.objects.values_list("name", flat=True))
    for _ in ctx.progress(range(missing), "Missions locales", unit="ML"):
        code = max(departments, key=lambda c: (wanted[c] - counts[c], c))
        counts[code] += 1
        rank = counts[code]
        ml_code = _ml_code(code, rank, used_codes)
        used_codes.add(ml_code)
        department = departments[code]
        candidates = [c for c in places.COMMUNES[code] if f"Mission locale de {c}" not in used_names]
        if candidates:
            name = f"Mission locale de {rng.choice(candidates)}"
        else:
            name = f"Mission locale {department.name} n° {rank}"
        used_names.add(name)
        new.append(MissionLocale(code=ml_code, name=name, department=department))
    ctx.bulk_create(MissionLocale, new)


def _ml_code(department_code, rank, used_codes):
    width = 2 if len(department_code) == 3 else 3
    while True:
        code = f"{department_code}{rank:0{width}d}"
        if code not in used_codes:
            return code
        rank += 1


def _ensure_sites(ctx, missions_locales):
    """Complète chaque ML qui n'a que son siège : antennes, permanences, points relais (~16 sites par ML)."""
    rng = ctx.derive("sites")
    site_counts = {}
    for ml_id in Site.objects.values_list("mission_locale_id", flat=True):
        site_counts[ml_id] = site_counts.get(ml_id, 0) + 1
    new = []
    for ml in missions_locales:
        count = site_counts.get(ml.pk, 0)
        if count >= 2:
            continue
        home = _home_commune(ml)
        communes = _communes(ml.department.code, home)
        if count == 0:
            new.append(
                Site(mission_locale=ml, name=f"Siège de {home}", kind=SiteKind.HEAD_OFFICE, commune=home,
                     postcode=communes[0][1])
            )  # fmt: skip
        others = communes[1:] or communes
        for kind, low, high in (
            (SiteKind.BRANCH, 1, 4),
            (SiteKind.PERMANENCE, 4, 10),
            (SiteKind.RELAY_POINT, 2, 8),
        ):
            for n in range(rng.randint(low, high)):
                commune, postcode = rng.choice(others)
                place = rng.choice(SITE_PLACES)
                name = {
                    SiteKind.BRANCH: f"Antenne de {commune}",
                    SiteKind.PERMANENCE: f"Permanence de {commune} ({place})",
                    SiteKind.RELAY_POINT: f"Point relais {place} de {commune}",
                }[kind]
                new.append(
                    Site(mission_locale=ml, name=f"{name} {n + 1}" if kind == SiteKind.BRANCH and n else name,
                         kind=kind, commune=commune, postcode=postcode)
                )  # fmt: skip
    _public_details(ctx.derive("sites-public"), new)
    ctx.bulk_create(Site, new)


def _public_details(rng, sites):
    """Adresse, téléphone et horaires que le public voit (tirés à part : les sites eux-mêmes ne changent pas)."""
    for site in sites:
        site.address = f"{rng.randint(1, 120)} {rng.choice(places.STREETS)}"
        site.phone = f"0{rng.randint(1, 5)} {' '.join(f'{rng.randint(0, 99):02d}' for _ in range(4))}"
        site.opening_hours = OPENING_HOURS[site.kind]


def _home_commune(ml):
    head = next(iter(s for s in ml.sites.all() if s.kind == SiteKind.HEAD_OFFICE), None)
    if head is not None:
        return head.commune
    prefix = "Mission locale de "
    if ml.name.startswith(prefix):
        return ml.name[len(prefix) :]
    return places.COMMUNES[ml.department.code][0]


def _communes(department_code, home):
    listed = places.COMMUNES.get(department_code) or [home]
    pairs = [(c, places.postcode(department_code, rank)) for rank, c in enumerate(listed)]
    pairs.sort(key=lambda pair: pair[0] != home)
    if pairs[0][0] != home:
        pairs.insert(0, (home, places.postcode(department_code, 0)))
    return pairs


def _info(ml):
    home = _home_commune(ml)
    return MissionLocaleInfo(
        pk=ml.pk,
        code=ml.code,
        department_code=ml.department.code,
        home_commune=home,
        communes=_communes(ml.department.code, home),
    )


def ensure_counsellors(ctx, ml_info, wanted):
    """Les conseillers ``c{code}_{n}`` (n = 1…wanted) de la ML, créés s'ils manquent ; mot de passe inutilisable."""
    rng = ctx.derive(f"conseillers:{ml_info.code}")
    usernames = [f"c{ml_info.code}_{n}" for n in range(1, wanted + 1)]
    existing = {u.username: u for u in User.objects.filter(username__in=usernames)}
    female = Weighted(
        dict(zip(names.FEMALE_FIRST_NAMES, names.zipf_weights(len(names.FEMALE_FIRST_NAMES)), strict=True))
    )
    male = Weighted(
        dict(zip(names.MALE_FIRST_NAMES, names.zipf_weights(len(names.MALE_FIRST_NAMES)), strict=True))
    )
    new = []
    for username in usernames:
        first_name = (female if rng.random() < 0.7 else male)(rng)  # profession très féminisée
        last_name = rng.choice(names.LAST_NAMES)
        password = f"{UNUSABLE_PASSWORD_PREFIX}{rng.getrandbits(160):040x}"
        if username in existing:
            continue
        slug = normalize(f"{first_name}.{last_name}").replace(" ", "-")
        new.append(
            User(username=username, first_name=first_name, last_name=last_name, role=Role.COUNSELLOR,
                 mission_locale_id=ml_info.pk, password=password, email=f"{slug}@ml{ml_info.code}.example.org")
        )  # fmt: skip
    ctx.bulk_create(User, new)
    by_name = {**existing, **{u.username: u for u in new}}
    return [by_name[u].pk for u in usernames]


def counsellors_needed(active_young_people):
    return max(1, round(active_young_people / YOUNG_PEOPLE_PER_COUNSELLOR))
