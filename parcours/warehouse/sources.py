"""Lecture des modèles optionnels (programmes, co-traitance) : utilisés s'ils existent, ignorés sinon.

Les applications ``programmes`` et ``cotraitance`` sont construites à part ; l'entrepôt lit leurs
données en lecture seule si les modèles et leurs tables sont là, et remplit ses tables de mise en
scène ``programmes`` (code, entrée, sortie, motif) et ``cotraitance`` (entrée, indemnisation).
"""

from django.apps import apps
from django.db import connection

#: Motif de sortie d'un programme -> (catégorie de l'entrepôt, emploi durable). Les catégories autres
#: que « autre » sont exactement les sorties positives de domain.md §4 (programmes.enums.POSITIVE_OUTCOMES) :
#: « formation » est la formation de 6 mois et plus (« formation_courte » n'est pas positive), et le retour
#: en scolarité (retour en formation initiale, 001) compte avec les formations.
EXIT_OUTCOMES = {
    "emploi_durable": ("emploi", True),
    "emploi": ("emploi", False),
    "creation_entreprise": ("emploi", False),
    "alternance": ("alternance", False),
    "formation": ("formation", False),
    "scolarite": ("formation", False),
}


def optional_model(app_label, model_name):
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return None
    return model


def usable(model, *fields):
    if model is None or model._meta.db_table not in connection.introspection.table_names():
        return False
    names = {f.name for f in model._meta.get_fields()}
    return all(field.split("__")[0] in names for field in fields)


def enrolment_model():
    model = optional_model("programmes", "Enrolment")
    fields = ("young_person", "programme__code", "entry_date", "exit_date", "exit_outcome")
    return model if usable(model, *fields) else None


def referral_model():
    model = optional_model("cotraitance", "Referral")
    return model if usable(model, "young_person", "assignment_date", "receives_benefits", "status") else None


def envelope_model():
    model = optional_model("cotraitance", "Envelope")
    return model if usable(model, "mission_locale", "year", "target") else None


def exit_outcome(code):
    if not code:
        return None, None
    return EXIT_OUTCOMES.get(code, ("autre", False))


def programme_rows(young_person_ids=None):
    """(young_person_id, programme, entry_date, exit_date, exit_outcome, exit_durable)."""
    model = enrolment_model()
    if model is None:
        return
    qs = model.objects.all()
    if young_person_ids is not None:
        qs = qs.filter(young_person_id__in=young_person_ids)
    fields = ("young_person_id", "programme__code", "entry_date", "exit_date", "exit_outcome")
    for yp_id, code, entry, exit_date, outcome in qs.values_list(*fields).iterator(chunk_size=20000):
        category, durable = exit_outcome(outcome if exit_date else "")
        yield yp_id, code.upper(), entry, exit_date, category, durable


def cotraitance_rows(young_person_ids=None):
    """(young_person_id, entry_date, benefit_receiving) : orientations acceptées."""
    model = referral_model()
    if model is None:
        return
    qs = model.objects.filter(young_person__isnull=False).exclude(status="refusee")
    if young_person_ids is not None:
        qs = qs.filter(young_person_id__in=young_person_ids)
    fields = ("young_person_id", "assignment_date", "receives_benefits")
    yield from qs.values_list(*fields).iterator(chunk_size=20000)


def envelope_rows():
    """(mission_locale_id, year, target)."""
    model = envelope_model()
    if model is None:
        return []
    return list(model.objects.values_list("mission_locale_id", "year", "target"))
