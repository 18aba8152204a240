"""Codes postaux, téléphones et NIR s'écrivent en chiffres ASCII. En Python, ``\\d`` admet aussi les chiffres
pleine largeur (« ５ ») ou arabes-indiens (« ٥ ») : un code postal « ５９０００ » était enregistré, puis ne
correspondait plus à la recherche « 59000 » ; un téléphone ainsi écrit partait en SMS vers un numéro invalide."""

import pytest
from django.core.exceptions import ValidationError

from parcours.reminders import rules as reminder_rules
from parcours.validators import phone_validator, postcode_validator, validate_readable
from parcours.young_people.validators import compact_nir, validate_nir

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def other_digits(text):
    return [text.translate(FULL_WIDTH), text.translate(ARABIC_INDIC)]


@pytest.mark.parametrize(
    ("validator", "valid"),
    [(postcode_validator, "59000"), (phone_validator, "06 12 34 56 78"), (validate_nir, "2040175123456")],
)
def test_only_ascii_digits_are_accepted(validator, valid):
    validator(valid)
    for written_otherwise in other_digits(valid):
        with pytest.raises(ValidationError):
            validator(written_otherwise)


@pytest.mark.parametrize(
    "phone",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "0612345678",
        "+33 6 12 34 56 78",
        "0033 6 12 34 56 78",
        "06  12 34 56 78",
        "06. 12. 34. 56. 78",
        "06-12-34-56-78",
    ],
)
def test_phones_are_written_with_spaces_dots_or_dashes(phone):
    phone_validator(phone)


@pytest.mark.parametrize("phone", ["..........", "06 12 34 56", "+33", "06 12 34 56 7a", "-0612345678"])
def test_a_phone_without_ten_digits_is_refused(phone):
    with pytest.raises(ValidationError, match="Numéro de téléphone invalide"):
        phone_validator(phone)


@pytest.mark.parametrize("name", ["42", "Ngoma", "N'Diaye", "李"])
def test_a_name_has_a_letter_or_a_digit(name):
    validate_readable(name)


@pytest.mark.parametrize("name", ["\u200b\u200b", "\u202e", "-", ". ."])
def test_a_name_of_invisible_characters_or_punctuation_alone_is_refused(name):
    with pytest.raises(ValidationError, match="Saisissez au moins une lettre ou un chiffre."):
        validate_readable(name)


def test_a_nir_pasted_with_non_breaking_spaces_is_read(  # copié d'un PDF ou d'un traitement de texte
):
    validate_nir("2\u00a004\u202f01 75 123 456 48")
    assert compact_nir("2-04-01-75-123-456-48") == "204017512345648"


def test_a_phone_written_in_other_digits_gets_no_sms():
    assert reminder_rules.mobile_number("06 12 34 56 78") == "0612345678"
    for written_otherwise in other_digits("12 34 56 78"):
        assert reminder_rules.mobile_number(f"06 {written_otherwise}") == ""
