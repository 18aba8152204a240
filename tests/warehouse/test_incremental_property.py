"""Propriété : quelle que soit la suite d'écritures (services, imports, écritures en masse) et de jours qui
passent, l'extraction incrémentale donne exactement l'entrepôt d'une reconstruction complète, pour chaque
table et chaque indicateur de chaque périmètre (``verify``).

``PARCOURS_HYPOTHESIS_EXAMPLES`` règle le nombre de suites essayées (12 par défaut, tirage déterministe
pour que la CI soit reproductible ; ``PARCOURS_HYPOTHESIS_EXAMPLES=300`` pour une recherche plus large).
"""

import datetime
import os
import shutil

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from parcours.accompaniment.enums import AttendanceStatus, ContactKind, SituationCategory, SituationKind
from parcours.accompaniment.models import Contact, Situation
from parcours.accounts.enums import Role
from parcours.cotraitance.importer import import_referrals
from parcours.employers import services as employer_services
from parcours.errors import RuleError
from parcours.programmes import services as programme_services
from parcours.programmes.imports.service import ImportAborted, import_folder
from parcours.programmes.models import Enrolment
from parcours.referential.models import MissionLocale
from parcours.warehouse import extract, store, verify
from parcours.young_people import services
from parcours.young_people.enums import ArchiveReason
from parcours.young_people.models import YoungPerson
from tests.cotraitance.test_import import csv_bytes, line
from tests.employers.factories import ImmersionFactory, PartnerFactory
from tests.factories import ContactFactory, SituationFactory, UserFactory, YoungPersonFactory
from tests.imports import csvfiles
from tests.programmes.factories import EnrolmentFactory, programme
from tests.warehouse import dataset

D = datetime.date
EXAMPLES = int(os.environ.get("PARCOURS_HYPOTHESIS_EXAMPLES", "12"))
IMPORT_EXAMPLES = django_settings.BASE_DIR / "docs" / "exemples" / "import"
#: Écritures refusées (par une règle ou par une contrainte de la base) : rien n'est écrit.
REFUSED = (RuleError, ValidationError, ImportAborted, IntegrityError)  # refus d'une règle : rien d'écrit

who = st.integers(min_value=0, max_value=50)
day = st.integers(min_value=-400, max_value=60)  # jours autour de la date d'extraction courante
OPERATIONS = st.one_of(
    st.tuples(st.just("creer"), st.sampled_from(["TA001", "TB001"]), day),
    st.tuples(st.just("modifier"), who, day),
    st.tuples(st.just("changer_de_ml"), who),
    st.tuples(st.just("fusionner"), who, who),
    st.tuples(st.just("transferer"), who),
    st.tuples(st.just("archiver"), who),
    st.tuples(st.just("rouvrir"), who),
    st.tuples(st.just("supprimer"), who),
    st.tuples(st.just("contact"), who, day, st.sampled_from(list(AttendanceStatus))),
    st.tuples(st.just("contacts_en_masse"), who, st.sampled_from(list(AttendanceStatus))),
    st.tuples(st.just("rendez_vous"), who, day, st.sampled_from(list(AttendanceStatus))),
    st.tuples(st.just("statut_rendez_vous"), who, st.sampled_from(list(AttendanceStatus))),
    st.tuples(st.just("heures_en_masse"), who, st.booleans()),
    st.tuples(st.just("supprimer_contacts"), who),
    st.tuples(st.just("situation"), who, day),
    st.tuples(st.just("situations_en_masse"), who, day),
    st.tuples(st.just("immersion"), who, day, day),
    st.tuples(st.just("entree_programme"), who, day, st.sampled_from(["cej", "pacea", "civis"])),
    st.tuples(st.just("sortie_programme"), who, st.integers(0, 200)),
    st.tuples(st.just("orientation"), who, st.sampled_from(["TA001", "TB001"]), day),
    st.tuples(st.just("importer"), st.integers(-30, 30)),
    st.tuples(st.just("jours"), st.integers(0, 70)),  # le temps passe, puis une extraction incrémentale
)


class IncrementalEqualsCompleteTests(TestCase):
    def setUp(self):
        self.folder = django_settings.WAREHOUSE_DIR.parent / "import"

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(OPERATIONS, min_size=1, max_size=14), st.integers(0, 70))
    def test_incremental_extraction_equals_a_complete_rebuild(self, operations, final_days):
        ml_a, ml_b, people = dataset.build()
        # Des faits qui dépendent de la date : une inscription ouverte, une embauche prévue dans 20 jours.
        EnrolmentFactory(young_person=people["J4"], programme=programme("cej"), entry_date=D(2025, 3, 3))
        SituationFactory(
            young_person=people["J6"],
            category=SituationCategory.EMPLOYMENT,
            kind=SituationKind.CDI,
            state="prevu",
            start_date=dataset.TODAY + datetime.timedelta(days=20),
        )
        lille = MissionLocale.objects.get(code="59001")
        self.today = dataset.TODAY
        self.staff = {
            ml.code: UserFactory(mission_locale=ml, role=Role.COUNSELLOR) for ml in (ml_a, ml_b, lille)
        }
        for username in ("conseiller", "conseiller2"):  # les conseillers des fichiers d'exemple
            UserFactory(username=username, mission_locale=lille, role=Role.COUNSELLOR)
        shutil.rmtree(self.folder, ignore_errors=True)
        shutil.copytree(IMPORT_EXAMPLES, self.folder)
        extract.run(complete=True, today=self.today, write_parquet=False)
        for name, *arguments in operations:
            try:
                with transaction.atomic():
                    getattr(self, f"do_{name}")(*arguments)
            except REFUSED:
                pass  # une écriture refusée par une règle n'écrit rien
        self.today += datetime.timedelta(days=final_days)
        self.assert_incremental_equals_complete()

    def assert_incremental_equals_complete(self):
        extract.run(today=self.today, write_parquet=False)
        scratch = django_settings.WAREHOUSE_DIR / "controle.duckdb"
        scratch.unlink(missing_ok=True)
        extract.run(complete=True, today=self.today, write_parquet=False, path=scratch, consume=False)
        tables, indicators = verify.compare_files(
            store.db_path(), scratch, verify.default_periods(self.today)
        )
        self.assertEqual([str(t) for t in tables], [])
        self.assertEqual(indicators, [])

    # Outils
    def person(self, index, **filters):
        people = list(YoungPerson.objects.filter(**filters).order_by("pk"))
        return people[index % len(people)] if people else None

    def date(self, offset):
        return self.today + datetime.timedelta(days=offset)

    def user_of(self, young_person):
        return self.staff.get(young_person.mission_locale.code) or UserFactory(
            mission_locale=young_person.mission_locale, role=Role.COUNSELLOR
        )

    # Écritures : services, imports, écritures en masse
    def do_creer(self, ml_code, offset):
        ml = MissionLocale.objects.get(code=ml_code)
        reception = min(self.date(offset), self.today)
        young_person = YoungPersonFactory.build(mission_locale=ml, first_reception_date=reception)
        services.create_young_person(young_person, self.staff[ml_code])
        ContactFactory(young_person=young_person, date=reception)

    def do_modifier(self, index, offset):
        if young_person := self.person(index, merged_into__isnull=True):
            young_person.first_reception_date = min(self.date(offset), self.today)
            young_person.in_qpv = not young_person.in_qpv
            services.update_young_person(young_person, young_person.version, self.user_of(young_person))

    def do_changer_de_ml(self, index):
        if young_person := self.person(index, merged_into__isnull=True):
            other = "TB001" if young_person.mission_locale.code == "TA001" else "TA001"
            YoungPerson.objects.filter(pk=young_person.pk).update(
                mission_locale=MissionLocale.objects.get(code=other)
            )

    def do_fusionner(self, index, other):
        duplicate, kept = self.person(index), self.person(other)
        if duplicate and kept:
            services.merge_duplicate(duplicate, kept, self.user_of(kept))

    def do_transferer(self, index):
        if young_person := self.person(index, merged_into__isnull=True):
            referent = UserFactory(mission_locale=young_person.mission_locale, role=Role.COUNSELLOR)
            services.transfer_referent(young_person, referent, referent)

    def do_archiver(self, index):
        if young_person := self.person(index, archived_at__isnull=True):
            services.archive(young_person, ArchiveReason.MOVED, self.user_of(young_person))

    def do_rouvrir(self, index):
        if young_person := self.person(index, archived_at__isnull=False, merged_into__isnull=True):
            services.unarchive(young_person, self.user_of(young_person))

    def do_supprimer(self, index):
        if young_person := self.person(index):
            YoungPerson.objects.filter(merged_into=young_person).update(merged_into=None)
            young_person.delete()

    def do_contact(self, index, offset, status):
        if young_person := self.person(index, merged_into__isnull=True):
            kind = [ContactKind.INDIVIDUAL, ContactKind.GROUP, ContactKind.WORKSHOP][offset % 3]
            ContactFactory(young_person=young_person, date=self.date(offset), status=status, kind=kind)

    def do_contacts_en_masse(self, index, status):
        if young_person := self.person(index):
            Contact.objects.filter(young_person=young_person).update(status=status)

    def do_rendez_vous(self, index, offset, status):
        """Un rendez-vous (contact à une heure donnée) de statut quelconque, à n'importe quelle date."""
        if young_person := self.person(index, merged_into__isnull=True):
            kind = [ContactKind.INDIVIDUAL, ContactKind.GROUP, ContactKind.WORKSHOP][offset % 3]
            ContactFactory(
                young_person=young_person,
                date=self.date(offset),
                time=datetime.time(9 + offset % 8, 30),
                status=status,
                kind=kind,
            )

    def do_statut_rendez_vous(self, index, status):
        """Le statut d'un rendez-vous change (absent -> présent, excusé -> annulé…), par le modèle."""
        appointments = list(Contact.objects.filter(time__isnull=False).order_by("pk"))
        if appointments:
            appointment = appointments[index % len(appointments)]
            appointment.status = status
            appointment.save()

    def do_heures_en_masse(self, index, with_time):
        """Les contacts d'un jeune gagnent ou perdent leur heure (deviennent des rendez-vous ou cessent de l'être)."""
        if young_person := self.person(index):
            Contact.objects.filter(young_person=young_person).update(
                time=datetime.time(10) if with_time else None
            )

    def do_supprimer_contacts(self, index):
        if young_person := self.person(index):
            Contact.objects.filter(young_person=young_person).delete()

    def do_situation(self, index, offset):
        if young_person := self.person(index, merged_into__isnull=True):
            category, kind = [
                (SituationCategory.EMPLOYMENT, SituationKind.CDI),
                (SituationCategory.EMPLOYMENT, SituationKind.CDD),
                (SituationCategory.TRAINING, SituationKind.QUALIFYING),
                (SituationCategory.ALTERNANCE, SituationKind.APPRENTICESHIP),
            ][offset % 4]
            start = self.date(offset)
            state = "prevu" if start > self.today else "en_cours"
            end = start + datetime.timedelta(days=90 + offset % 200) if kind == SituationKind.CDD else None
            SituationFactory(
                young_person=young_person,
                category=category,
                kind=kind,
                state=state,
                start_date=start,
                end_date=end,
            )

    def do_situations_en_masse(self, index, offset):
        if young_person := self.person(index):
            Situation.objects.filter(young_person=young_person).update(start_date=self.date(offset))

    def do_immersion(self, index, start, length):
        if young_person := self.person(index, merged_into__isnull=True):
            begin = self.date(start)
            immersion = ImmersionFactory.build(
                young_person=young_person,
                partner=PartnerFactory(),
                start_date=begin,
                end_date=begin + datetime.timedelta(days=abs(length) % 20),
            )
            employer_services.record_immersion(immersion, self.user_of(young_person), today=self.today)
            immersion.start_date = immersion.start_date - datetime.timedelta(days=31)
            employer_services.update_immersion(immersion, today=self.today)

    def do_entree_programme(self, index, offset, code):
        if young_person := self.person(index, merged_into__isnull=True, archived_at__isnull=True):
            entry = min(self.date(offset), self.today)
            programme_services.enrol(
                young_person, programme(code), entry, by=self.user_of(young_person), today=self.today
            )

    def do_sortie_programme(self, index, length):
        enrolments = list(Enrolment.objects.filter(exit_date__isnull=True).order_by("pk"))
        if enrolments:
            enrolment = enrolments[index % len(enrolments)]
            exit_date = min(enrolment.entry_date + datetime.timedelta(days=length), self.today)
            outcome = ["emploi_durable", "formation", "abandon", "emploi"][length % 4]
            programme_services.exit_programme(enrolment, exit_date, outcome, today=self.today, confirmed=True)

    def do_orientation(self, index, ml_code, offset):
        assigned = min(self.date(offset), self.today)
        data = csv_bytes(
            line(pe_id=f"PE{index}", ml=ml_code, last=f"Orienté{index}", assigned=f"{assigned:%d/%m/%Y}")
        )
        import_referrals(data, today=self.today, file_name="orientations.csv")

    def do_importer(self, shift):
        start = datetime.date(2024, 10, 7) + datetime.timedelta(days=shift)
        csvfiles.set_cell(self.folder / "situations.csv", 2, "date_debut", start.isoformat())
        import_folder(self.folder)

    def do_jours(self, days):
        self.today += datetime.timedelta(days=days)
        extract.run(today=self.today, write_parquet=False)
