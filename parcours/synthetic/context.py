"""Contexte passé aux générateurs des apps : ``generate(ctx)`` dans ``parcours/<app>/synthetic.py``."""

import dataclasses
import datetime
import random
import sys

from parcours.commands import progress_bar
from parcours.imports.batches import batched

BATCH_SIZE = 5000


@dataclasses.dataclass
class GenerationContext:
    """Ce qu'un générateur reçoit.

    - ``rng`` : ``random.Random`` déjà semé, propre à l'app (l'ordre des apps ne change rien) ;
    - ``today`` : date de référence (rien de « tenu » après elle) ; ``since`` : début de la période ;
    - ``mission_locale_ids`` : missions locales peuplées ; ``young_person_ids`` : jeunes créés par ce lancement ;
    - ``progress(iterable, desc, total=None)`` : barre de progression tqdm ;
    - ``stdout`` : sortie de la commande ; ``demo`` : mode démonstration ;
    - ``bulk_create(model, objs)`` : insertion par lots, renvoie les objets (avec leur clé primaire).
    """

    seed: int
    today: datetime.date
    since: datetime.date
    demo: bool = False
    stdout: object = None
    show_progress: bool = True
    rng: random.Random = None
    mission_locale_ids: list = dataclasses.field(default_factory=list)
    young_person_ids: list = dataclasses.field(default_factory=list)

    def __post_init__(self):
        if self.rng is None:
            self.rng = self.derive("cœur")
        if self.stdout is None:
            self.stdout = sys.stdout

    def derive(self, name):
        """Générateur indépendant et reproductible pour une étape ou une app."""
        return random.Random(f"parcours:{self.seed}:{name}")

    def for_app(self, label):
        return dataclasses.replace(self, rng=self.derive(f"app:{label}"))

    def progress(self, iterable, desc, total=None, unit="jeune"):
        return progress_bar(disabled=not self.show_progress)(iterable, desc, total, unit)

    def bulk_create(self, model, objs, batch_size=BATCH_SIZE):
        created = []
        for batch in batched(objs, batch_size):
            created += model.objects.bulk_create(batch)
        return created

    def write(self, message):
        self.stdout.write(message if message.endswith("\n") else f"{message}\n")
