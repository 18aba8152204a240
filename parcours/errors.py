"""Refus des règles métier, communs à toutes les apps.

Un service qui refuse une écriture lève une sous-classe de ``RuleError`` : ``reasons`` liste les raisons
en français, et rien n'a été enregistré. Les vues les affichent par ``www.forms.add_reasons``, les
imports les rattachent à la ligne du fichier.
"""


class RuleError(Exception):
    """Refus motivé : ``reasons`` liste les raisons en français ; rien n'a été enregistré."""

    def __init__(self, reasons):
        self.reasons = [reasons] if isinstance(reasons, str) else list(reasons)
        super().__init__(" ".join(self.reasons))
