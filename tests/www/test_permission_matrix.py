"""La matrice des permissions : chaque URL, chaque rôle, deux missions locales.

Toute URL de l'application est parcourue (découverte dans le résolveur : une nouvelle page est couverte
d'office). Règles vérifiées :
- un anonyme est renvoyé vers la connexion (sauf pages publiques déclarées) ;
- personne hors de la mission locale A ne voit une donnée personnelle d'un jeune de A (son nom, sa
  donnée de santé) — quel que soit le code de retour ;
- les données sensibles de A ne s'affichent qu'à son référent et à sa direction ;
- aucune page ne plante (pas de 500) ;
- pour les pages du dossier, les codes de retour attendus par rôle (tableau EXPECTED).

Une app qui ajoute des URLs à paramètres fournit ``tests/<app>/matrix.py`` avec
``permission_matrix_objects(young_person)`` (paramètre -> pk d'un objet de la ML du jeune) et,
si besoin, ``PUBLIC_URL_NAMES``.
"""

import datetime
import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from parcours.accounts.enums import Role
from tests.factories import (
    ContactFactory,
    MissionLocaleFactory,
    ProposalFactory,
    SituationFactory,
    UserFactory,
    YoungPersonFactory,
)

SECRET_NAME = "Zyxwvutsrq"
SECRET_HEALTH = "Suivi-psy-confidentiel"
SKIPPED_NAMESPACES = {"admin"}  # l'administration Django est testée à part (comptes is_staff seulement)
SEARCH_QUERY = {
    "young_people:search": "?q=zyxw",
    "api:young-person-list": "?q=zyxw",
    "employers:referral_candidates": "?q=zyxw",
    "agenda:session_candidates": "?q=zyxw",
}

# Codes attendus pour les utilisateurs de la ML A sur les pages du dossier du jeune de A
# (référent = conseiller A ; « conseiller_a2 » est un autre conseiller de la même ML).
ML_A_ROLES = ["accueil_a", "conseiller_a", "conseiller_a2", "entreprise_a", "directeur_a"]
MANAGE_ONLY = {"young_people:archive", "young_people:transfer", "young_people:merge"}

# Moindre privilège (docs/droits-d-acces.md) : pour ces pages, les seuls utilisateurs de la ML A admis ;
# les autres reçoivent 403. Les autres pages de la ML sont ouvertes à tout son personnel.
IDENTITY = {"accueil_a", "conseiller_a", "conseiller_a2", "directeur_a"}
FOLLOW_UP = {"conseiller_a", "conseiller_a2", "directeur_a"}
PLACEMENTS = FOLLOW_UP | {"entreprise_a"}
ALLOWED_ML_A = {
    **dict.fromkeys(MANAGE_ONLY, {"conseiller_a", "directeur_a"}),
    **dict.fromkeys(
        [
            "young_people:create",
            "young_people:edit",
            "young_people:contact_create",
            "young_people:contact_edit",
            "young_people:attestation",
        ],
        IDENTITY,
    ),
    **dict.fromkeys(
        [
            "young_people:proposal_create",
            "young_people:proposal_status",
            "young_people:situation_create",
            "young_people:situation_edit",
            "young_people:file_summary",
            "programmes:enrol",
            "programmes:change_phase",
            "programmes:exit",
            "cotraitance:referral_end",
            "cotraitance:referral_unavailability",
        ],
        FOLLOW_UP,
    ),
    **dict.fromkeys(
        [
            "employers:recruitment_create",
            "employers:immersion_create",
            "employers:immersion_edit",
            "employers:sponsorship_create",
            "employers:referral_create",
            "employers:referral_candidates",
            "employers:referral_update",
        ],
        PLACEMENTS,
    ),
    # Agenda (issue 10) : « Mon agenda » des conseillers et de la direction, agenda des sites et prise de
    # rendez-vous aussi pour l'accueil, semaine de l'équipe pour la direction ; pas le référent entreprise.
    **dict.fromkeys(["agenda:day", "agenda:week", "agenda:calendar"], FOLLOW_UP),
    **dict.fromkeys(
        [
            "agenda:site_pick",
            "agenda:site",
            "agenda:appointment_create",
            "agenda:appointment_status",
            "agenda:appointment_edit",
        ],
        IDENTITY,
    ),
    "agenda:team": {"directeur_a"},
    # Séances collectives : l'accueil les voit et y inscrit ; les conseillers et la direction les tiennent.
    **dict.fromkeys(
        [
            "agenda:sessions",
            "agenda:session_detail",
            "agenda:session_register",
            "agenda:session_candidates",
            "agenda:registration_cancel",
        ],
        IDENTITY,
    ),
    **dict.fromkeys(
        [
            "agenda:session_create",
            "agenda:session_edit",
            "agenda:session_cancel",
            "agenda:session_attendance",
        ],
        FOLLOW_UP,
    ),
    # Rappels (issue 10) : l'accord du jeune se note par qui tient ses rendez-vous ; le délai, par la direction.
    "reminders:consent": IDENTITY,
    "reminders:settings": {"directeur_a"},
    "cotraitance:import": {"directeur_a"},
    "young_people:unassigned": {"accueil_a", "directeur_a"},  # file des dossiers sans référent
    # Dossiers que compte un contrôle de qualité (issue 11, point 7).
    "young_people:to_fix": FOLLOW_UP,
    # Doublons probables (issue 11, point 8) : la liste de la direction et « pas un doublon ».
    "young_people:duplicate_pairs": {"directeur_a"},
    "young_people:dismiss_pair": {"directeur_a"},
    "employers:partner_edit": {"entreprise_a", "directeur_a"},  # fiche tenue par la ML A
}


def ml_a_expected(url_name, username):
    allowed = ALLOWED_ML_A.get(url_name)
    return 200 if allowed is None or username in allowed else 403


def _walk(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            if p.namespace in SKIPPED_NAMESPACES:
                continue
            yield from _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}", sorted(p.pattern.regex.groupindex)


def all_url_names():
    seen = {}
    for name, kwargs in _walk(get_resolver().url_patterns):
        if "format" in kwargs:
            continue  # variantes ?format=… des routes DRF : mêmes vues
        seen.setdefault(name, kwargs)
    return sorted(seen.items())


def _area_modules():
    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg:
            try:
                yield importlib.import_module(f"tests.{info.name}.matrix")
            except ModuleNotFoundError as error:
                if error.name != f"tests.{info.name}.matrix":
                    raise


def public_url_names():
    return {"login", "logout"} | {
        name for module in _area_modules() for name in getattr(module, "PUBLIC_URL_NAMES", [])
    }


@pytest.fixture
def world(db):
    ml_a = MissionLocaleFactory(name="Mission locale A")
    ml_b = MissionLocaleFactory(name="Mission locale B")
    users = {
        "accueil_a": UserFactory(mission_locale=ml_a, role=Role.RECEPTION),
        "conseiller_a": UserFactory(mission_locale=ml_a, role=Role.COUNSELLOR),
        "conseiller_a2": UserFactory(mission_locale=ml_a, role=Role.COUNSELLOR),
        "entreprise_a": UserFactory(mission_locale=ml_a, role=Role.EMPLOYER_REFERENT),
        "directeur_a": UserFactory(mission_locale=ml_a, role=Role.DIRECTOR),
        "conseiller_b": UserFactory(mission_locale=ml_b, role=Role.COUNSELLOR),
        "directeur_b": UserFactory(mission_locale=ml_b, role=Role.DIRECTOR),
        "entreprise_b": UserFactory(mission_locale=ml_b, role=Role.EMPLOYER_REFERENT),
        "animateur": UserFactory(
            mission_locale=None, role=Role.REGIONAL_ANIMATOR, region=ml_a.department.region
        ),
        "national": UserFactory(mission_locale=None, role=Role.NATIONAL),
        "administrateur": UserFactory(
            mission_locale=None, role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True
        ),
    }
    young_a = YoungPersonFactory(
        mission_locale=ml_a,
        last_name=SECRET_NAME,
        first_name="Alice",
        referent=users["conseiller_a"],
        health_notes=SECRET_HEALTH,
    )
    young_b = YoungPersonFactory(mission_locale=ml_b, last_name="Bernard", referent=users["conseiller_b"])
    objects = {}
    for yp in (young_a, young_b):
        objects[yp.mission_locale_id] = {
            "pk": yp.pk,
            # Un contact et une proposition de santé : leur contenu suit la règle des données sensibles.
            "contact_pk": ContactFactory(
                young_person=yp, date=datetime.date(2025, 2, 1), themes=["sante"], notes=SECRET_HEALTH
            ).pk,
            "proposal_pk": ProposalFactory(
                young_person=yp, theme="sante", kind="service_partenaire", description=SECRET_HEALTH
            ).pk,
            "situation_pk": SituationFactory(young_person=yp).pk,
        }
        for module in _area_modules():
            if hasattr(module, "permission_matrix_objects"):
                area = module.permission_matrix_objects(yp)
                clash = area.keys() & objects[yp.mission_locale_id].keys()
                assert not clash, (
                    f"{module.__name__} redéfinit {sorted(clash)} : un nom de paramètre d'URL par objet"
                )
                objects[yp.mission_locale_id].update(area)
    return {"users": users, "young_a": young_a, "objects_a": objects[ml_a.pk]}


def _url(name, kwarg_names, objects):
    missing = [k for k in kwarg_names if k not in objects]
    assert not missing, (
        f"L'URL {name} prend {missing} : ajoutez-les à permission_matrix_objects() dans tests/<app>/matrix.py"
    )
    return reverse(name, kwargs={k: objects[k] for k in kwarg_names}) + SEARCH_QUERY.get(name, "")


#: Paramètres d'URL désignant un objet d'une mission locale (ou de l'un de ses jeunes) : le personnel d'une
#: autre mission locale reçoit 403 ou 404. Partenaires, accords et offres publiées sont partagés.
ML_SCOPED_KWARGS = {
    "pk",
    "contact_pk",
    "proposal_pk",
    "situation_pk",
    "enrolment_pk",
    "referral_pk",
    "placement_pk",
    "immersion_pk",
    "sponsorship_pk",
    "event_pk",
    "action_pk",
    "import_pk",
    "site_pk",
    "appointment_pk",
    "document_pk",
    "request_pk",
    "session_pk",
    "registration_pk",
}
OTHER_ML_STAFF = {"conseiller_b", "directeur_b", "entreprise_b"}


def _text(response):
    """Le texte de la réponse, y compris le contenu des cellules d'un export XLSX (compressé)."""
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        import io

        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        return " ".join(
            str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v
        )
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def test_every_url_every_role(world, client):
    public = public_url_names()
    failures = []
    outsiders = ["conseiller_b", "directeur_b", "entreprise_b", "animateur", "national", "administrateur"]
    sensitive_readers = {"conseiller_a", "directeur_a"}
    names = all_url_names()
    assert len(names) > 15, "le résolveur devrait exposer toutes les pages"
    for name, kwarg_names in names:
        url = _url(name, kwarg_names, world["objects_a"])
        client.logout()
        response = client.get(url)
        if name not in public and response.status_code not in (302, 401, 403):
            failures.append(f"anonyme {url} -> {response.status_code} (attendu : connexion exigée)")
        if name == "logout":
            continue
        for username, user in world["users"].items():
            client.force_login(user)
            response = client.get(url)
            body = _text(response)
            if response.status_code >= 500:
                failures.append(f"{username} {url} -> {response.status_code}")
            if username in outsiders and SECRET_NAME.lower() in body.lower():
                failures.append(f"FUITE : {username} voit le nom d'un jeune d'une autre ML sur {url}")
            if username not in sensitive_readers and SECRET_HEALTH in body:
                failures.append(f"FUITE : {username} voit une donnée de santé sur {url}")
            if (
                username in OTHER_ML_STAFF
                and set(kwarg_names) & ML_SCOPED_KWARGS
                and response.status_code < 300
            ):
                failures.append(
                    f"FUITE : {username} ouvre un objet de la ML A sur {url} ({response.status_code})"
                )
            if (
                username in OTHER_ML_STAFF
                and name in ALLOWED_ML_A
                and kwarg_names
                and response.status_code < 400
            ):
                failures.append(
                    f"FUITE : {username} agit sur un objet de la ML A sur {url} ({response.status_code})"
                )
            young_person_page = name.startswith("young_people:") and "pk" in kwarg_names
            if username in ML_A_ROLES and name in ALLOWED_ML_A and not young_person_page:
                denied = response.status_code == 403
                if denied != (ml_a_expected(name, username) == 403):
                    failures.append(f"{username} {url} -> {response.status_code} (moindre privilège)")
            if young_person_page:
                expected = ml_a_expected(name, username) if username in ML_A_ROLES else 404
                if username in ("animateur", "national", "administrateur"):
                    expected = 403  # rôles sans données personnelles : refus explicite
                if response.status_code != expected:
                    failures.append(f"{username} {url} -> {response.status_code} (attendu {expected})")
    assert not failures, "\n".join(failures)


def test_sensitive_data_shown_to_referent_and_director_only(world, client):
    url = reverse("young_people:detail", kwargs={"pk": world["young_a"].pk})
    seen = {}
    for username in ML_A_ROLES:
        client.force_login(world["users"][username])
        seen[username] = SECRET_HEALTH in client.get(url).content.decode()
    assert seen == {
        "accueil_a": False,
        "conseiller_a": True,
        "conseiller_a2": False,
        "entreprise_a": False,
        "directeur_a": True,
    }


def test_admin_is_for_staff_and_exposes_no_young_person(world, client):
    client.force_login(world["users"]["conseiller_a"])
    assert client.get("/admin/").status_code == 302
    client.force_login(world["users"]["administrateur"])
    body = client.get("/admin/").content.decode()
    assert "Missions locales" in body or "missions locales" in body
    assert "young_people" not in body and SECRET_NAME not in body
