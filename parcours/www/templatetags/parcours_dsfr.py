from django import template
from django.utils.html import format_html

register = template.Library()

TABLE_FRAME = (
    '<div class="{}"><div class="fr-table__wrapper"><div class="fr-table__container"><div class="fr-table__content">'
    "{}</div></div></div></div>"
)


@register.tag
def tableau(parser, token):
    """``{% tableau "fr-table--no-caption" %}<table>…</table>{% fintableau %}`` : le cadre d'un tableau DSFR
    (quatre ``div`` imbriquées), avec les variantes de ``fr-table`` données en arguments."""
    variants = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    content = parser.parse(("fintableau",))
    parser.delete_first_token()
    return TableNode(variants, content)


class TableNode(template.Node):
    def __init__(self, variants, content):
        self.variants, self.content = variants, content

    def render(self, context):
        classes = " ".join(["fr-table", *(str(variant.resolve(context)) for variant in self.variants)])
        return format_html(TABLE_FRAME, classes, self.content.render(context))
