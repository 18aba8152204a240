"""Un formulaire de création envoyé deux fois ne crée qu'une fois.

Un navigateur qui renvoie un formulaire (double clic, « Renvoyer » après une page trop lente, client qui
réessaie après un 503) ne doit pas enregistrer un second contact. Chaque formulaire de création porte un
jeton caché (``IdempotentFormMixin``, un UUID tiré à l'affichage). ``create_once`` enregistre le jeton dans
la même transaction que la création : un second envoi du même jeton ne crée rien et renvoie vers le
résultat du premier. Deux envois simultanés sont départagés par l'index unique de la base (le second
attend la fin du premier, puis trouve le jeton).

Un envoi sans jeton (client d'API, ancien onglet) est traité comme avant, sans protection.
"""

import uuid

from django import forms
from django.db import IntegrityError, transaction

from parcours.www.models import FormSubmission

FIELD = "jeton_envoi"
REPLAYED = "Ce formulaire avait déjà été envoyé : rien n'a été enregistré en double."


class IdempotentFormMixin:
    """Ajoute le jeton caché ``jeton_envoi`` au formulaire (nouveau à chaque affichage, gardé si erreur)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD] = forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)

    @property
    def submission_key(self):
        return self.cleaned_data.get(FIELD)


def replayed_url(request):
    """Adresse du résultat si ce POST renvoie un jeton déjà utilisé, à tester avant de valider le formulaire
    (le dossier créé par le premier envoi ferait sinon refuser le second comme doublon) ; None sinon."""
    if request.method != "POST":
        return None
    try:
        key = uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None
    previous = FormSubmission.objects.filter(key=key, user=request.user).first()
    return previous.result_url if previous is not None and previous.result_url else None


def create_once(user, key, create):
    """Appelle ``create()`` (qui renvoie l'adresse du résultat) une seule fois par jeton.

    Renvoie ``(adresse, créé)`` ; ``créé`` est faux si le jeton avait déjà servi : ``create`` n'est pas
    appelée et l'adresse est celle du premier envoi. Une exception de ``create`` annule aussi le jeton, qui
    reste utilisable (formulaire corrigé puis renvoyé).
    """
    if key is None:
        return create(), True
    previous = FormSubmission.objects.filter(key=key, user=user).first()
    if previous is not None:
        return previous.result_url, False
    try:
        with transaction.atomic():
            submission = FormSubmission.objects.create(key=key, user=user)
            url = create()
            submission.result_url = url
            submission.save(update_fields=["result_url"])
    except IntegrityError:
        previous = FormSubmission.objects.filter(key=key, user=user).first()
        if previous is None:  # l'erreur vient de la création elle-même
            raise
        return previous.result_url, False
    return url, True


def purge(before):
    """Oublie les jetons utilisés avant ``before`` (un renvoi arrive en secondes, pas en semaines)."""
    return FormSubmission.objects.filter(created_at__lt=before).delete()[0]
