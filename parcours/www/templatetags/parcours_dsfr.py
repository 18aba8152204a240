from django import template
from django.utils.html import format_html

register = template.Library()

#: Le conteneur qui défile (tableau plus large que l'écran d'un téléphone) se prend au clavier (``tabindex``) :
#: sans lui, un tableau sans lien ni bouton ne se fait pas défiler sans souris (axe : scrollable-region-focusable).
TABLE_FRAME = (
    '<div class="{}"><div class="fr-table__wrapper"><div class="fr-table__container" tabindex="0">'
    '<div class="fr-table__content">{}</div></div></div></div>'
)


@register.tag
def tableau(parser, token):
    """``{% tableau "fr-table--no-caption" %}<table>…</table>{% fintableau %}`` : le cadre d'un tableau DSFR
    (quatre ``div`` imbriquées), avec les variantes de ``fr-table`` données en arguments.
    ``{% fintableau pages %}`` le fait suivre de la pagination de la page ``page`` (``www/_pagination.html``)."""
    variants = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    content = parser.parse(("fintableau",))
    end = parser.next_token().split_contents()[1:]
    if end not in ([], [PAGES]):
        raise template.TemplateSyntaxError(f"{{% fintableau %}} ne prend que « {PAGES} » : {end}")
    return TableNode(variants, content, paginated=bool(end))


PAGES = "pages"
PAGINATION = "www/_pagination.html"


class TableNode(template.Node):
    def __init__(self, variants, content, paginated=False):
        self.variants, self.content, self.paginated = variants, content, paginated

    def render(self, context):
        classes = " ".join(["fr-table", *(str(variant.resolve(context)) for variant in self.variants)])
        table = format_html(TABLE_FRAME, classes, self.content.render(context))
        if not self.paginated:
            return table
        pagination = context.template.engine.get_template(PAGINATION).render(context)
        return format_html("{}\n{}", table, pagination)
