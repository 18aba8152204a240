"""Le dossier comme point central : en-tête commun (dispositif en cours, prochain rendez-vous) et onglets vers
chaque volet du jeune (parcours, dispositifs et co-traitance, emploi, historique), sur chacune de ces pages."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone

from parcours import links
from parcours.dates import short_date
from parcours.www.html import format_html, format_html_join

register = template.Library()

#: Volets du dossier : (libellé, nom d'URL). Chacun est ouvert au personnel de la ML qui voit le dossier.
TABS = [
    ("Parcours", "young_people:detail"),
    ("Dispositifs et co-traitance", "programmes:young_person"),
    ("Emploi et entreprises", "employers:young_person"),
    ("Documents", "documents:list"),
    ("Historique", "young_people:history"),
]


@register.inclusion_tag("young_people/_file_nav.html", takes_context=True)
def onglets_dossier(context, young_person):
    path = context["request"].path
    tabs = [
        {"label": label, "url": url, "active": url == path}
        for label, name in TABS
        for url in [links.path(name, young_person.pk)]
    ]
    return {
        "young_person": young_person,
        "tabs": tabs,
        "programmes": _open_enrolments(young_person),
        "next_appointment": _next_appointment(young_person, timezone.localdate()),
    }


# Sur la page du dossier, le fil du parcours a déjà lu les inscriptions et les contacts du jeune (prefetch) :
# l'en-tête les prend là ; sur les autres volets, il les lit lui-même.


def _open_enrolments(young_person):
    loaded = _loaded(young_person, "enrolments")
    if loaded is None:
        return young_person.enrolments.open().select_related("programme")
    return [enrolment for enrolment in loaded if enrolment.is_open]


def _next_appointment(young_person, today):
    loaded = _loaded(young_person, "contacts")
    if loaded is None:
        return young_person.contacts.upcoming(today).first()
    upcoming = (contact for contact in loaded if contact.is_upcoming(today))
    return min(upcoming, key=lambda contact: contact.agenda_key, default=None)


def _loaded(young_person, name):
    return getattr(young_person, "_prefetched_objects_cache", {}).get(name)


@register.simple_tag
def evenements_du_fil(entries):
    """Les ``<li>`` du fil du parcours, écrits en Python : un dossier en affiche trente, et la boucle du gabarit
    en coûtait le tiers du rendu de la page (bench/pages.py, page « dossier »)."""
    return format_html_join("\n", "{}", ((_entry(entry),) for entry in entries))


def _entry(entry):
    title = format_html('<a href="{}">{}</a>', entry.url, entry.title) if entry.url else entry.title
    return format_html(
        '<li class="parcours-entry parcours-entry--{}"><span class="parcours-date">{}</span>'
        '<p class="fr-mb-0"><span class="{} fr-icon--sm" aria-hidden="true"></span> <strong>{}</strong>{}</p>{}</li>',
        entry.kind,
        short_date(entry.date),
        entry.icon,
        title,
        format_html(' <span class="fr-badge fr-badge--sm">{}</span>', entry.status) if entry.status else "",
        format_html('<p class="fr-text--sm fr-mb-0">{}</p>', linebreaksbr(entry.detail, autoescape=True))
        if entry.detail
        else "",
    )
