import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.enums import Role
from parcours.cotraitance.models import Referral
from parcours.programmes.models import Enrolment
from tests.factories import ContactFactory, SituationFactory, UserFactory, YoungPersonFactory
from tests.programmes.factories import EnrolmentFactory, EnvelopeFactory, ReferralFactory, programme


@pytest.fixture
def young(ml, counsellor):
    return YoungPersonFactory(
        mission_locale=ml,
        referent=counsellor,
        birth_date=datetime.date(2004, 3, 1),
        first_reception_date=datetime.date(2024, 9, 2),
    )


def test_enrol_page_refuses_with_reasons_then_enrols(client, counsellor, young):
    client.force_login(counsellor)
    url = reverse("programmes:enrol", args=[young.pk])
    today = timezone.localdate()
    response = client.post(url, {"programme": programme("civis").pk, "entry_date": today.isoformat()})
    assert response.status_code == 200
    assert "fermé aux entrées depuis le 31/12/2016" in response.content.decode()
    assert not Enrolment.objects.exists()
    response = client.post(url, {"programme": programme("cej").pk, "entry_date": today.isoformat()})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    page = client.get(reverse("programmes:young_person", args=[young.pk])).content.decode()
    assert "engagement jeune (CEJ)" in page and "Diagnostic et plan d" in page
    exit_url = reverse("programmes:exit", args=[young.pk, enrolment.pk])
    typed = {"exit_date": today.isoformat(), "outcome": "emploi", "notes": "Embauche annoncée"}
    response = client.post(exit_url, typed)
    assert response.status_code == 200  # aucun emploi enregistré : avertissement, rien n'est enregistré
    body = response.content.decode()
    assert "Aucune situation d&#x27;emploi n&#x27;est enregistrée pour ce jeune" in body
    assert 'type="checkbox" name="confirm_outcome"' in body
    assert 'value="Embauche annoncée"' in body and '<option value="emploi" selected>' in body
    enrolment.refresh_from_db()
    assert enrolment.is_open
    response = client.post(exit_url, {**typed, "confirm_outcome": "on"})
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert (enrolment.exit_outcome, enrolment.exit_outcome_confirmed) == ("emploi", True)
    page = client.get(reverse("programmes:young_person", args=[young.pk])).content.decode()
    assert "confirmé sans situation enregistrée" in page


def test_exit_in_employment_justified_by_a_situation_needs_no_confirmation(client, counsellor, young):
    enrolment = EnrolmentFactory(
        young_person=young, entry_date=timezone.localdate() - datetime.timedelta(days=60)
    )
    SituationFactory(
        young_person=young, category="emploi", kind="cdi", start_date=timezone.localdate(), state="en_cours"
    )
    client.force_login(counsellor)
    response = client.post(
        reverse("programmes:exit", args=[young.pk, enrolment.pk]),
        {"exit_date": timezone.localdate().isoformat(), "outcome": "emploi_durable"},
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert (enrolment.exit_outcome, enrolment.exit_outcome_confirmed) == ("emploi_durable", False)


def test_exit_form_proposes_the_planned_end_once_passed(client, counsellor, young):
    enrolment = EnrolmentFactory(young_person=young, entry_date=datetime.date(2024, 9, 2))  # CEJ, 12 mois
    client.force_login(counsellor)
    form = client.get(reverse("programmes:exit", args=[young.pk, enrolment.pk])).context["form"]
    expected = min(timezone.localdate(), datetime.date(2025, 9, 1))
    assert form["exit_date"].value() == expected


def test_other_ml_gets_404(client, other_ml, young):
    stranger = UserFactory(mission_locale=other_ml, role=Role.DIRECTOR)
    enrolment = EnrolmentFactory(young_person=young)
    client.force_login(stranger)
    for url in (
        reverse("programmes:young_person", args=[young.pk]),
        reverse("programmes:enrol", args=[young.pk]),
        reverse("programmes:exit", args=[young.pk, enrolment.pk]),
    ):
        assert client.get(url).status_code == 404


def test_worklist_counsellor_and_director(client, counsellor, director, young):
    ReferralFactory(young_person=young, assignment_date=timezone.localdate() - datetime.timedelta(days=30))
    EnvelopeFactory(mission_locale=young.mission_locale, year=timezone.localdate().year)
    client.force_login(counsellor)
    page = client.get(reverse("programmes:worklist")).content.decode()
    assert str(young) in page and "Premier entretien de co-traitance en retard" in page
    assert "Enveloppe de co-traitance" not in page
    client.force_login(director)
    page = client.get(reverse("programmes:worklist")).content.decode()
    assert (
        str(young) in page
        and "Enveloppe de co-traitance" in page
        and "objectif annuel de <strong>100</strong>" in page
    )
    ContactFactory(young_person=young, date=timezone.localdate())
    page = client.get(reverse("programmes:worklist") + "?motif=premier_entretien").content.decode()
    assert "Rien à faire aujourd'hui." in page


def test_import_page_all_or_nothing(client, director, ml):
    """Le fichier déposé est importé par le travailleur (parcours/jobs) ; la page montre ensuite le rapport."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from parcours.jobs.models import ImportJob
    from parcours.jobs.tasks import process_referral_import
    from tests.cotraitance.test_import import csv_bytes, line

    def upload_and_process(upload):
        response = client.post(url, {"file": upload})
        assert response.status_code == 302 and not Referral.objects.exists()  # rien dans la requête
        process_referral_import.call(ImportJob.objects.latest("pk").pk)
        return client.get(response["Location"]).content.decode()

    client.force_login(director)
    url = reverse("cotraitance:import")
    bad = SimpleUploadedFile(
        "o.csv", csv_bytes(line(ml=ml.code), line(pe_id="PE2", ml=ml.code, birth="99/99/2000"))
    )
    page = upload_and_process(bad)
    assert "Fichier refusé : 1 erreur(s) sur 2 ligne(s)" in page and "99/99/2000" in page
    assert not Referral.objects.exists()
    good = SimpleUploadedFile("o.csv", csv_bytes(line(ml=ml.code, assigned="02/01/2025")))
    page = upload_and_process(good)
    assert "1 orientation(s) enregistrée(s)" in page
    assert Referral.objects.count() == 1
    overview = client.get(reverse("cotraitance:overview")).content.decode()
    assert "PE001" in overview
    export = client.get(reverse("cotraitance:export"), {"start": "2025-01-01", "end": "2025-12-31"})
    assert export["Content-Type"] == "text/csv; charset=utf-8"
    assert export.content.decode().startswith("identifiant_orientation;code_ml;jalon")


ML_ROLES = [Role.RECEPTION, Role.COUNSELLOR, Role.EMPLOYER_REFERENT, Role.DIRECTOR]


def test_every_page_by_role(client, ml, other_ml, young):
    """Chaque page des dispositifs : 200 pour le personnel de la ML, 404 ou liste vide ailleurs, jamais de 500."""
    from tests.programmes.matrix import permission_matrix_objects

    young.last_name = "Zyxwvutsrq"
    young.save()
    objects = permission_matrix_objects(young)
    urls = [
        reverse("programmes:worklist"),
        reverse("cotraitance:overview"),
        reverse("cotraitance:import"),
        reverse("cotraitance:export"),
        reverse("programmes:young_person", args=[young.pk]),
        reverse("programmes:enrol", args=[young.pk]),
        reverse("programmes:change_phase", args=[young.pk, objects["enrolment_pk"]]),
        reverse("programmes:exit", args=[young.pk, objects["enrolment_pk"]]),
        reverse("cotraitance:referral_end", args=[young.pk, objects["referral_pk"]]),
        reverse("cotraitance:referral_unavailability", args=[young.pk, objects["referral_pk"]]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # anonyme : vers la connexion
    # Moindre privilège : l'import pour la direction, les écritures de suivi pour conseillers et direction.
    restricted = {urls[2]: {Role.DIRECTOR}} | dict.fromkeys(urls[5:], {Role.COUNSELLOR, Role.DIRECTOR})
    for mission_locale in (ml, other_ml):
        for role in ML_ROLES:
            client.force_login(UserFactory(mission_locale=mission_locale, role=role))
            for url in urls:
                response = client.get(url + ("?perimetre=ml" if url.endswith("a-faire/") else ""))
                if mission_locale == ml:
                    assert response.status_code == (200 if role in restricted.get(url, {role}) else 403), (
                        url,
                        role,
                    )
                else:
                    assert response.status_code in (200, 403, 404), (url, role)
                    assert "Zyxwvutsrq" not in response.content.decode(), (url, role)
    client.force_login(UserFactory(mission_locale=None, role=Role.NATIONAL))
    for url in urls:
        assert client.get(url).status_code == 403


def test_cotraitance_page_deadline_follows_the_ml_department(client, director, young):
    """Mission locale du Haut-Rhin : Vendredi saint et lundi de Pâques ne sont pas ouvrés."""
    from parcours.referential.models import Department

    ml = young.mission_locale
    ml.department = Department.objects.get(code="68")
    ml.save()
    ReferralFactory(young_person=young, assignment_date=datetime.date(2025, 4, 17))
    client.force_login(director)
    page = client.get(reverse("cotraitance:overview")).content.decode()
    assert "à tenir avant le 28/04/2025" in page  # 25/04/2025 dans le Nord


@time_machine.travel(datetime.datetime(2025, 3, 4, 10, tzinfo=datetime.UTC), tick=False)
def test_enrol_form_offers_only_programmes_open_on_the_entry_date(client, counsellor, young):
    client.force_login(counsellor)
    url = reverse("programmes:enrol", args=[young.pk])
    body = client.get(url).content.decode()
    assert f'value="{programme("pacea").pk}"' in body and f'value="{programme("cej").pk}"' in body
    for closed in ("civis", "garantie-jeunes", "ani-2011"):
        assert f'<option value="{programme(closed).pk}"' not in body
    # Une entrée datée d'avant (saisie de l'historique) propose ce qui était ouvert ce jour-là.
    body = client.post(url, {"entry_date": "2015-06-01"}).content.decode()
    assert f'<option value="{programme("civis").pk}"' in body
    assert f'<option value="{programme("cej").pk}"' not in body
