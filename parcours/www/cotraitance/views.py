from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from parcours.accounts.access import can_import_referrals, can_write_follow_up, visible_mission_locale_ids
from parcours.cotraitance import rules, services
from parcours.cotraitance.exporter import milestones_csv
from parcours.cotraitance.importer import COLUMNS
from parcours.cotraitance.models import ImportBatch, Referral
from parcours.jobs.imports import submit_referral_import
from parcours.jobs.models import ImportJob
from parcours.www.access import FOLLOW_UP_ONLY, allowed_young_person, ml_staff_required, staff_allowed
from parcours.www.cotraitance.forms import (
    EndReferralForm,
    ExportForm,
    ImportForm,
    ReferralFilterForm,
    UnavailabilityForm,
)
from parcours.www.idempotency import idempotent
from parcours.www.pages import form_page, page_url

PAGE_SIZE = 50


@ml_staff_required
def overview(request):
    """Co-traitance de la mission locale : position de l'enveloppe, orientations, imports."""
    today = timezone.localdate()
    ml_ids = visible_mission_locale_ids(request.user)
    form = ReferralFilterForm(request.GET or None)
    referrals = (
        Referral.objects.visible_to(request.user)
        .select_related("young_person", "mission_locale__department")
        .with_first_interview()
        .order_by("-assignment_date", "pk")
    )
    if form.is_valid() and form.cleaned_data["statut"]:
        referrals = referrals.filter(status=form.cleaned_data["statut"])
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("page"))
    for referral in page:
        department = referral.mission_locale.department.code  # jours ouvrés de la mission locale
        referral.deadline = rules.first_interview_deadline(referral.assignment_date, department)
        referral.late = rules.first_interview_late(
            referral.assignment_date, referral.first_interview_on, today, department
        )
    return render(
        request,
        "cotraitance/overview.html",
        {
            "form": form,
            "page": page,
            "envelope": services.envelope_position(ml_ids, today.year, today),
            "national": services.national_position(today.year, today),
            "envelope_year": today.year,
            "batches": ImportBatch.objects.filter(referrals__mission_locale_id__in=ml_ids).distinct()[:10],
            "title": "Co-traitance avec France Travail",
            "can_import": can_import_referrals(request.user),
        },
    )


IMPORT_ONLY = "L'import des orientations France Travail est réservé à la direction de la mission locale."


@staff_allowed(can_import_referrals, IMPORT_ONLY)
@idempotent
def import_file(request):
    """Dépôt d'un fichier : il est enregistré et son import mis en file ; le travailleur le traite."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = submit_referral_import(request.user, form.cleaned_data["file"])
        messages.info(request, "Fichier déposé : son import est en file d'attente.")
        return redirect("cotraitance:import_status", import_pk=job.pk)
    return render(
        request,
        "cotraitance/import.html",
        {
            "form": form,
            "columns": COLUMNS,
            "recent": ImportJob.objects.visible_to(request.user).defer("content")[:5],
            "title": "Importer des orientations France Travail",
        },
    )


@ml_staff_required
def import_status(request, import_pk):
    """État d'un import déposé (en file, en cours avec progression, fini avec son rapport) ; le fragment seul
    pour htmx, qui le redemande tant que l'import n'est pas fini."""
    job = get_object_or_404(ImportJob.objects.visible_to(request.user).defer("content"), pk=import_pk)
    context = {"job": job, "report": job.report, "title": "Import des orientations France Travail"}
    if request.htmx:
        return render(request, "cotraitance/_import_status.html", context)
    return render(request, "cotraitance/import_status.html", context)


@ml_staff_required
def export_file(request):
    form = ExportForm(request.GET or None)
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        content = milestones_csv(Referral.objects.visible_to(request.user), start, end)
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="jalons-cotraitance-{start:%Y%m%d}-{end:%Y%m%d}.csv"'
        )
        return response
    return render(
        request, "cotraitance/export.html", {"form": form, "title": "Exporter les jalons pour France Travail"}
    )


def _followed_referral(request, pk, referral_pk):
    """Le jeune dont l'utilisateur écrit le suivi et l'une de ses orientations qu'il voit."""
    young_person = allowed_young_person(request, pk, can_write_follow_up, FOLLOW_UP_ONLY)
    referral = get_object_or_404(
        Referral.objects.visible_to(request.user), pk=referral_pk, young_person=young_person
    )
    return young_person, referral


def _referral_page(request, pk, referral_pk, form_class, title, write):
    """Page d'un formulaire sur une orientation du jeune suivi : ``write(orientation, données saisies)`` écrit et
    renvoie le message de succès ; on revient ensuite aux dispositifs du jeune."""
    young_person, referral = _followed_referral(request, pk, referral_pk)
    form = form_class(request.POST or None)

    def save():
        return write(referral, form.cleaned_data), _programmes_url(pk)

    return form_page(request, form, save, title, young_person=young_person)


@ml_staff_required
def end_referral(request, pk, referral_pk):
    def write(referral, data):
        services.end_referral(referral, data["end_date"], data["reason"], today=timezone.localdate())
        return "La fin de la co-traitance est enregistrée."

    return _referral_page(request, pk, referral_pk, EndReferralForm, "Fin de la co-traitance", write)


@ml_staff_required
@idempotent
def add_unavailability(request, pk, referral_pk):
    def write(referral, data):
        services.add_unavailability(referral, data["reason"], data["start_date"], data["end_date"])
        return "L'indisponibilité est enregistrée : pas d'entretien mensuel exigé pendant la période."

    return _referral_page(request, pk, referral_pk, UnavailabilityForm, "Indisponibilité temporaire", write)


_programmes_url = partial(page_url, "programmes:young_person")
