"""Extraction pseudonymisée : base opérationnelle -> entrepôt DuckDB (+ Parquet par région et mois).

Incrémentale par défaut : sont retirés de l'entrepôt puis relus les jeunes que le journal des changements
désigne (``WarehouseChange``, rempli par les déclencheurs de la base : ``capture.py``), ceux dont la mission
locale a fusionné, et — pour leurs seuls résumés — ceux dont un fait dépend de la date d'extraction
(situation qui commence, programme en cours). Un jeune supprimé ou un doublon fusionné disparaît donc de
l'entrepôt. ``complet=True`` reconstruit tout. Ni nom, ni coordonnée, ni NIR, ni texte libre, ni date de
naissance exacte : le jeune est désigné par un hachage à clé de son identifiant.
"""

import contextlib
import datetime
import itertools
import logging
import time

import pyarrow as pa
from django.db.models import Q
from django.utils import timezone

from parcours.accompaniment.models import Contact, Proposal, Situation
from parcours.accompaniment.rules import is_durable_employment
from parcours.employers.queries import warehouse_monthly_figures
from parcours.imports.batches import batched, no_progress
from parcours.programmes import worklist
from parcours.referential.models import MissionLocale
from parcours.reminders.queries import warehouse_monthly_figures as reminder_monthly_figures
from parcours.warehouse import parquet, quality, schema, sources, store, summaries
from parcours.warehouse.models import WarehouseChange
from parcours.warehouse.writer import BatchWriter
from parcours.young_people.models import YoungPerson
from parcours.young_people.rules import eligibility_error

logger = logging.getLogger(__name__)

#: Champs attendus dans tout dossier (contrôle qualité « champs obligatoires manquants »).
MANDATORY_FIELDS = ("postcode", "commune", "referent_id", "housing", "resources")
YP_FIELDS = (
    "pk",
    "mission_locale_id",
    "sex",
    "birth_date",
    "education_level",
    "first_reception_date",
    "in_qpv",
    "in_zrr",
    "is_rural",
    "archived_at",
    "search_name",
    *MANDATORY_FIELDS,
)
CHUNK = 2000

MODE_LABELS = {"complet": "complète", "incremental": "incrémentale"}


def _chunks(ids):
    """Les identifiants ``ids`` par lots de ``CHUNK``, dans l'ordre (``imports.batches.batched``)."""
    return batched(sorted(ids), CHUNK)


def ml_mapping():
    """{id de ML: (code de la ML absorbante finale, code région)} et les lignes de la table ``ml``."""
    mls = {ml.pk: ml for ml in MissionLocale.objects.select_related("department__region")}

    def root(ml):
        seen = set()
        while ml.merged_into_id and ml.merged_into_id not in seen:
            seen.add(ml.pk)
            ml = mls[ml.merged_into_id]
        return ml

    mapping = {}
    for pk, ml in mls.items():
        target = root(ml)
        mapping[pk] = (target.code, target.department.region.code)
    rows = [
        (ml.code, ml.name, ml.department.region.code, ml.department.region.name)
        for ml in mls.values()
        if ml.merged_into_id is None
    ]
    return mapping, rows


class ChangeLog:
    """Les lignes du journal des changements validées au début d'une extraction.

    Elles ne sont effacées (``consume``) qu'après une extraction réussie, et seules celles-là : une écriture
    validée pendant l'extraction laisse sa ligne pour la suivante. Les identifiants sont gardés en plages
    contiguës (une suite de numéros se résume à deux bornes, même après un chargement de millions de lignes).
    """

    def __init__(self, with_people=True):
        self.young_person_ids = set()
        self.ranges = []
        fields = ("id", "young_person_id") if with_people else ("id",)
        rows = WarehouseChange.objects.order_by("id").values_list(*fields).iterator(chunk_size=50000)
        for change_id, *person in rows:
            if self.ranges and self.ranges[-1][1] == change_id - 1:
                self.ranges[-1][1] = change_id
            else:
                self.ranges.append([change_id, change_id])
            self.young_person_ids.update(person)

    def consume(self, batch=500):
        for start in range(0, len(self.ranges), batch):
            condition = Q()
            for low, high in self.ranges[start : start + batch]:
                condition |= Q(id__range=(low, high))
            WarehouseChange.objects.filter(condition).delete()


#: Faits dont l'effet sur les résumés dépend de la date d'extraction, pour les jeunes non modifiés :
#: une situation compte à sa date de début (un projet n'est pas un résultat) ; une inscription sans sortie
#: reste ouverte jusqu'au mois de l'extraction.
DATE_DEPENDENT_KEYS_SQL = """
SELECT yp_key FROM situations WHERE start_date > $low AND start_date <= $high
UNION SELECT yp_key FROM programmes
WHERE entry_date IS NOT NULL AND exit_date IS NULL AND date_trunc('month', $low) <> date_trunc('month', $high)
"""


def add_date_dependent_keys(con, previous, today):
    """Ajoute à ``changed_keys`` les jeunes dont un résumé change du seul fait du passage du temps."""
    if previous is None or previous == today:
        return
    low, high = min(previous, today), max(previous, today)
    con.execute(
        f"INSERT INTO changed_keys SELECT yp_key FROM ({DATE_DEPENDENT_KEYS_SQL}) "
        "WHERE yp_key NOT IN (SELECT yp_key FROM changed_keys)",
        {"low": low, "high": high},
    )


class Extraction:
    def __init__(self, con, today, progress=None):
        self.con, self.today = con, today
        self.progress = progress or no_progress
        self.writer = BatchWriter(con)
        self.mapping, self.ml_rows = ml_mapping()
        self.people = {}  # id -> (clé, ML, région)

    def young_people(self, qs):
        total = qs.count()
        for values in self.progress(qs.values_list(*YP_FIELDS).iterator(chunk_size=5000), "Jeunes", total):
            record = dict(zip(YP_FIELDS, values, strict=True))
            ml_code, region = self.mapping[record["mission_locale_id"]]
            key = store.pseudonym(record["pk"])
            self.people[record["pk"]] = (key, ml_code, region)
            birth, first = record["birth_date"], record["first_reception_date"]
            impossible = eligibility_error(birth, first) is not None  # le premier accueil futur : qualité
            missing = sum(1 for field in MANDATORY_FIELDS if record[field] in ("", None))
            self.writer.add(
                "jeunes",
                (
                    key,
                    ml_code,
                    region,
                    record["sex"],
                    birth.replace(day=1),
                    record["education_level"],
                    first,
                    record["in_qpv"],
                    record["in_zrr"],
                    record["is_rural"],
                    timezone.localdate(record["archived_at"]) if record["archived_at"] else None,
                    missing,
                    impossible,
                    store.pseudonym(f"{record['search_name']}|{birth.isoformat()}"),
                ),
            )

    def _who(self, yp_id):
        return self.people.get(yp_id)

    def facts(self, ids=None):
        def scoped(qs, desc):
            """Les lignes de ``qs`` (toutes, ou celles des jeunes ``ids`` par lots), avec une barre de progression."""
            if ids is None:
                return self.progress(qs.iterator(chunk_size=20000), desc, qs.count())
            chunks = list(_chunks(ids))
            progress = self.progress(chunks, f"{desc} (lots de {CHUNK} jeunes)", len(chunks))
            return itertools.chain.from_iterable(qs.filter(young_person_id__in=chunk) for chunk in progress)

        # Un rendez-vous est un contact pris à une heure donnée : seule la présence d'une heure sort de la base.
        contacts = Contact.objects.values_list("young_person_id", "date", "kind", "mode", "status", "time")
        for yp_id, *rest, time_of_day in scoped(contacts, "Contacts"):
            if who := self._who(yp_id):
                self.writer.add("contacts", (*who, *rest, time_of_day is not None))
        proposals = Proposal.objects.values_list("young_person_id", "date", "theme", "kind", "status")
        for yp_id, *rest in scoped(proposals, "Propositions"):
            if who := self._who(yp_id):
                self.writer.add("propositions", (*who, *rest))
        situations = Situation.objects.values_list(
            "young_person_id", "category", "kind", "state", "start_date", "end_date"
        )
        for yp_id, category, kind, state, start, end in scoped(situations, "Situations"):
            if who := self._who(yp_id):
                durable = category == "emploi" and is_durable_employment(kind, start, end)
                self.writer.add("situations", (*who, category, kind, state, start, end, durable))
        chunks = [None] if ids is None else list(_chunks(ids))
        for chunk in chunks:
            for yp_id, *rest in sources.programme_rows(chunk):
                if who := self._who(yp_id):
                    self.writer.add("programmes", (*who, *rest))
            for yp_id, *rest in sources.cotraitance_rows(chunk):
                if who := self._who(yp_id):
                    self.writer.add("cotraitance", (*who, *rest))
        self.writer.flush()

    def referential(self):
        self.con.execute("DELETE FROM ml")
        if self.ml_rows:
            self.con.executemany("INSERT INTO ml VALUES (?, ?, ?, ?)", self.ml_rows)
        self.con.execute("DELETE FROM enveloppes")
        envelopes = [
            (self.mapping[ml_id][0], self.mapping[ml_id][1], year, target)
            for ml_id, year, target in sources.envelope_rows()
        ]
        if envelopes:
            self.con.executemany("INSERT INTO enveloppes VALUES (?, ?, ?, ?)", envelopes)

    def employers(self):
        """Relations avec les employeurs par mission locale (absorbante) et par mois, relues en entier."""
        figures = ("employers_in_contact", "immersions", "sponsored_young_people")
        totals = {}
        for row in warehouse_monthly_figures(datetime.date.min, self.today):
            key = (*self.mapping[row["mission_locale_id"]], row["month"])
            totals[key] = [a + row[f] for a, f in zip(totals.get(key, (0, 0, 0)), figures, strict=True)]
        self._replace_monthly("employeurs_mois", figures, totals)

    def reminders(self):
        """Rappels de rendez-vous par mission locale (absorbante) et par mois du rendez-vous, relus en entier."""
        figures = ("attempted", "delivered", "failed")
        totals = {}
        for row in reminder_monthly_figures():
            key = (*self.mapping[row["mission_locale_id"]], row["month"])
            totals[key] = [a + row[f] for a, f in zip(totals.get(key, (0, 0, 0)), figures, strict=True)]
        self._replace_monthly("rappels_mois", [f"reminders_{f}" for f in figures], totals)

    def _replace_monthly(self, table, figures, totals):
        """Remplace ``table`` par ``totals`` : {(ml_code, region_code, mois): [chiffres]}."""
        self.con.execute(f"DELETE FROM {table}")
        if totals:
            columns = zip(*[(*key, *values) for key, values in totals.items()], strict=True)
            batch = pa.table(dict(zip(("ml_code", "region_code", "month", *figures), columns, strict=True)))
            self.con.register("_mensuel", batch)
            self.con.execute(f"INSERT INTO {table} SELECT * FROM _mensuel")
            self.con.unregister("_mensuel")


def previous_mapping(con):
    con.execute("CREATE TABLE IF NOT EXISTS ml_map (ml_id BIGINT, ml_code VARCHAR)")
    return dict(con.execute("SELECT ml_id, ml_code FROM ml_map").fetchall())


def save_mapping(con, mapping):
    con.execute("DELETE FROM ml_map")
    if mapping:
        con.executemany("INSERT INTO ml_map VALUES (?, ?)", [(pk, code) for pk, (code, _) in mapping.items()])


def run(complete=False, today=None, progress=None, write_parquet=True, path=None, consume=True):
    """Lance une extraction ; renvoie le résumé enregistré dans la table ``extractions``.

    ``path`` : un autre fichier que l'entrepôt (la copie de contrôle d'``entrepot_verifier``) ; ``consume=False``
    laisse le journal des changements intact (une reconstruction de contrôle ne doit rien en retirer).
    """
    today = today or timezone.localdate()
    started, clock = timezone.now(), time.monotonic()
    phases = {}

    @contextlib.contextmanager
    def phase(name):
        begin = time.monotonic()
        yield
        phases[name] = round(phases.get(name, 0) + time.monotonic() - begin, 2)

    with store.connect(read_only=False, path=path) as con:
        last = store.last_extraction(con)
        # Un entrepôt d'une version antérieure du schéma (colonne ajoutée depuis) est reconstruit en entier.
        rebuild = complete or last is None or last["source"] != "operationnel" or schema.outdated(con)
        mode = "complet" if rebuild else "incremental"
        logger.info(
            "Extraction vers l'entrepôt : début", extra={"mode": mode, "control_copy": path is not None}
        )
        # Le journal est lu avant les données : toute écriture qu'il montre est visible des lectures qui suivent.
        log = ChangeLog(with_people=mode == "incremental") if consume or mode == "incremental" else None
        job = Extraction(con, today, progress)
        old_mapping = previous_mapping(con)
        # Pas de transaction englobante : l'extraction écrit dans une copie mise en place à la fin
        # (store.connect), ce qui suffit au tout ou rien ; DuckDB peut ainsi vider ses pages au fil de l'eau
        # au lieu de garder toute l'extraction en mémoire jusqu'au COMMIT.
        if mode == "complet":
            schema.drop_all(con)
            schema.create_all(con)
            with phase("lecture de la base"):
                job.referential()
                job.employers()
                job.reminders()
                job.young_people(YoungPerson.objects.not_merged())
                job.facts()
            with phase("résumés"):
                summaries.rebuild(con, today)
            changed = len(job.people)
        else:
            ids = log.young_person_ids
            moved = {pk for pk, (code, _) in job.mapping.items() if old_mapping.get(pk) not in (None, code)}
            if moved:
                ids |= set(
                    YoungPerson.objects.filter(mission_locale_id__in=moved).values_list("pk", flat=True)
                )
            changed = len(ids)
            con.execute("CREATE OR REPLACE TEMP TABLE changed_keys (yp_key VARCHAR)")
            con.execute(
                "INSERT INTO changed_keys SELECT unnest($keys::VARCHAR[])",
                {"keys": [store.pseudonym(i) for i in ids]},
            )
            con.execute(
                "CREATE OR REPLACE TEMP TABLE changed_mls AS SELECT DISTINCT ml_code FROM jeunes "
                "WHERE yp_key IN (SELECT yp_key FROM changed_keys)"
            )
            with phase("parquet"):
                before = parquet.fingerprints(con) if write_parquet else None
            with phase("lecture de la base"):
                for table in schema.YP_TABLES:
                    con.execute(f"DELETE FROM {table} WHERE yp_key IN (SELECT yp_key FROM changed_keys)")
                job.referential()
                job.employers()
                job.reminders()
                for chunk in _chunks(ids):
                    job.young_people(YoungPerson.objects.not_merged().filter(pk__in=chunk))
                job.facts(ids=[i for i in ids if i in job.people])
                add_date_dependent_keys(con, last["reference_date"], today)
                con.execute(
                    "INSERT INTO changed_mls SELECT DISTINCT ml_code FROM jeunes "
                    "WHERE yp_key IN (SELECT yp_key FROM changed_keys)"
                )
            with phase("résumés"):
                summaries.rebuild(con, today, keys=True, mls=True)
        save_mapping(con, job.mapping)
        extraction_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM extractions").fetchone()[0]
        with phase("qualité"):
            quality.measure(con, extraction_id, today, started)
        con.execute("CHECKPOINT")
        with phase("parquet"):
            if write_parquet and mode == "complet":
                parquet.export_all(con)
            elif write_parquet:
                parquet.export_partitions(con, parquet.changed_partitions(before, parquet.fingerprints(con)))
        seconds = time.monotonic() - clock
        con.execute(
            "INSERT INTO extractions VALUES (?, ?, 'operationnel', ?, ?, ?, ?, ?, ?, ?)",
            [
                extraction_id,
                mode,
                started,
                timezone.now(),
                started,
                today,
                changed,
                job.writer.total,
                seconds,
            ],
        )
        summary = store.last_extraction(con)
    if consume:
        log.consume()
        # Une liste « À faire » gardée qui n'avait pas lu les lignes purgées ne les verra plus : recalculée.
        worklist.forget()
    logger.info(
        "Extraction vers l'entrepôt : fin",
        extra={
            "mode": mode,
            "extraction_id": summary["id"],
            "young_people": summary["young_people"],
            "rows_written": summary["rows_written"],
            "seconds": round(summary["seconds"], 2),
            **{f"seconds_{name.replace(' ', '_')}": value for name, value in phases.items()},
        },
    )
    return {**summary, "phases": phases}


def rebuild_control_copy(path, today, progress=None):
    """Reconstruction complète de contrôle dans le fichier ``path`` (``entrepot_verifier``), datée du jour
    ``today`` de l'entrepôt : sans fichiers Parquet, sans retirer le journal des changements."""
    return run(complete=True, today=today, progress=progress, write_parquet=False, path=path, consume=False)
