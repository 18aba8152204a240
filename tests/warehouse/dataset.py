"""Jeu de données construit à la main ; les résultats attendus sont calculés à la main dans
``EXPECTED`` (période : 1er trimestre 2025, comparée au 1er trimestre 2024).

Mission locale A (Nord, région 32) :
- J1 : 1er accueil 15/01/2025 (niveau V bis, en QPV) ; tenus 15/01/2025 (individuel), 10/02/2025 (info. collective) ; absent
  01/03/2025 ; proposition le 10/02/2025 ; CDI au 01/03/2025 ; CIVIS du 20/01/2025 au 20/03/2025,
  sortie en emploi durable.
- J2 : 1er accueil 01/02/2024 ; tenus 01/02/2024 (individuel), 05/03/2025 (atelier) ; formation au
  01/02/2025 ; alternance au 01/03/2024 ; CIVIS du 15/02/2024 au 15/02/2025, sortie en formation.
- J3 : 1er accueil 01/10/2024 ; tenu 20/11/2024 (individuel) ; planifié 01/02/2025 ; CDD du 10/01/2025
  au 10/03/2025 ; CIVIS depuis le 01/12/2024, en cours.
- J4 : 1er accueil 01/05/2023 ; tenus 10/01/2024 et 15/03/2024 (individuels) ; proposition le 15/03/2024 ;
  emploi au 01/02/2024.
Relations avec les employeurs de la ML A : offre de l'employeur E1 reçue le 06/01/2025 ; immersion de J1
chez E1 au 03/02/2025 ; échange avec E1 le 03/03/2025 ; parrainage de J3 signé le 01/03/2025 ; immersion
de J2 chez E2 au 05/02/2024.
Mission locale B (Paris, région 11) :
- J5 : 1er accueil 31/03/2025 (niveau IV, rural) ; tenu 31/03/2025 ; co-traitance au 31/03/2025, indemnisé ;
  enveloppe 2025 de 12 entrées.
- J6 : 1er accueil 05/01/2024 ; tenu 05/01/2024 (info. collective).
"""

import datetime

from parcours.accompaniment.enums import AttendanceStatus, ContactKind, SituationCategory, SituationKind
from parcours.referential.models import Department
from parcours.warehouse import store, summaries
from tests.employers.factories import (
    ExchangeFactory,
    ImmersionFactory,
    JobOfferFactory,
    PartnerFactory,
    SponsorshipFactory,
)
from tests.factories import (
    ContactFactory,
    MissionLocaleFactory,
    ProposalFactory,
    SituationFactory,
    YoungPersonFactory,
)

D = datetime.date
TODAY = D(2025, 4, 15)

EXPECTED = {
    # (périmètre, indicateur) : (T1 2025, T1 2024)
    ("A", "accueillis"): (2, 2),
    ("A", "premiere_fois"): (1, 1),
    ("A", "taux_premiere_fois"): (50.0, 50.0),
    ("A", "jdi"): (3, 2),
    ("A", "emploi_formation"): (3, 2),
    ("A", "emploi"): (2, 1),
    ("A", "alternance"): (0, 1),
    ("A", "formation"): (1, 0),
    ("A", "contacts_tenus"): (3, 3),
    ("A", "entretiens_individuels"): (1, 3),
    ("A", "informations_collectives"): (1, 0),
    ("A", "ateliers"): (1, 0),
    ("A", "contacts_par_jeune"): (1.5, 1.5),
    ("A", "propositions"): (1, 1),
    ("A", "situations"): (3, 2),
    ("A", "civis_entres"): (1, 1),
    ("A", "civis_accompagnes"): (3, 1),
    ("A", "civis_sortis"): (2, 0),
    ("A", "civis_sortis_emploi_formation"): (2, 0),
    ("A", "civis_sortis_emploi"): (1, 0),
    ("A", "civis_sortis_emploi_durable"): (1, 0),
    ("A", "civis_sortis_formation"): (1, 0),
    ("A", "civis_sortis_alternance"): (0, 0),
    ("A", "civis_taux_sorties_positives"): (100.0, None),
    ("A", "civis_taux_emploi_durable"): (50.0, None),
    ("A", "taux_emploi_formation"): (150.0, 100.0),
    ("A", "employeurs_en_contact"): (3, 1),  # E1 en janvier, février et mars 2025 ; E2 en février 2024
    ("A", "immersions"): (1, 1),
    ("A", "jeunes_parraines"): (1, 0),
    ("B", "accueillis"): (1, 1),
    ("B", "premiere_fois"): (1, 1),
    ("B", "jdi"): (1, 1),
    ("B", "cot_entrees"): (1, 0),
    ("B", "cot_entrees_allocataires"): (1, 0),
    ("B", "cot_objectif"): (3.0, 0),
    ("B", "cot_taux_realisation"): (33.3, None),
    ("national", "accueillis"): (3, 3),
    ("national", "premiere_fois"): (2, 2),
    ("national", "jdi"): (4, 3),
    ("national", "contacts_tenus"): (4, 4),
    ("national", "emploi"): (2, 1),
    ("national", "employeurs_en_contact"): (3, 1),
    # Reçus en entretien individuel ; profil des premiers accueils (J1 : V bis, QPV ; J2, J6 : V ;
    # J5 : IV, rural).
    ("A", "vus_entretien_individuel"): (1, 2),
    ("B", "vus_entretien_individuel"): (1, 0),
    ("A", "premiere_fois_infra_v"): (1, 0),
    ("A", "taux_infra_v"): (100.0, 0.0),
    ("A", "premiere_fois_sans_bac"): (1, 1),
    ("A", "taux_sans_bac"): (100.0, 100.0),
    ("A", "premiere_fois_zone_prioritaire"): (1, 0),
    ("A", "premiere_fois_qpv"): (1, 0),
    ("A", "premiere_fois_zrr"): (0, 0),
    ("A", "premiere_fois_rural"): (0, 0),
    ("B", "premiere_fois_sans_bac"): (0, 1),
    ("B", "premiere_fois_zone_prioritaire"): (1, 0),
    ("B", "premiere_fois_rural"): (1, 0),
    ("B", "taux_zone_prioritaire"): (100.0, 0.0),
    ("national", "vus_entretien_individuel"): (2, 2),
    ("national", "taux_zone_prioritaire"): (100.0, 0.0),
}


def build():
    """Crée les deux missions locales et les six jeunes ; renvoie (ml_a, ml_b, {nom: jeune})."""
    ml_a = MissionLocaleFactory(
        code="TA001", name="Mission locale A", department=Department.objects.get(code="59")
    )
    ml_b = MissionLocaleFactory(
        code="TB001", name="Mission locale B", department=Department.objects.get(code="75")
    )
    people = {}

    def young(name, ml, first, **profile):
        people[name] = YoungPersonFactory(
            mission_locale=ml, first_reception_date=first, birth_date=D(2004, 6, 1), last_name=name, **profile
        )
        return people[name]

    def held(yp, day, kind=ContactKind.INDIVIDUAL, status=AttendanceStatus.PRESENT):
        ContactFactory(young_person=yp, date=day, kind=kind, status=status)

    j1 = young("J1", ml_a, D(2025, 1, 15), education_level="Vbis", in_qpv=True)
    held(j1, D(2025, 1, 15))
    held(j1, D(2025, 2, 10), ContactKind.GROUP)
    held(j1, D(2025, 3, 1), status=AttendanceStatus.ABSENT)
    ProposalFactory(young_person=j1, date=D(2025, 2, 10))
    SituationFactory(
        young_person=j1,
        category=SituationCategory.EMPLOYMENT,
        kind=SituationKind.CDI,
        start_date=D(2025, 3, 1),
    )
    j2 = young("J2", ml_a, D(2024, 2, 1))
    held(j2, D(2024, 2, 1))
    held(j2, D(2025, 3, 5), ContactKind.WORKSHOP)
    SituationFactory(
        young_person=j2,
        category=SituationCategory.TRAINING,
        kind=SituationKind.QUALIFYING,
        start_date=D(2025, 2, 1),
    )
    SituationFactory(
        young_person=j2,
        category=SituationCategory.ALTERNANCE,
        kind=SituationKind.APPRENTICESHIP,
        start_date=D(2024, 3, 1),
        end_date=D(2024, 12, 31),
        state="termine",
    )
    j3 = young("J3", ml_a, D(2024, 10, 1))
    held(j3, D(2024, 11, 20))
    held(j3, D(2025, 2, 1), status=AttendanceStatus.PLANNED)
    SituationFactory(
        young_person=j3,
        category=SituationCategory.EMPLOYMENT,
        kind=SituationKind.CDD,
        start_date=D(2025, 1, 10),
        end_date=D(2025, 3, 10),
        state="termine",
    )
    j4 = young("J4", ml_a, D(2023, 5, 1))
    held(j4, D(2024, 1, 10))
    held(j4, D(2024, 3, 15))
    ProposalFactory(young_person=j4, date=D(2024, 3, 15))
    SituationFactory(
        young_person=j4,
        category=SituationCategory.EMPLOYMENT,
        kind=SituationKind.CDI,
        start_date=D(2024, 2, 1),
    )
    j5 = young("J5", ml_b, D(2025, 3, 31), education_level="IV", is_rural=True)
    held(j5, D(2025, 3, 31))
    j6 = young("J6", ml_b, D(2024, 1, 5))
    held(j6, D(2024, 1, 5), ContactKind.GROUP)
    e1, e2 = PartnerFactory(), PartnerFactory()
    JobOfferFactory(mission_locale=ml_a, partner=e1, received_on=D(2025, 1, 6), published_on=D(2025, 1, 6))
    ImmersionFactory(young_person=j1, partner=e1, start_date=D(2025, 2, 3), end_date=D(2025, 2, 14))
    ExchangeFactory(relation__mission_locale=ml_a, relation__partner=e1, date=D(2025, 3, 3))
    SponsorshipFactory(young_person=j3, signed_on=D(2025, 3, 1))
    ImmersionFactory(young_person=j2, partner=e2, start_date=D(2024, 2, 5), end_date=D(2024, 2, 16))
    return ml_a, ml_b, people


def stage_programmes_and_cotraitance(people):
    """Les programmes et la co-traitance vont droit dans les tables de mise en scène de l'entrepôt."""
    rows = [
        ("J1", "CIVIS", D(2025, 1, 20), D(2025, 3, 20), "emploi", True),
        ("J2", "CIVIS", D(2024, 2, 15), D(2025, 2, 15), "formation", False),
        ("J3", "CIVIS", D(2024, 12, 1), None, None, None),
    ]
    with store.connect(read_only=False) as con:
        for name, *rest in rows:
            key = store.pseudonym(people[name].pk)
            con.execute("INSERT INTO programmes VALUES (?, 'TA001', '32', ?, ?, ?, ?, ?)", [key, *rest])
        key = store.pseudonym(people["J5"].pk)
        con.execute("INSERT INTO cotraitance VALUES (?, 'TB001', '11', ?, true)", [key, D(2025, 3, 31)])
        con.execute("INSERT INTO enveloppes VALUES ('TB001', '11', 2025, 12)")
        summaries.rebuild(con, TODAY)


def build_warehouse():
    """Jeu complet : base opérationnelle, extraction complète, mise en scène ; renvoie les objets."""
    from parcours.warehouse import extract

    ml_a, ml_b, people = build()
    extract.run(complete=True, today=TODAY)
    stage_programmes_and_cotraitance(people)
    return ml_a, ml_b, people
