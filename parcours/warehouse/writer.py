"""Écriture par lots dans DuckDB à travers Arrow (sans passer ligne à ligne)."""

import pyarrow as pa

from parcours.warehouse.schema import FACT_TABLES

ARROW_TYPES = {"VARCHAR": pa.string(), "DATE": pa.date32(), "BOOLEAN": pa.bool_(), "INTEGER": pa.int32()}


def arrow_table(table, rows):
    columns = FACT_TABLES[table]
    data = list(zip(*rows, strict=True)) if rows else [[] for _ in columns]
    return pa.table(
        {
            name: pa.array(values, type=ARROW_TYPES[kind])
            for (name, kind), values in zip(columns, data, strict=True)
        }
    )


class BatchWriter:
    """Accumule des lignes par table et les insère par lots de ``batch_size``."""

    def __init__(self, con, batch_size=50_000):
        self.con, self.batch_size = con, batch_size
        self.buffers = {table: [] for table in FACT_TABLES}
        self.written = dict.fromkeys(FACT_TABLES, 0)

    def add(self, table, row):
        buffer = self.buffers[table]
        buffer.append(row)
        if len(buffer) >= self.batch_size:
            self.flush(table)

    def flush(self, table=None):
        for name in [table] if table else list(self.buffers):
            rows = self.buffers[name]
            if not rows:
                continue
            batch = arrow_table(name, rows)
            self.con.register("_batch", batch)
            self.con.execute(f"INSERT INTO {name} SELECT * FROM _batch")
            self.con.unregister("_batch")
            self.written[name] += len(rows)
            self.buffers[name] = []

    @property
    def total(self):
        return sum(self.written.values())
