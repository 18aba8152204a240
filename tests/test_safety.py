"""Commandes dangereuses sûres par défaut : refus sur données réelles sans --confirmer-donnees-reelles."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from parcours.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.synthetic import runner
from parcours.synthetic.real_data import holds_real_data
from parcours.warehouse import store
from parcours.warehouse.management.commands.entrepot_generer_nation import holds_operational_extraction
from parcours.young_people.models import YoungPerson
from tests.factories import UserFactory, YoungPersonFactory

FLAG = {"confirmer_donnees_reelles": True}


@pytest.fixture(autouse=True)
def warehouse_dir(settings, tmp_path):
    settings.WAREHOUSE_DIR = tmp_path / "entrepot"
    return settings.WAREHOUSE_DIR


def quiet(name, *args, **options):
    call_command(name, *args, stdout=io.StringIO(), stderr=io.StringIO(), verbosity=0, **options)


@pytest.mark.django_db
def test_real_data_is_any_file_the_generator_did_not_write():
    assert not holds_real_data()  # base vide
    runner.generate(12, 3, today=datetime.date(2026, 6, 1), show_progress=False, with_apps=False)
    assert YoungPerson.objects.count() == 12 and not holds_real_data()
    YoungPersonFactory()  # saisi, importé : tout ce qui n'est pas généré
    assert holds_real_data()


@pytest.mark.django_db
def test_generer_donnees_refuses_a_database_with_real_files(ml):
    YoungPersonFactory(mission_locale=ml)
    with pytest.raises(CommandError, match="--confirmer-donnees-reelles"):
        quiet("generer_donnees", jeunes=5)
    assert YoungPerson.objects.count() == 1
    quiet("generer_donnees", jeunes=5, **FLAG)
    assert YoungPerson.objects.count() == 6


@pytest.mark.django_db
def test_generer_donnees_adds_to_a_synthetic_database_without_the_flag():
    quiet("generer_donnees", jeunes=5, graine=1)
    quiet("generer_donnees", jeunes=5, graine=2)
    assert YoungPerson.objects.count() == 10


@pytest.mark.django_db
def test_charger_demo_refuses_a_database_with_real_files(ml):
    YoungPersonFactory(mission_locale=ml)
    with pytest.raises(CommandError, match="charger_demo refuse"):
        quiet("charger_demo", jeunes=10)
    assert not User.objects.filter(username="admin").exists()
    quiet("charger_demo", jeunes=10, **FLAG)
    assert User.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS]).count() == len(DEMO_ACCOUNTS)
    assert YoungPerson.objects.count() == 1  # pas de génération dans une base qui a des jeunes


@pytest.mark.django_db
def test_charger_demo_never_touches_an_existing_account(ml):
    admin = UserFactory(username="admin", role=Role.COUNSELLOR, mission_locale=ml)  # mot-de-passe-de-test
    quiet("charger_demo", jeunes=10)
    admin.refresh_from_db()
    assert admin.check_password("mot-de-passe-de-test") and not admin.check_password(DEMO_PASSWORD)
    assert (admin.role, admin.is_superuser) == (Role.COUNSELLOR, False)
    assert User.objects.get(username="directeur").check_password(DEMO_PASSWORD)  # les absents sont créés


@pytest.mark.django_db
def test_charger_demo_reruns_on_a_demo_database_without_the_flag(counsellor):
    quiet("charger_demo", jeunes=10)
    generated = YoungPerson.objects.count()
    quiet("charger_demo", jeunes=10)  # `make demo` relancé
    YoungPersonFactory(mission_locale=counsellor.mission_locale)  # une saisie pendant la démonstration
    quiet("charger_demo", jeunes=10)  # tous les comptes existent : rien de dangereux à faire
    assert YoungPerson.objects.count() == generated + 1


@pytest.mark.django_db
def test_entrepot_generer_nation_refuses_a_warehouse_built_from_the_database(warehouse_dir):
    quiet("entrepot_extraire")
    assert holds_operational_extraction()
    witness = store.parquet_dir() / "contacts" / "temoin.parquet"
    witness.parent.mkdir(parents=True, exist_ok=True)
    witness.write_bytes(b"")
    with pytest.raises(CommandError, match="entrepot_generer_nation refuse"):
        quiet("entrepot_generer_nation", echelle=0.001, date_reference="2025-12-31")
    assert witness.exists()
    quiet("entrepot_generer_nation", echelle=0.001, date_reference="2025-12-31", **FLAG)
    assert not holds_operational_extraction()  # nation synthétique : plus de refus
    assert not witness.exists()


def test_no_warehouse_is_not_an_operational_extraction(warehouse_dir):
    assert not holds_operational_extraction()
