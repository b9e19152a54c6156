"""Load rows into the warehouse: each partition in one transaction, replacing its rows."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa

PARTITION_TABLES = ("releases", "articles", "pages", "crawl_runs")


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
    con.execute("BEGIN TRANSACTION")
    try:
        for row in rows:
            con.execute("DELETE FROM sources WHERE source_id = ?", [row["source_id"]])
        insert_rows(con, "sources", rows)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def replace_partition(
    con: duckdb.DuckDBPyConnection,
    source_id: str,
    run: dict[str, Any],
    pages: Sequence[dict[str, Any]],
    articles: Sequence[dict[str, Any]],
    releases: Sequence[dict[str, Any]],
) -> dict[str, int]:
    """Make the warehouse hold exactly this run's rows for ``source_id``, atomically.

    Re-running a partition replaces its rows, so loading the same crawl twice leaves
    the same rows, and a failure half-way leaves the previous load untouched.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        for table in PARTITION_TABLES:
            con.execute(f"DELETE FROM {table} WHERE source_id = ?", [source_id])
        counts = {
            "crawl_runs": insert_rows(con, "crawl_runs", [run]),
            "pages": insert_rows(con, "pages", pages),
            "articles": insert_rows(con, "articles", articles),
            "releases": insert_rows(con, "releases", releases),
        }
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return counts


def replace_stories(
    con: duckdb.DuckDBPyConnection,
    stories: Sequence[dict[str, Any]],
    members: Sequence[dict[str, Any]],
) -> dict[str, int]:
    """Swap in a freshly computed story grouping in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM story_members")
        con.execute("DELETE FROM stories")
        counts = {
            "stories": insert_rows(con, "stories", stories),
            "story_members": insert_rows(con, "story_members", members),
        }
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return counts


def fetch_dicts(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()
                ) -> list[dict[str, Any]]:
    """Run a query and return its rows as dicts."""
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
