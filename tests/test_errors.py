from parcours.cotraitance.services import CotraitanceRuleError
from parcours.errors import RuleError
from parcours.programmes.services import ExitOutcomeWarning, ProgrammeRuleError
from parcours.young_people.services import MergeError


def test_a_refusal_carries_its_reasons():
    error = ProgrammeRuleError(["Le jeune a plus de 25 ans.", "La cohorte est pleine."])
    assert error.reasons == ["Le jeune a plus de 25 ans.", "La cohorte est pleine."]
    assert str(error) == "Le jeune a plus de 25 ans. La cohorte est pleine."


def test_a_single_message_is_one_reason():
    error = MergeError("Un dossier ne peut pas être fusionné avec lui-même.")
    assert error.reasons == ["Un dossier ne peut pas être fusionné avec lui-même."]
    assert str(error) == "Un dossier ne peut pas être fusionné avec lui-même."


def test_every_domain_refusal_shares_the_base():
    for error_class in (CotraitanceRuleError, ProgrammeRuleError, ExitOutcomeWarning, MergeError):
        assert issubclass(error_class, RuleError)
