"""Aucune vue, aucun formulaire, aucun gabarit ne teste un rôle : ils appellent ``parcours.accounts.access``
(ou le domaine), le seul endroit qui décide de ce qu'un utilisateur voit et fait."""

import pathlib
import re

import parcours.www

WWW = pathlib.Path(parcours.www.__file__).parent

#: Ce qui trahit une règle d'accès écrite dans la couche web.
ROLE_TEST = re.compile(
    r"\.role\b|\brole__|\bRole\b|\bis_(director|counsellor|reception|national|regional|ml_staff|"
    r"employer_referent|administrator|superuser|staff)\b|\bML_ROLES\b"
)


def _sources():
    for path in sorted(WWW.rglob("*")):
        if path.suffix in (".py", ".html", ".txt") and "migrations" not in path.parts:
            yield path


def test_the_web_layer_reads_no_role():
    hits = [
        f"{path.relative_to(WWW)}:{number}: {line.strip()}"
        for path in _sources()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ROLE_TEST.search(line)
    ]
    assert not hits, "Règle d'accès dans la couche web (à mettre dans accounts/access.py) :\n" + "\n".join(
        hits
    )


def test_the_pattern_catches_role_tests():
    for line in ("if user.role == Role.DIRECTOR:", "request.user.is_director", "{% if user.is_ml_staff %}"):
        assert ROLE_TEST.search(line), line
