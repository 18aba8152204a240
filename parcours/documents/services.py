"""Dépôt et retrait des documents d'un dossier : la seule façon d'en écrire."""

import logging

from django.db import transaction

from parcours.documents import formats
from parcours.documents.models import Document
from parcours.errors import RuleError

logger = logging.getLogger(__name__)


class DocumentRefused(RuleError):
    """Fichier refusé (taille, format) : rien n'a été enregistré."""


def add_document(young_person, *, uploaded, kind, title, by):
    """Garde ``uploaded`` (un fichier téléversé) dans le dossier de ``young_person``. Le format est vérifié sur
    le contenu ; le fichier est écrit sur le disque puis la ligne en base, et le fichier est effacé si la ligne
    ne peut pas l'être (pas de fichier sans ligne)."""
    original_name = (uploaded.name or "").replace("\\", "/").rsplit("/", 1)[-1][:255]
    reasons, fmt = formats.problems(original_name, uploaded)
    if reasons:
        raise DocumentRefused(reasons)
    document = Document(
        young_person=young_person,
        kind=kind,
        title=title.strip() or original_name,
        original_name=original_name,
        content_type=fmt.content_type,
        size=uploaded.size,
        uploaded_by=by,
    )
    document.file.save(original_name, uploaded, save=False)
    try:
        with transaction.atomic():
            document.full_clean()
            document.save()
    except Exception:
        document.file.storage.delete(document.file.name)
        raise
    logger.info(
        "Document déposé",
        extra={"document_id": document.pk, "young_person_id": young_person.pk, "size": document.size},
    )
    return document


def remove_document(document, *, by):
    """Retire un document du dossier ; son fichier est effacé du disque (voir ``signals``)."""
    document_id, young_person_id = document.pk, document.young_person_id
    with transaction.atomic():
        document.delete()
    logger.info(
        "Document retiré",
        extra={"document_id": document_id, "young_person_id": young_person_id, "by_user_id": by.pk},
    )
