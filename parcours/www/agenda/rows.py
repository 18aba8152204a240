"""La ligne d'un rendez-vous dans les listes de l'agenda (« Mon agenda », agenda d'un site, accueil du conseiller,
réponse htmx d'un bouton), écrite une fois ici : l'agenda d'un site en affiche des dizaines, et la même ligne
rendue par un gabarit inclus coûtait la moitié de la page (docs/agenda-banc.md).

Le rendez-vous est préparé par ``views.decorate`` (statut, heures, droits de l'utilisateur)."""

from django.utils import timezone

from parcours import links
from parcours.www.html import format_html, format_html_join

BUTTONS = [
    # (condition sur le rendez-vous, action, classe, libellé visible, fin du libellé lu)
    ("can_mark_arrival", "arrive", "fr-btn fr-btn--secondary", "Arrivé", " : {}"),
    ("can_mark_held", "present", "fr-btn", "Tenu", " : {}"),
    ("can_mark_held", "absent", "fr-btn fr-btn--secondary", "Absent", " : {}"),
    (None, "excuse", "fr-btn fr-btn--tertiary", "Excusé", " : {}"),
    (None, "annule", "fr-btn fr-btn--tertiary", "Annuler", " le rendez-vous de {}"),
]


def appointment_item(a, *, csrf_token, suite, show_counsellor=False, message="", error=""):
    """Le ``<li>`` du rendez-vous ``a`` : heure, jeune, statut, objet si l'utilisateur le lit, et les boutons de
    ce qu'il peut faire (formulaire classique, amélioré par htmx : seule la ligne revient)."""
    person = str(a.young_person)
    details = [f"{a.get_kind_display()} · {a.get_mode_display().lower()}"]
    if a.site_id:
        details.append(a.site.name)
    if show_counsellor:
        details.append(f"avec {a.counsellor or '—'}")
    if a.show_themes and a.theme_labels:
        details.append(", ".join(a.theme_labels))
    arrived = (
        format_html(
            ' <span class="fr-badge fr-badge--sm fr-badge--new">Arrivé à {}</span>',
            f"{timezone.localtime(a.arrived_at):%H:%M}",
        )
        if a.arrived_at
        else ""
    )
    notices = format_html(
        "{}{}",
        format_html('<p class="fr-message fr-message--error" role="alert">{}</p>', error) if error else "",
        format_html('<p class="fr-message fr-message--valid" role="status">{}</p>', message)
        if message
        else "",
    )
    return format_html(
        '<li id="rdv-{}" class="parcours-rdv fr-py-2w"><p class="fr-mb-1v"><strong>{}</strong> · <a href="{}">{}</a> '
        '<span class="fr-badge fr-badge--sm {}">{}</span>{}</p><p class="fr-text--sm fr-mb-1v">{}</p>{}{}</li>',
        a.pk,
        a.hours if a.time else "Sans heure",
        links.path("young_people:detail", a.young_person_id),
        person,
        a.badge,
        a.status_label,
        arrived,
        " · ".join(details),
        notices,
        _actions(a, person, csrf_token, suite) if a.can_write and a.is_open else "",
    )


def _actions(a, person, csrf_token, suite):
    url = links.path("agenda:appointment_status", a.pk)
    buttons = format_html_join(
        "",
        '<li><button class="{}" type="submit" name="action" value="{}">{}<span class="fr-sr-only">{}</span></button></li>',
        (
            (css, action, text, spoken.format(person))
            for condition, action, css, text, spoken in BUTTONS
            if condition is None or getattr(a, condition)
        ),
    )
    return format_html(
        '<form method="post" action="{}" hx-post="{}" hx-target="#rdv-{}" hx-swap="outerHTML">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}"><input type="hidden" name="version" value="{}">'
        '<input type="hidden" name="suite" value="{}"><ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">'
        '{}<li><a class="fr-btn fr-btn--tertiary-no-outline" href="{}">Déplacer<span class="fr-sr-only"> le '
        "rendez-vous de {}</span></a></li></ul></form>",
        url,
        url,
        a.pk,
        csrf_token,
        a.version,
        suite,
        buttons,
        links.path("agenda:appointment_edit", a.pk),
        person,
    )
