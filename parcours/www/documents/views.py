"""Les documents du dossier (CV, diplômes, attestations) : liste et dépôt, lecture, retrait.

Un fichier n'a pas d'adresse publique : il est lu ici seulement, après ``visible_young_person`` (dossier de
la mission locale de l'utilisateur, consultation journalisée) et ``can_manage_documents`` ; chaque lecture
part aussi au journal de sécurité (quel document, qui)."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from parcours import logs
from parcours.accounts.access import can_manage_documents
from parcours.documents import services
from parcours.www.access import allowed_young_person, ml_staff_required
from parcours.www.documents.forms import DocumentForm
from parcours.www.forms import add_reasons
from parcours.www.idempotency import idempotent
from parcours.www.pages import page_url

REFUSED = "Les documents du dossier sont tenus par le personnel de la mission locale du jeune."


def _young_person(request, pk):
    return allowed_young_person(request, pk, can_manage_documents, REFUSED)


def _document(young_person, document_pk):
    return get_object_or_404(young_person.documents, pk=document_pk)


@ml_staff_required
@idempotent
def document_list(request, pk):
    young_person = _young_person(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None, max_mb=settings.DOCUMENTS_MAX_MB)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.add_document(
                young_person,
                uploaded=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                by=request.user,
            )
        except services.DocumentRefused as error:
            add_reasons(form, error, field="file")
        else:
            messages.success(request, f"Document « {document.title} » ajouté au dossier.")
            return redirect(page_url("documents:list", young_person))
    return render(
        request,
        "documents/list.html",
        {
            "young_person": young_person,
            "documents": young_person.documents.select_related("uploaded_by"),
            "form": form,
            "title": f"Documents – {young_person}",
        },
    )


@ml_staff_required
def document_file(request, pk, document_pk):
    young_person = _young_person(request, pk)
    document = _document(young_person, document_pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Le fichier de ce document est introuvable.") from error
    logs.security_event("document_lu", document_id=document.pk, young_person_id=young_person.pk)
    return FileResponse(
        handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
    )


@ml_staff_required
@require_http_methods(["GET", "POST"])
def document_remove(request, pk, document_pk):
    young_person = _young_person(request, pk)
    document = _document(young_person, document_pk)
    if request.method == "POST":
        services.remove_document(document, by=request.user)
        messages.success(request, f"Document « {document.title} » retiré du dossier.")
        return redirect(page_url("documents:list", young_person))
    return render(
        request,
        "documents/remove.html",
        {"young_person": young_person, "document": document, "title": "Retirer un document"},
    )
