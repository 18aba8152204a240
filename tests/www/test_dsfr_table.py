"""Le cadre d'un tableau DSFR, écrit une fois (``{% tableau %}``)."""

from django.template import Context, Template

FRAME = '<div class="fr-table fr-table--no-caption"><div class="fr-table__wrapper"><div class="fr-table__container" tabindex="0">'


def _render(source, **context):
    return Template("{% load parcours_dsfr %}" + source).render(Context(context))


def test_the_frame_wraps_the_table_with_its_variants():
    html = _render(
        '{% tableau "fr-table--no-caption" %}<table>{{ cell }}</table>{% fintableau %}', cell="<b>"
    )
    assert html == (FRAME + '<div class="fr-table__content"><table>&lt;b&gt;</table></div></div></div></div>')


def test_the_plain_frame_has_only_the_base_class():
    assert _render("{% tableau %}<table></table>{% fintableau %}").startswith('<div class="fr-table"><div ')


def test_the_table_of_a_page_is_followed_by_its_pagination():
    from django.core.paginator import Paginator

    page = Paginator(range(30), 10).page(2)
    html = _render("{% tableau %}<table></table>{% fintableau pages %}", page=page)
    assert html.startswith('<div class="fr-table"><div ')
    frame_end = html.index("</div></div></div></div>")
    assert html.index('<nav role="navigation" class="fr-pagination') > frame_end
    assert "Page 2 sur 3" in html


def test_a_single_page_has_no_pagination():
    from django.core.paginator import Paginator

    page = Paginator(range(3), 10).page(1)
    assert "fr-pagination" not in _render("{% tableau %}<table></table>{% fintableau pages %}", page=page)
