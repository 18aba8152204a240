from tqdm import tqdm


def progress_bar(command, verbosity):
    """Barre de progression des commandes d'échange sur la sortie d'erreur (aucune avec --verbosity 0)."""

    def progress(iterable, desc, total, unit="ligne"):
        return tqdm(
            iterable,
            desc=desc,
            total=total,
            unit=f" {unit}",
            file=command.stderr,
            disable=verbosity == 0,
            mininterval=1,
        )

    return progress
