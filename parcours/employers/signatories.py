"""Les signataires des accords nationaux du CNML et ce qu'en dit le rapport 2010 (seed 000, complété par 004).

Données de référence dans ``data/`` (CSV, voir ``parcours.reference_data``) : ``partenaires.csv``,
``accords.csv`` (parties et régions pilotes en listes), ``reunions.csv``, ``declinaisons.csv`` et
``evenements.csv`` (l'opération nationale de 2010 chiffrée par la source). Chargées par la migration
``0002_signatories``. Les régions de 2010 sont rapportées aux régions actuelles (ex. : Nord-Pas-de-Calais ->
Hauts-de-France) ; le texte garde le nom d'origine. Une date que les sources ne donnent pas reste vide
(précision « inconnue ») ; des objectifs vides sont les trois objectifs communs.
"""

from pathlib import Path

from parcours.reference_data import optional_date, optional_int, rows, text_list

DATA = Path(__file__).resolve().parent / "data"
PARTNERS = list(rows(DATA / "partenaires.csv"))
AGREEMENTS = list(rows(DATA / "accords.csv"))
EVENT_COUNTS = {
    "companies": "entreprises",
    "offers": "offres",
    "visitors": "visiteurs",
    "cvs": "cv",
    "interviews": "entretiens",
    "hires": "embauches",
}


def _by_agreement(name):
    found = {}
    for row in rows(DATA / name):
        found.setdefault(row["accord"], []).append(row)
    return found


def load(apps, schema_editor=None):
    Partner = apps.get_model("employers", "Partner")
    Agreement = apps.get_model("employers", "Agreement")
    AgreementParty = apps.get_model("employers", "AgreementParty")
    Declination = apps.get_model("employers", "RegionalDeclination")
    Meeting = apps.get_model("employers", "FollowUpMeeting")
    Event = apps.get_model("employers", "Event")
    Region = apps.get_model("referential", "Region")
    regions = {r.code: r for r in Region.objects.all()}
    partners = {}
    for row in PARTNERS:
        partners[row["code"]], _ = Partner.objects.get_or_create(
            name=row["nom"],
            defaults={"short_name": row["sigle"], "kind": row["type"], "sector": row["secteur"]},
        )
    meetings, declinations = _by_agreement("reunions.csv"), _by_agreement("declinaisons.csv")
    agreements = {}
    for row in AGREEMENTS:
        defaults = {
            "title": row["intitule"],
            "status": "signe",
            "signed_on": optional_date(row["date_signature"]),
            "signed_on_precision": row["precision_date"],
            "summary": row["bilan"],
            "national_rollout_on": optional_date(row["generalisation"]),
            "source": row["source"],
        }
        if row["objectifs"]:
            defaults["objectives"] = row["objectifs"]
        agreement, _ = Agreement.objects.get_or_create(code=row["code"], defaults=defaults)
        agreements[row["code"]] = agreement
        agreement.pilot_regions.set([regions[c] for c in text_list(row["regions_pilotes"]) if c in regions])
        for code in text_list(row["parties"]):
            AgreementParty.objects.get_or_create(agreement=agreement, partner=partners[code])
        for meeting in meetings.get(row["code"], []):
            Meeting.objects.get_or_create(
                agreement=agreement,
                date=optional_date(meeting["date"]),
                defaults={"kind": meeting["type"], "place": meeting["lieu"], "subject": meeting["objet"]},
            )
        for declination in declinations.get(row["code"], []):
            if declination["region"] in regions:
                Declination.objects.get_or_create(
                    agreement=agreement,
                    region=regions[declination["region"]],
                    defaults={
                        "signed_on": optional_date(declination["date"]),
                        "leads": declination["porteurs"],
                        "action_plan": declination["plan_actions"],
                        "results": declination["resultats"],
                    },
                )
    for row in rows(DATA / "evenements.csv"):
        Event.objects.get_or_create(
            title=row["intitule"],
            date=optional_date(row["date"]),
            defaults={
                "agreement": agreements[row["accord"]],
                "kind": row["type"],
                "end_date": optional_date(row["date_fin"]),
                "place": row["lieu"],
                "notes": row["notes"],
                **{field: optional_int(row[column]) for field, column in EVENT_COUNTS.items()},
            },
        )
