"""Garde-fous des pages employeurs : ils s'appuient sur parcours.accounts.access."""

import functools

from django.core.exceptions import PermissionDenied

from parcours.accounts.access import can_manage_employer_relations
from parcours.www.access import ml_staff_required

#: Refus des mises en relation, recrutements, immersions et parrainages (l'accueil n'en saisit pas).
PLACEMENTS_ONLY = "Cette action est réservée aux conseillers, au référent entreprise et à la direction."


def employer_manager_required(view):
    """Réservé au référent entreprise et à la direction d'une mission locale (403 sinon)."""

    @ml_staff_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_manage_employer_relations(request.user):
            raise PermissionDenied("Cette action est réservée au référent entreprise et à la direction.")
        return view(request, *args, **kwargs)

    return wrapper
