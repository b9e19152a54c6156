"""Story tables and the dedupe stage's own state: signatures, LSH buckets, versions."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from plumbing.faults import crash_point
from warehouse.db import transaction
from warehouse.load import fetch_dicts


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


@contextmanager
def memory_limit(con: duckdb.DuckDBPyConnection, limit: str) -> Iterator[None]:
    """DuckDB's memory limit lowered to ``limit`` for the block (it spills beyond it), then
    restored."""
    before = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    con.execute(f"SET memory_limit = '{limit}'")
    try:
        yield
    finally:
        con.execute(f"SET memory_limit = '{before}'")


def releases_to_sign(con: duckdb.DuckDBPyConnection, version: str) -> list[dict[str, Any]]:
    """Releases never signed, whose text changed since, or signed by another scheme than
    ``version`` (with the previous state)."""
    return fetch_dicts(con, """
        SELECT r.release_id, r.source_id, r.canonical_url, r.content_hash, r.title,
               coalesce(r.body_main, '') AS body_main, r.published_at, r.first_seen_at,
               s.content_hash AS old_hash, s.story_id AS old_story
        FROM releases r LEFT JOIN dedupe_signatures s USING (release_id)
        WHERE s.release_id IS NULL OR s.content_hash <> r.content_hash
           OR s.signature_version <> ?
        ORDER BY r.release_id""", [version])


def drop_vanished(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """Forget signatures of releases no longer in the warehouse; returns their
    ``(release_id, story_id)``."""
    gone = con.execute(
        "SELECT release_id, story_id FROM dedupe_signatures s WHERE NOT EXISTS "
        "(SELECT 1 FROM releases r WHERE r.release_id = s.release_id)").fetchall()
    if gone:
        forget(con, [r[0] for r in gone])
    return gone


def signed_count(con: duckdb.DuckDBPyConnection) -> int:
    """How many releases have a stored signature."""
    return con.execute("SELECT count(*) FROM dedupe_signatures").fetchone()[0]


def forget(con: duckdb.DuckDBPyConnection, release_ids: Sequence[str]) -> None:
    """Delete the signatures and buckets of these releases."""
    with registered(con, ids=pa.table({"release_id": list(release_ids)})):
        con.execute("DELETE FROM dedupe_bands WHERE release_id IN (SELECT release_id FROM ids)")
        con.execute("DELETE FROM dedupe_signatures "
                    "WHERE release_id IN (SELECT release_id FROM ids)")


def shared_fingerprints(con: duckdb.DuckDBPyConnection, keys: Any, rows: Any, max_df: int
                        ) -> list[tuple[int, str, int]]:
    """``(row, release_id, shared)`` for stored releases sharing fingerprints with a batch
    row; fingerprints already held by ``max_df`` or more releases are template text,
    skipped."""
    with registered(con, probe=pa.table({"key": pa.array(keys, type=pa.uint64()),
                                         "row": pa.array(np.asarray(rows, dtype=np.int64))})):
        # materialised first, so the joins below build on the small side (the batch's
        # distinct fingerprints), never on the whole index
        con.execute("CREATE OR REPLACE TEMP TABLE _probe AS SELECT key, row FROM probe")
    con.execute("CREATE OR REPLACE TEMP TABLE _keys AS SELECT DISTINCT key FROM _probe")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _hits AS
        SELECT b.key, b.release_id FROM dedupe_bands b SEMI JOIN _keys k USING (key)""")
    con.execute("""
        DELETE FROM _hits WHERE key IN (SELECT key FROM _hits GROUP BY key
                                        HAVING count(*) >= ?)""", [max_df])
    got = con.execute("""
        SELECT p.row, h.release_id, count(*) FROM _probe p JOIN _hits h USING (key)
        GROUP BY ALL""").fetchall()
    con.execute("DROP TABLE _probe; DROP TABLE _keys; DROP TABLE _hits")
    return got


def same_text(con: duckdb.DuckDBPyConnection, exact_hashes: Any) -> list[str]:
    """Stored releases whose body hash is one of ``exact_hashes`` (signed BIGINT bits)."""
    with registered(con, probe=pa.table({"h": pa.array(exact_hashes, type=pa.int64())})):
        return [r[0] for r in con.execute(
            "SELECT release_id FROM dedupe_signatures "
            "WHERE exact_hash IN (SELECT h FROM probe)").fetchall()]


def key_counts(con: duckdb.DuckDBPyConnection, keys: Any) -> tuple[Any, Any]:
    """``(keys, releases holding each)`` among stored fingerprints, for distinct ``keys``."""
    with registered(con, probe=pa.table({"key": pa.array(keys, type=pa.uint64())})):
        con.execute("CREATE OR REPLACE TEMP TABLE _keys AS SELECT key FROM probe")
    got = con.execute("SELECT key, count(*) AS n FROM dedupe_bands b SEMI JOIN _keys k "
                      "USING (key) GROUP BY key").fetchnumpy()
    con.execute("DROP TABLE _keys")
    return got["key"], got["n"]


def stored_signatures(con: duckdb.DuckDBPyConnection, release_ids: Sequence[str]
                      ) -> list[dict[str, Any]]:
    """Stored signature rows of these releases."""
    with registered(con, ids=pa.table({"release_id": list(release_ids)})):
        return fetch_dicts(con, "SELECT release_id, shingles, exact_hash, fingerprints, "
                                "content_fingerprints, figures, story_id "
                                "FROM dedupe_signatures "
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


def add_versions(con: duckdb.DuckDBPyConnection, release_ids: Sequence[str],
                 diff: Callable[[str, str], dict[str, Any]]) -> int:
    """Append a version for each of these releases whose text is new to its chain, with
    ``diff(previous body, body)`` as its changes; returns how many. Bodies stay in SQL."""
    with registered(con, ids=pa.table({"release_id": pa.array(list(release_ids),
                                                               type=pa.string())})):
        con.execute("""
            CREATE OR REPLACE TEMP TABLE _new_versions AS
            SELECT r.release_id, r.canonical_url, coalesce(v.version, 0) + 1 AS version,
                   r.content_hash, r.body_main, coalesce(r.first_seen_at, now()) AS seen_at,
                   v.body_main AS previous
            FROM releases r
            LEFT JOIN (SELECT * FROM release_versions
                       WHERE release_id IN (SELECT release_id FROM ids)
                       QUALIFY row_number() OVER (PARTITION BY release_id
                                                  ORDER BY version DESC) = 1) v
                USING (release_id)
            WHERE r.release_id IN (SELECT release_id FROM ids)
              AND (v.content_hash IS NULL OR v.content_hash <> r.content_hash)""")
    changed = con.execute("SELECT release_id, previous, body_main FROM _new_versions "
                          "WHERE version > 1").fetchall()
    diffs = pa.table({"release_id": pa.array([r[0] for r in changed], type=pa.string()),
                      "changes": pa.array([json.dumps(diff(r[1] or "", r[2] or ""))
                                           for r in changed], type=pa.string())})
    with registered(con, diffs=diffs):
        con.execute("""
            INSERT INTO release_versions (release_id, canonical_url, version, content_hash,
                                          body_main, seen_at, changes)
            SELECT n.release_id, n.canonical_url, n.version, n.content_hash, n.body_main,
                   n.seen_at, CAST(d.changes AS JSON)
            FROM _new_versions n LEFT JOIN diffs d USING (release_id)""")
    count = con.execute("SELECT count(*) FROM _new_versions").fetchone()[0]
    con.execute("DROP TABLE _new_versions")
    return count


def rebuild_stories(con: duckdb.DuckDBPyConnection, priority: dict[str, int],
                    story_ids: Sequence[str] | None = None) -> dict[str, int]:
    """Derive ``stories`` and ``story_members`` from the stored assignments, in one
    transaction: every story, or only ``story_ids`` (those a run touched).

    The canonical member is the earliest published copy (first seen if undated), ties
    broken by source priority (lower first), then release id.
    """
    prio = pa.table({"source_id": pa.array(list(priority), type=pa.string()),
                     "priority": pa.array(list(priority.values()), type=pa.int64())})
    touched = pa.table({"story_id": pa.array(sorted(story_ids or ()), type=pa.string())})
    which = "" if story_ids is None else "WHERE story_id IN (SELECT story_id FROM touched)"
    with registered(con, prio=prio, touched=touched), transaction(con):
        con.execute(f"DELETE FROM story_members {which}")
        con.execute(f"DELETE FROM stories {which}")
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE _ranked AS
            SELECT s.*, coalesce(s.published_at, s.first_seen_at) AS at,
                   row_number() OVER (PARTITION BY s.story_id ORDER BY
                       coalesce(s.published_at, s.first_seen_at), coalesce(p.priority, 50),
                       s.release_id) AS rank,
                   greatest(coalesce(v.n, 0), 1) AS versions
            FROM (SELECT * FROM dedupe_signatures {which}) s
            LEFT JOIN prio p USING (source_id)
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
        counts = story_counts(con)
        con.execute("DROP TABLE _ranked")
        crash_point("stories.before_commit")
    return counts


def story_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows in ``stories`` and ``story_members``."""
    return {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            for name in ("stories", "story_members")}


def story_rows(con: duckdb.DuckDBPyConnection, min_carriers: int = 1
               ) -> list[dict[str, Any]]:
    """Stories carried by at least ``min_carriers`` sources, as dicts."""
    return fetch_dicts(con, "SELECT * FROM stories WHERE carriers >= ?", [min_carriers])
