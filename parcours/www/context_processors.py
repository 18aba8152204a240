import time

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import NoReverseMatch
from django.utils.translation import get_language
from dsfr.models import DsfrConfig

from parcours import links
from parcours.accounts.access import (
    can_open_admin,
    can_open_site_agenda,
    can_see_group_sessions,
    can_see_personal_data,
    has_own_agenda,
)
from parcours.www.accounts.two_factor import second_factor_pending
from parcours.www.warehouse.menu import can_open_dashboard

#: Entrées du menu : (libellé, nom d'URL, condition sur l'utilisateur). Une URL absente est ignorée.
MENU = [
    ("Accueil", "home", lambda user: True),
    ("Tableau de bord", "warehouse:home", can_open_dashboard),
    ("Mon agenda", "agenda:day", has_own_agenda),
    ("Agenda des sites", "agenda:site_pick", can_open_site_agenda),
    ("Séances collectives", "agenda:sessions", can_see_group_sessions),
    ("Mes jeunes", "young_people:portfolio", can_see_personal_data),
    ("À faire", "programmes:worklist", can_see_personal_data),
    ("Rechercher", "young_people:search", can_see_personal_data),
    ("Nouveau dossier", "young_people:create", can_see_personal_data),
    ("Entreprises", "employers:home", lambda user: True),
]


#: Durée de vie, dans chaque processus, de la configuration DSFR lue en base (table le plus souvent vide).
SITE_CONFIG_SECONDS = 300
_site_config = {}


def site_config(request):
    """``dsfr.context_processors.site_config`` sans ses deux requêtes par page : même choix (langue courante,
    sinon la première), gardé SITE_CONFIG_SECONDS secondes ; une modification dans ce processus l'efface."""
    language = get_language()
    cached = _site_config.get(language)
    if cached is None or cached[0] < time.monotonic():
        config = DsfrConfig.objects.filter(language=language).first() or DsfrConfig.objects.first()
        cached = _site_config[language] = (time.monotonic() + SITE_CONFIG_SECONDS, config)
    return {"SITE_CONFIG": cached[1]}


@receiver([post_save, post_delete], sender=DsfrConfig)
def _forget_site_config(**kwargs):
    _site_config.clear()


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": []}
    if second_factor_pending(request):  # seules la vérification et la déconnexion s'ouvrent : pas de menu
        return {"menu": [], "second_factor_pending": True}
    items = []
    for label, url_name, allowed in MENU:
        if not allowed(user):
            continue
        try:
            url = links.path(url_name)  # chemin calculé une fois par processus
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "active": request.path == url})
    # ``ml_staff`` : les pages communes (accords, bilan) montrent la navigation des ML à leur personnel.
    return {"menu": items, "ml_staff": can_see_personal_data(user), "can_open_admin": can_open_admin(user)}
