"""``parcours.www.html`` écrit le même HTML que ``format_html`` et ``format_html_join`` de Django."""

import datetime

import pytest
from django.utils import html as django_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from parcours.www import html

VALUES = [
    "texte simple",
    "Bêta & co <b>\"guillemets\" et 'apostrophes'</b>",
    mark_safe("<em>déjà sûr</em>"),
    gettext_lazy("Paresseux <b>"),
    mark_safe(gettext_lazy("<strong>paresseux sûr</strong>")),
    3,
    1.5,
    None,
    datetime.date(2024, 1, 2),
    "",
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_escape_is_conditional_escape(value):
    assert html.escape(value) == django_html.conditional_escape(value)


def test_format_html_and_join_write_what_django_writes():
    template = '<td class="{}">{}</td>'
    rows = [(value, value) for value in VALUES]
    for row in rows:
        ours = html.format_html(template, *row)
        assert ours == django_html.format_html(template, *row)
        assert isinstance(ours, SafeString)
    joined = html.format_html_join("\n", template, rows)
    assert joined == django_html.format_html_join("\n", template, rows)
    assert isinstance(joined, SafeString)


def test_the_separator_is_escaped_and_a_format_without_values_is_refused():
    rows = [("a",), ("b",)]
    assert html.format_html_join("<br>&", "{}", rows) == django_html.format_html_join("<br>&", "{}", rows)
    with pytest.raises(TypeError):
        html.format_html("<b>non échappé</b>")
