"""« Mes jeunes » : filtres (dispositif, situation, alerte, dernier contact), liens qui les gardent, export
CSV / XLSX de la liste filtrée (issue 11, point 13)."""

import csv
import datetime
import io

import openpyxl
import pytest
import time_machine

from parcours.programmes.enums import ExitOutcome
from tests.factories import ContactFactory, SituationFactory, YoungPersonFactory
from tests.programmes.factories import EnrolmentFactory, programme
from tests.www.test_logs import log_lines, security_events  # noqa: F401 (fixture)

D = datetime.date
TODAY = datetime.datetime(2026, 2, 15, 10, 0)
URL = "/jeunes/mes-jeunes/"


@pytest.fixture
def logged(client, counsellor):
    client.force_login(counsellor)
    return client


@pytest.fixture
def portfolio(counsellor):
    """Aaron : CEJ depuis 13 mois (fin dépassée), vu il y a 5 jours, en formation ; Bernard : CEJ depuis 8 mois,
    vu il y a 76 jours, demandeur d'emploi ; Caron : sorti du PACEA, jamais vu, emploi terminé."""
    ml = counsellor.mission_locale

    def person(last_name, **kwargs):
        return YoungPersonFactory(mission_locale=ml, referent=counsellor, last_name=last_name, **kwargs)

    aaron, bernard, caron = person("Aaron"), person("Bernard"), person("Caron")
    EnrolmentFactory(young_person=aaron, entry_date=D(2025, 1, 6))
    EnrolmentFactory(young_person=bernard, entry_date=D(2025, 6, 2))
    EnrolmentFactory(
        young_person=caron,
        programme=programme("pacea"),
        entry_date=D(2025, 1, 6),
        exit_date=D(2025, 10, 1),
        exit_outcome=ExitOutcome.DURABLE_EMPLOYMENT,
    )
    ContactFactory(young_person=aaron, date=D(2026, 2, 10))
    ContactFactory(young_person=bernard, date=D(2025, 12, 1))
    ContactFactory(young_person=caron, date=D(2026, 2, 12), status="absent")  # un rendez-vous manqué
    SituationFactory(young_person=aaron, category="formation", kind="qualifiante", start_date=D(2026, 1, 5))
    SituationFactory(young_person=bernard, category="demandeur_emploi", start_date=D(2025, 6, 1))
    SituationFactory(
        young_person=caron, category="emploi", kind="cdd", start_date=D(2025, 6, 1), end_date=D(2025, 12, 31)
    )
    # Un jeune de la même mission locale, dans le CEJ, suivi par un autre conseiller : jamais dans la liste.
    EnrolmentFactory(young_person=YoungPersonFactory(mission_locale=ml, last_name="Autre"))
    return aaron, bernard, caron


def names(response):
    return [young_person.last_name for young_person in response.context["page"]]


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["Aaron", "Bernard", "Caron"]),
        ({"dispositif": "cej"}, ["Aaron", "Bernard"]),
        ({"dispositif": "pacea"}, []),  # Caron en est sorti
        ({"situation": "formation"}, ["Aaron"]),
        ({"situation": "demandeur_emploi"}, ["Bernard"]),
        ({"situation": "emploi"}, []),  # terminée le 31/12
        ({"sans_contact": "30"}, ["Bernard", "Caron"]),  # 76 jours ; jamais (l'absence ne compte pas)
        ({"sans_contact": "60"}, ["Bernard", "Caron"]),
        ({"sans_contact": "90"}, ["Caron"]),
        ({"motif": "fin_dispositif"}, ["Aaron"]),  # CEJ de 12 mois entré le 06/01/2025
        ({"dispositif": "cej", "sans_contact": "30"}, ["Bernard"]),
        ({"dispositif": "cej", "situation": "formation", "motif": "fin_dispositif"}, ["Aaron"]),
    ],
)
def test_filters_narrow_the_portfolio(logged, portfolio, filters, expected):
    response = logged.get(URL, {"tri": "nom", **filters})
    assert response.status_code == 200
    assert names(response) == expected
    assert response.context["total"] == len(expected)


@time_machine.travel(TODAY, tick=False)
def test_rows_show_days_since_contact_situation_and_programme(logged, portfolio):
    rows = {yp.last_name: yp for yp in logged.get(URL, {"tri": "nom"}).context["page"]}
    assert (rows["Aaron"].days_since_contact, rows["Bernard"].days_since_contact) == (5, 76)
    assert rows["Caron"].days_since_contact is None
    assert rows["Aaron"].current_situation_label == "Formation"
    assert rows["Bernard"].current_situation_label == "Demandeur d'emploi"
    assert rows["Aaron"].current_programme == "Contrat d'engagement jeune (CEJ)"
    assert rows["Caron"].current_programme is None


@time_machine.travel(TODAY, tick=False)
def test_filter_form_is_labelled_and_keeps_choices_and_sort(logged, portfolio):
    body = logged.get(URL, {"tri": "nom", "dispositif": "cej", "sans_contact": "60"}).content.decode()
    for field, label in [
        ("dispositif", "Dispositif en cours"),
        ("situation", "Situation en cours"),
        ("motif", "Alerte"),
        ("sans_contact", "Dernier contact tenu"),
    ]:
        assert f'<label for="id_{field}" class="fr-label">' in body and label in body
    assert '<option value="cej" selected>' in body
    assert '<option value="60" selected>Il y a plus de 60 jours ou jamais</option>' in body
    assert '<input type="hidden" name="tri" value="nom">' in body
    # Les en-têtes de tri gardent les filtres ; le bouton « Retirer les filtres » garde le tri.
    assert 'href="?tri=-nom&amp;dispositif=cej&amp;sans_contact=60"' in body
    assert 'href="?tri=-accueil&amp;dispositif=cej&amp;sans_contact=60"' not in body
    assert 'href="?tri=accueil&amp;dispositif=cej&amp;sans_contact=60"' in body
    assert 'href="?tri=nom">Retirer les filtres</a>' in body
    assert 'href="?export=csv&amp;tri=nom&amp;dispositif=cej&amp;sans_contact=60"' in body
    assert 'href="?export=xlsx&amp;tri=nom&amp;dispositif=cej&amp;sans_contact=60"' in body


@time_machine.travel(TODAY, tick=False)
def test_pagination_links_keep_the_filters(logged, counsellor):
    for index in range(30):
        young_person = YoungPersonFactory(
            mission_locale=counsellor.mission_locale, referent=counsellor, last_name=f"Nom{index:02d}"
        )
        EnrolmentFactory(young_person=young_person)
    YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor, last_name="HorsCEJ")
    response = logged.get(URL, {"tri": "nom", "dispositif": "cej"})
    assert response.context["total"] == 30
    assert "?tri=nom&amp;dispositif=cej&amp;page=2" in response.content.decode()
    second = logged.get(URL, {"tri": "nom", "dispositif": "cej", "page": "2"})
    assert names(second) == [f"Nom{index:02d}" for index in range(25, 30)]


@time_machine.travel(TODAY, tick=False)
def test_unknown_filter_value_is_reported_and_not_applied(logged, portfolio):
    response = logged.get(URL, {"tri": "nom", "dispositif": "inconnu", "sans_contact": "45"})
    assert response.status_code == 200
    assert names(response) == ["Aaron", "Bernard", "Caron"]
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert response.context["filters"] == ""


@time_machine.travel(TODAY, tick=False)
def test_csv_export_is_the_filtered_list_sorted_and_neutralised(logged, counsellor, portfolio, log_lines):  # noqa: F811
    aaron, bernard, _ = portfolio
    bernard.first_name = '=HYPERLINK("http://example.com")'
    bernard.save()
    response = logged.get(URL, {"tri": "-nom", "dispositif": "cej", "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mes-jeunes-20260215.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows == [
        [
            "Nom",
            "Prénom",
            "Date de naissance",
            "Commune",
            "Premier accueil",
            "Dernier contact tenu",
            "Jours depuis le dernier contact",
            "Situation en cours",
            "Dispositif en cours",
        ],
        [
            "BERNARD",
            '\'=HYPERLINK("http://example.com")',
            "14/03/2005",
            bernard.commune,
            "02/09/2024",
            "01/12/2025",
            "76",
            "Demandeur d'emploi",
            "Contrat d'engagement jeune (CEJ)",
        ],
        [
            "AARON",
            aaron.first_name,
            "14/03/2005",
            aaron.commune,
            "02/09/2024",
            "10/02/2026",
            "5",
            "Formation",
            "Contrat d'engagement jeune (CEJ)",
        ],
    ]
    [event] = security_events(log_lines(), "export")
    assert (event["path"], event["format"], event["export"], event["user_id"]) == (
        URL,
        "csv",
        "csv",
        counsellor.pk,
    )


@time_machine.travel(TODAY, tick=False)
def test_xlsx_export_has_text_cells_and_real_dates(logged, portfolio):
    _, _, caron = portfolio
    caron.last_name = "@SUM(1+1)"
    caron.save()
    response = logged.get(URL, {"tri": "nom", "sans_contact": "90", "export": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="mes-jeunes-20260215.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Mes jeunes"
    assert sheet.max_row == 2  # l'en-tête et Caron, le seul sans contact tenu depuis 90 jours
    name, birth = sheet.cell(2, 1), sheet.cell(2, 3)
    assert (name.value, name.data_type, name.quotePrefix) == ("@SUM(1+1)", "s", True)
    assert birth.value == datetime.datetime(2005, 3, 14) and birth.number_format == "DD/MM/YYYY"
    assert [sheet.cell(2, column).value for column in (6, 7, 8, 9)] == [None, None, None, None]


@time_machine.travel(TODAY, tick=False)
def test_page_and_export_cost_the_same_queries_whatever_the_rows(
    logged, counsellor, portfolio, django_assert_num_queries
):
    filters = {"dispositif": "cej", "situation": "formation", "motif": ""}
    logged.get(URL, filters)  # missions locales visibles et dispositifs lus une fois
    with django_assert_num_queries(4):  # session, utilisateur, comptage, page
        logged.get(URL, filters)
    with django_assert_num_queries(3):  # session, utilisateur, liste
        logged.get(URL, {**filters, "export": "xlsx"})
    for index in range(20):
        young_person = YoungPersonFactory(
            mission_locale=counsellor.mission_locale, referent=counsellor, last_name=f"Nom{index:02d}"
        )
        EnrolmentFactory(young_person=young_person)
        SituationFactory(young_person=young_person, category="formation")
    logged.get(
        URL, filters
    )  # une phase d'inscription écrite : les listes gardées (et les dispositifs) sont relues
    with django_assert_num_queries(4):
        assert logged.get(URL, filters).context["total"] == 21  # Aaron et les 20
    with django_assert_num_queries(3):
        assert len(logged.get(URL, {**filters, "export": "csv"}).content.splitlines()) == 22
