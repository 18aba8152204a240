"""Les lignes de « À faire » (cinquante par page, toute la mission locale pour la direction), écrites une fois
ici en Python comme celles des listes de jeunes (``www/young_people/rows.py``). Même HTML que l'ancienne boucle."""

from parcours import links
from parcours.dates import short_date
from parcours.www.html import format_html, format_html_join


def _alert(alert, today):
    return format_html(
        '<li><span class="fr-badge fr-badge--sm {}">{}</span><br><span class="fr-text--sm">{}</span></li>',
        "fr-badge--error" if alert.due < today else "fr-badge--warning",
        alert.label,
        alert.detail,
    )


def worklist_rows(items, today, whole_ml):
    """Les ``<tr>`` de la liste : le jeune, son référent (liste de toute la ML), ses motifs, la première échéance."""
    return format_html_join(
        "\n",
        '<tr><th scope="row"><a href="{}">{}</a></th>{}<td class="parcours-alerts-cell"><ul class="fr-raw-list">{}'
        "</ul></td><td>{}</td></tr>",
        (
            (
                links.path("programmes:young_person", item.young_person.pk),
                item.young_person,
                format_html("<td>{}</td>", item.young_person.referent or "aucun") if whole_ml else "",
                format_html_join("", "{}", ((_alert(alert, today),) for alert in item.alerts)),
                short_date(item.first_due),
            )
            for item in items
        ),
    )
