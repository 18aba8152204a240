"""Écritures en plusieurs étapes sur le dossier du jeune."""

import logging

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from parcours import versioning
from parcours.errors import RuleError
from parcours.young_people.enums import ArchiveReason
from parcours.young_people.models import DuplicateDismissal, FileAccess, ReferentAssignment, YoungPerson

logger = logging.getLogger(__name__)


def _open_current_referent(young_person, assigned_by, reason):
    """Ouvre au journal des référents la période du référent que porte le dossier, s'il en a un."""
    if young_person.referent_id:
        ReferentAssignment.objects.create(
            young_person=young_person, referent=young_person.referent, assigned_by=assigned_by, reason=reason
        )


@transaction.atomic
def create_young_person(young_person, created_by):
    """Enregistre un nouveau dossier ; le créateur devient référent s'il est conseiller et qu'aucun n'est choisi."""
    if young_person.referent_id is None and created_by.is_counsellor:
        young_person.referent = created_by
    young_person.save()
    _open_current_referent(young_person, created_by, "Premier accueil")
    return young_person


def update_young_person(young_person, expected_version, changed_by):
    """Enregistre les modifications si personne n'a enregistré entre-temps (verrouillage optimiste).

    ``young_person`` porte les nouvelles valeurs ; ``expected_version`` est la version affichée
    à l'ouverture du formulaire. Lève ``versioning.ConcurrentEditError`` sans rien écrire sinon.
    """
    with versioning.editing(young_person, expected_version):
        young_person._history_user = changed_by
        young_person.save()
    return young_person


@transaction.atomic
def transfer_referent(young_person, new_referent, assigned_by, reason=""):
    now = timezone.now()
    ReferentAssignment.objects.filter(young_person=young_person, end__isnull=True).update(end=now)
    ReferentAssignment.objects.create(
        young_person=young_person, referent=new_referent, start=now, assigned_by=assigned_by, reason=reason
    )
    YoungPerson.objects.filter(pk=young_person.pk).update(
        referent=new_referent, version=young_person.version + 1
    )
    young_person.referent = new_referent
    young_person.version += 1
    return young_person


@transaction.atomic
def archive(young_person, reason, archived_by):
    young_person.archived_at = timezone.now()
    young_person.archive_reason = reason
    young_person.version += 1
    young_person._history_user = archived_by
    young_person.save(update_fields=["archived_at", "archive_reason", "version"])
    ReferentAssignment.objects.filter(young_person=young_person, end__isnull=True).update(
        end=young_person.archived_at
    )
    return young_person


class MergeError(RuleError):
    """Refus d'une fusion de doublons ou de la réouverture d'un doublon fusionné."""


def merge_duplicate(duplicate, kept, merged_by):
    """Fusionne un doublon dans le dossier conservé : tout son parcours (contacts, propositions,
    situations, dispositifs… de toutes les apps) passe au dossier conservé ; le doublon est archivé
    avec le motif « doublon » et pointe vers lui. Son historique et son journal de consultation restent.
    """
    if duplicate.pk == kept.pk:
        raise MergeError("Un dossier ne peut pas être fusionné avec lui-même.")
    if kept.merged_into_id or duplicate.merged_into_id:
        raise MergeError("L'un des deux dossiers a déjà été fusionné.")
    try:
        with transaction.atomic():
            _move_related(duplicate, kept)
            duplicate.archived_at = timezone.now()
            duplicate.archive_reason = ArchiveReason.DUPLICATE
            duplicate.merged_into = kept
            duplicate.version += 1
            duplicate._history_user = merged_by
            duplicate.save(update_fields=["archived_at", "archive_reason", "merged_into", "version"])
    except IntegrityError as error:
        logger.warning(
            "Fusion de doublons refusée par la base",
            extra={"duplicate_id": duplicate.pk, "kept_id": kept.pk, "error": type(error).__name__},
        )
        raise MergeError(
            "Fusion impossible : les deux dossiers portent des éléments incompatibles "
            f"(par exemple deux dispositifs exclusifs en cours). Détail : {error}"
        ) from error
    logger.info(
        "Fusion de doublons",
        extra={
            "duplicate_id": duplicate.pk,
            "kept_id": kept.pk,
            "by_user_id": getattr(merged_by, "pk", None),
        },
    )
    return kept


def _move_related(duplicate, kept):
    now = timezone.now()
    ReferentAssignment.objects.filter(young_person=duplicate, end__isnull=True).update(end=now)
    # Toutes les relations visibles vers le dossier (celles des autres apps comprises) passent au dossier
    # conservé ; le journal des consultations (relation cachée) et l'historique restent sur le doublon.
    for relation in YoungPerson._meta.related_objects:
        manager, name = relation.related_model._base_manager, relation.field.name
        if relation.one_to_many and relation.on_delete in (models.CASCADE, models.PROTECT):
            manager.filter(**{name: duplicate}).update(**{name: kept})
        elif relation.one_to_one and relation.on_delete is models.CASCADE:
            # Un seul par dossier (l'accord aux rappels…) : celui du doublon passe au dossier conservé s'il n'en
            # a pas ; sinon celui du dossier conservé fait foi.
            if not manager.filter(**{name: kept}).exists():
                manager.filter(**{name: duplicate}).update(**{name: kept})


@transaction.atomic
def unarchive(young_person, restored_by):
    if young_person.merged_into_id:
        raise MergeError("Un doublon fusionné ne se rouvre pas : ouvrez le dossier conservé.")
    young_person.archived_at = None
    young_person.archive_reason = ""
    young_person.version += 1
    young_person._history_user = restored_by
    young_person.save(update_fields=["archived_at", "archive_reason", "version"])
    _open_current_referent(young_person, restored_by, "Réouverture")
    return young_person


def dismiss_duplicate_pair(young_person, other, dismissed_by):
    """Déclare deux dossiers « pas un doublon » : la paire quitte la liste des doublons probables."""
    if young_person.pk == other.pk:
        raise MergeError("Un dossier ne peut pas être écarté comme doublon de lui-même.")
    first, second = sorted((young_person.pk, other.pk))
    dismissal, _ = DuplicateDismissal.objects.get_or_create(
        first_id=first, second_id=second, defaults={"dismissed_by": dismissed_by}
    )
    return dismissal


def record_access(user, young_person, channel=FileAccess.WEB):
    """Journalise l'ouverture d'un dossier (qui, quand, lequel)."""
    return FileAccess.objects.create(user=user, young_person=young_person, channel=channel)


def record_accesses(user, young_person_ids, channel):
    """Journalise, en une insertion, une page ou une réponse qui nomme plusieurs jeunes : une ligne par dossier
    (liste de l'API, mises en relation d'une offre…), pour que l'historique de chaque dossier la montre."""
    at = timezone.now()
    FileAccess.objects.bulk_create(
        [
            FileAccess(user=user, young_person_id=pk, at=at, channel=channel)
            for pk in dict.fromkeys(young_person_ids)
        ]
    )
