"""Accords nationaux (données non personnelles) et bilan de suivi des partenariats."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from parcours.accounts.access import can_edit_partner, can_manage_agreements, manageable_regions
from parcours.employers.exports import report_headers, report_to_xlsx, report_values
from parcours.employers.models import Agreement
from parcours.employers.queries import report_scopes, scoped_report
from parcours.www.employers.forms_more import DeclinationForm, MeetingForm, ReportForm
from parcours.www.idempotency import idempotent
from parcours.www.numbers import whole_number
from parcours.www.pages import form_page, saved_with

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _scopes_or_403(user):
    scopes = report_scopes(user)
    if not scopes:
        raise PermissionDenied("Les bilans sont réservés aux missions locales, aux régions et au national.")
    return scopes


@login_required
def agreement_list(request):
    agreements = (
        Agreement.objects.prefetch_related("parties__partner", "pilot_regions")
        .annotate(
            meeting_count=Count("meetings", distinct=True),
            declination_count=Count("declinations", distinct=True),
        )
        .order_by("title")
    )
    return render(
        request,
        "employers/agreement_list.html",
        {
            "agreements": agreements,
            "title": "Accords nationaux",
            "can_manage": can_manage_agreements(request.user),
        },
    )


@login_required
def agreement_detail(request, agreement_pk):
    agreement = get_object_or_404(
        Agreement.objects.prefetch_related("parties__partner", "pilot_regions"), pk=agreement_pk
    )
    scopes = _scopes_or_403(request.user)
    year = whole_number(request.GET.get("annee"))
    if year is None or not 2000 <= year <= 2100:
        year = timezone.localdate().year
    report = scoped_report(scopes[-1], year, "region", agreement=agreement)
    regions = manageable_regions(request.user)
    return render(
        request,
        "employers/agreement_detail.html",
        {
            "agreement": agreement,
            "title": agreement.title,
            "declinations": agreement.declinations.select_related("region"),
            "meetings": agreement.meetings.all(),
            "report": report,
            "headers": report_headers(report),
            "rows": [report_values(report, r) for r in report.rows],
            "total": report_values(report, report.total),
            "year": year,
            "years": range(timezone.localdate().year, 2009, -1),
            "can_manage": can_manage_agreements(request.user),
            "editable_partner_ids": {
                p.partner_id for p in agreement.parties.all() if can_edit_partner(request.user, p.partner)
            },
            "can_decline": regions.exists(),
        },
    )


@login_required
@idempotent
def meeting_create(request, agreement_pk):
    agreement = get_object_or_404(Agreement, pk=agreement_pk)
    if not can_manage_agreements(request.user):
        raise PermissionDenied("Les réunions de suivi des accords sont saisies par le national.")
    form = MeetingForm(request.POST or None)
    save = saved_with(
        form, "La réunion de suivi est enregistrée.", _detail_url(agreement), agreement=agreement
    )
    return form_page(request, form, save, f"Réunion de suivi – {agreement}", _detail_url(agreement))


@login_required
@idempotent
def declination_create(request, agreement_pk):
    agreement = get_object_or_404(Agreement, pk=agreement_pk)
    regions = manageable_regions(request.user).exclude(pk__in=agreement.declinations.values("region"))
    if not manageable_regions(request.user).exists():
        raise PermissionDenied(
            "Les déclinaisons régionales sont saisies par l'animation régionale ou le national."
        )
    form = DeclinationForm(request.POST or None, regions=regions)
    save = saved_with(
        form,
        lambda declination: f"La déclinaison en {declination.region} est enregistrée.",
        _detail_url(agreement),
        agreement=agreement,
    )
    return form_page(request, form, save, f"Déclinaison régionale – {agreement}", _detail_url(agreement))


def _detail_url(agreement):
    return reverse("employers:agreement_detail", kwargs={"agreement_pk": agreement.pk})


def _report_from_request(request):
    scopes = _scopes_or_403(request.user)
    form = ReportForm(request.GET or None, scopes=scopes)
    if form.is_bound and form.is_valid():
        year, group_by, scope = (form.cleaned_data[k] for k in ("year", "group_by", "scope"))
    else:
        year, group_by, scope = timezone.localdate().year, "accord", scopes[0][0]
    return form, scoped_report(next(s for s in scopes if s[0] == scope), year, group_by)


@login_required
def report(request):
    form, result = _report_from_request(request)
    return render(
        request,
        "employers/report.html",
        {
            "form": form,
            "report": result,
            "headers": report_headers(result),
            "rows": [report_values(result, r) for r in result.rows],
            "total": report_values(result, result.total),
            "title": "Bilan de suivi des partenariats",
            "query": request.GET.urlencode(),
        },
    )


@login_required
def report_xlsx(request):
    form, result = _report_from_request(request)
    if form.is_bound and not form.is_valid():
        errors = " ".join(str(e) for errs in form.errors.values() for e in errs)
        return HttpResponseBadRequest(
            f"Bilan non produit, paramètres invalides : {errors}", content_type="text/plain; charset=utf-8"
        )
    response = HttpResponse(report_to_xlsx(result), content_type=XLSX)
    name = f"bilan-partenariats-{result.year}-{result.group_by}-{slugify(result.scope_label)}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
