"""Données personnelles des fichiers d'un import : aucun message d'erreur ne doit les contenir."""

import csv
import datetime


def personal_data(folder):
    """Noms, prénoms et dates de naissance de jeunes.csv (dates sous les formes AAAA-MM-JJ et JJ/MM/AAAA)."""
    raw = (folder / "jeunes.csv").read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:  # fichier volontairement mal encodé : ses données restent personnelles
        text = raw.decode("cp1252")
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    header = rows[0]
    values = set()
    for row in rows[1:]:
        cells = dict(zip(header, row, strict=False))
        values |= {cells.get("nom", ""), cells.get("prenom", "")}
        birth = cells.get("date_naissance", "")
        values.add(birth)
        try:
            values.add(f"{datetime.date.fromisoformat(birth):%d/%m/%Y}")
        except ValueError:
            pass
    return {value for value in values if value}


def assert_no_personal_data(text, folder):
    leaked = sorted(value for value in personal_data(folder) if value in text)
    assert not leaked, f"Données personnelles dans le message : {leaked}\n{text}"
