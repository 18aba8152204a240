"""L'en-tête tient dans la largeur d'un écran de portable pour chaque rôle, même avec un nom et une mission locale
longs : pas de barre de défilement horizontale, « Se déconnecter » visible sans faire défiler la page. 1024 px est
le bas de la mise en page « bureau » du DSFR (62em), 1280 et 1366 px les portables les plus courants."""

import pytest

from parcours.accounts.enums import Role
from parcours.referential.models import Region
from tests.browser.walk import login, shot
from tests.factories import MissionLocaleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_ML = "Mission locale de l'arrondissement de Saint-Omer et de la Flandre intérieure"
WIDTHS = (1366, 1280, 1024)


def _users():
    ml = MissionLocaleFactory(name=LONG_ML)
    region = Region.objects.get(code="32")
    names = {"first_name": "Marie-Christine", "last_name": "Delaunay-Bertrand"}
    for role in (Role.RECEPTION, Role.COUNSELLOR, Role.EMPLOYER_REFERENT, Role.DIRECTOR):
        yield UserFactory(role=role, mission_locale=ml, **names)
    yield UserFactory(role=Role.REGIONAL_ANIMATOR, mission_locale=None, region=region, **names)
    yield UserFactory(role=Role.NATIONAL, mission_locale=None, **names)
    yield UserFactory(role=Role.ADMINISTRATOR, mission_locale=None, is_staff=True, **names)


def test_the_header_fits_a_laptop_screen_for_every_role(live_server, browser):
    for user in _users():
        page = login(browser, live_server, user)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            logo = page.evaluate(
                "(() => { const b = document.querySelector('.fr-header__brand-top').getBoundingClientRect(),"
                " l = document.querySelector('.fr-header .fr-logo');"
                " return [b.width, l.scrollWidth]; })()"
            )
            logout = page.locator(".fr-header__tools").get_by_role("button", name="Se déconnecter")
            box = logout.bounding_box()
            if overflow > 0:
                shot(page, f"debug-{user.role}-{width}.png")
            assert overflow <= 0, f"{user.role} à {width} px : la page déborde de {overflow} px"
            assert logo[0] >= logo[1], f"{user.role} à {width} px : le bloc-marque est rogné ({logo})"
            assert box and box["x"] + box["width"] <= width, (
                f"{user.role} à {width} px : déconnexion hors écran"
            )
        shot(page, f"en-tete-{user.role}.png")
        page.context.close()


#: RGAA 10.12 (WCAG 1.4.12) : interlignage 1,5, espacement des paragraphes 2 fois la taille, des lettres 0,12 et
#: des mots 0,16 fois la taille. Une feuille construite, que la politique de sécurité (style-src 'self') laisse
#: passer comme le ferait l'extension d'un usager.
TEXT_SPACING = """(css) => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }"""
SPACING_CSS = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
    " p { margin-bottom: 2em !important; }"
)


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.COUNSELLOR, Role.EMPLOYER_REFERENT])
def test_text_spacing_keeps_menu_and_header_readable(live_server, browser, role):
    """Avec l'espacement du texte agrandi (RGAA 10.12), à 1024 px, le bas de la mise en page « bureau » : la page
    ne défile pas de côté, chaque entrée du menu se lit en entier, « Se déconnecter » reste à l'écran — pour les
    rôles au menu le plus long (la direction : onze entrées avant qu'elles ne débordent de 111 px)."""
    ml = MissionLocaleFactory(name=LONG_ML)
    user = UserFactory(
        role=role, mission_locale=ml, first_name="Marie-Christine", last_name="Delaunay-Bertrand"
    )
    page = login(browser, live_server, user, width=1024)
    page.evaluate(TEXT_SPACING, SPACING_CSS)
    page.wait_for_timeout(100)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    cut = page.evaluate(
        """() => [...document.querySelectorAll('.fr-nav__link, .fr-nav__btn')].filter(a => {
             const r = a.getBoundingClientRect();
             return a.scrollWidth > a.clientWidth + 1 || r.right > window.innerWidth || r.left < 0;
           }).map(a => a.textContent.trim())"""
    )
    logout = page.locator(".fr-header__tools").get_by_role("button", name="Se déconnecter").bounding_box()
    shot(page, f"espacement-{role}.png")
    assert overflow <= 0, f"{role} : la page déborde de {overflow} px"
    assert cut == [], f"{role} : entrées du menu rognées {cut}"
    assert logout and logout["x"] + logout["width"] <= 1024
