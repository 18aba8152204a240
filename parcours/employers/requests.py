"""Demandes de rappel de la page publique des offres : reçues, traitées, effacées après le délai annoncé."""

import datetime
import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from parcours.employers.enums import RequestStatus
from parcours.employers.models import CallbackRequest, JobOffer
from parcours.employers.models.requests import CONSENT_TEXT
from parcours.errors import RuleError

logger = logging.getLogger(__name__)

#: Délai de conservation d'une demande traitée (annoncé dans le texte de consentement).
RETENTION = datetime.timedelta(days=92)


class RequestRefused(RuleError):
    """Demande refusée : rien n'a été enregistré."""


def receive(offer_id, *, first_name, last_name, phone="", email="", message=""):
    """Enregistre la demande d'un jeune au sujet de l'offre ``offer_id``, encore publiée, pour la mission locale
    qui la suit. Le texte de consentement lu est gardé avec la demande."""
    offer = (
        JobOffer.objects.public(timezone.localdate())
        .only("pk", "mission_locale_id")
        .filter(pk=offer_id)
        .first()
    )
    if offer is None:
        raise RequestRefused("Cette offre n'est plus publiée : appelez la mission locale pour en parler.")
    if not (phone.strip() or email.strip()):
        raise RequestRefused("Donnez un téléphone ou un courriel pour être rappelé(e).")
    # Un double envoi (double clic, page rechargée) ne fait pas deux demandes.
    same = CallbackRequest.objects.to_handle().filter(
        offer=offer,
        last_name=last_name.strip(),
        first_name=first_name.strip(),
        phone=phone.strip(),
        email=email.strip(),
        created_at__gte=timezone.now() - datetime.timedelta(hours=1),
    )
    if existing := same.first():
        return existing
    request = CallbackRequest.objects.create(
        mission_locale_id=offer.mission_locale_id,
        offer=offer,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        phone=phone.strip(),
        email=email.strip(),
        message=message.strip(),
        consent_text=CONSENT_TEXT,
    )
    logger.info("Demande de rappel reçue", extra={"request_id": request.pk, "offer_id": offer.pk})
    return request


def mark_handled(request, *, by, now=None):
    """Clôt la demande : la mission locale a rappelé le jeune (ou n'a pas pu le joindre)."""
    with transaction.atomic():
        updated = CallbackRequest.objects.filter(pk=request.pk, status=RequestStatus.NEW).update(
            status=RequestStatus.HANDLED, handled_by=by, handled_at=now or timezone.now()
        )
    if not updated:
        raise RequestRefused("Cette demande a déjà été traitée.")


def purge_handled(now=None):
    """Efface les demandes traitées depuis plus de ``RETENTION``, et celles reçues depuis plus de ``RETENTION``
    sans avoir été traitées (offre retirée, demande restée sans suite) ; renvoie leur nombre."""
    limit = (now or timezone.now()) - RETENTION
    deleted, _ = CallbackRequest.objects.filter(
        Q(status=RequestStatus.HANDLED, handled_at__lt=limit)
        | Q(status=RequestStatus.NEW, created_at__lt=limit)
    ).delete()
    return deleted
