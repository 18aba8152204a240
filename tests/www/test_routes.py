"""Le tableau d'adresses de ``parcours.www.routes``."""

import types

import pytest
from django.core.exceptions import ImproperlyConfigured

from parcours.www.routes import routes


def first(request):
    return None


def second(request, pk):
    return None


VIEWS = types.SimpleNamespace(first=first)
OTHER = types.SimpleNamespace(second=second)


def test_routes_reads_path_view_and_name():
    patterns = routes(
        """
        -                   first
        chose/<int:pk>/     other.second  chose
        """,
        views=VIEWS,
        other=OTHER,
    )
    assert [(str(p.pattern), p.callback, p.name) for p in patterns] == [
        ("", first, "first"),
        ("chose/<int:pk>/", second, "chose"),
    ]


@pytest.mark.parametrize(
    "table",
    ["a/  missing", "a/  other.missing", "a/  unknown.first", "a/  first  name  extra"],
)
def test_routes_refuses_an_unreadable_line(table):
    with pytest.raises(ImproperlyConfigured):
        routes(table, views=VIEWS, other=OTHER)
