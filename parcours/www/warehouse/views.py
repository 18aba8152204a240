"""Tableau de bord national, régional et local (agrégats seuls, secret statistique appliqué)."""

import itertools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from parcours.accounts.access import can_open_files_to_fix_of, can_see_aggregates, own_dashboard_scope
from parcours.secrecy import NOTICE as SECRECY_NOTICE
from parcours.warehouse import exports, periods, presentation, quality, quality_secrecy, store
from parcours.warehouse.indicators import engine
from parcours.warehouse.indicators.catalogue import catalogue
from parcours.www.warehouse import charts
from parcours.www.warehouse.forms import PeriodForm, initial_for

DRILL_DOWN = ("accueillis", "premiere_fois", "jdi", "emploi_formation")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
#: Exports du tableau de bord (paramètre ``export``) : (construction, type de contenu, fin du nom de fichier).
EXPORTS = {
    "csv": (
        lambda dashboard, scope, secrecy: exports.csv_text(dashboard, scope, secrecy, bom=True),
        CSV,
        ".csv",
    ),
    "xlsx": (exports.xlsx_bytes, XLSX, ".xlsx"),
    "analyste-csv": (exports.analyst_csv, CSV, "-analyste.csv"),
    "analyste-xlsx": (exports.analyst_xlsx, XLSX, "-analyste.xlsx"),
}


def scope_url(scope, query=""):
    kind, code = scope
    if kind == "national":
        url = reverse("warehouse:national")
    elif kind == "region":
        url = reverse("warehouse:region", kwargs={"region_code": code})
    else:
        url = reverse("warehouse:ml", kwargs={"ml_code": code})
    return f"{url}?{query}" if query else url


def quality_url(scope):
    kind, code = scope
    if kind == "national":
        return reverse("warehouse:quality_national")
    if kind == "region":
        return reverse("warehouse:quality_region", kwargs={"region_code": code})
    return reverse("warehouse:quality_ml", kwargs={"ml_code": code})


def _allowed(user, scope):
    return can_see_aggregates(user, scope[0], scope[1] or None)


def _guard(request, scope):
    if not _allowed(request.user, scope):
        raise PermissionDenied("Ce tableau de bord n'est pas ouvert à votre rôle.")


@login_required
def home(request):
    return redirect(scope_url(own_dashboard_scope(request.user), request.GET.urlencode()))


def _period(request, extraction):
    reference = (extraction or {}).get("reference_date") or timezone.localdate()
    default = periods.last_complete_quarter(reference)
    form = PeriodForm(request.GET if "periode" in request.GET else None, initial=initial_for(default))
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["period"]
    return form, default


def _load(request, scope):
    _guard(request, scope)
    try:
        with store.connect() as con:
            extraction = store.last_extraction(con)
        form, period = _period(request, extraction)
        dashboard = engine.cached(period)
    except store.WarehouseUnavailable as error:
        return None, render(
            request, "warehouse/unavailable.html", {"title": "Tableau de bord", "error": error}, status=503
        )
    try:
        presentation.check_scope(dashboard, scope)
    except presentation.ScopeError as error:
        raise Http404(str(error)) from error
    return (form, dashboard), None


def _query(request):
    query = request.GET.copy()
    query.pop("export", None)
    return query.urlencode()


def _breadcrumb(dashboard, scope, query):
    items = [("France entière", scope_url(engine.NATION, query))]
    if scope[0] in ("region", "ml"):
        region = scope[1] if scope[0] == "region" else dashboard.region_of(scope[1])
        items.append((dashboard.regions[region], scope_url(("region", region), query)))
    if scope[0] == "ml":
        items.append((dashboard.mls[scope[1]]["name"], scope_url(scope, query)))
    return items


def _children(request, dashboard, scope, secrecy, query):
    index = engine.indicator_index(dashboard)
    result = []
    for child in presentation.children(dashboard, scope):
        cells = [secrecy.cell(dashboard, child, index[code]) for code in DRILL_DOWN]
        for cell in cells:
            cell.html = mask_html(cell) if cell.masked else cell.text
        previous = secrecy.cell(dashboard, child, index["accueillis"], previous=True)
        text, arrow = presentation.format_evolution(presentation.change(cells[0], previous))
        result.append(
            {
                "label": presentation.scope_label(dashboard, child),
                "code": child[1],
                "url": scope_url(child, query) if _allowed(request.user, child) else None,
                "cells": cells,
                "evolution": charts.arrow_badge(text, arrow),
            }
        )
    return result


def _charts(dashboard, scope, secrecy, indicator_code):
    months = dashboard.period.months
    previous_months = dashboard.previous.months
    with store.connect() as con:
        current_cells = secrecy.series(engine.monthly_table(con, months), dashboard, scope)
        before_cells = secrecy.series(engine.monthly_table(con, previous_months), dashboard, scope)
    current = [c.shown for c in current_cells]
    before = [c.shown for c in before_cells]
    monthly = {
        "svg": charts.monthly(
            "graphique-mensuel",
            "Jeunes accueillis chaque mois (au moins un contact tenu dans le mois)",
            months,
            current,
            before,
            dashboard.period.label,
            dashboard.previous.label,
        ),
        "rows": [
            (
                periods.MONTHS_FR[m.month - 1],
                c.text,
                b.text,
            )
            for m, c, b in zip(months, current_cells, before_cells, strict=True)
        ],
    }
    position = None
    if scope[0] == "ml":
        index = engine.indicator_index(dashboard)
        indicator = index.get(indicator_code) or index["accueillis"]
        values = {code: secrecy.cell(dashboard, ("ml", code), indicator).shown for code in dashboard.mls}
        svg, description = charts.position(
            "graphique-position",
            f"{indicator.label} : position de la mission locale parmi toutes les missions locales",
            values,
            scope[1],
            dashboard.mls[scope[1]]["name"],
        )
        position = {
            "svg": svg,
            "description": description,
            "indicator": indicator,
            "choices": [i for i in dashboard.indicators if i.level == 0],
            "quartile": None if values[scope[1]] is None else dashboard.ml_quartile(scope[1], indicator.code),
        }
    return monthly, position


def _cell_html(row, cell):
    if cell is None:
        return ""
    return mask_html(cell) if cell.masked else row.text(cell)


def mask_html(cell):
    return format_html('<abbr title="{}">{}</abbr>', cell.mask_title, cell.mask_text)


def _dashboard(request, scope):
    loaded, error_response = _load(request, scope)
    if error_response:
        return error_response
    form, dashboard = loaded
    secrecy = presentation.Secrecy(presentation.own_ml_codes(request.user))
    export = EXPORTS.get(request.GET.get("export"))
    if export:
        build, content_type, suffix = export
        filename = f"tableau-de-bord-{presentation.scope_text(scope).replace(':', '-')}-{dashboard.period.start:%Y%m}-{dashboard.period.end:%Y%m}"
        response = HttpResponse(build(dashboard, scope, secrecy), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}{suffix}"'
        return response
    query = _query(request)
    rows = presentation.rows(dashboard, scope, secrecy)
    sections = [
        (section, list(items))
        for section, items in itertools.groupby(rows, key=lambda r: r.indicator.section)
    ]
    for _, items in sections:
        for row in items:
            text, arrow = row.evolution_text
            row.evolution_html = charts.arrow_badge(text, arrow)
            row.previous_html, row.current_html = _cell_html(row, row.previous), _cell_html(row, row.current)
            row.region_html, row.nation_html = _cell_html(row, row.region), _cell_html(row, row.nation)
            row.quartile_text = f"Q{row.quartile}" if row.quartile else "—"
    monthly, position = _charts(dashboard, scope, secrecy, request.GET.get("indicateur"))
    with store.connect() as con:
        quality_rows = quality_secrecy.QualityMasks(con, secrecy).report(quality.report(con, scope), scope)
    label = presentation.scope_label(dashboard, scope)
    return render(
        request,
        "warehouse/dashboard.html",
        {
            "title": f"Tableau de bord — {label}",
            "scope": scope,
            "scope_label": label,
            "dashboard": dashboard,
            "form": form,
            "sections": sections,
            "children": _children(request, dashboard, scope, secrecy, query),
            "child_kind": {"national": "Région", "region": "Mission locale"}.get(scope[0]),
            "breadcrumb": _breadcrumb(dashboard, scope, query),
            "monthly": monthly,
            "position": position,
            "quality_rows": quality_rows,
            "quality_url": quality_url(scope),
            "query": query,
            "secrecy_applies": secrecy.applies(scope),
            "secrecy_notice": SECRECY_NOTICE,
            "drill_down_labels": [engine.indicator_index(dashboard)[c].label for c in DRILL_DOWN],
        },
    )


def _quality(request, scope):
    _guard(request, scope)
    try:
        with store.connect() as con:
            masks = quality_secrecy.QualityMasks(
                con, presentation.Secrecy(presentation.own_ml_codes(request.user))
            )
            rows = masks.report(quality.report(con, scope), scope)
            mls, regions = engine.referential(con)
            per_ml = quality.by_ml(con) if scope[0] != "ml" else {}
            latest = quality_secrecy.latest_extraction(con)
            if (scope[0] == "region" and scope[1] not in regions) or (
                scope[0] == "ml" and scope[1] not in mls
            ):
                raise Http404("Périmètre inconnu.")
            detail = [
                (name, _quality_cells(masks, latest, child, values))
                for name, child, values in presentation.quality_children(scope, mls, regions, per_ml)
            ]
    except store.WarehouseUnavailable as error:
        return render(
            request,
            "warehouse/unavailable.html",
            {"title": "Qualité des données", "error": error},
            status=503,
        )
    label = "France entière" if scope[0] == "national" else regions.get(scope[1]) or mls[scope[1]]["name"]
    if scope[0] == "ml" and can_open_files_to_fix_of(request.user, scope[1]):
        for row in rows:  # le personnel de la ML passe d'un contrôle aux dossiers qu'il compte
            row["files_url"] = reverse("young_people:to_fix") + f"?controle={row['check'].code}"
    return render(
        request,
        "warehouse/quality.html",
        {
            "title": f"Qualité des données — {label}",
            "scope_label": label,
            "rows": rows,
            "checks": quality.CHECKS,
            "detail": detail,
            "dashboard_url": scope_url(scope),
        },
    )


def _quality_cells(masks, extraction_id, scope, values):
    """Une case par contrôle : (anomalies, taux), masquée par le secret statistique au besoin."""
    return [
        masks.cell(extraction_id, scope, check.code, *values.get(check.code, (0, 0)))
        for check in quality.CHECKS
    ]


def per_scope(page):
    """Les trois vues d'une page par périmètre, ``page(request, scope)`` : la nation, une région, une ML."""

    @login_required
    def national(request):
        return page(request, engine.NATION)

    @login_required
    def region(request, region_code):
        return page(request, ("region", region_code))

    @login_required
    def mission_locale(request, ml_code):
        return page(request, ("ml", ml_code))

    return national, region, mission_locale


national, region, mission_locale = per_scope(_dashboard)
quality_national, quality_region, quality_ml = per_scope(_quality)


@login_required
def definitions(request):
    programmes = ["CIVIS"]
    try:
        with store.connect() as con:
            programmes = engine.programmes_present(con)
    except store.WarehouseUnavailable:
        pass
    indicators = catalogue(programmes)
    sections = [
        (section, list(items)) for section, items in itertools.groupby(indicators, key=lambda i: i.section)
    ]
    return render(
        request,
        "warehouse/definitions.html",
        {
            "title": "Définitions des indicateurs",
            "sections": sections,
            "checks": quality.CHECKS,
            "secrecy_notice": SECRECY_NOTICE,
        },
    )
