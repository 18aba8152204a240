"""Un travail ne tourne jamais deux fois en même temps : verrou de fichier (``flock``) non bloquant.

Le système le libère si le processus meurt : pas de verrou orphelin après un plantage. Le verrou vaut pour
une machine ; l'entrepôt (fichier DuckDB) est sur la machine du travailleur, qui est seul à l'écrire.
"""

import contextlib
import fcntl
from pathlib import Path

from django.conf import settings


class AlreadyRunning(Exception):
    """Le même travail tourne déjà (autre travailleur, ou commande lancée à la main)."""


def lock_dir():
    path = Path(settings.VAR_DIR) / "verrous"
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextlib.contextmanager
def exclusive(name, label):
    with open(lock_dir() / f"{name}.verrou", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise AlreadyRunning(f"{label} est déjà en cours : ce lancement est abandonné.") from error
        yield
