import csv
import html as html_module
import io
import json
import re

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.referential.models import MissionLocale, Region
from parcours.warehouse import extract, presentation
from parcours.www.warehouse.views import scope_url
from tests.factories import UserFactory
from tests.formulas import PAYLOADS, assert_csv_without_formula, assert_xlsx_without_formula
from tests.warehouse import dataset

Q1 = {"periode": "trimestre", "annee": "2025", "numero": "1"}


@pytest.fixture
def warehouse(db):
    return dataset.build_warehouse()


@pytest.fixture
def director_a(warehouse):
    return UserFactory(role=Role.DIRECTOR, mission_locale=warehouse[0], username="directeur.ta")


@pytest.fixture
def national_user(db):
    return UserFactory(role=Role.NATIONAL, mission_locale=None, username="national")


@pytest.fixture
def animator_11(db):
    return UserFactory(
        role=Role.REGIONAL_ANIMATOR,
        mission_locale=None,
        region=Region.objects.get(code="11"),
        username="ar.idf",
    )


def row_of(html, code):
    start = html.index(f'data-indicateur="{code}"')
    return html[start : html.index("</tr>", start)]


def test_ml_staff_sees_own_figures_with_references(client, director_a):
    client.force_login(director_a)
    response = client.get(reverse("warehouse:ml", kwargs={"ml_code": "TA001"}), Q1)
    assert response.status_code == 200
    html = response.content.decode()
    row = row_of(html, "jdi")
    assert "<strong>3</strong>" in row and "<td>2</td>" in row and "+50" in row and "↗" in row
    assert "Q4" in row
    assert "Données extraites le" in html
    assert 'id="graphique-mensuel"' in html and 'id="graphique-position"' in html


def test_small_counts_are_masked_outside_the_ml(client, national_user, warehouse):
    client.force_login(national_user)
    html = client.get(reverse("warehouse:ml", kwargs={"ml_code": "TA001"}), Q1).content.decode()
    assert "<strong>3</strong>" not in row_of(html, "jdi")
    assert "&lt; 5" in row_of(html, "jdi")
    assert "Secret statistique : les effectifs de 1 à 4 sont remplacés par « &lt; 5 »" in html
    national = client.get(reverse("warehouse:national"), Q1).content.decode()
    assert "Île-de-France" in national and "Hauts-de-France" in national


def test_secrecy_lifted_only_for_the_mls_own_staff(client, animator_11, director_a):
    client.force_login(animator_11)
    region = client.get(reverse("warehouse:region", kwargs={"region_code": "11"}), Q1).content.decode()
    assert "<strong><abbr" in row_of(region, "accueillis")  # 1 : « < 5 » en gras, pas le chiffre
    ml_b = client.get(reverse("warehouse:ml", kwargs={"ml_code": "TB001"}), Q1).content.decode()
    row = row_of(ml_b, "cot_entrees")
    assert "<strong>" in row and "&lt; 5" in row and "<td>0</td>" in row  # 1 masqué, 0 affiché
    assert "&lt; 5" in row_of(ml_b, "cot_taux_realisation")  # taux calculé sur un effectif masqué
    client.force_login(director_a)
    own = row_of(
        client.get(reverse("warehouse:ml", kwargs={"ml_code": "TA001"}), Q1).content.decode(), "accueillis"
    )
    assert "<strong>2</strong>" in own and "&lt; 5" in own  # sa ML en clair, sa région masquée
    other = client.get(reverse("warehouse:ml", kwargs={"ml_code": "TB001"}), Q1).content.decode()
    assert "&lt; 5" in row_of(other, "accueillis")


def test_regional_animator_sees_only_his_region_mls(client, animator_11, warehouse):
    client.force_login(animator_11)
    assert client.get(reverse("warehouse:ml", kwargs={"ml_code": "TB001"}), Q1).status_code == 200
    assert client.get(reverse("warehouse:ml", kwargs={"ml_code": "TA001"}), Q1).status_code == 403
    assert client.get(reverse("warehouse:region", kwargs={"region_code": "32"}), Q1).status_code == 200
    assert client.get(reverse("warehouse:home")).url == reverse(
        "warehouse:region", kwargs={"region_code": "11"}
    )


def test_anonymous_is_sent_to_login(client, warehouse):
    response = client.get(reverse("warehouse:national"))
    assert response.status_code == 302 and "connexion" in response.url


def test_bad_period_shows_french_error(client, national_user, warehouse):
    client.force_login(national_user)
    html = client.get(
        reverse("warehouse:national"),
        {"periode": "personnalisee", "annee": "2025", "debut": "2025-03", "fin": "2025-01"},
    ).content.decode()
    assert "La fin de la période précède son début." in html


@pytest.mark.parametrize(
    "period",
    [
        {"periode": "trimestre", "annee": "2000", "numero": "1"},
        {"periode": "personnalisee", "annee": "2025", "debut": "2001-01", "fin": "2001-01"},
    ],
)
def test_a_period_at_the_first_supported_year_is_shown(client, national_user, warehouse, period):
    """Sa comparaison (un an plus tôt) et sa fenêtre JDI (cinq mois avant sa fin) précèdent 2000 : calculées, pas
    refusées (une erreur 500 le temps d'un commit)."""
    client.force_login(national_user)
    response = client.get(reverse("warehouse:national"), period)
    assert response.status_code == 200
    assert "Une période se situe entre" not in response.content.decode()
    other = {"periode": "personnalisee", "annee": "2025", "debut": "1999-12", "fin": "2000-01"}
    assert (
        "Une période se situe entre 2000 et 2100."
        in client.get(reverse("warehouse:national"), other).content.decode()
    )


def _command(scope, *extra, output_format="csv"):
    out = io.StringIO()
    call_command(
        "indicateurs",
        "--debut",
        "2025-01-01",
        "--fin",
        "2025-03-31",
        "--perimetre",
        scope,
        "--format",
        output_format,
        *extra,
        stdout=out,
    )
    return out.getvalue()


def _number(cell_html):
    """Texte d'une cellule de la page -> la valeur de la commande (nombre, « < 5 » ou None)."""
    text = html_module.unescape(re.sub(r"<[^>]+>", "", cell_html)).strip()
    if text == "< 5":
        return text
    if text == "—":
        return None
    return float(text.replace("\u202f", "").replace("\u00a0%", "").replace(",", "."))


def page_values(html):
    """{code: (valeur précédente, valeur)} lus dans les tableaux de la page."""
    values = {}
    for code, row in re.findall(r'<tr data-indicateur="([^"]+)">(.*?)</tr>', html, re.S):
        previous, current = re.findall(r"<td>(.*?)</td>", row, re.S)[:2]
        values[code] = (_number(previous), _number(current))
    return values


@pytest.mark.parametrize(
    ("user_fixture", "scope", "extra"),
    [
        ("national_user", "ml:TA001", ()),
        ("director_a", "ml:TA001", ("--vu-par-ml", "TA001")),
        ("national_user", "national", ()),
        ("animator_11", "region:32", ()),
    ],
)
def test_page_export_and_command_agree(client, request, warehouse, user_fixture, scope, extra):
    client.force_login(request.getfixturevalue(user_fixture))
    kind = scope.partition(":")[0]
    url = scope_url(presentation.parse_scope(scope))
    exported = client.get(url, {**Q1, "export": "csv"}).content.decode("utf-8-sig")
    assert exported == _command(scope, *extra)
    command = {
        line["code"]: tuple(
            float(v) if isinstance(v, int | float) else v for v in (line["valeur_precedente"], line["valeur"])
        )
        for line in json.loads(_command(scope, *extra, output_format="json"))["indicateurs"]
    }
    assert page_values(client.get(url, Q1).content.decode()) == command
    lines = list(csv.DictReader(io.StringIO(exported), delimiter=";"))
    accueillis = next(line for line in lines if line["code"] == "accueillis")
    if kind == "national":
        assert accueillis["valeur"] == "< 5"
    elif extra:
        assert (accueillis["valeur"], accueillis["valeur_precedente"], accueillis["evolution_pct"]) == (
            "2",
            "2",
            "0.0",
        )


def test_xlsx_export(client, director_a):
    client.force_login(director_a)
    response = client.get(reverse("warehouse:ml", kwargs={"ml_code": "TA001"}), {**Q1, "export": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book["Tableau de bord"].iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r and r[0] == "code"))
    by_code = {r[0]: r for r in rows[header + 1 :]}
    assert by_code["emploi"][5] == 2 and by_code["emploi"][7] == 1 and by_code["emploi"][8] == 100.0
    assert "Définitions" in book.sheetnames


def test_quality_and_definitions_pages(client, national_user, warehouse):
    client.force_login(national_user)
    assert client.get(reverse("warehouse:quality_national")).status_code == 200
    html = client.get(reverse("warehouse:definitions")).content.decode()
    assert 'id="jdi"' in html and "cinq mois" in html
    assert "les effectifs de 1 à 4 sont remplacés par « &lt; 5 »" in html


Q2 = {"periode": "trimestre", "annee": "2025", "numero": "2"}  # données au 15/04/2025 : en cours


def _command_period(scope, start, end, output_format):
    out = io.StringIO()
    call_command(
        "indicateurs",
        "--debut",
        start,
        "--fin",
        end,
        "--perimetre",
        scope,
        "--format",
        output_format,
        stdout=out,
    )
    return out.getvalue()


def test_unfinished_period_is_labelled_provisional_everywhere(client, national_user, warehouse):
    client.force_login(national_user)
    url = reverse("warehouse:national")
    assert "provisoire" in client.get(url, Q2).content.decode()
    assert "provisoire" not in client.get(url, Q1).content.decode()
    lines = list(
        csv.DictReader(
            io.StringIO(client.get(url, {**Q2, "export": "csv"}).content.decode("utf-8-sig")), delimiter=";"
        )
    )
    assert {line["statut"] for line in lines} == {"provisoire"}
    lines = list(
        csv.DictReader(
            io.StringIO(client.get(url, {**Q1, "export": "csv"}).content.decode("utf-8-sig")), delimiter=";"
        )
    )
    assert {line["statut"] for line in lines} == {"définitif"}
    book = openpyxl.load_workbook(io.BytesIO(client.get(url, {**Q2, "export": "xlsx"}).content))
    meta = {r[0]: r[1] for r in book["Tableau de bord"].iter_rows(values_only=True) if r and r[0]}
    assert meta["Statut"].startswith("Provisoire")
    document = json.loads(_command_period("national", "2025-04-01", "2025-06-30", "json"))
    assert document["provisoire"] is True
    assert {line["statut"] for line in document["indicateurs"]} == {"provisoire"}
    assert json.loads(_command_period("national", "2025-01-01", "2025-03-31", "json"))["provisoire"] is False
    assert "provisoire" in _command_period("national", "2025-04-01", "2025-06-30", "csv")


def _analyst_lines(client, url, query):
    response = client.get(url, {**query, "export": "analyste-csv"})
    assert response.status_code == 200 and "analyste.csv" in response["Content-Disposition"]
    reader = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    header, labels, *lines = list(reader)
    return header, labels, {line[1] or "national": dict(zip(header, line, strict=True)) for line in lines}


def test_analyst_export_all_mls_all_indicators(client, national_user, director_a):
    client.force_login(national_user)
    page = client.get(reverse("warehouse:national"), Q1).content.decode()
    assert 'id="export-analyste-csv"' in page and 'id="export-analyste-xlsx"' in page
    header, labels, lines = _analyst_lines(client, reverse("warehouse:national"), Q1)
    order = list(lines)
    assert order[0] == "national" and order.index("32") < order.index("TA001")
    assert {line["niveau"] for line in lines.values()} == {"national", "region", "ml"}
    assert "vus_entretien_individuel" in header and "Jeunes accueillis" in labels
    assert lines["TA001"]["accueillis"] == "< 5" and lines["TA001"]["contacts_par_jeune"] == "< 5"
    assert lines["TA001"]["region"] == "32" and lines["TA001"]["statut"] == "définitif"
    assert lines["TB001"]["cot_objectif"] == "3"
    # Mêmes masques que l'export de la page de la ML.
    page_csv = client.get(reverse("warehouse:ml", kwargs={"ml_code": "TA001"}), {**Q1, "export": "csv"})
    for line in csv.DictReader(io.StringIO(page_csv.content.decode("utf-8-sig")), delimiter=";"):
        assert lines["TA001"][line["code"]] == line["valeur"].replace(".", ","), line["code"]
    # Le personnel de la ML A voit ses chiffres en clair, avec la virgule décimale.
    client.force_login(director_a)
    _, _, lines = _analyst_lines(client, reverse("warehouse:region", kwargs={"region_code": "32"}), Q1)
    assert list(lines)[:1] == ["32"] and {line["region"] for line in lines.values()} == {"32"}
    assert lines["TA001"]["accueillis"] == "2" and lines["TA001"]["contacts_par_jeune"] == "1,5"
    book = openpyxl.load_workbook(
        io.BytesIO(
            client.get(
                reverse("warehouse:region", kwargs={"region_code": "32"}), {**Q1, "export": "analyste-xlsx"}
            ).content
        )
    )
    rows = list(book["Missions locales"].iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "niveau")
    ta001 = dict(zip(header, next(r for r in rows if r and r[1] == "TA001"), strict=True))
    assert ta001["accueillis"] == 2 and ta001["contacts_par_jeune"] == 1.5


def test_analyst_export_follows_the_page_permissions(client, animator_11, warehouse):
    url = reverse("warehouse:region", kwargs={"region_code": "32"})
    assert client.get(url, {**Q1, "export": "analyste-csv"}).status_code == 302  # anonyme : connexion
    client.force_login(animator_11)
    _, _, lines = _analyst_lines(client, url, Q1)
    assert lines["TA001"]["accueillis"] == "< 5"


def test_exports_neutralise_formulas_planted_in_names(client, db):
    """Issue 13 : des libellés (missions locales, régions) en « = + - @ » ne deviennent pas des formules ;
    les nombres, négatifs compris, restent des nombres."""
    ml_a, ml_b, people = dataset.build()
    MissionLocale.objects.filter(pk=ml_a.pk).update(name=PAYLOADS[0])
    MissionLocale.objects.filter(pk=ml_b.pk).update(name=PAYLOADS[3])
    Region.objects.filter(code="32").update(name=PAYLOADS[1])
    Region.objects.filter(code="11").update(name=PAYLOADS[2])
    extract.run(complete=True, today=dataset.TODAY)
    dataset.stage_programmes_and_cotraitance(people)
    client.force_login(UserFactory(role=Role.NATIONAL, mission_locale=None, username="national"))
    national, ml_page = reverse("warehouse:national"), reverse("warehouse:ml", kwargs={"ml_code": "TA001"})
    analyst = assert_csv_without_formula(
        client.get(national, {**Q1, "export": "analyste-csv"}).content.decode()
    )
    assert {f"'{payload}" for payload in PAYLOADS} <= set(analyst)
    for url in (national, ml_page):
        for export in ("xlsx", "analyste-xlsx"):
            cells = assert_xlsx_without_formula(client.get(url, {**Q1, "export": export}).content)
            assert PAYLOADS[0] in {c.value for c in cells} or (url, export) == (national, "xlsx")
    client.force_login(UserFactory(role=Role.DIRECTOR, mission_locale=ml_a, username="directeur.ta"))
    page = assert_csv_without_formula(client.get(ml_page, {**Q1, "export": "csv"}).content.decode())
    assert "-66.7" in page  # évolution négative : un nombre, sans apostrophe
    cells = assert_xlsx_without_formula(client.get(ml_page, {**Q1, "export": "xlsx"}).content)
    assert -66.7 in {c.value for c in cells}


def _quality_cells(html, code):
    """Cellules (anomalies, contrôlés, taux) de la ligne du contrôle ``code`` dans le tableau principal."""
    row = html[html.index(f'data-controle="{code}"') :]
    row = row[: row.index("</tr>")]
    return re.findall(r"<td>(.*?)</td>", row)[1:4]


def test_quality_small_counts_are_masked_outside_the_ml(client, national_user, director_a):
    """Issue 13 : 4 dossiers incomplets de la ML A se lisaient en clair sur ses pages de qualité."""
    ml_url = reverse("warehouse:quality_ml", kwargs={"ml_code": "TA001"})
    region_url = reverse("warehouse:quality_region", kwargs={"region_code": "32"})
    for user in (national_user,):
        client.force_login(user)
        for url in (ml_url, region_url):
            html = html_module.unescape(client.get(url).content.decode())
            assert _quality_cells(html, "champs_manquants") == ["< 5", "4", "—"], url
            assert _quality_cells(html, "dates_impossibles")[0] == "0"  # zéro : rien à cacher
        detail = html_module.unescape(client.get(region_url).content.decode())
        assert "<td>< 5 (—)</td>" in detail and "<td>4 (100,0\xa0%)</td>" not in detail
        national = html_module.unescape(client.get(reverse("warehouse:quality_national")).content.decode())
        assert _quality_cells(national, "champs_manquants")[0] == "6"
        assert "<td>2 (100,0\xa0%)</td>" not in national and "<td>4 (100,0\xa0%)</td>" not in national
        dashboard = html_module.unescape(
            client.get(reverse("warehouse:ml", kwargs={"ml_code": "TA001"}), Q1).content.decode()
        )
        assert "<td>4</td><td>100,0 %</td>" not in dashboard
    client.force_login(director_a)  # la ML elle-même voit ses chiffres
    assert _quality_cells(html_module.unescape(client.get(ml_url).content.decode()), "champs_manquants") == [
        "4",
        "4",
        "100,0 %",
    ]
