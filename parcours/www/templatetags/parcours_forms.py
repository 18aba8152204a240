import uuid

from django import template
from django.utils.html import format_html

from parcours.www.idempotency import FIELD

register = template.Library()


@register.simple_tag(takes_context=True)
def jeton_envoi(context, form=None):
    """Le jeton d'envoi caché d'un formulaire (voir parcours.www.idempotency) : celui envoyé si la page revient
    avec des erreurs, un nouveau sinon ; rien si le formulaire porte déjà le champ."""
    if form is not None and FIELD in getattr(form, "fields", {}):
        return ""
    request = context.get("request")
    try:
        key = uuid.UUID(request.POST.get(FIELD, "")) if request is not None else uuid.uuid4()
    except ValueError:
        key = uuid.uuid4()
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, key)


@register.inclusion_tag("www/_error_summary.html")
def resume_erreurs(form):
    """Résumé des erreurs d'un formulaire renvoyé : placé avant le formulaire, il reçoit le focus
    (``data-error-summary``, parcours.js) et mène à chaque champ en erreur."""
    if not form.is_bound or not form.errors:
        return {"errors": []}
    errors = [("", message) for message in form.non_field_errors()]
    for name, messages in form.errors.items():
        if name in form.fields:
            field = form[name]
            errors += [(f"#{field.id_for_label}", f"{field.label} : {message}") for message in messages]
    return {"errors": errors}
