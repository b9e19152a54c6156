"""Story tables and the dedupe stage's own state: signatures, LSH buckets, versions."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb
import pyarrow as pa

from warehouse.load import fetch_dicts, insert_rows


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, **tables: pa.Table) -> Iterator[None]:
    """Arrow tables visible to SQL under the given names for the block's duration."""
    for name, table in tables.items():
        con.register(name, table)
    try:
        yield
    finally:
        for name in tables:
            con.unregister(name)


def releases_to_sign(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Releases never signed, or whose text changed since (with the previous state)."""
    return fetch_dicts(con, """
        SELECT r.release_id, r.source_id, r.canonical_url, r.content_hash, r.title,
               coalesce(r.body_main, '') AS body_main, r.published_at, r.first_seen_at,
               s.content_hash AS old_hash, s.story_id AS old_story
        FROM releases r LEFT JOIN dedupe_signatures s USING (release_id)
        WHERE s.release_id IS NULL OR s.content_hash <> r.content_hash
        ORDER BY r.release_id""")


def drop_vanished(con: duckdb.DuckDBPyConnection) -> int:
    """Forget signatures of releases no longer in the warehouse; returns how many."""
    gone = [r[0] for r in con.execute(
        "SELECT release_id FROM dedupe_signatures s WHERE NOT EXISTS "
        "(SELECT 1 FROM releases r WHERE r.release_id = s.release_id)").fetchall()]
    if gone:
        forget(con, gone)
    return len(gone)


def forget(con: duckdb.DuckDBPyConnection, release_ids: Sequence[str]) -> None:
    """Delete the signatures and buckets of these releases."""
    with registered(con, ids=pa.table({"release_id": list(release_ids)})):
        con.execute("DELETE FROM dedupe_bands WHERE release_id IN (SELECT release_id FROM ids)")
        con.execute("DELETE FROM dedupe_signatures "
                    "WHERE release_id IN (SELECT release_id FROM ids)")


def bucket_matches(con: duckdb.DuckDBPyConnection, keys: Any, rows: Any
                   ) -> list[tuple[int, str]]:
    """``(row, release_id)`` for stored releases sharing a bucket key with a batch row."""
    with registered(con, probe=pa.table({"key": pa.array(keys, type=pa.uint64()),
                                         "row": pa.array(rows, type=pa.int64())})):
        return con.execute("SELECT DISTINCT p.row, b.release_id FROM probe p "
                           "JOIN dedupe_bands b USING (key)").fetchall()


def stored_signatures(con: duckdb.DuckDBPyConnection, release_ids: Sequence[str]
                      ) -> list[dict[str, Any]]:
    """Stored signature rows of these releases."""
    with registered(con, ids=pa.table({"release_id": list(release_ids)})):
        return fetch_dicts(con, "SELECT release_id, shingles, exact_hash, lead_hashes, minhash, "
                                "fact_minhash, facts, story_id FROM dedupe_signatures "
                                "WHERE release_id IN (SELECT release_id FROM ids)")


def save_signatures(con: duckdb.DuckDBPyConnection, signatures: pa.Table,
                    bands: pa.Table) -> None:
    """Store new signatures (columns named as in ``dedupe_signatures``) and bucket keys."""
    with registered(con, signatures=signatures, bands=bands):
        con.execute("INSERT INTO dedupe_signatures BY NAME SELECT * FROM signatures")
        con.execute("INSERT INTO dedupe_bands SELECT key, release_id FROM bands")


def merge_stories(con: duckdb.DuckDBPyConnection, keep: str, others: Sequence[str]) -> None:
    """Move every member of ``others`` into story ``keep``."""
    con.execute("UPDATE dedupe_signatures SET story_id = ? WHERE list_contains(?, story_id)",
                [keep, list(others)])


def story_sizes(con: duckdb.DuckDBPyConnection, story_ids: Sequence[str]) -> dict[str, tuple]:
    """``story_id -> (members, earliest first_seen_at)`` of stored stories."""
    return {r[0]: (r[1], r[2]) for r in con.execute(
        "SELECT story_id, count(*), min(first_seen_at) FROM dedupe_signatures "
        "WHERE list_contains(?, story_id) GROUP BY 1", [list(story_ids)]).fetchall()}


def last_versions(con: duckdb.DuckDBPyConnection, release_ids: Sequence[str]
                  ) -> dict[str, dict[str, Any]]:
    """The latest stored version of each release."""
    with registered(con, ids=pa.table({"release_id": list(release_ids)})):
        rows = fetch_dicts(con, "SELECT * FROM release_versions WHERE release_id IN "
                                "(SELECT release_id FROM ids) QUALIFY row_number() OVER "
                                "(PARTITION BY release_id ORDER BY version DESC) = 1")
    return {r["release_id"]: r for r in rows}


def add_versions(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]]) -> int:
    """Append version rows."""
    return insert_rows(con, "release_versions", rows)


def rebuild_stories(con: duckdb.DuckDBPyConnection, priority: dict[str, int]
                    ) -> dict[str, int]:
    """Derive ``stories`` and ``story_members`` from the stored assignments, in one swap.

    The canonical member is the earliest published copy (first seen if undated), ties
    broken by source priority (lower first), then release id.
    """
    prio = pa.table({"source_id": pa.array(list(priority), type=pa.string()),
                     "priority": pa.array(list(priority.values()), type=pa.int64())})
    con.execute("BEGIN TRANSACTION")
    con.register("prio", prio)
    try:
        con.execute("DELETE FROM story_members")
        con.execute("DELETE FROM stories")
        con.execute("""
            CREATE OR REPLACE TEMP TABLE _ranked AS
            SELECT s.*, coalesce(s.published_at, s.first_seen_at) AS at,
                   row_number() OVER (PARTITION BY s.story_id ORDER BY
                       coalesce(s.published_at, s.first_seen_at), coalesce(p.priority, 50),
                       s.release_id) AS rank,
                   greatest(coalesce(v.n, 0), 1) AS versions
            FROM dedupe_signatures s LEFT JOIN prio p USING (source_id)
            LEFT JOIN (SELECT release_id, count(*) AS n FROM release_versions GROUP BY 1) v
                USING (release_id)""")
        con.execute("""
            INSERT INTO story_members (story_id, release_id, source_id, method, similarity,
                is_canonical, lag_minutes, first_seen_at, linked_to, versions)
            SELECT m.story_id, m.release_id, m.source_id,
                   CASE WHEN m.rank = 1 THEN 'canonical' ELSE m.method END,
                   CASE WHEN m.rank = 1 THEN 1.0 ELSE m.similarity END, m.rank = 1,
                   epoch(m.at - c.at) / 60.0, m.first_seen_at, m.linked_to, m.versions
            FROM _ranked m JOIN _ranked c ON c.story_id = m.story_id AND c.rank = 1""")
        con.execute("""
            INSERT INTO stories (story_id, canonical_release_id, title, first_seen_at,
                first_published_at, carriers, members, carrier_first_seen, methods)
            WITH per_carrier AS (
                SELECT story_id, source_id, min(first_seen_at) AS seen
                FROM _ranked GROUP BY story_id, source_id),
            carriers AS (
                SELECT story_id, count(*) AS carriers,
                       to_json(map_from_entries(list(struct_pack(k := source_id, v := seen)
                                                     ORDER BY seen))) AS carrier_first_seen
                FROM per_carrier GROUP BY story_id)
            SELECT r.story_id, any_value(r.release_id) FILTER (WHERE r.rank = 1),
                   any_value(r.title) FILTER (WHERE r.rank = 1), min(r.first_seen_at),
                   min(r.published_at), any_value(c.carriers), count(*),
                   any_value(c.carrier_first_seen),
                   list(DISTINCT CASE WHEN r.rank = 1 THEN 'canonical' ELSE r.method END
                        ORDER BY CASE WHEN r.rank = 1 THEN 'canonical' ELSE r.method END)
            FROM _ranked r JOIN carriers c USING (story_id)
            GROUP BY r.story_id""")
        counts = {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                  for name in ("stories", "story_members")}
        con.execute("DROP TABLE _ranked")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("prio")
    return counts


def story_rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The stories table as dicts."""
    return fetch_dicts(con, "SELECT * FROM stories")
