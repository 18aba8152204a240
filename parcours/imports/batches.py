"""Lots de lignes et barre de progression par défaut, communs aux imports."""


def batched(items, size):
    """Listes successives d'au plus ``size`` éléments de ``items`` (un itérable, lu au fil de l'eau)."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def no_progress(iterable, desc, total=None, unit="ligne"):
    """Sans barre de progression : même signature que ``Command.progress_bar``."""
    return iterable
