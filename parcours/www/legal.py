"""Pages obligatoires du pied de page (issue 11, point 12) : accessibilité, mentions légales, données personnelles.

Ouvertes à tous, sans connexion. Ce qui dépend de l'exploitant (éditeur, hébergeur, délégué à la protection des
données) vient des réglages ``PARCOURS_EDITEUR``, ``PARCOURS_HEBERGEUR`` et ``PARCOURS_CONTACT_DPO``
(docs/exploitation.md).
"""

from django.conf import settings
from django.shortcuts import render
from django.urls import path

PAGES = {
    "accessibility": ("accessibilite/", "Déclaration d'accessibilité"),
    "legal_notice": ("mentions-legales/", "Mentions légales"),
    "privacy": ("donnees-personnelles/", "Données personnelles"),
}


def page(request, name):
    context = {"title": PAGES[name][1], "operator": settings.PARCOURS_OPERATOR}
    return render(request, f"legal/{name}.html", context)


urlpatterns = [path(route, page, {"name": name}, name=name) for name, (route, _title) in PAGES.items()]
