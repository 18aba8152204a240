"""Extraction pseudonymisée : base opérationnelle -> entrepôt DuckDB (+ Parquet par région et mois).

Incrémentale par défaut : seuls les jeunes modifiés depuis la dernière extraction (dossier créé ou
modifié, contact saisi, fait modifié ou supprimé d'après ``WarehouseChange``, mission locale
fusionnée) sont retirés de l'entrepôt puis relus ; un jeune supprimé disparaît donc de l'entrepôt.
``complet=True`` reconstruit tout. Ni nom, ni coordonnée, ni NIR, ni texte libre, ni date de
naissance exacte : le jeune est désigné par un hachage à clé de son identifiant.
"""

import contextlib
import datetime
import itertools
import time

import pyarrow as pa
from django.db.models import Q
from django.utils import timezone

from parcours.accompaniment.models import Contact, Proposal, Situation
from parcours.accompaniment.rules import is_durable_employment
from parcours.employers.queries import warehouse_monthly_figures
from parcours.referential.models import MissionLocale
from parcours.warehouse import parquet, quality, schema, sources, store, summaries
from parcours.warehouse.models import WarehouseChange
from parcours.warehouse.writer import BatchWriter
from parcours.young_people.models import YoungPerson
from parcours.young_people.rules import eligibility_error

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


def _chunks(ids, size=CHUNK):
    ids = sorted(ids)
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


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


def changed_young_person_ids(since):
    ids = set(
        YoungPerson.objects.filter(Q(updated_at__gte=since) | Q(created_at__gte=since)).values_list(
            "pk", flat=True
        )
    )
    ids |= set(Contact.objects.filter(created_at__gte=since).values_list("young_person_id", flat=True))
    ids |= set(
        WarehouseChange.objects.filter(changed_at__gte=since).values_list("young_person_id", flat=True)
    )
    for model in (sources.enrolment_model(), sources.referral_model()):
        if model is not None and "created_at" in {f.name for f in model._meta.get_fields()}:
            ids |= set(
                model.objects.filter(created_at__gte=since, young_person__isnull=False).values_list(
                    "young_person_id", flat=True
                )
            )
    return ids


class Extraction:
    def __init__(self, con, today, progress=None):
        self.con, self.today = con, today
        self.progress = progress or (lambda iterable, desc, total=None: iterable)
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
            impossible = first > self.today or eligibility_error(birth, first) is not None
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

        contacts = Contact.objects.values_list("young_person_id", "date", "kind", "mode", "status")
        for yp_id, *rest in scoped(contacts, "Contacts"):
            if who := self._who(yp_id):
                self.writer.add("contacts", (*who, *rest))
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
        self.con.execute("DELETE FROM employeurs_mois")
        if totals:
            columns = zip(*[(*key, *values) for key, values in totals.items()], strict=True)
            batch = pa.table(dict(zip(("ml_code", "region_code", "month", *figures), columns, strict=True)))
            self.con.register("_employeurs", batch)
            self.con.execute("INSERT INTO employeurs_mois SELECT * FROM _employeurs")
            self.con.unregister("_employeurs")


def previous_mapping(con):
    con.execute("CREATE TABLE IF NOT EXISTS ml_map (ml_id BIGINT, ml_code VARCHAR)")
    return dict(con.execute("SELECT ml_id, ml_code FROM ml_map").fetchall())


def save_mapping(con, mapping):
    con.execute("DELETE FROM ml_map")
    if mapping:
        con.executemany("INSERT INTO ml_map VALUES (?, ?)", [(pk, code) for pk, (code, _) in mapping.items()])


def run(complete=False, today=None, progress=None, write_parquet=True):
    """Lance une extraction ; renvoie le résumé enregistré dans la table ``extractions``."""
    today = today or timezone.localdate()
    started, clock = timezone.now(), time.monotonic()
    phases = {}

    @contextlib.contextmanager
    def phase(name):
        begin = time.monotonic()
        yield
        phases[name] = round(phases.get(name, 0) + time.monotonic() - begin, 2)

    with store.connect(read_only=False) as con:
        last = store.last_extraction(con)
        mode = "complet" if complete or last is None or last["source"] != "operationnel" else "incremental"
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
                job.young_people(YoungPerson.objects.all())
                job.facts()
            with phase("résumés"):
                summaries.rebuild(con, today)
            changed = len(job.people)
        else:
            ids = changed_young_person_ids(last["watermark"])
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
                for chunk in _chunks(ids):
                    job.young_people(YoungPerson.objects.filter(pk__in=chunk))
                job.facts(ids=[i for i in ids if i in job.people])
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
    WarehouseChange.objects.filter(changed_at__lt=started).delete()
    return {**summary, "phases": phases}
