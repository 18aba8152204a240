from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from parcours import links
from parcours.www.programmes.rows import worklist_rows
from parcours.www.young_people.rows import portfolio_rows, search_rows

register = template.Library()

#: Parties de page rendues une fois par processus (``{% une_fois %}``), par nom.
_ONCE = {}


class OnceNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        if settings.DEBUG:  # en développement, un gabarit modifié se voit à la page suivante
            return self.nodelist.render(context)
        rendered = _ONCE.get(self.name)
        if rendered is None:
            rendered = _ONCE[self.name] = self.nodelist.render(context)
        return rendered


@register.tag("une_fois")
def une_fois(parser, token):
    """``{% une_fois "nom" %}…{% fin_une_fois %}`` : rendu à la première page du processus, puis repris tel quel.
    Pour ce qui ne dépend ni de la requête ni de l'utilisateur (feuilles de style, pied de page du DSFR)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError('une_fois attend un nom : {% une_fois "nom" %}')
    nodelist = parser.parse(("fin_une_fois",))
    parser.delete_first_token()
    return OnceNode(bits[1].strip("\"'"), nodelist)


@receiver(setting_changed)
def _forget_once(**kwargs):
    """Un réglage changé (tests : fichiers statiques, langue) : les parties sont rendues de nouveau."""
    _ONCE.clear()


@register.simple_tag
def chemin(name, *ids):
    """``{% url name id %}`` pour des identifiants entiers, sans le coût de ``reverse`` à chaque ligne d'une liste."""
    return links.path(name, *ids)


@register.simple_tag(takes_context=True)
def outils_utilisateur(context):
    """Les outils de l'en-tête (compte, déconnexion), affichés deux fois (bureau, menu mobile) et rendus une fois."""
    rendered = context.render_context.get("outils_utilisateur")
    if rendered is None:
        template = context.template.engine.get_template("www/_user_tools.html")
        rendered = context.render_context["outils_utilisateur"] = template.render(context)
    return rendered


@register.simple_tag(takes_context=True)
def rendez_vous(context, appointment, show_counsellor=False):
    """La ligne d'un rendez-vous de l'agenda (``parcours/www/agenda/rows.py``), avec ses boutons."""
    from parcours.www.agenda.rows import appointment_item

    request = context["request"]
    return appointment_item(
        appointment,
        csrf_token=str(context.get("csrf_token", "")),
        suite=context.get("suite") or request.get_full_path(),
        show_counsellor=show_counsellor,
        message=context.get("message", ""),
        error=context.get("error", ""),
    )


# Lignes des listes les plus vues, écrites en Python (``www/young_people/rows.py``, ``www/programmes/rows.py``).
register.simple_tag(portfolio_rows, name="lignes_portefeuille")
register.simple_tag(search_rows, name="lignes_recherche")
register.simple_tag(worklist_rows, name="lignes_a_faire")
