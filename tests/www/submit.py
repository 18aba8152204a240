"""Ce qu'un navigateur envoie pour un formulaire affiché."""

from django import forms


def submitted(form):
    """Les valeurs de ``form`` telles qu'affichées (valeurs initiales, champs cachés compris)."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None:  # champ vide : rien à envoyer (un navigateur envoie « », même effet)
            continue
        if isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        else:
            data[bound.html_name] = str(value)
    return data
