"""Validateurs du dossier du jeune, partagés par le formulaire, le modèle, l'API et les imports.

Les messages ne reprennent jamais la valeur saisie (donnée personnelle).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import nir as stdnum_nir

#: Sexe, année, mois (01–12, ou 20–99 si inconnu), département (ou 2A/2B, 99 à l'étranger), commune, rang.
NIR_FORMAT = re.compile(r"^[12][0-9]{2}(0[1-9]|1[0-2]|[2-9][0-9])([0-9]{2}|2A|2B)[0-9]{6}([0-9]{2})?$")
NIR_FORMAT_MESSAGE = (
    "Le NIR compte 13 caractères (15 avec la clé) : sexe, année, mois, département, commune, rang."
)
NIR_KEY_MESSAGE = (
    "La clé du NIR (2 derniers chiffres) ne correspond pas aux 13 premiers caractères : vérifiez la saisie."
)


#: Séparateurs d'un NIR tapé ou collé : espaces (insécables compris), points, tirets.
NIR_SEPARATORS = re.compile(r"[\s.\-]")


def compact_nir(value):
    """Le NIR sans séparateurs, en majuscules (2a → 2A). Ses chiffres restent tels quels : « ２ » (pleine largeur)
    n'est pas changé en « 2 » (comme le ferait ``compact`` de python-stdnum) et le format le refuse."""
    return NIR_SEPARATORS.sub("", value or "").upper()


@deconstructible(path="parcours.young_people.validators.NirValidator")
class NirValidator:
    """NIR de 13 caractères, ou de 15 dont la clé de contrôle est vérifiée (``python-stdnum``)."""

    code = "invalid_nir"

    def __call__(self, value):
        number = compact_nir(value)
        if not NIR_FORMAT.match(number):
            raise ValidationError(NIR_FORMAT_MESSAGE, code=self.code)
        if len(number) == 15:
            try:
                stdnum_nir.validate(number)
            except InvalidChecksum:
                raise ValidationError(NIR_KEY_MESSAGE, code="invalid_nir_key") from None
            except StdnumError:
                raise ValidationError(NIR_FORMAT_MESSAGE, code=self.code) from None

    def __eq__(self, other):
        return isinstance(other, NirValidator)

    def __hash__(self):
        return hash(self.code)


validate_nir = NirValidator()
