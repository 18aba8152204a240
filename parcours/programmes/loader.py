"""Chargement des dispositifs décrits dans data/ (migrations et commande charger_dispositifs).

Trois CSV (format commun : ``parcours.reference_data``) : ``dispositifs.csv`` (une ligne par dispositif,
colonnes aux noms des champs de ``Programme`` ; ``objectives`` nomme un catalogue de ``objectifs.csv``),
``phases.csv`` (une ligne par phase, ``programme`` donne le code du dispositif) et ``objectifs.csv``
(catalogue, objectif). Une cellule vide est un champ non renseigné : il garde sa valeur en base (ou la
valeur par défaut du modèle) ; un booléen s'écrit « oui » ou « non ».
"""

from pathlib import Path

from parcours.reference_data import flag, optional_date, rows, text_list

DATA_FILE = Path(__file__).resolve().parent / "data" / "dispositifs.csv"
PHASES_FILE_NAME = "phases.csv"
OBJECTIVES_FILE_NAME = "objectifs.csv"
_DATE_FIELDS = ("available_from", "available_until", "first_reception_from", "first_reception_until")
_INT_FIELDS = (
    "max_duration_months",
    "min_age_at_entry",
    "max_age_at_entry",
    "max_age_at_first_reception",
    "order",
    "initial_months",
    "planned_duration_months",
)
_BOOL_FIELDS = (
    "exclusive",
    "excludes_cotraitance",
    "runs_in_cohorts",
    "monthly_allowance",
    "repeatable",
    "counts_group_contacts",
)
_LIST_FIELDS = ("incompatible_with",)
_PHASE_FIELDS = (
    "label",
    "objectives",
    "contact_frequency",
    "initial_frequency",
    "initial_months",
    "planned_duration_months",
    "repeatable",
    "counts_group_contacts",
)


def _typed(row):
    """Les cellules renseignées d'une ligne, converties (dates, nombres, booléens, listes)."""
    values = {}
    for field, text in row.items():
        if not text:
            continue
        if field in _DATE_FIELDS:
            value = optional_date(text)
        elif field in _INT_FIELDS:
            value = int(text)
        elif field in _BOOL_FIELDS:
            value = flag(text)
        elif field in _LIST_FIELDS:
            value = text_list(text)
        else:
            value = text
        values[field] = value
    return values


def read_definitions(path=DATA_FILE):
    """Les dispositifs, chacun avec ses ``phases`` et ses objectifs (le catalogue nommé, en liste)."""
    path = Path(path)
    catalogues = {}
    for row in rows(path.with_name(OBJECTIVES_FILE_NAME)):
        catalogues.setdefault(row["catalogue"], []).append(row["objectif"])
    phases = {}
    for row in rows(path.with_name(PHASES_FILE_NAME)):
        phase = _typed(row)
        if "objectives" in phase:
            phase["objectives"] = text_list(phase["objectives"])
        phases.setdefault(phase.pop("programme"), []).append(phase)
    for row in rows(path):
        definition = _typed(row)
        if "objectives" in definition:
            definition["objectives"] = catalogues[definition["objectives"]]
        definition["phases"] = phases.get(definition["code"], [])
        yield definition


def _known(model, values):
    """Les seuls champs que le modèle connaît : une migration ancienne charge le fichier d'aujourd'hui avec
    ses modèles d'alors (un champ ajouté plus tard est chargé par la migration qui l'ajoute)."""
    names = {field.name for field in model._meta.concrete_fields}
    return {key: value for key, value in values.items() if key in names}


def load_programmes(programme_model, phase_model, path=DATA_FILE):
    """Crée ou met à jour les dispositifs et leurs phases ; renvoie le nombre de dispositifs chargés."""
    definitions = list(read_definitions(path))
    programmes = {}
    for definition in definitions:
        phases = definition.pop("phases")
        definition.pop("incompatible_with", None)
        definition.pop("modality_of", None)
        code = definition.pop("code")
        definition = _known(programme_model, definition)
        programme, _ = programme_model.objects.update_or_create(code=code, defaults=definition)
        programmes[code] = programme
        for phase in phases:
            values = {
                field: phase.get(field, "" if field == "initial_frequency" else None)
                for field in _PHASE_FIELDS
            }
            values["objectives"] = values["objectives"] or []
            values["repeatable"] = bool(values["repeatable"])
            values["counts_group_contacts"] = bool(values["counts_group_contacts"])
            values = _known(phase_model, values)
            phase_model.objects.update_or_create(programme=programme, order=phase["order"], defaults=values)
    incompatible = {
        code: set() for code in programmes
    }  # relation symétrique, quel que soit l'ordre du fichier
    for definition in read_definitions(path):
        for other in definition.get("incompatible_with", []):
            incompatible[definition["code"]].add(other)
            incompatible[other].add(definition["code"])
    for code, others in incompatible.items():
        programmes[code].incompatible_with.set([programmes[c] for c in sorted(others)])
    if "modality_of" in {field.name for field in programme_model._meta.concrete_fields}:
        for definition in read_definitions(path):
            parent = programmes.get(definition.get("modality_of") or "")
            programme = programmes[definition["code"]]
            if programme.modality_of_id != (parent.pk if parent else None):
                programme.modality_of = parent
                programme.save(update_fields=["modality_of"])
    return len(programmes)
