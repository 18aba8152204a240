"""Le cache commun sur fichiers (``PARCOURS_CACHE=fichiers``) : celui de Django, qui compte ses fichiers moins
souvent.

Avant chaque écriture, ``FileBasedCache`` liste tout son répertoire pour savoir s'il dépasse ``MAX_ENTRIES``.
Sessions, comptes et listes « À faire » y font des milliers de fichiers sur un serveur chargé, et chaque liste
tenue à jour y est réécrite après une saisie : lister le répertoire coûtait alors plus que l'écriture elle-même.
Ici, chaque instance (une par fil) ne compte qu'une écriture sur ``CULL_EVERY`` ; le répertoire peut dépasser
``MAX_ENTRIES`` d'autant d'écritures par fil avant d'être ramené sous la limite, comme avant.
"""

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 50


class FileCache(FileBasedCache):
    _writes = 0

    def _cull(self):
        self._writes += 1
        if self._writes % CULL_EVERY == 1:
            super()._cull()
