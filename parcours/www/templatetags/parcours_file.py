"""Le dossier comme point central : en-tête commun (dispositif en cours, prochain rendez-vous) et onglets vers
chaque volet du jeune (parcours, dispositifs et co-traitance, emploi, historique), sur chacune de ces pages."""

from django import template
from django.utils import timezone

from parcours import links

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
    today = timezone.localdate()
    return {
        "young_person": young_person,
        "tabs": tabs,
        "programmes": young_person.enrolments.open().select_related("programme"),
        "next_appointment": young_person.contacts.upcoming(today).first(),
    }
