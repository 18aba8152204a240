import datetime
import io

import pytest
from django.core.management import CommandError, call_command, load_command_class

from parcours.cotraitance.enums import ReferralStatus
from parcours.cotraitance.importer import COLUMNS, ImportReport, LineError, import_referrals
from parcours.cotraitance.models import ImportBatch, Referral
from parcours.young_people.models import YoungPerson
from tests.factories import ContactFactory, YoungPersonFactory
from tests.formulas import PAYLOADS, assert_csv_without_formula
from tests.programmes.factories import ReferralFactory

TODAY = datetime.date(2025, 6, 2)
HEADER = ";".join(COLUMNS)


def line(
    pe_id="PE001",
    ml="",
    agency="Agence Lille",
    assigned="30/04/2025",
    last="Martin",
    first="Léa",
    birth="14/03/2005",
    sex="F",
    nir="",
    level="V",
    track="accompagne",
    benefits="oui",
    jobs="K2204|D1106",
):
    return ";".join([pe_id, ml, agency, assigned, last, first, birth, sex, nir, level, track, benefits, jobs])


def csv_bytes(*lines, header=HEADER):
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def run(data, **kwargs):
    return import_referrals(data, today=TODAY, file_name="orientations.csv", **kwargs)


def nothing_written():
    return not Referral.objects.exists() and not ImportBatch.objects.exists()


def test_good_file_creates_files_and_referrals(ml):
    existing = YoungPersonFactory(
        mission_locale=ml, last_name="Dupont", first_name="Éric", birth_date=datetime.date(2003, 1, 2)
    )
    report = run(
        csv_bytes(
            line(ml=ml.code),
            line(
                pe_id="PE002",
                ml=ml.code,
                last="DUPONT",
                first="Eric",
                birth="02/01/2003",
                benefits="non",
                track="mobilisation",
            ),
        )
    )
    assert report.ok, report.errors
    assert (report.created, report.new_files, report.refused, report.unchanged) == (2, 1, 0, 0)
    new = Referral.objects.get(pe_id="PE001")
    assert new.young_person.last_name == "Martin"
    assert new.young_person.first_reception_date == datetime.date(2025, 4, 30)
    assert new.target_jobs == ["K2204", "D1106"]
    assert new.receives_benefits and new.status == ReferralStatus.ACTIVE
    matched = Referral.objects.get(pe_id="PE002")
    assert (
        matched.young_person == existing and matched.track == "mobilisation" and not matched.receives_benefits
    )
    assert new.young_person.history.count() == 1


def test_reimporting_the_same_file_changes_nothing(ml):
    data = csv_bytes(line(ml=ml.code), line(pe_id="PE002", ml=ml.code, last="Durand"))
    assert run(data).created == 2
    counts = (Referral.objects.count(), YoungPerson.objects.count())
    again = run(data)
    assert again.ok and (again.created, again.unchanged, again.new_files) == (0, 2, 0)
    assert (Referral.objects.count(), YoungPerson.objects.count()) == counts


def test_wrong_columns(ml):
    report = run(csv_bytes(line(ml=ml.code), header=HEADER.replace("date_affectation", "date_orientation")))
    assert [str(e) for e in report.errors] == [
        "Ligne 1 : colonnes manquantes : date_affectation ; colonnes inconnues : date_orientation. "
        f"En-tête attendu (séparateur « ; ») : {HEADER}."
    ]
    assert nothing_written()


def test_a_name_without_any_letter_is_refused(ml):
    """Un nom fait de caractères invisibles s'afficherait vide et ne se retrouverait pas (revue hostile)."""
    report = run(
        csv_bytes(line(ml=ml.code, last="\u200b\u200b"), line(pe_id="PE002", ml=ml.code, first="\u202e"))
    )
    assert [str(e) for e in report.errors] == [
        "Ligne 2, colonne « nom » : au moins une lettre ou un chiffre.",
        "Ligne 3, colonne « prenom » : au moins une lettre ou un chiffre.",
    ]
    assert nothing_written()


def test_wrong_column_count_and_encoding(ml):
    report = run(csv_bytes(line(ml=ml.code) + ";en trop"))
    assert [str(e) for e in report.errors] == ["Ligne 2 : nombre de colonnes incorrect (attendu 13)."]
    assert [str(e) for e in run("é".encode("latin-1")).errors] == [
        "Ligne 1 : le fichier n'est pas encodé en UTF-8 : enregistrez-le au format « CSV UTF-8 (délimité "
        "par des points-virgules) »."
    ]
    assert nothing_written()


def test_bad_values_all_or_nothing(ml):
    report = run(
        csv_bytes(
            line(ml=ml.code),
            line(pe_id="PE002", ml=ml.code, birth="31/02/2005"),
            line(
                pe_id="PE003",
                ml=ml.code,
                assigned="2025-04-30",
                sex="X",
                level="IX",
                benefits="peut-être",
                jobs="Z9999",
            ),
            line(pe_id="PE004", ml=ml.code, assigned="03/06/2025"),
            line(pe_id="PE005", ml=ml.code, birth="01/01/1995", last="Ancien"),
            line(pe_id="PE006", ml=ml.code, last=""),
        )
    )
    messages = [str(e) for e in report.errors]
    assert (
        "Ligne 3, colonne « date_naissance » : « 31/02/2005 » n'est pas une date valide (format JJ/MM/AAAA)."
        in messages
    )
    assert (
        "Ligne 4, colonne « date_affectation » : « 2025-04-30 » n'est pas une date valide (format JJ/MM/AAAA)."
        in messages
    )
    assert "Ligne 4, colonne « sexe » : « X » : attendu F ou H." in messages
    assert "Ligne 4, colonne « metiers_rome » : code ROME invalide : Z9999 (ex. : K2204)." in messages
    assert "Ligne 4, colonne « indemnise » : « peut-être » : attendu oui ou non." in messages
    assert (
        "Ligne 5, colonne « date_affectation » : l'affectation du 03/06/2025 est dans le futur." in messages
    )
    assert any(
        m.startswith("Ligne 6, colonne « date_naissance » : Le jeune a 30 ans à l'affectation")
        for m in messages
    )
    assert "Ligne 7, colonne « nom » : valeur obligatoire manquante." in messages
    assert "Ligne 4, colonne « niveau_formation » : « IX » : attendu VI, Vbis, V, IV, III, II, I." in messages
    assert len(messages) == 9
    assert report.summary().startswith("Fichier refusé : 9 erreur(s) sur 6 ligne(s).")
    assert nothing_written()
    assert not YoungPerson.objects.exists()
    assert report.error_csv().splitlines()[0] == "ligne;colonne;erreur"


def test_unknown_or_foreign_ml(ml, other_ml):
    report = run(csv_bytes(line(ml="ZZZ99")))
    assert [str(e) for e in report.errors] == [
        "Ligne 2, colonne « code_ml » : mission locale inconnue : « ZZZ99 »."
    ]
    scoped = run(csv_bytes(line(ml=other_ml.code)), allowed_ml_ids=[ml.pk])
    assert [e.message for e in scoped.errors] == [
        f"la mission locale « {other_ml.code} » n'est pas dans votre périmètre."
    ]
    assert nothing_written()


def test_duplicates(ml, other_ml):
    report = run(
        csv_bytes(
            line(ml=ml.code, nir="2050359350123"),
            line(ml=ml.code, last="Autre"),
            line(pe_id="PE009", ml=ml.code),
            line(pe_id="PE010", ml=other_ml.code, last="MARTIN", first="Lea"),
            line(pe_id="PE011", ml=other_ml.code, last="Durand", nir="2050359350123"),
        )
    )
    assert [str(e) for e in report.errors] == [
        "Ligne 3, colonne « identifiant_orientation » : identifiant déjà présent ligne 2.",
        "Ligne 4, colonne « nom » : même jeune (nom, prénom, date de naissance) que la ligne 2.",
        "Ligne 5, colonne « nom » : même jeune (nom, prénom, date de naissance) que la ligne 2.",
        "Ligne 6, colonne « nir » : même NIR que la ligne 2.",
    ]
    assert nothing_written()


def test_known_id_with_other_data_is_an_error(ml):
    ReferralFactory(
        pe_id="PE001",
        young_person=YoungPersonFactory(mission_locale=ml),
        assignment_date=datetime.date(2025, 4, 1),
    )
    report = run(csv_bytes(line(ml=ml.code)))
    assert [e.message for e in report.errors] == [
        "orientation déjà importée avec une autre mission locale ou une autre date d'affectation."
    ]


def test_refusal_when_accompanied_elsewhere_or_already_co_treated(ml, other_ml):
    elsewhere = YoungPersonFactory(
        mission_locale=other_ml, last_name="Martin", first_name="Léa", birth_date=datetime.date(2005, 3, 14)
    )
    ContactFactory(young_person=elsewhere, date=datetime.date(2025, 1, 6))
    co_treated = YoungPersonFactory(
        mission_locale=ml, last_name="Petit", first_name="Jean", birth_date=datetime.date(2004, 5, 5)
    )
    ReferralFactory(pe_id="OLD1", young_person=co_treated, assignment_date=datetime.date(2025, 1, 2))
    stale = YoungPersonFactory(
        mission_locale=other_ml, last_name="Roux", first_name="Ana", birth_date=datetime.date(2004, 5, 5)
    )
    ContactFactory(young_person=stale, date=datetime.date(2024, 11, 29))  # plus de 5 mois avant l'affectation
    report = run(
        csv_bytes(
            line(ml=ml.code),
            line(pe_id="PE002", ml=ml.code, last="Petit", first="Jean", birth="05/05/2004"),
            line(pe_id="PE003", ml=ml.code, last="Roux", first="Ana", birth="05/05/2004"),
        )
    )
    assert report.ok and report.refused == 2
    refused = Referral.objects.get(pe_id="PE001")
    assert refused.status == ReferralStatus.REFUSED and refused.young_person is None
    assert refused.refusal_reason == (
        "Déjà accompagné par une autre mission locale (contact tenu dans les 5 derniers mois)."
    )
    assert other_ml.name not in refused.refusal_reason  # ni où, ni quand : le fichier ne révèle rien
    assert (
        Referral.objects.get(pe_id="PE002").refusal_reason == "Déjà suivi en co-traitance (orientation OLD1)."
    )
    assert Referral.objects.get(pe_id="PE003").status == ReferralStatus.ACTIVE
    assert not YoungPerson.objects.filter(mission_locale=ml, last_name="Martin").exists()


def test_refusal_when_co_treated_by_another_ml_without_contact_yet(ml, other_ml):
    elsewhere = YoungPersonFactory(
        mission_locale=other_ml, last_name="Martin", first_name="Léa", birth_date=datetime.date(2005, 3, 14)
    )
    ReferralFactory(pe_id="AILLEURS1", young_person=elsewhere, assignment_date=datetime.date(2025, 4, 28))
    report = run(csv_bytes(line(ml=ml.code)))
    assert report.ok and report.refusals == [] and report.refused_elsewhere == 1  # un compte, pas la ligne
    assert Referral.objects.get(pe_id="PE001").status == ReferralStatus.REFUSED
    assert not YoungPerson.objects.filter(mission_locale=ml).exists()


def test_import_command(ml, tmp_path):
    good = tmp_path / "orientations.csv"
    good.write_bytes(csv_bytes(line(ml=ml.code), line(pe_id="PE002", ml=ml.code, last="Durand")))
    out, err = io.StringIO(), io.StringIO()
    call_command("importer_orientations", str(good), stdout=out, stderr=err)
    assert "2 ligne(s) lue(s) : 2 orientation(s) enregistrée(s) dont 0 refusée(s)" in out.getvalue()
    assert "Vérification" in err.getvalue() and "Écriture" in err.getvalue()  # barres de progression
    bad = tmp_path / "faux.csv"
    bad.write_bytes(csv_bytes(line(pe_id="PE003", ml="ZZZ99"), line(pe_id="PE004", ml=ml.code, sex="X")))
    report, err = tmp_path / "erreurs.csv", io.StringIO()
    with pytest.raises(CommandError, match=r"Fichier refusé : 2 erreur\(s\) sur 2 ligne\(s\)"):
        call_command(
            "importer_orientations", str(bad), "--rapport", str(report), "--verbosity", "0", stderr=err
        )
    assert err.getvalue().splitlines() == [
        "Ligne 2, colonne « code_ml » : mission locale inconnue : « ZZZ99 ».",
        "Ligne 3, colonne « sexe » : « X » : attendu F ou H.",
    ]
    assert report.read_text(encoding="utf-8").splitlines()[1:] == [
        "2;code_ml;mission locale inconnue : « ZZZ99 ».",
        "3;sexe;« X » : attendu F ou H.",
    ]
    assert Referral.objects.count() == 2
    with pytest.raises(CommandError, match="Fichier introuvable"):
        call_command("importer_orientations", str(tmp_path / "absent.csv"))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("importer_orientations", ["Tout ou rien", "FICHIER.csv", "Erreurs affichées (50 par défaut)."]),
        ("exporter_jalons", ["premier entretien", "--du JJ/MM/AAAA", "Fin de la période, incluse."]),
    ],
)
def test_exchange_commands_help_in_french(name, expected):
    text = load_command_class("parcours.cotraitance", name).create_parser("manage.py", name).format_help()
    assert all(part in " ".join(text.split()) for part in expected)


@pytest.mark.parametrize("absorbed", [True])
def test_absorbed_ml_code_points_to_absorbing_ml(ml, other_ml, absorbed):
    other_ml.merged_into = ml
    other_ml.merged_on = datetime.date(2020, 1, 1)
    other_ml.save()
    assert run(csv_bytes(line(ml=other_ml.code))).ok
    assert Referral.objects.get().mission_locale == ml


def test_nir_control_key_checked_like_the_young_person_file(ml):
    """Même validateur que le dossier (parcours.young_people.validators) : clé fausse refusée, sans la valeur."""
    report = run(
        csv_bytes(line(ml=ml.code, nir="205035935012300"), line(pe_id="PE002", ml=ml.code, last="B"))
    )
    assert [str(e) for e in report.errors] == [
        "Ligne 2, colonne « nir » : La clé du NIR (2 derniers chiffres) ne correspond pas aux 13 premiers "
        "caractères : vérifiez la saisie."
    ]
    assert nothing_written()
    key = f"{97 - 2050359350123 % 97:02d}"
    assert not run(csv_bytes(line(ml=ml.code, nir=f"2 05 03 59 350 123 {key}"))).errors


def test_error_report_neutralises_formulas():
    report = ImportReport(errors=[LineError(2, "nom", PAYLOADS[0]), LineError(3, "", "-1")])
    assert assert_csv_without_formula(report.error_csv())[3:] == [
        "2",
        "nom",
        "'" + PAYLOADS[0],
        "3",
        "",
        "'-1",
    ]


def test_huge_cell_gives_its_line_and_column_without_a_traceback(ml):
    """Issue 13 : une cellule de 5 Mo faisait planter l'import (« field larger than field limit »)."""
    report = run(csv_bytes(line(ml=ml.code), line(pe_id="PE002", ml=ml.code, sex="F" * 5_000_000)))
    assert [str(e) for e in report.errors] == [
        "Ligne 3, colonne « sexe » : valeur de 5\u202f000\u202f000 caractères : 100\u202f000 au plus."
    ]
    assert nothing_written()


def test_control_characters_are_refused_with_line_and_column(ml):
    report = run(
        csv_bytes(line(ml=ml.code, last="Mar\x00tin"), line(pe_id="PE\x01", ml=ml.code, first="Zoé"))
    )
    assert [str(e) for e in report.errors] == [
        "Ligne 2, colonne « nom » : caractère de contrôle interdit (code 0x00) en position 4.",
        "Ligne 3, colonne « identifiant_orientation » : caractère de contrôle interdit (code 0x01) en position 3.",
    ]
    assert nothing_written()


def test_encoding_error_names_the_line_and_the_column(ml):
    data = csv_bytes(line(ml=ml.code), line(pe_id="PE002", ml=ml.code, first="Zoé")).replace(
        "Zoé".encode(), "Zoé".encode("latin-1")
    )
    assert [str(e) for e in run(data).errors] == [
        "Ligne 3, colonne « prenom » : le fichier n'est pas encodé en UTF-8 : enregistrez-le au format "
        "« CSV UTF-8 (délimité par des points-virgules) »."
    ]
