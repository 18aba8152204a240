"""Import des orientations envoyées par Pôle emploi (CSV, format décrit dans docs/cotraitance.md).

Tout ou rien : chaque ligne est vérifiée avant toute écriture ; une seule erreur et rien n'est enregistré,
le rapport liste les erreurs ligne par ligne, en français. Réimporter le même fichier ne change rien :
une orientation déjà connue (même identifiant Pôle emploi, mêmes données) est ignorée.
"""

import dataclasses
import hashlib
import io
import logging
import time

from django.db import IntegrityError, models
from simple_history.utils import bulk_create_with_history

from parcours import logs
from parcours.accompaniment.models import Contact
from parcours.cotraitance.enums import ReferralStatus
from parcours.cotraitance.models import ImportBatch, Referral
from parcours.cotraitance.referral_file import COLUMNS, read_rows
from parcours.imports.atomic import write_all_or_nothing
from parcours.imports.batches import batched, no_progress
from parcours.imports.report import ImportReport as BaseReport
from parcours.imports.report import LineError
from parcours.programmes.rules import add_months
from parcours.referential.models import MissionLocale
from parcours.young_people import services as yp_services
from parcours.young_people.models import YoungPerson

#: Ce que les pages, la commande et les tâches de fond utilisent (le format du fichier : ``referral_file``).
__all__ = ["CHUNK", "COLUMNS", "ImportReport", "LineError", "import_referrals"]
CHUNK = 1000
#: Suivi actif ailleurs : un contact tenu dans les 5 mois précédant l'affectation (compte des JDI, domain.md §8).
ACTIVE_ELSEWHERE_MONTHS = 5


@dataclasses.dataclass
class ImportReport(BaseReport):
    lines: int = 0
    created: int = 0
    refused: int = 0
    unchanged: int = 0
    new_files: int = 0
    #: (ligne, identifiant, motif) des refus qui ne concernent que la mission locale du fichier.
    refusals: list = dataclasses.field(default_factory=list)
    #: Refus dus à un suivi dans une autre mission locale : un compte seulement, jamais ligne à ligne (la
    #: liste dirait à qui dépose le fichier quel jeune est suivi ailleurs).
    refused_elsewhere: int = 0
    #: Lignes dont le jeune a été trouvé dans une autre mission locale (chacune au journal de sécurité).
    found_elsewhere: int = 0
    batch: ImportBatch | None = None

    def summary(self):
        if self.errors:
            return (
                f"Fichier refusé : {len(self.errors)} erreur(s) sur {self.lines} ligne(s). "
                "Rien n'a été enregistré ; corrigez le fichier et importez-le de nouveau."
            )
        elsewhere = (
            f" ({self.refused_elsewhere} pour un accompagnement dans une autre mission locale)"
            if self.refused_elsewhere
            else ""
        )
        return (
            f"{self.lines} ligne(s) lue(s) : {self.created} orientation(s) enregistrée(s) dont {self.refused} refusée(s)"
            f"{elsewhere}, {self.unchanged} déjà connue(s), {self.new_files} dossier(s) créé(s)."
        )

    def error_csv(self):
        out = io.StringIO()
        self.write_errors(out, ["ligne", "colonne", "erreur"], ("line", "column", "message"))
        return out.getvalue()


def _resolve_mission_locales(rows, report, allowed_ml_ids):
    codes = {r.ml_code for r in rows}
    by_code = {}
    for ml in MissionLocale.objects.filter(code__in=codes):
        final = ml
        while final.merged_into_id:  # une ML absorbée renvoie à l'absorbante (domain.md §1)
            final = final.merged_into
        by_code[ml.code] = final.pk
    kept = []
    for row in rows:
        ml_id = by_code.get(row.ml_code)
        if ml_id is None:
            report.errors.append(
                LineError(row.line, "code_ml", f"mission locale inconnue : « {row.ml_code} ».")
            )
        elif allowed_ml_ids is not None and ml_id not in allowed_ml_ids:
            report.errors.append(
                LineError(
                    row.line,
                    "code_ml",
                    f"la mission locale « {row.ml_code} » n'est pas dans votre périmètre.",
                )
            )
        else:
            row.mission_locale_id = ml_id
            kept.append(row)
    return kept


def _check_duplicates_in_file(rows, report):
    """Un identifiant, un jeune (nom, prénom, naissance) ou un NIR deux fois, même pour deux missions locales."""
    seen_ids, seen_people, seen_nirs, kept = {}, {}, {}, []
    for row in rows:
        person = (row.search_name, row.birth_date)
        if row.pe_id in seen_ids:
            report.errors.append(
                LineError(
                    row.line,
                    "identifiant_orientation",
                    f"identifiant déjà présent ligne {seen_ids[row.pe_id]}.",
                )
            )
        elif person in seen_people:
            report.errors.append(
                LineError(
                    row.line,
                    "nom",
                    f"même jeune (nom, prénom, date de naissance) que la ligne {seen_people[person]}.",
                )
            )
        elif row.nir and row.nir in seen_nirs:
            report.errors.append(LineError(row.line, "nir", f"même NIR que la ligne {seen_nirs[row.nir]}."))
        else:
            seen_ids[row.pe_id] = row.line
            seen_people[person] = row.line
            if row.nir:
                seen_nirs[row.nir] = row.line
            kept.append(row)
    return kept


def _split_known(rows, report):
    """Orientations déjà importées : identiques, elles sont ignorées ; différentes, c'est une erreur."""
    known = {}
    for chunk in batched((r.pe_id for r in rows), CHUNK):
        known.update(
            {
                pe_id: (ml, date)
                for pe_id, ml, date in Referral.objects.filter(pe_id__in=chunk).values_list(
                    "pe_id", "mission_locale_id", "assignment_date"
                )
            }
        )
    new = []
    for row in rows:
        if row.pe_id not in known:
            new.append(row)
        elif known[row.pe_id] == (row.mission_locale_id, row.assignment_date):
            report.unchanged += 1
        else:
            report.errors.append(
                LineError(
                    row.line,
                    "identifiant_orientation",
                    "orientation déjà importée avec une autre mission locale ou une autre date d'affectation.",
                )
            )
    return new


def _match_young_people(rows):
    """Rattache chaque ligne au dossier existant dans la ML (même nom, prénom et naissance, ou même NIR)."""
    by_name, by_nir, elsewhere = {}, {}, {}
    ml_ids = {r.mission_locale_id for r in rows}
    for chunk in batched(rows, CHUNK):
        names = {r.search_name for r in chunk}
        nirs = {r.nir for r in chunk if r.nir}
        condition = models.Q(search_name__in=names, birth_date__in={r.birth_date for r in chunk})
        if nirs:
            condition |= models.Q(nir__in=nirs)
        for yp in YoungPerson.objects.filter(condition).only(
            "pk", "mission_locale_id", "search_name", "birth_date", "nir", "archived_at"
        ):
            if yp.mission_locale_id in ml_ids:
                by_name.setdefault((yp.mission_locale_id, yp.search_name, yp.birth_date), yp)
                if yp.nir:
                    by_nir.setdefault((yp.mission_locale_id, yp.nir), yp)
            if yp.archived_at is None:
                elsewhere.setdefault((yp.search_name, yp.birth_date), []).append(yp)
                if yp.nir:
                    elsewhere.setdefault(yp.nir, []).append(yp)
    for row in rows:
        match = by_name.get((row.mission_locale_id, row.search_name, row.birth_date)) or (
            by_nir.get((row.mission_locale_id, row.nir)) if row.nir else None
        )
        row.young_person_id = match.pk if match else None
        others = {
            yp.pk: yp
            for yp in elsewhere.get((row.search_name, row.birth_date), [])
            + (elsewhere.get(row.nir, []) if row.nir else [])
            if yp.mission_locale_id != row.mission_locale_id
        }
        row.others = list(others.values())


def _log_lookups_elsewhere(rows, report, user):
    """Chaque ligne dont le jeune est connu d'une autre mission locale part au journal de sécurité : qui a
    déposé le fichier, la ligne, les dossiers trouvés (identifiants seulement, aucun nom) et le refus."""
    for row in rows:
        if row.others:
            report.found_elsewhere += 1
            logs.security_event(
                "recherche_hors_ml",
                by_user_id=getattr(user, "pk", None),
                mission_locale_id=row.mission_locale_id,
                line=row.line,
                found_young_person_ids=sorted(yp.pk for yp in row.others),
                found_mission_locale_ids=sorted({yp.mission_locale_id for yp in row.others}),
                refused=row.refused_elsewhere,
            )


def _decide_refusals(rows):
    """Refus pour double accompagnement : déjà en co-traitance (ici ou ailleurs), ou suivi actif ailleurs."""
    other_ids = {yp.pk for r in rows for yp in r.others}
    active = {}
    for chunk in batched({r.young_person_id for r in rows if r.young_person_id} | other_ids, CHUNK):
        active.update(
            Referral.objects.active()
            .filter(young_person_id__in=chunk)
            .values_list("young_person_id", "pe_id")
        )
    last_contacts = {}
    for chunk in batched(other_ids, CHUNK):
        last_contacts.update(
            Contact.objects.held()
            .filter(young_person_id__in=chunk)
            .values("young_person_id")
            .annotate(last=models.Max("date"))
            .values_list("young_person_id", "last")
        )
    for row in rows:
        if row.young_person_id in active:
            row.refusal = f"Déjà suivi en co-traitance (orientation {active[row.young_person_id]})."
            continue
        since = add_months(row.assignment_date, -ACTIVE_ELSEWHERE_MONTHS)
        for other in row.others:
            last = last_contacts.get(other.pk)
            # Ni le nom de l'autre mission locale ni la date du contact : le fichier ne doit pas permettre de
            # savoir où un jeune est suivi (droits-d-acces.md).
            if other.pk in active:
                row.refusal = "Déjà suivi en co-traitance par une autre mission locale."
            elif last and since <= last <= row.assignment_date:
                row.refusal = (
                    f"Déjà accompagné par une autre mission locale (contact tenu dans les "
                    f"{ACTIVE_ELSEWHERE_MONTHS} derniers mois)."
                )
            if row.refusal:
                row.refused_elsewhere = True
                break


def import_referrals(data, *, today, file_name="", user=None, allowed_ml_ids=None, progress=no_progress):
    """Importe le fichier (octets) ; renvoie un ``ImportReport``. Rien n'est écrit si une ligne est en erreur.

    ``progress(itérable, libellé, total, unit=)`` enveloppe la vérification et l'écriture (barre de progression).
    """
    started = time.monotonic()
    report = ImportReport()
    rows = read_rows(data, today, report, progress)
    rows = _resolve_mission_locales(rows, report, allowed_ml_ids)
    rows = _check_duplicates_in_file(rows, report)
    rows = _split_known(rows, report)
    if report.errors:
        report.errors.sort(key=lambda e: e.line)
        return _logged(report, started, user)
    _match_young_people(rows)
    _decide_refusals(rows)
    _log_lookups_elsewhere(rows, report, user)
    try:
        write_all_or_nothing(lambda: _write(rows, report, data, file_name, user, progress), report)
    except IntegrityError:
        report.errors.append(
            LineError(
                None,
                "",
                "le fichier a été importé en même temps par quelqu'un d'autre ; rien n'a été enregistré.",
            )
        )
    return _logged(report, started, user)


logger = logging.getLogger(__name__)


def _logged(report, started, user):
    """Fin de l'import au journal d'exploitation et au journal de sécurité : des comptes, aucun nom."""
    outcome = {
        "kind": "orientations",
        "batch_id": report.batch.pk if report.batch else None,
        "by_user_id": getattr(user, "pk", None),
        "lines": report.lines,
        "errors": len(report.errors),
        "referrals_created": report.created,
        "refused": report.refused,
        "refused_elsewhere": report.refused_elsewhere,
        "found_elsewhere": report.found_elsewhere,
        "unchanged": report.unchanged,
        "new_files": report.new_files,
        "seconds": round(time.monotonic() - started, 2),
    }
    logger.info("Import d'orientations : fin", extra=outcome)
    logs.security_event("import", **outcome)
    return report


#: Champs du dossier créé et de l'orientation recopiés tels quels de la ligne (mêmes noms).
YOUNG_PERSON_FIELDS = (
    "mission_locale_id",
    "last_name",
    "first_name",
    "search_name",
    "birth_date",
    "sex",
    "nir",
    "education_level",
)
REFERRAL_FIELDS = (
    "pe_id",
    "mission_locale_id",
    "young_person_id",
    "agency",
    "assignment_date",
    "track",
    "receives_benefits",
    "target_jobs",
)


def _copied(row, names):
    return {name: getattr(row, name) for name in names}


def _write(rows, report, data, file_name, user, progress):
    to_create = [r for r in rows if not r.young_person_id and not r.refusal]
    new_people = [
        YoungPerson(
            **_copied(r, YOUNG_PERSON_FIELDS),
            first_reception_date=r.assignment_date,
            source_id=f"pe:{r.pe_id}",
        )
        for r in to_create
    ]
    if new_people:
        bulk_create_with_history(
            new_people,
            YoungPerson,
            batch_size=CHUNK,
            default_user=user,
            default_change_reason="Orientation Pôle emploi",
        )
        created = (
            dict(
                YoungPerson.objects.filter(source_id__in=[p.source_id for p in new_people]).values_list(
                    "source_id", "pk"
                )
            )
            if any(p.pk is None for p in new_people)
            else {p.source_id: p.pk for p in new_people}
        )
        for row in to_create:
            row.young_person_id = created[f"pe:{row.pe_id}"]
    reopened = YoungPerson.objects.filter(
        pk__in=[r.young_person_id for r in rows if r.young_person_id and not r.refusal],
        archived_at__isnull=False,
    )
    for young_person in reopened:  # une orientation rouvre le dossier archivé du jeune
        yp_services.unarchive(young_person, restored_by=user)
    batch = ImportBatch.objects.create(
        file_name=file_name[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        imported_by=user,
        lines=report.lines,
        created=len(rows),
        refused=sum(1 for r in rows if r.refusal),
        unchanged=report.unchanged,
        new_files=len(new_people),
    )
    for chunk in progress(batched(rows, CHUNK), "Écriture", (len(rows) + CHUNK - 1) // CHUNK, unit="lot"):
        Referral.objects.bulk_create(
            [
                Referral(
                    **_copied(r, REFERRAL_FIELDS),
                    status=ReferralStatus.REFUSED if r.refusal else ReferralStatus.ACTIVE,
                    refusal_reason=r.refusal,
                    batch=batch,
                )
                for r in chunk
            ]
        )
    report.created = len(rows)
    report.refused = batch.refused
    report.new_files = len(new_people)
    report.refusals = [(r.line, r.pe_id, r.refusal) for r in rows if r.refusal and not r.refused_elsewhere]
    report.refused_elsewhere = sum(1 for r in rows if r.refused_elsewhere)
    report.batch = batch
