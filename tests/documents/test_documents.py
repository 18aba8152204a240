"""Documents du dossier (issue 11, point 14) : dépôt limité en type et en taille, fichiers hors de la racine
web, lus seulement par une vue qui vérifie les droits et journalise, jamais de numéro de pièce d'identité."""

import html
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.documents import services
from parcours.documents.enums import DocumentKind
from parcours.documents.models import Document
from parcours.young_people.models import FileAccess
from tests.documents.matrix import PDF, pdf
from tests.factories import UserFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def young_person(ml, counsellor):
    return YoungPersonFactory(mission_locale=ml, referent=counsellor, last_name="Durand", first_name="Léa")


def _list_url(young_person):
    return reverse("documents:list", args=[young_person.pk])


def _upload(client, young_person, upload, kind="cv", title=""):
    return client.post(_list_url(young_person), {"kind": kind, "title": title, "file": upload})


def _docx(marker="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(marker, "<w:document/>")
    return buffer.getvalue()


def test_upload_keeps_the_file_outside_the_web_root(client, counsellor, young_person):
    client.force_login(counsellor)
    response = _upload(client, young_person, pdf("CV Léa Durand.pdf"), title="CV de mars")
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.title, document.kind, document.original_name) == (
        "CV de mars",
        "cv",
        "CV Léa Durand.pdf",
    )
    assert (document.content_type, document.size, document.uploaded_by) == (
        "application/pdf",
        len(PDF),
        counsellor,
    )
    path = Path(document.file.path)
    assert path.read_bytes() == PDF
    assert path.is_relative_to(Path(settings.DOCUMENTS_DIR))
    assert not path.is_relative_to(Path(settings.STATIC_ROOT))
    # Le nom sur le disque ne reprend ni le nom du jeune ni celui du fichier déposé.
    assert "Durand" not in document.file.name and ".pdf" not in document.file.name
    page = client.get(_list_url(young_person)).content.decode()
    assert "CV de mars" in page and "CV Léa Durand.pdf" in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.pdf", b"MZ\x90\x00 un executable", "n'est pas un document PDF"),
        ("cv.exe", b"MZ\x90\x00", "Format non accepté"),
        ("cv.docx", _docx("autre.xml"), "n'est pas un document Word"),
        ("vide.pdf", b"", "est vide"),
    ],
)
def test_refused_files_change_nothing_and_say_why(client, counsellor, young_person, name, content, message):
    client.force_login(counsellor)
    response = _upload(client, young_person, pdf(name, content), title="Mon titre")
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert message in page
    assert 'value="Mon titre"' in page  # ce qui a été tapé est gardé
    assert Document.objects.count() == 0
    assert not [p for p in Path(settings.DOCUMENTS_DIR).rglob("*") if p.is_file()]


def test_size_limit(client, counsellor, young_person, settings):
    settings.DOCUMENTS_MAX_MB = 1
    client.force_login(counsellor)
    response = _upload(client, young_person, pdf("gros.pdf", PDF + b"0" * (1024 * 1024)))
    assert "Le fichier dépasse 1 Mo" in html.unescape(response.content.decode())
    assert Document.objects.count() == 0


def test_accepted_formats(young_person, counsellor):
    for name, content in [
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"0" * 20),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20),
        ("lettre.docx", _docx()),
        ("lettre.odt", _docx("content.xml")),
    ]:
        services.add_document(
            young_person, uploaded=pdf(name, content), kind="autre", title="", by=counsellor
        )
    assert sorted(Document.objects.values_list("title", flat=True)) == [
        "lettre.docx",
        "lettre.odt",
        "photo.jpg",
        "scan.png",
    ]


def test_reading_is_audit_logged_and_served_as_attachment(client, counsellor, young_person, caplog):
    document = services.add_document(
        young_person, uploaded=pdf(), kind=DocumentKind.CV, title="CV", by=counsellor
    )
    client.force_login(counsellor)
    before = FileAccess.objects.filter(young_person=young_person).count()
    with caplog.at_level("INFO", logger="parcours.securite"):
        response = client.get(reverse("documents:file", args=[young_person.pk, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    assert FileAccess.objects.filter(young_person=young_person).count() == before + 1
    assert any(
        getattr(r, "event", None) == "document_lu" and r.document_id == document.pk for r in caplog.records
    )


def test_other_ml_gets_404_even_with_the_right_document_number(client, other_ml, young_person, counsellor):
    document = services.add_document(
        young_person, uploaded=pdf(), kind=DocumentKind.CV, title="CV", by=counsellor
    )
    outsider = UserFactory(mission_locale=other_ml, role=Role.DIRECTOR)
    client.force_login(outsider)
    assert client.get(reverse("documents:file", args=[young_person.pk, document.pk])).status_code == 404
    # Un document d'un autre dossier de la même ML, demandé sous ce dossier : 404 aussi.
    other = YoungPersonFactory(mission_locale=young_person.mission_locale)
    client.force_login(counsellor)
    assert client.get(reverse("documents:file", args=[other.pk, document.pk])).status_code == 404


def test_remove_deletes_the_file(client, counsellor, young_person, django_capture_on_commit_callbacks):
    document = services.add_document(
        young_person, uploaded=pdf(), kind=DocumentKind.CV, title="CV", by=counsellor
    )
    path = Path(document.file.path)
    client.force_login(counsellor)
    url = reverse("documents:remove", args=[young_person.pk, document.pk])
    assert "Retirer « CV »" in html.unescape(client.get(url).content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert Document.objects.count() == 0
    assert not path.exists()


def test_merge_moves_documents_to_the_kept_file(counsellor, young_person):
    from parcours.young_people.services import merge_duplicate

    duplicate = YoungPersonFactory(mission_locale=young_person.mission_locale, referent=counsellor)
    services.add_document(duplicate, uploaded=pdf(), kind=DocumentKind.DIPLOMA, title="CAP", by=counsellor)
    merge_duplicate(duplicate, young_person, counsellor)
    assert list(young_person.documents.values_list("title", flat=True)) == ["CAP"]


def test_no_identity_document_number_is_asked(client, counsellor, young_person):
    client.force_login(counsellor)
    page = html.unescape(client.get(_list_url(young_person)).content.decode()).lower()
    for word in ("numéro de la pièce", "numéro de passeport", "carte d'identité n", "titre de séjour n"):
        assert word not in page
    assert [name for name, _ in DocumentKind.choices] == ["cv", "lettre", "diplome", "attestation", "autre"]


def test_the_file_hub_links_to_documents(client, counsellor, young_person):
    client.force_login(counsellor)
    page = client.get(reverse("young_people:detail", args=[young_person.pk])).content.decode()
    assert f'href="{_list_url(young_person)}"' in page


def test_control_characters_are_refused_in_the_title_and_dropped_from_the_file_name(
    client, counsellor, young_person
):
    client.force_login(counsellor)
    refused = _upload(client, young_person, pdf("CV.pdf"), title="CV\x1b[31m")
    assert "caractère de contrôle interdit (code 0x1b) en position 3" in html.unescape(
        refused.content.decode()
    )
    assert not Document.objects.exists()
    assert _upload(client, young_person, pdf("CV\x07 de\x01 mars.pdf")).status_code == 302
    assert Document.objects.get().original_name == "CV de mars.pdf"
