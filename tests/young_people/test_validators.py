"""NIR : format et clé de contrôle (python-stdnum), message en français, sans reprendre la valeur saisie."""

import pytest
from django.core.exceptions import ValidationError

from parcours.young_people.validators import validate_nir
from tests.factories import YoungPersonFactory

KEY_MESSAGE = (
    "La clé du NIR (2 derniers chiffres) ne correspond pas aux 13 premiers caractères : vérifiez la saisie."
)


@pytest.mark.parametrize(
    "nir",
    [
        "204017512345648",  # clé 48
        "185039912345672",  # né à l'étranger (99), clé 72
        "185032A12345601",  # Corse-du-Sud : 2A compté 19 pour la clé
        "2040175123456",  # sans la clé : rien à contrôler
    ],
)
def test_valid_nir(nir):
    validate_nir(nir)


@pytest.mark.parametrize("nir", ["204017512345649", "204017512345600", "185032A12345602", "185039912345627"])
def test_wrong_control_key_is_refused_in_french(nir):
    with pytest.raises(ValidationError) as error:
        validate_nir(nir)
    assert error.value.messages == [KEY_MESSAGE]
    assert nir not in str(error.value)  # aucune donnée personnelle dans le message


@pytest.mark.parametrize("nir", ["123", "3040175123456", "20401751234564", "2041375123456", "20401ZZ123456"])
def test_bad_format_is_refused_in_french(nir):
    with pytest.raises(ValidationError) as error:
        validate_nir(nir)
    assert error.value.messages[0].startswith("Le NIR compte 13 caractères")


@pytest.mark.django_db
def test_model_validation_checks_the_key():
    young_person = YoungPersonFactory.build(nir="204017512345649")
    with pytest.raises(ValidationError) as error:
        young_person.full_clean(exclude=["mission_locale", "referent"])
    assert error.value.message_dict["nir"] == [KEY_MESSAGE]
