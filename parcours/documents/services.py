"""Dépôt et retrait des documents d'un dossier : la seule façon d'en écrire ; effacement des fichiers sans ligne."""

import datetime
import logging
import os
import re
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from parcours.documents import formats
from parcours.documents.models import Document
from parcours.documents.storage import storage
from parcours.errors import RuleError
from parcours.imports.batches import batched
from parcours.validators import CONTROL_CHARACTERS

logger = logging.getLogger(__name__)

#: Âge au-delà duquel un fichier que nulle ligne ne désigne est effacé : un dépôt en cours a déjà écrit son
#: fichier et pas encore validé sa ligne.
ORPHAN_GRACE = datetime.timedelta(hours=24)
#: Forme des noms donnés par ``models.stored_name`` : seul un tel fichier peut être effacé comme orphelin (un
#: répertoire mal réglé qui contiendrait autre chose n'est jamais vidé).
STORED_NAME = re.compile(r"\d+/[0-9a-f]{32}")


class DocumentRefused(RuleError):
    """Fichier refusé (taille, format) : rien n'a été enregistré."""


def add_document(young_person, *, uploaded, kind, title, by):
    """Garde ``uploaded`` (un fichier téléversé) dans le dossier de ``young_person``. Le format est vérifié sur
    le contenu ; le fichier est écrit sur le disque puis la ligne en base, et le fichier est effacé si la ligne
    ne peut pas l'être (pas de fichier sans ligne ; si une transaction qui englobe le dépôt est annulée plus
    tard, le travail de nuit efface le fichier : ``delete_orphan_files``)."""
    # Le nom tel que l'envoie le navigateur, sans chemin ni caractère de contrôle (il s'affiche et s'exporte).
    sent_name = (uploaded.name or "").replace("\\", "/").rsplit("/", 1)[-1]
    original_name = CONTROL_CHARACTERS.sub("", sent_name)[:255]
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


def orphan_files():
    """Noms (relatifs au répertoire des documents) des fichiers plus vieux que ``ORPHAN_GRACE`` qu'aucun document ne
    désigne : ceux d'un dépôt dont la transaction a été annulée après l'écriture du fichier (erreur plus loin dans
    la même requête, processus tué). Seuls les noms de la forme ``STORED_NAME`` sont considérés. Le répertoire
    est lu mission locale par mission locale et confronté à la base par lots de 1 000 noms : la mémoire reste
    bornée quand la nation y a ses millions de pièces."""
    root = Path(storage.location)
    if not root.is_dir():
        return []
    limit = (timezone.now() - ORPHAN_GRACE).timestamp()
    orphans = []
    with os.scandir(root) as entries:
        folders = sorted(entry.name for entry in entries if entry.is_dir() and entry.name.isdigit())
    for folder in folders:
        with os.scandir(root / folder) as entries:
            old = sorted(
                f"{folder}/{entry.name}"
                for entry in entries
                if entry.is_file() and STORED_NAME.fullmatch(f"{folder}/{entry.name}") and _age(entry) < limit
            )
        for names in batched(old, 1000):
            known = set(Document.objects.filter(file__in=names).values_list("file", flat=True))
            orphans.extend(name for name in names if name not in known)
    return orphans


def _age(entry):
    """Le plus récent de la date de modification et de celle du changement d'inode : une restauration (``tar``
    remet les dates de modification d'origine) rend ses fichiers neufs pour le délai de grâce, le temps que la
    base soit restaurée à côté."""
    stat = entry.stat()
    return max(stat.st_mtime, stat.st_ctime)


def delete_orphan_files():
    """Efface les fichiers de ``orphan_files`` ; renvoie leur nombre."""
    orphans = orphan_files()
    for name in orphans:
        storage.delete(name)
    if orphans:
        logger.warning("Fichiers sans document effacés", extra={"files": len(orphans)})
    return len(orphans)
