"""Story tables: read what the dedupe stage needs, swap in what it decided."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from warehouse.load import fetch_dicts, insert_rows


def releases_for_stories(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every release with the fields story grouping uses."""
    return fetch_dicts(con, "SELECT release_id, source_id, content_hash, title, "
                            "published_at, first_seen_at FROM releases")


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
