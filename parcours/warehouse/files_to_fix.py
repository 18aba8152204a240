"""Les dossiers que compte chaque contrôle de qualité (``quality.CHECKS``), lus dans la base de l'application.

Le rapport de qualité compte des anomalies dans l'entrepôt, où un jeune n'est qu'un hachage ; pour qu'un
conseiller les corrige, chaque contrôle a ici sa requête sur les dossiers, avec la même définition, mesurée
aujourd'hui (l'entrepôt, lui, date de la dernière extraction). Une requête reçoit les dossiers visibles de
l'utilisateur (``YoungPerson.objects.visible_to(user)``) : le périmètre ne se décide pas ici.
"""

import dataclasses

from django.db.models import Exists, OuterRef, Q

from parcours.accompaniment.enums import AttendanceStatus
from parcours.accompaniment.models import Contact, Situation
from parcours.warehouse.extract import MANDATORY_FIELDS
from parcours.warehouse.quality import CHECKS
from parcours.young_people import rules


@dataclasses.dataclass(frozen=True)
class FileCheck:
    code: str
    label: str
    definition: str
    files: object  # files(young_people, today) -> QuerySet de YoungPerson
    fix: str  # ce que le conseiller corrige, et où


def missing_fields(young_people, today):
    empty = Q()
    for name in MANDATORY_FIELDS:
        empty |= Q(**{f"{name}__isnull": True}) if name.endswith("_id") else Q(**{name: ""})
    return young_people.not_merged().filter(empty)


def impossible_dates(young_people, today):
    held = Contact.objects.held().filter(young_person=OuterRef("pk"))
    bad_contact = held.filter(Q(date__gt=today) | Q(date__lt=OuterRef("first_reception_date")))
    flagged = young_people.not_merged().filter(Q(first_reception_date__gt=today) | Exists(bad_contact))
    # L'âge au premier accueil (16-25 ans) : la règle du domaine, appliquée en Python sur deux colonnes.
    ineligible = [
        pk
        for pk, birth, first in young_people.not_merged().values_list(
            "pk", "birth_date", "first_reception_date"
        )
        if rules.eligibility_error(birth, first)
    ]
    return young_people.filter(Q(pk__in=flagged.values("pk")) | Q(pk__in=ineligible))


def contacts_after_exit(young_people, today):
    late = Contact.objects.held().filter(young_person=OuterRef("pk"), date__gt=OuterRef("archived_at__date"))
    return young_people.not_merged().filter(archived_at__isnull=False).filter(Exists(late))


def exact_duplicates(young_people, today):
    twin = young_people.not_merged().filter(
        search_name=OuterRef("search_name"), birth_date=OuterRef("birth_date")
    )
    return young_people.not_merged().filter(Exists(twin.exclude(pk=OuterRef("pk"))))


def situations_left_open(young_people, today):
    later = Situation.objects.filter(
        young_person=OuterRef("young_person"), start_date__gt=OuterRef("start_date"), start_date__lte=today
    )
    open_ = Situation.objects.filter(young_person=OuterRef("pk"), end_date__isnull=True).filter(Exists(later))
    return young_people.not_merged().filter(Exists(open_))


def appointments_without_attendance(young_people, today):
    """Même définition que l'entrepôt : un contact pris à une heure, daté d'avant aujourd'hui, resté planifié."""
    forgotten = Contact.objects.filter(
        young_person=OuterRef("pk"), time__isnull=False, date__lt=today, status=AttendanceStatus.PLANNED
    )
    return young_people.not_merged().filter(Exists(forgotten))


_QUERIES = {
    "champs_manquants": (
        missing_fields,
        "Complétez le dossier : code postal, commune, référent, logement ou ressources.",
    ),
    "dates_impossibles": (
        impossible_dates,
        "Corrigez la date de naissance ou du premier accueil, ou la date du contact.",
    ),
    "contacts_apres_sortie": (
        contacts_after_exit,
        "Rouvrez le dossier si le jeune est revenu, ou corrigez la date du contact.",
    ),
    "rendez_vous_sans_presence": (
        appointments_without_attendance,
        "Notez si le jeune est venu (présent, absent ou excusé) sur le rendez-vous passé, dans « Mon agenda » "
        "ou sur son dossier.",
    ),
    "doublons_suspects": (
        exact_duplicates,
        "Fusionnez les deux dossiers (« Fusionner » sur le dossier en double).",
    ),
    "situations_sans_fin": (
        situations_left_open,
        "Donnez une date de fin à la situation restée ouverte, ou confirmez qu'elle continue.",
    ),
}

FILE_CHECKS = {
    check.code: FileCheck(check.code, check.label, check.definition, *_QUERIES[check.code])
    for check in CHECKS
}
