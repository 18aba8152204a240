"""Graphiques SVG rendus côté serveur (aucune ressource externe) : un titre et une description
accessibles, les données étant aussi données en tableau à côté."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from parcours.warehouse.periods import MONTHS_FR

BLUE, GREY, RED = "#000091", "#929292", "#c9191e"


def _svg(chart_id, title, description, width, height, body):
    return mark_safe(
        f'<svg id="{chart_id}" class="entrepot-graphique" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-titre {chart_id}-desc" preserveAspectRatio="xMidYMid meet">'
        f'<title id="{chart_id}-titre">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )


def monthly(chart_id, title, months, current, previous, current_label, previous_label):
    """Deux courbes : la période et la même période un an plus tôt, mois par mois."""
    width, height, left, bottom, top = 640, 260, 56, 40, 16
    values = [v for v in current + previous if v is not None]
    peak = max(values + [1])
    count = len(months)
    step = (width - left - 16) / max(count - 1, 1)

    def x(i):
        return left + i * step

    def y(v):
        return top + (height - top - bottom) * (1 - v / peak)

    parts = []
    for fraction in (0, 0.5, 1):
        gy = y(peak * fraction)
        parts.append(f'<line x1="{left}" x2="{width - 8}" y1="{gy:.1f}" y2="{gy:.1f}" stroke="#ddd"/>')
        parts.append(
            f'<text x="{left - 6}" y="{gy + 4:.1f}" font-size="11" text-anchor="end">{round(peak * fraction)}</text>'
        )
    for i, month in enumerate(months):
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - bottom + 16}" font-size="11" text-anchor="middle">'
            f"{MONTHS_FR[month.month - 1][:3]}.</text>"
        )
    for series, color, dash in ((previous, GREY, ' stroke-dasharray="6 4"'), (current, BLUE, "")):
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(series) if v is not None)
        parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2.5"{dash} points="{points}"/>')
        for i, v in enumerate(series):
            if v is not None:
                parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="{color}"/>')
    legend_y = height - 6
    parts.append(f'<rect x="{left}" y="{legend_y - 9}" width="14" height="4" fill="{BLUE}"/>')
    parts.append(f'<text x="{left + 20}" y="{legend_y}" font-size="11">{escape(current_label)}</text>')
    parts.append(f'<rect x="{left + 250}" y="{legend_y - 9}" width="14" height="4" fill="{GREY}"/>')
    parts.append(f'<text x="{left + 270}" y="{legend_y}" font-size="11">{escape(previous_label)}</text>')
    description = "; ".join(
        f"{MONTHS_FR[m.month - 1]} : {c if c is not None else '—'} contre {p if p is not None else '—'}"
        for m, c, p in zip(months, current, previous, strict=True)
    )
    return _svg(chart_id, title, description, width, height, "".join(parts))


def position(chart_id, title, values, highlighted, highlighted_label):
    """Les missions locales dont la valeur est publiée, triées par valeur ; celle qui est étudiée en rouge.

    Une valeur masquée par le secret statistique (``None``) n'a pas de place connue : elle n'est ni
    dessinée ni classée, et une mission locale masquée n'a pas de rang."""
    width, height, top, bottom = 640, 200, 10, 24
    masked = sum(1 for v in values.values() if v is None)
    ordered = sorted(
        ((c, v) for c, v in values.items() if v is not None), key=lambda item: (item[1], item[0])
    )
    peak = max([v for _, v in ordered if v is not None] + [1])
    bar = (width - 20) / max(len(ordered), 1)
    parts = []
    rank = None
    for i, (code, value) in enumerate(ordered):
        h = (height - top - bottom) * ((value or 0) / peak)
        color = RED if code == highlighted else BLUE
        if code == highlighted:
            rank = i + 1
        parts.append(
            f'<rect x="{10 + i * bar:.2f}" y="{height - bottom - h:.2f}" width="{max(bar - 0.3, 0.5):.2f}" '
            f'height="{h:.2f}" fill="{color}"/>'
        )
    for q in (1, 2, 3):
        qx = 10 + len(ordered) * bar * q / 4
        parts.append(
            f'<line x1="{qx:.1f}" x2="{qx:.1f}" y1="{top}" y2="{height - bottom}" stroke="{GREY}" stroke-dasharray="3 3"/>'
        )
        parts.append(f'<text x="{qx:.1f}" y="{height - 8}" font-size="11" text-anchor="middle">Q{q}</text>')
    hidden = f" ; {masked} masquées par le secret statistique, hors classement" if masked else ""
    description = (
        f"{highlighted_label} : rang {rank} sur {len(ordered)} missions locales dont la valeur est publiée "
        f"(valeurs croissantes{hidden})."
        if rank
        else f"{len(ordered)} missions locales dont la valeur est publiée{hidden}."
    )
    return _svg(chart_id, title, description, width, height, "".join(parts)), description


def arrow_badge(text, arrow):
    if not arrow:
        return text
    css = "fr-badge--success" if arrow == "↗" else "fr-badge--error" if arrow == "↘" else "fr-badge--info"
    return format_html(
        '<span class="fr-badge fr-badge--sm fr-badge--no-icon {}">{} {}</span>', css, text, arrow
    )
