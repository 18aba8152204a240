import datetime
from pathlib import Path

import pytest

from parcours import reference_data

ROOT = Path(reference_data.__file__).resolve().parent


def test_one_format_for_every_reference_file(tmp_path):
    path = tmp_path / "exemple.csv"
    path.write_text('code;liste;texte\na;x|y;"deux\nlignes"\nb;;\n', encoding="utf-8")
    rows = list(reference_data.rows(path))
    assert rows == [
        {"code": "a", "liste": "x|y", "texte": "deux\nlignes"},
        {"code": "b", "liste": "", "texte": ""},
    ]
    assert reference_data.text_list(rows[0]["liste"]) == ["x", "y"] and reference_data.text_list("") == []


def test_cells_are_converted_or_absent():
    assert reference_data.optional_date("2010-06-01") == datetime.date(2010, 6, 1)
    assert reference_data.optional_date("") is None
    assert reference_data.optional_int("4748") == 4748 and reference_data.optional_int("") is None
    assert reference_data.flag("oui") is True and reference_data.flag("non") is False
    with pytest.raises(ValueError):
        reference_data.flag("vrai")


def test_reference_data_is_only_csv():
    """Référentiels, dispositifs, signataires : un seul format, plus de JSON ni de tuples Python."""
    data_dirs = sorted(ROOT.glob("*/data"))
    assert {d.parent.name for d in data_dirs} >= {"referential", "programmes", "employers"}
    for data_dir in data_dirs:
        assert {f.suffix for f in data_dir.iterdir() if f.is_file()} == {".csv"}, data_dir
