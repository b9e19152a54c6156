"""Load rows into the warehouse: each partition in one transaction, replacing its rows."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa

from plumbing.faults import crash_point
from warehouse.db import database_path, disk_full_as, transaction

# Tables whose rows belong to one partition, and are replaced when it is loaded again.
PARTITION_TABLES = ("mentions", "contacts", "releases", "articles", "pages", "crawl_runs")


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()]


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]]) -> int:
    """Insert dict rows by column name (missing keys become NULL); returns the count."""
    if not rows:
        return 0
    cols = _columns(con, table)
    data: dict[str, list[Any]] = {}
    for name, dtype in cols:
        values = [r.get(name) for r in rows]
        if dtype == "JSON":
            values = [None if v is None else json.dumps(v, default=str) for v in values]
        data[name] = values
    arrow = pa.table(data)  # noqa: F841 - read by DuckDB's replacement scan below
    casts = ", ".join(f'CAST("{n}" AS {t}) AS "{n}"' for n, t in cols)
    con.execute(f'INSERT INTO "{table}" SELECT {casts} FROM arrow')
    return len(rows)


def upsert_sources(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]]) -> None:
    """Replace the sources table's rows for the given sources."""
    with disk_full_as(database_path(con)), transaction(con):
        for row in rows:
            con.execute("DELETE FROM sources WHERE source_id = ?", [row["source_id"]])
        insert_rows(con, "sources", rows)


def replace_partition(
    con: duckdb.DuckDBPyConnection,
    partition_key: str,
    run: dict[str, Any],
    pages: Sequence[dict[str, Any]],
    articles: Sequence[dict[str, Any]],
    releases: Sequence[dict[str, Any]],
    entities: Sequence[dict[str, Any]] = (),
    mentions: Sequence[dict[str, Any]] = (),
    contacts: Sequence[dict[str, Any]] = (),
) -> dict[str, int]:
    """Make the warehouse hold exactly this run's rows for ``partition_key``, atomically.

    Re-running a partition replaces its rows, so loading the same crawl twice leaves
    the same rows, and a failure half-way (an error, a kill, a full disk, which raises
    :class:`warehouse.db.WarehouseDiskFull`) leaves the previous load untouched. Entities
    are shared across partitions: new ones are added, known ones kept.
    """
    stamped = {
        name: [{**row, "partition_key": partition_key} for row in rows]
        for name, rows in (("pages", pages), ("articles", articles), ("releases", releases),
                           ("mentions", mentions), ("contacts", contacts))
    }
    with disk_full_as(database_path(con)), transaction(con):
        for table in PARTITION_TABLES:
            con.execute(f"DELETE FROM {table} WHERE partition_key = ?", [partition_key])
        crash_point("load.after_delete")
        counts = {"crawl_runs": insert_rows(
            con, "crawl_runs", [{**run, "partition_key": partition_key}])}
        for name in ("pages", "articles", "releases", "contacts", "mentions"):
            counts[name] = insert_rows(con, name, stamped[name])
        counts["new_entities"] = insert_new_entities(con, entities)
        crash_point("load.before_commit")
    crash_point("load.after_commit")
    return counts


def record_run_failure(con: duckdb.DuckDBPyConnection, row: dict[str, Any]) -> None:
    """Write one failed run into ``run_failures``, replacing an earlier row of its run."""
    with transaction(con):
        con.execute("DELETE FROM run_failures WHERE run_id = ?", [row["run_id"]])
        insert_rows(con, "run_failures", [row])


def insert_new_entities(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]]) -> int:
    """Add entities not yet known (by ``entity_id``); returns how many were new."""
    if not rows:
        return 0
    unique = list({r["entity_id"]: r for r in rows}.values())
    known = {r[0] for r in con.execute(
        "SELECT entity_id FROM entities WHERE list_contains(?, entity_id)",
        [[r["entity_id"] for r in unique]]).fetchall()}
    return insert_rows(con, "entities", [r for r in unique if r["entity_id"] not in known])


def fetch_dicts(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()
                ) -> list[dict[str, Any]]:
    """Run a query and return its rows as dicts."""
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
