"""Chargement des dispositifs décrits dans data/programmes.json (migration et commande charger_dispositifs)."""

import datetime
import json
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "programmes.json"
_DATE_FIELDS = ("available_from", "available_until", "first_reception_from", "first_reception_until")
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


def read_definitions(path=DATA_FILE):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    catalogues = {key: value for key, value in data.items() if key != "programmes"}
    for definition in data["programmes"]:
        definition = dict(definition)
        if isinstance(definition.get("objectives"), str):
            definition["objectives"] = catalogues[definition["objectives"]]
        for field in _DATE_FIELDS:
            if definition.get(field):
                definition[field] = datetime.date.fromisoformat(definition[field])
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
