import shutil

import pytest
from django.conf import settings

from parcours.accounts.enums import Role
from parcours.referential.models import MissionLocale
from tests.factories import UserFactory

EXAMPLES = settings.BASE_DIR / "docs" / "exemples" / "import"


@pytest.fixture
def lille(db):
    """Mission locale des fichiers d'exemple (référentiel chargé par les migrations)."""
    return MissionLocale.objects.get(code="59001")


@pytest.fixture
def staff(lille):
    """Les conseillers nommés dans les fichiers d'exemple."""
    return [
        UserFactory(username="conseiller", mission_locale=lille, role=Role.COUNSELLOR),
        UserFactory(username="conseiller2", mission_locale=lille, role=Role.COUNSELLOR),
    ]


@pytest.fixture
def folder(tmp_path, staff):
    """Copie des fichiers d'exemple, modifiable par le test."""
    target = tmp_path / "import"
    shutil.copytree(EXAMPLES, target)
    return target
