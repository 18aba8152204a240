"""Les lignes des listes de jeunes (« Mes jeunes », résultats de recherche), écrites une fois ici en Python :
ces pages en affichent vingt-cinq et font la moitié des pages vues ; la même ligne rendue par la boucle du
gabarit coûtait le tiers de la page (``bench/pages.py``). Même HTML que l'ancienne boucle."""

from django.utils.safestring import mark_safe

from parcours import links
from parcours.dates import short_date
from parcours.www.html import format_html, format_html_join

ARCHIVED = mark_safe('<span class="fr-badge fr-badge--sm">Archivé</span>')
ACTIVE = mark_safe('<span class="fr-badge fr-badge--sm fr-badge--success">Actif</span>')


def _file_link(young_person):
    return format_html(
        '<a href="{}">{}</a>', links.path("young_people:detail", young_person.pk), young_person
    )


def _days_since_contact(days, warning_days):
    if days is None:
        return "—"
    if days > warning_days:
        return format_html('<span class="fr-badge fr-badge--sm fr-badge--warning">{} j</span>', days)
    return f"{days} j"


def portfolio_rows(young_people, warning_days):
    """Les ``<tr>`` de « Mes jeunes » (jeunes préparés par la vue : jours depuis le dernier contact, situation)."""
    return format_html_join(
        "\n",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                _file_link(yp),
                short_date(yp.first_reception_date),
                short_date(yp.last_contact_on) or "aucun",
                _days_since_contact(yp.days_since_contact, warning_days),
                yp.current_situation_label or "—",
                yp.current_programme or "—",
            )
            for yp in young_people
        ),
    )


def search_rows(young_people):
    """Les ``<tr>`` des résultats de la recherche."""
    return format_html_join(
        "\n",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                _file_link(yp),
                short_date(yp.birth_date),
                yp.commune or "—",
                yp.referent or "—",
                ARCHIVED if yp.archived_at else ACTIVE,
            )
            for yp in young_people
        ),
    )
