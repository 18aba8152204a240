"""Le cache commun sur fichiers ne compte ses fichiers qu'une écriture sur ``CULL_EVERY`` (config/cache.py) ; il
reste ramené sous ``MAX_ENTRIES`` à ces écritures-là."""

from django.core.cache.backends.filebased import FileBasedCache

from config.cache import CULL_EVERY, FileCache


def files(path):
    return len(list(path.glob("*.djcache")))


def test_the_directory_is_counted_once_every_cull_every_writes(tmp_path):
    assert CULL_EVERY == 50
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})
    for index in range(1, 121):
        cache.set(f"cle-{index}", index)
        if index == 50:
            assert files(tmp_path) == 50  # aucun compte depuis la première écriture
        if index == 51:
            assert files(tmp_path) == 50 - 25 + 1  # la moitié effacée (CULL_FREQUENCY), puis l'écriture
    # 101e écriture : 75 fichiers, 37 effacés ; puis 19 écritures.
    assert files(tmp_path) == 75 - 37 + 1 + 19
    assert sum(cache.get(f"cle-{index}") is not None for index in range(1, 121)) == 58


def test_django_counts_at_every_write(tmp_path):
    """Ce que la classe change : le cache de Django, lui, reste sous la limite à chaque écriture."""
    cache = FileBasedCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})
    for index in range(1, 121):
        cache.set(f"cle-{index}", index)
    assert files(tmp_path) <= 10
