import uuid

from django.db import models

from parcours import modelkit
from parcours.accounts.querysets import YoungPersonScopedQuerySet
from parcours.documents.enums import DocumentKind
from parcours.documents.storage import storage


def stored_name(document, filename):
    """Nom sur le disque : la mission locale puis un identifiant au hasard (ni le nom du jeune ni celui du
    fichier déposé, qui en contient souvent un)."""
    return f"{document.young_person.mission_locale_id}/{uuid.uuid4().hex}"


class DocumentQuerySet(YoungPersonScopedQuerySet):
    pass


class Document(models.Model):
    """Une pièce du dossier (CV, diplôme, attestation) déposée par la mission locale."""

    young_person = modelkit.young_person_field("documents")
    kind = models.CharField("type de document", max_length=20, choices=DocumentKind.choices)
    title = models.CharField("intitulé", max_length=200)
    file = models.FileField("fichier", storage=storage, upload_to=stored_name, max_length=200)
    original_name = models.CharField("nom du fichier déposé", max_length=255)
    content_type = models.CharField("format", max_length=100)
    size = models.PositiveIntegerField("taille (octets)")
    uploaded_by = modelkit.user_field("déposé par", blank=True)
    uploaded_at = modelkit.created_at_field("déposé le")

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name, verbose_name_plural = "document du dossier", "documents du dossier"
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["young_person", "-uploaded_at"], name="document_yp_uploaded")]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.title}"
