import pytest
import time_machine

from tests.agenda import NOW


@pytest.fixture
def frozen():
    """Le mardi 10 mars 2026 à 9 h 30 (Paris) : ``pytest.mark.usefixtures("frozen")``."""
    with time_machine.travel(NOW, tick=False):
        yield
