"""Un formulaire de création envoyé deux fois ne crée qu'une fois.

Un navigateur qui renvoie un formulaire (double clic, « Renvoyer » après une page trop lente, client qui
réessaie après un 503) ne doit pas enregistrer un second contact. Chaque formulaire de création porte un
jeton caché, un UUID tiré à l'affichage : le champ d'``IdempotentFormMixin``, ou la balise
``{% jeton_envoi form %}`` des gabarits de formulaire communs. Chaque vue de création est décorée par
``@idempotent`` (tests/www/test_idempotency.py le vérifie pour toutes), qui enregistre le jeton dans la même
transaction que la création : un second envoi du même jeton ne crée rien et renvoie vers le résultat du
premier. Deux envois simultanés sont départagés par l'index unique de la base (le second attend la fin du
premier, puis trouve le jeton).

Un envoi sans jeton (client d'API, ancien onglet) est traité comme avant, sans protection.
"""

import functools
import uuid

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect

from parcours.www.models import FormSubmission

FIELD = "jeton_envoi"
REPLAYED = "Ce formulaire avait déjà été envoyé : rien n'a été enregistré en double."


class IdempotentFormMixin:
    """Ajoute le jeton caché ``jeton_envoi`` au formulaire (nouveau à chaque affichage, gardé si erreur)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD] = forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)


def idempotent(view):
    """Vue de création : un POST dont le jeton a déjà servi ne refait rien et renvoie vers le premier résultat.

    Le jeton est enregistré dans la même transaction que ce que fait la vue. Une réponse qui n'est pas une
    redirection (formulaire à corriger) oublie le jeton, qui reste utilisable, sans rien annuler d'autre.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        key = _posted_key(request)
        if key is None:
            return view(request, *args, **kwargs)
        if done := _replayed_url(request):
            return _replayed(request, done)
        try:
            with transaction.atomic():
                submission = FormSubmission.objects.create(key=key, user=request.user)
                response = view(request, *args, **kwargs)
                if response.status_code in (301, 302, 303):
                    submission.result_url = response["Location"]
                    submission.save(update_fields=["result_url"])
                else:
                    submission.delete()
        except IntegrityError:
            if done := _replayed_url(request):  # envoi simultané du même jeton : le premier l'a emporté
                return _replayed(request, done)
            raise
        return response

    wrapper.idempotent = True
    return wrapper


def _replayed(request, url):
    messages.info(request, REPLAYED)
    return redirect(url)


def _posted_key(request):
    if request.method != "POST":
        return None
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def _replayed_url(request):
    """Adresse du résultat si ce POST renvoie un jeton déjà utilisé, à tester avant de valider le formulaire
    (le dossier créé par le premier envoi ferait sinon refuser le second comme doublon) ; None sinon."""
    key = _posted_key(request)
    if key is None:
        return None
    previous = FormSubmission.objects.filter(key=key, user=request.user).first()
    return previous.result_url if previous is not None and previous.result_url else None


def purge(before):
    """Oublie les jetons utilisés avant ``before`` (un renvoi arrive en secondes, pas en semaines)."""
    return FormSubmission.objects.filter(created_at__lt=before).delete()[0]
