"""Constantes et petits tirages des données synthétiques des relations entreprises."""

from parcours.synthetic.catalog import ROME_JOBS
from parcours.synthetic.names import FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES

EMPLOYERS_PER_YOUNG = 0.13
OFFERS_PER_YOUNG = 0.08
IMMERSION_RATE = 0.10
SPONSORED_RATE = 0.013
SPONSORS_PER_SPONSORED = 8283 / 18500
SIGNATORY_SHARE = 0.2  # part des offres confiées par un signataire d'accord national
RECENT_SHARE = 0.25  # part des offres reçues dans les 60 derniers jours (offres ouvertes)
PERIOD_DAYS = 3 * 365

#: Secteurs : (enseigne, code ROME typique, types de contrat pondérés)
SECTORS = [
    ("Boulangerie", "D1102", {"apprentissage": 5, "cdi": 2, "cdd": 3}),
    ("Restaurant", "G1603", {"cdd": 5, "cdi": 2, "apprentissage": 2, "interim": 1}),
    ("Supermarché", "D1507", {"cdd": 4, "cdi": 2, "professionnalisation": 3}),
    ("Propreté", "K2204", {"cdd": 4, "cdi": 3, "contrat_aide": 2, "professionnalisation": 2}),
    ("Logistique", "N1103", {"interim": 6, "cdd": 3, "cdi": 1}),
    ("Garage", "I1604", {"apprentissage": 5, "cdi": 2, "cdd": 2}),
    ("Bâtiment", "F1703", {"apprentissage": 3, "interim": 3, "cdd": 2, "cdi": 2}),
    ("Hôtel", "G1703", {"cdd": 4, "professionnalisation": 2, "cdi": 2}),
    ("Aide à domicile", "K1302", {"cdi": 3, "cdd": 3, "contrat_aide": 3}),
    ("Espaces verts", "A1203", {"contrat_aide": 3, "cdd": 3, "apprentissage": 2}),
    ("Électricité", "F1602", {"apprentissage": 4, "interim": 2, "cdi": 2}),
    ("Coiffure", "D1202", {"apprentissage": 6, "cdi": 1}),
]
ROME_LABELS = dict(ROME_JOBS)
EXCHANGE_KINDS = ["telephone"] * 4 + ["courriel"] * 3 + ["visite"] * 2 + ["reunion", "evenement"]
IMMERSION_OUTCOMES = ["projet_confirme"] * 45 + ["projet_infirme"] * 30 + ["abandon"] * 15 + ["embauche"] * 10
SPONSOR_OUTCOMES = (
    ["emploi"] * 49 + ["alternance"] * 8 + ["formation"] * 8 + ["sans_solution"] * 35
)  # PRO BTP 2010
BARRIERS = [
    "acces_emploi",
    "reseau",
    "orientation",
    "mobilite",
    "logement",
    "illettrisme",
    "mode_garde",
    "discrimination",
]
SPONSOR_NOTES = [
    "Simulation d'entretien d'embauche ; points à travailler : présentation du parcours.",
    "Relecture du CV et de la lettre de motivation.",
    "Point sur les candidatures envoyées ; deux relances à faire.",
    "Visite d'entreprise organisée avec le jeune.",
    "Échange sur les codes de l'entreprise et la ponctualité.",
]


def pick(rng, weights):
    items = list(weights)
    return rng.choices(items, weights=[weights[i] for i in items])[0]


def person_name(rng):
    first = rng.choice(FEMALE_FIRST_NAMES if rng.random() < 0.5 else MALE_FIRST_NAMES)
    return first, rng.choice(LAST_NAMES)
