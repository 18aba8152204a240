"""Partie générée de docs/import-dossiers.md : colonnes et codes admis, tirés de ``columns`` et des enums.

Régénérer après un changement de format ou de code :

    DJANGO_SETTINGS_MODULE=config.settings .venv/bin/python -m parcours.programmes.imports.documentation

(le test tests/imports/test_documentation.py échoue tant que la documentation n'est pas à jour).
"""

import sys
from pathlib import Path

from parcours.accompaniment.enums import KINDS_BY_CATEGORY, SituationCategory
from parcours.programmes.imports import columns as c
from parcours.programmes.loader import read_definitions

BEGIN = "<!-- début de la référence générée : ne pas modifier à la main -->"
END = "<!-- fin de la référence générée -->"
DOCUMENT = Path(__file__).resolve().parents[3] / "docs" / "import-dossiers.md"


def _format(column, model):
    field = model._meta.get_field(column.field) if column.field else None
    if column.name == c.ML_COLUMN:
        return "code structure (ex. : `59001`)"
    if column.kind == c.TEXT:
        limit = getattr(field, "max_length", None)
        return f"texte, {limit} caractères au plus" if limit else "texte"
    if column.kind in (c.DATE, c.DAY_DATETIME):
        return "date AAAA-MM-JJ"
    if column.kind == c.TIME:
        return "heure HH:MM"
    if column.kind == c.BOOL:
        return "`oui` ou `non` (vide : non)"
    if column.kind in (c.CHOICE, c.CODES):
        codes = ", ".join(f"`{code}`" for code in column.choices.values if code)
        several = r" (plusieurs, séparés par `\|`)" if column.kind == c.CODES else ""
        return f"code{several} : {codes}"
    if column.kind == c.USER:
        return "identifiant de connexion"
    if column.kind == c.PROGRAMME:
        return "code de dispositif (ex. : `pacea`)"
    if column.kind == c.COHORT:
        return f"texte, {field.related_model._meta.get_field('label').max_length} caractères au plus"
    if column.kind == c.PHASES:
        return r"`numéro:AAAA-MM-JJ`, séparés par `\|`"
    return "identifiant du système d'origine"


def _required(column):
    if column.name == c.ML_COLUMN:
        return "oui, sauf avec `--mission-locale`"
    return "**oui**" if column.required else "non"


def _description(column, model):
    label = ""
    if column.field and column.name not in (c.ML_COLUMN, c.SOURCE_ID_COLUMN, c.YOUNG_PERSON_COLUMN):
        label = str(model._meta.get_field(column.field).verbose_name)
        label = label[0].upper() + label[1:]
    parts = [part for part in (label, column.help.replace("|", r"\|")) if part]
    text = ". ".join(part.rstrip(".") for part in parts)
    return f"{text}." if text else ""


def _file_table(spec):
    model = spec.model
    lines = [
        f"### {spec.name}",
        "",
        "| Colonne | Obligatoire | Format | Contenu |",
        "|---|---|---|---|",
    ]
    for column in spec.columns:
        lines.append(
            f"| `{column.name}` | {_required(column)} | {_format(column, model)} | {_description(column, model)} |"
        )
    return lines


def _code_tables():
    places = {}  # énumération -> colonnes qui l'utilisent, dans l'ordre des fichiers
    for spec in c.FILES:
        for column in spec.columns:
            if column.choices is not None:
                places.setdefault(column.choices, []).append(f"{spec.name} : {column.name}")
    lines = ["### Codes admis et leur libellé", ""]
    for choices, where in places.items():
        lines += [f"**{' ; '.join(where)}**", "", "| Code | Libellé |", "|---|---|"]
        lines += [
            f"| `{code}` | {label} |" if code else f"| (vide) | {label} |" for code, label in choices.choices
        ]
        lines.append("")
    lines += ["**situations.csv : types admis par catégorie**", "", "| Catégorie | Types |", "|---|---|"]
    for category in SituationCategory:
        kinds = KINDS_BY_CATEGORY.get(category, ())
        text = ", ".join(f"`{kind.value}`" for kind in kinds) if kinds else "aucun (colonne `type` vide)"
        lines.append(f"| `{category.value}` | {text} |")
    return lines


def _programme_table():
    """Codes de dispositif et numéros de phase, tirés des données des dispositifs (programmes/data)."""
    lines = [
        "### inscriptions.csv : dispositifs et phases",
        "",
        "| Code | Dispositif | Durée maximale | Entrées | Phases |",
        "|---|---|---|---|---|",
    ]
    for definition in read_definitions():
        start, end = definition.get("available_from"), definition.get("available_until")
        if start or end:
            window = f"{f'{start:%d/%m/%Y}' if start else '…'} – {f'{end:%d/%m/%Y}' if end else '…'}"
        else:
            window = "sans limite de dates"
        if definition.get("runs_in_cohorts"):
            window += ", en cohortes"
        phases = " ; ".join(
            f"{phase['order']}. {phase['label']}{' (renouvelable)' if phase.get('repeatable') else ''}"
            for phase in sorted(definition["phases"], key=lambda p: p["order"])
        )
        lines.append(
            f"| `{definition['code']}` | {definition['label']} | {definition['max_duration_months']} mois "
            f"| {window} | {phases} |"
        )
    return lines


def render_reference():
    lines = [BEGIN, ""]
    for spec in c.FILES:
        lines += _file_table(spec) + [""]
    lines += _programme_table() + [""]
    lines += _code_tables()
    lines += ["", END]
    return "\n".join(lines)


def update(path=DOCUMENT):
    text = path.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    path.write_text(text[:start] + render_reference() + text[end:], encoding="utf-8")


if __name__ == "__main__":
    import django

    django.setup()
    update(Path(sys.argv[1]) if len(sys.argv) > 1 else DOCUMENT)
    print(f"Référence régénérée dans {sys.argv[1] if len(sys.argv) > 1 else DOCUMENT}")
