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
