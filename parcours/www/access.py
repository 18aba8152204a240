"""Garde-fous des vues : s'appuient sur parcours.accounts.access, le seul endroit qui décide."""

import functools

from django.core.exceptions import PermissionDenied
from django.http import Http404

from parcours import logs
from parcours.accounts.access import can_see_personal_data, visible_mission_locale_ids
from parcours.prepared import PreparedQuery
from parcours.young_people import services
from parcours.young_people.models import YoungPerson


def ml_staff_required(view):
    """Vue de données personnelles : réservée au personnel d'une mission locale (403 sinon)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        if not can_see_personal_data(request.user):
            raise PermissionDenied(
                "Cette page montre des données personnelles réservées aux missions locales."
            )
        return view(request, *args, **kwargs)

    return wrapper


#: Refus des écritures d'accompagnement (propositions, situations, dispositifs, co-traitance).
FOLLOW_UP_ONLY = "Cette action est réservée aux conseillers et à la direction de la mission locale."


def staff_allowed(check, message):
    """Vue réservée au personnel de mission locale pour qui ``check(user)`` est vrai (403 et ``message`` sinon)."""

    def decorator(view):
        @ml_staff_required
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def allowed_young_person(request, pk, allowed, message):
    """Le dossier visible ``pk`` (voir ``visible_young_person``) si ``allowed(user, dossier)``, une 403 sinon."""
    young_person = visible_young_person(request, pk)
    if not allowed(request.user, young_person):
        raise PermissionDenied(message)
    return young_person


#: Le dossier ``pk`` parmi ceux des missions locales ``ml_ids``, avec sa ML, son référent et ``related`` ; lu à
#: chaque page de dossier, d'où une requête préparée (``parcours.prepared``).
_VISIBLE = PreparedQuery(
    lambda pk, ml_ids, *, related: (
        YoungPerson.objects.within(ml_ids)
        .select_related("mission_locale", "referent", *related)
        .filter(pk=pk)
        .order_by()
    )
)


def visible_young_person(request, pk, related=()):
    """Le dossier s'il est visible de l'utilisateur, une 404 sinon (on ne révèle pas son existence) ; ``related`` :
    les relations à lire avec lui (``select_related``), en plus de sa mission locale et de son référent.

    Toute page qui montre un dossier passe par ici : son affichage est journalisé, y compris un envoi de
    formulaire refusé qui réaffiche le dossier ; un refus (dossier absent ou hors du périmètre de
    l'utilisateur, indiscernables) part au journal de sécurité.
    """
    found = _VISIBLE(int(pk), visible_mission_locale_ids(request.user), related=tuple(related))
    if not found:
        request.denial_logged = True  # le journal des réponses n'en écrit pas une seconde ligne
        logs.security_event(
            "dossier_refuse", status=404, method=request.method, path=request.path, young_person_id=pk
        )
        raise Http404("Aucun dossier ne correspond.")
    services.record_access(request.user, found[0])
    return found[0]
