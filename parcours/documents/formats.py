"""Les formats acceptés pour un document du dossier, reconnus à leurs premiers octets et non à leur seul nom :
un exécutable renommé « cv.pdf » est refusé."""

import dataclasses
import zipfile

from django.conf import settings


@dataclasses.dataclass(frozen=True)
class Format:
    label: str
    content_type: str
    extensions: tuple
    signature: bytes


FORMATS = (
    Format("PDF", "application/pdf", (".pdf",), b"%PDF-"),
    Format("JPEG", "image/jpeg", (".jpg", ".jpeg"), b"\xff\xd8\xff"),
    Format("PNG", "image/png", (".png",), b"\x89PNG\r\n\x1a\n"),
    Format(
        "Word (docx)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
        b"PK\x03\x04",
    ),
    Format("OpenDocument (odt)", "application/vnd.oasis.opendocument.text", (".odt",), b"PK\x03\x04"),
)
#: Ce que dit un message de refus : « PDF, JPEG, PNG, Word (docx), OpenDocument (odt) ».
ACCEPTED = ", ".join(f.label for f in FORMATS)
#: L'attribut ``accept`` du champ de dépôt.
ACCEPT_ATTRIBUTE = ",".join(ext for f in FORMATS for ext in f.extensions)
#: Ce qu'une archive bureautique doit contenir pour être le format que dit son extension.
OFFICE_MARKERS = {".docx": "word/document.xml", ".odt": "content.xml"}


def max_bytes():
    return settings.DOCUMENTS_MAX_MB * 1024 * 1024


def problems(name, uploaded):
    """Les raisons de refuser le fichier ``uploaded`` nommé ``name`` (liste vide : accepté), et son format."""
    size = uploaded.size
    if size == 0:
        return ["Le fichier est vide."], None
    if size > max_bytes():
        return [f"Le fichier dépasse {settings.DOCUMENTS_MAX_MB} Mo ({size / 1024 / 1024:.1f} Mo)."], None
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    matching = [f for f in FORMATS if extension in f.extensions]
    if not matching:
        return [f"Format non accepté : les formats acceptés sont {ACCEPTED}."], None
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    fmt = matching[0]
    if not head.startswith(fmt.signature) or (
        extension in OFFICE_MARKERS and not _office_document(uploaded, OFFICE_MARKERS[extension])
    ):
        return [
            f"Le contenu du fichier n'est pas un document {fmt.label} : il a peut-être été renommé."
        ], None
    return [], fmt


def _office_document(uploaded, marker):
    try:
        with zipfile.ZipFile(uploaded) as archive:
            return marker in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        uploaded.seek(0)
