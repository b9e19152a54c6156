"""What the warehouse holds: sources with their last runs, row counts, freshness."""

from __future__ import annotations

from typing import Any

import duckdb

from warehouse.load import fetch_dicts
from warehouse.search import INDEX_SCHEMA, STATE_TABLE, has_index

COUNTED = ("sources", "crawl_runs", "pages", "articles", "releases", "stories",
           "story_members", "entities", "mentions", "contacts")

SOURCES_SQL = """
SELECT source_id, kind, enabled, health, last_finished_at, last_finish_reason,
       fetches, errors, releases, last_yield, newest_published_at,
       hours_since_last_run, hours_since_newest_release
FROM mart_source_health
ORDER BY source_id
"""


def newest_seen_by_source(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """When each source's newest release was first seen: ``{source_id: datetime}``."""
    return dict(con.execute("SELECT source_id, max(first_seen_at) FROM releases GROUP BY 1"
                            ).fetchall())


def warehouse_status(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Sources (from ``mart_source_health``), row counts, schema version, search index."""
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
        "AND database_name = current_database()").fetchall()}
    counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
              for t in COUNTED if t in tables}
    version = con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
    search: dict[str, Any] = {"indexed": has_index(con)}
    if search["indexed"]:
        search["documents"] = con.execute(
            f"SELECT num_docs FROM {INDEX_SCHEMA}.stats").fetchone()[0]
        try:
            search["built_at"] = con.execute(f"SELECT built_at FROM {STATE_TABLE}"
                                             ).fetchone()[0]
        except duckdb.CatalogException:
            search["built_at"] = None
    newest = con.execute("SELECT max(published_at), max(first_seen_at) FROM releases"
                         ).fetchone()
    return {
        "schema_version": version,
        "counts": counts,
        "newest_published_at": newest[0],
        "newest_seen_at": newest[1],
        "search": search,
        "sources": fetch_dicts(con, SOURCES_SQL),
    }
