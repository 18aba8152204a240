"""Historique des modifications (django-simple-history) mis en forme pour une page : qui, quand, quels champs."""


def changes(model, records, hidden=()):
    """``records`` : enregistrements historiques du plus récent au plus ancien. Renvoie une liste de
    ``{"record", "created", "fields": [{"label", "old", "new"}]}`` sans les champs ``hidden`` ni ``version``."""
    records = list(records)
    result = []
    for newer, older in zip(records, records[1:] + [None], strict=True):
        if older is None:
            result.append({"record": newer, "created": True, "fields": []})
            continue
        fields = [
            {
                "label": model._meta.get_field(change.field).verbose_name,
                "old": display(model, change.field, change.old),
                "new": display(model, change.field, change.new),
            }
            for change in newer.diff_against(older).changes
            if change.field not in hidden and change.field != "version"
        ]
        if fields:
            result.append({"record": newer, "created": False, "fields": fields})
    return result


def display(model, field_name, value):
    field = model._meta.get_field(field_name)
    if field.choices:
        return dict(field.flatchoices).get(value, value) or "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if field.is_relation and value:
        return str(field.related_model._default_manager.filter(pk=value).first() or value)
    return value if value not in (None, "") else "—"
