"""What a partition's load must leave out because other partitions already hold it: a
release lands once, in the partition that first found it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb


def _ids_elsewhere(con: duckdb.DuckDBPyConnection, table: str, column: str,
                   partition_key: str, ids: Sequence[str]) -> set[str]:
    if not ids:
        return set()
    rows = con.execute(
        f"SELECT {column} FROM {table} WHERE partition_key <> ? AND list_contains(?, {column})",
        [partition_key, list(ids)]).fetchall()
    return {r[0] for r in rows}


def drop_loaded_elsewhere(
    con: duckdb.DuckDBPyConnection, partition_key: str, rows: dict[str, list[dict[str, Any]]]
) -> dict[str, int]:
    """Remove, in place, pages and releases (with their articles, mentions and contacts)
    that another partition already holds: a release lands once, in the partition that
    first found it. Returns how many rows of each kind were left out."""
    pages_seen = _ids_elsewhere(con, "pages", "page_id", partition_key,
                                [p["page_id"] for p in rows["pages"]])
    releases_seen = _ids_elsewhere(con, "releases", "release_id", partition_key,
                                   [r["release_id"] for r in rows["releases"]])
    articles_seen = _ids_elsewhere(con, "articles", "article_id", partition_key,
                                   [a["article_id"] for a in rows["articles"]])
    dropped_articles = {r["article_id"] for r in rows["releases"]
                        if r["release_id"] in releases_seen} | articles_seen
    keep = {
        "pages": lambda r: r["page_id"] not in pages_seen,
        "articles": lambda r: r["article_id"] not in dropped_articles,
        "releases": lambda r: r["release_id"] not in releases_seen
        and r["article_id"] not in dropped_articles,
    }
    counts: dict[str, int] = {}
    for name in ("pages", "articles", "releases"):
        before = len(rows[name])
        rows[name] = [r for r in rows[name] if keep[name](r)]
        counts[f"already_loaded_{name}"] = before - len(rows[name])
    kept_releases = {r["release_id"] for r in rows["releases"]}
    for name in ("mentions", "contacts"):
        rows[name] = [r for r in rows.get(name, []) if r["release_id"] in kept_releases]
    return counts
