from django.urls import NoReverseMatch, reverse

from parcours.accounts.access import can_see_personal_data
from parcours.www.warehouse.menu import can_open_dashboard

#: Entrées du menu : (libellé, nom d'URL, condition sur l'utilisateur). Une URL absente est ignorée.
MENU = [
    ("Accueil", "home", lambda user: True),
    ("Tableau de bord", "warehouse:home", can_open_dashboard),
    ("Mes jeunes", "young_people:portfolio", can_see_personal_data),
    ("À faire", "programmes:worklist", can_see_personal_data),
    ("Rechercher", "young_people:search", can_see_personal_data),
    ("Nouveau dossier", "young_people:create", can_see_personal_data),
    ("Entreprises", "employers:home", lambda user: True),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": []}
    items = []
    for label, url_name, allowed in MENU:
        if not allowed(user):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "active": request.path == url})
    return {"menu": items}
