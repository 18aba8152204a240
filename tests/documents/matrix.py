"""Un document du dossier pour la matrice des permissions (un PDF minimal déposé par le service)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from parcours.documents import services
from parcours.documents.enums import DocumentKind

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="cv.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def permission_matrix_objects(young_person):
    document = services.add_document(
        young_person, uploaded=pdf(), kind=DocumentKind.CV, title="CV", by=young_person.referent
    )
    return {"document_pk": document.pk}
