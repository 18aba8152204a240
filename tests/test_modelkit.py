"""Les briques communes des modèles (parcours/modelkit.py, parcours/accounts/querysets.py) : elles produisent
les contraintes écrites jusque-là à la main, et elles restent la seule écriture de leur idée."""

import ast
import datetime
import pathlib

from django.apps import apps
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import F, Q, UniqueConstraint

from parcours import modelkit
from parcours.accompaniment.enums import Theme
from parcours.accompaniment.models import Contact
from parcours.agenda.models import GroupSession
from parcours.employers.models import Agreement, Partner
from parcours.young_people.models import YoungPerson
from tests.factories import ContactFactory, UserFactory, YoungPersonFactory

PARCOURS = pathlib.Path(modelkit.__file__).parent


def test_ends_after_start_leaves_an_empty_end_alone_by_default():
    constraint = modelkit.ends_after_start("x")
    assert constraint.condition == Q(end_date__isnull=True) | Q(end_date__gte=F("start_date"))
    assert constraint.violation_error_message == modelkit.END_BEFORE_START_MESSAGE


def test_ends_after_start_with_both_dates_required_or_both_optional_in_the_given_order():
    assert modelkit.ends_after_start("x", optional=()).condition == Q(end_date__gte=F("start_date"))
    both = modelkit.ends_after_start(
        "x", start="signed_on", end="ended_on", optional=("ended_on", "signed_on")
    )
    assert both.condition == Q(ended_on__isnull=True) | Q(signed_on__isnull=True) | Q(
        ended_on__gte=F("signed_on")
    )


def test_ends_after_start_without_message_keeps_the_django_default():
    constraint = modelkit.ends_after_start("x", start="start", end="end", message=None)
    assert constraint.violation_error_message == constraint.default_violation_error_message


def test_ended_with_reason_sets_the_date_and_the_reason_together():
    constraint = modelkit.ended_with_reason("x", end="exit_date", reason="exit_outcome", message="m")
    assert constraint.condition == Q(exit_date__isnull=True, exit_outcome="") | (
        Q(exit_date__isnull=False) & ~Q(exit_outcome="")
    )


def test_unique_names_its_fields_its_condition_and_its_message():
    assert modelkit.unique("x", ["a", "b"]) == UniqueConstraint(fields=["a", "b"], name="x")
    constraint = modelkit.unique("x", ["a"], condition=Q(end__isnull=True), message="m")
    assert constraint == UniqueConstraint(
        fields=["a"], condition=Q(end__isnull=True), name="x", violation_error_message="m"
    )
    assert (
        modelkit.unique("x", ["a"]).violation_error_message
        == UniqueConstraint.default_violation_error_message
    )


def test_in_range_checks_the_same_bounds_as_the_form_validators():
    assert modelkit.in_range("x", "duration", (15, 480), "m").condition == Q(
        duration__gte=15, duration__lte=480
    )
    assert modelkit.in_range("x", "duration", (5, 480), "m", optional=True).condition == Q(
        duration__isnull=True
    ) | Q(duration__gte=5, duration__lte=480)
    assert modelkit.bounds(15, 480) == [MinValueValidator(15), MaxValueValidator(480)]


def test_implies_leaves_the_rows_outside_its_premise_alone():
    constraint = modelkit.implies("x", Q(status="termine"), Q(end__isnull=False), "m")
    assert constraint.condition == ~Q(status="termine") | Q(end__isnull=False)
    assert constraint.violation_error_message == "m"


def test_choice_labels_keeps_the_order_and_skips_unknown_values():
    assert modelkit.choice_labels(Theme, ["sante", "disparu", "emploi"]) == ["Santé", "Emploi"]


def test_a_slot_ends_after_its_minutes_and_has_no_end_without_a_time():
    session = GroupSession(date=datetime.date(2026, 3, 2), time=datetime.time(9, 30), duration=120)
    assert session.end_time == datetime.time(11, 30)
    contact = Contact(date=datetime.date(2026, 3, 2), time=datetime.time(23, 45), duration=None)
    assert contact.end_time == datetime.time(0, 15)
    assert Contact(date=datetime.date(2026, 3, 2), time=None).end_time is None
    last_day = Contact(date=datetime.date.max, time=datetime.time(23, 59), duration=480)
    assert last_day.end_time == datetime.time(7, 59)  # le lendemain n'existe pas : l'heure, si


def test_the_employer_outcome_keeps_one_reverse_name_per_model():
    assert {"recruitments", "immersions"} <= {r.get_accessor_name() for r in Partner._meta.related_objects}
    assert {"recruitments", "immersions"} <= {r.get_accessor_name() for r in Agreement._meta.related_objects}
    assert {"recruitments", "immersions"} <= {
        r.get_accessor_name() for r in YoungPerson._meta.related_objects
    }


def test_modelkit_imports_no_application():
    tree = ast.parse((PARCOURS / "modelkit.py").read_text())
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    modules |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert {m for m in modules if m.startswith("parcours")} == {"parcours.validators"}


def test_visible_to_is_written_once_apart_from_the_rules_that_differ():
    """Les jeux d'enregistrements héritent de ``accounts/querysets.py`` ; seuls s'en écartent les évènements
    (nationaux visibles de tous) et les imports déposés (suivis par la seule personne qui les a déposés)."""
    defined = {
        str(path.relative_to(PARCOURS))
        for path in PARCOURS.rglob("*.py")
        if "migrations" not in path.parts and "def visible_to(" in path.read_text()
    }
    assert defined == {"accounts/querysets.py", "employers/models/events.py", "jobs/models.py"}


def test_scoped_querysets_follow_the_mission_locales_the_user_sees(db):
    mine, other = YoungPersonFactory(), YoungPersonFactory()
    user = UserFactory(mission_locale=mine.mission_locale)
    ContactFactory(young_person=mine), ContactFactory(young_person=other)
    assert list(YoungPerson.objects.visible_to(user)) == [mine]
    assert [c.young_person for c in Contact.objects.visible_to(user)] == [mine]


def test_choice_display_gives_what_django_gives_on_every_model():
    """``get_FOO_display`` de chaque champ à choix de Parcours : même libellé que la méthode de Django, pour chaque
    valeur permise, une valeur inconnue (rendue telle quelle), une valeur vide et une valeur non hachable."""
    from django.apps import apps
    from django.db.models import Model

    checked = 0
    for model in apps.get_models(include_auto_created=True):
        if not model.__module__.startswith("parcours."):
            continue
        for field in model._meta.concrete_fields:
            if not field.choices:
                continue
            method = getattr(model, f"get_{field.name}_display")
            assert getattr(method, "func", None) is not Model._get_FIELD_display, (model, field.name)
            for value in [*(value for value, _ in field.flatchoices), "inconnue", None, "", ["a"]]:
                instance = model()
                setattr(instance, field.attname, value)
                assert method(instance) == Model._get_FIELD_display(instance, field), (model, field, value)
                checked += 1
    assert checked > 500


def test_a_hand_written_display_method_is_kept():
    class Fake:
        def get_kind_display(self):
            return "écrit à la main"

    Fake._meta = Contact._meta
    Fake.__module__ = "parcours.fake"
    modelkit.install_choice_labels(Fake)
    assert Fake().get_kind_display() == "écrit à la main"


def test_every_rome_code_field_is_checked_by_the_database():
    """Le formulaire vérifie le code ROME (``rome_validator``) ; la base aussi, sur chaque modèle qui en porte un."""
    checks = {modelkit.rome_format("x").condition, modelkit.rome_format("x", blank=True).condition}
    unchecked = [
        model.__name__
        for model in apps.get_models()
        if any(field.name == "rome_code" for field in model._meta.concrete_fields)
        and not any(getattr(c, "condition", None) in checks for c in model._meta.constraints)
    ]
    assert unchecked == []
