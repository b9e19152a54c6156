"""The dedupe stage over the warehouse, incrementally.

Each run signs only releases that are new or whose text changed (a new version), looks up
their LSH buckets among the stored signatures, decides the candidate pairs, and puts each
release in a story: an existing one (its id never changes; several joined by a new copy
are merged into the largest), or a new one. ``stories`` and ``story_members`` are then
derived from the stored assignments.
"""

from __future__ import annotations

import difflib
import re
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from pipelines.dedupe.cluster import (
    Link,
    UnionFind,
    candidates,
    exact_links,
    floor_of,
    link_pairs,
    screen,
)
from pipelines.dedupe.passages import Passages
from pipelines.dedupe.signatures import MAX_DF, SIGNATURE_VERSION, Signatures, compute, weights
from pipelines.dedupe.stories import story_id_for
from warehouse import stories as store
from warehouse.db import transaction

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# DuckDB's cache is capped while the stage runs, so 100,000 releases stay within 2 GiB.
DUCKDB_MEMORY = "512MiB"


def refresh_stories(con: duckdb.DuckDBPyConnection, priority: dict[str, int]
                    ) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Sign new and changed releases, link them into stories, rebuild the story tables.

    Returns (counts with the milliseconds of each step, the rows of stories carried by
    more than one source).
    """
    with store.memory_limit(con, DUCKDB_MEMORY):
        return _refresh(con, priority)


def _refresh(con: duckdb.DuckDBPyConnection, priority: dict[str, int]
             ) -> tuple[dict[str, int], list[dict[str, Any]]]:
    clock = Stopwatch()
    first_run = store.signed_count(con) == 0
    vanished = store.drop_vanished(con)
    counts = {"vanished": len(vanished)}
    todo = store.releases_to_sign(con, SIGNATURE_VERSION)
    clock.lap("read")
    signed, touched = sign_and_link(con, todo, clock)
    counts.update(signed)
    touched |= {story for _, story in vanished}
    if first_run or touched:
        counts.update(store.rebuild_stories(con, priority, None if first_run else touched))
    else:
        counts.update(store.story_counts(con))
    clock.lap("stories")
    rows = store.story_rows(con, min_carriers=2)
    return {**counts, **clock.laps}, rows


class Stopwatch:
    """Milliseconds spent in each step, for the asset's metadata and the benchmark."""

    def __init__(self) -> None:
        self.laps: dict[str, int] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[f"ms_{name}"] = self.laps.get(f"ms_{name}", 0) + round((now - self._last) * 1000)
        self._last = now


def changes(old: str, new: str, limit: int = 5) -> dict[str, list[str]]:
    """Sentences added and removed between two versions of a text."""
    a, b = _SENTENCE.split(old or ""), _SENTENCE.split(new or "")
    added, removed = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            removed += a[i1:i2]
        if tag in ("replace", "insert"):
            added += b[j1:j2]
    return {"added": added[:limit], "removed": removed[:limit]}


def record_versions(con: duckdb.DuckDBPyConnection, todo: list[dict[str, Any]]) -> int:
    """Append a version for every release whose text is new to its chain; returns how many."""
    return store.add_versions(con, [r["release_id"] for r in todo], changes)


def _passages(blobs: list[bytes], kgrams: list[int]) -> Passages:
    fps = [np.frombuffer(b, dtype="<u8") for b in blobs]
    sizes = np.fromiter((len(f) for f in fps), dtype=np.int64, count=len(fps))
    return Passages(np.concatenate(fps).astype(np.uint64) if fps else np.zeros(0, np.uint64),
                    np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64),
                    np.array(kgrams, dtype=np.int32))


def _stored(rows: list[dict[str, Any]]) -> Signatures:
    kgrams = [r["shingles"] for r in rows]
    return Signatures(
        ids=[r["release_id"] for r in rows],
        passages=_passages([r["fingerprints"] for r in rows], kgrams),
        content=_passages([r["content_fingerprints"] for r in rows], kgrams),
        figures=[np.frombuffer(r["figures"], dtype="<u8").astype(np.uint64).reshape(-1, 2)
                 for r in rows],
        exact=np.array([r["exact_hash"] for r in rows], dtype=np.int64).view(np.uint64))


def _weights(con: duckdb.DuckDBPyConnection, batch: Signatures, stored: Signatures
             ) -> tuple[np.ndarray, np.ndarray]:
    """Rarity weights of the batch's and the stored releases' fingerprints: how many
    releases, stored or in the batch, hold each."""
    keys, inverse, df = np.unique(np.concatenate([batch.passages.fps, stored.passages.fps]),
                                  return_inverse=True, return_counts=True)
    n_batch = len(batch.passages.fps)
    # a stored release's fingerprints are counted by the store itself, not twice
    df -= np.bincount(inverse[n_batch:], minlength=len(keys)).astype(df.dtype)
    if store.signed_count(con):
        stored_keys, stored_n = store.key_counts(con, keys)
        if len(stored_keys):
            df[np.searchsorted(keys, stored_keys.astype(np.uint64))] += stored_n
    w = weights(df[inverse])
    return w[:n_batch], w[n_batch:]


def _when(rel: dict[str, Any]) -> tuple[datetime, str]:
    return (rel["published_at"] or rel["first_seen_at"], rel["release_id"])


def sign_and_link(con: duckdb.DuckDBPyConnection, todo: list[dict[str, Any]],
                  clock: Stopwatch | None = None) -> tuple[dict[str, int], set[str]]:
    """Sign ``todo`` (release rows from :func:`warehouse.stories.releases_to_sign`), link
    them to each other and to stored releases, and store signatures and assignments.

    Returns the counts and the ids of every story it touched.
    """
    if not todo:
        return {"signed": 0, "new_versions": 0, "links": 0}, set()
    clock = clock or Stopwatch()
    with transaction(con):
        versions = record_versions(con, todo)
        store.forget(con, [r["release_id"] for r in todo if r["old_hash"] is not None])
        clock.lap("versions")
        sigs = compute([r["release_id"] for r in todo], [r["body_main"] for r in todo])
        for rel in todo:
            del rel["body_main"]  # stored as a version; the signature is all we need now
        clock.lap("sign")
        keys, rows = sigs.band_keys()
        hits: list[tuple[int, str, int]] = []
        same_text: list[str] = []
        if store.signed_count(con):   # nothing stored yet: no lookups (a first run)
            hits = store.shared_fingerprints(con, keys, rows, MAX_DF)
            same_text = store.same_text(con, sigs.exact[sigs.exact != 0].view(np.int64))
        stored_rows = store.stored_signatures(
            con, sorted({rid for _, rid, _ in hits} | set(same_text)))
        stored = _stored(stored_rows)
        w_new, w_stored = _weights(con, sigs, stored)
        pairs, cover = candidates(sigs, w_new, floor_of(None))
        clock.lap("candidates")
        inner = exact_links(sigs) + link_pairs(sigs, pairs[:, 0], w_new, sigs, pairs[:, 1],
                                               w_new, cover=cover)
        clock.lap("decide")
        pos = {rid: k for k, rid in enumerate(stored.ids)}
        li = np.array([h[0] for h in hits], dtype=np.int64)
        ri = np.array([pos[h[1]] for h in hits], dtype=np.int64)
        shared = np.array([h[2] for h in hits], dtype=np.int64)
        sizes, stored_sizes = np.diff(sigs.passages.offsets), np.diff(stored.passages.offsets)
        keep = screen(shared, sizes[li], stored_sizes[ri])
        outer = exact_links(sigs, stored) + link_pairs(sigs, li[keep], w_new, stored,
                                                       ri[keep], w_stored)
        clock.lap("stored_lookup")
        touched: set[str] = set()
        assigned = _assign(con, todo, inner, outer, [r["story_id"] for r in stored_rows],
                           stored.ids, touched)
        table = signature_table(todo, sigs, assigned)
        bands = pa.table({"key": pa.array(keys, type=pa.uint64()),
                          "release_id": pa.DictionaryArray.from_arrays(
                              pa.array(rows.astype(np.int32)), pa.array(sigs.ids))})
        clock.lap("assign")
        store.save_signatures(con, table, bands)
    clock.lap("save")
    return ({"signed": len(todo), "new_versions": versions, "links": len(inner) + len(outer)},
            touched)


def _blobs(parts: list[np.ndarray]) -> pa.Array:
    """Each uint64 array as one little-endian BLOB."""
    return pa.array([np.ascontiguousarray(p, dtype="<u8").tobytes() for p in parts],
                    type=pa.binary())


def _passage_blobs(p: Passages) -> pa.Array:
    """Each release's fingerprints as one little-endian BLOB, without a copy per release."""
    data = np.ascontiguousarray(p.fps, dtype="<u8")
    offsets = (p.offsets * 8).astype(np.int64)
    return pa.Array.from_buffers(pa.large_binary(), len(p), [None, pa.py_buffer(offsets),
                                                             pa.py_buffer(data)])


def signature_table(todo: list[dict[str, Any]], sigs: Signatures,
                    assigned: list[dict[str, Any]]) -> pa.Table:
    """The ``dedupe_signatures`` rows of a signed batch, column by column."""
    n = len(todo)

    def col(name: str, rows: list[dict[str, Any]] = todo) -> list[Any]:
        return [r[name] for r in rows]

    return pa.table({
        "release_id": col("release_id"), "source_id": col("source_id"),
        "canonical_url": col("canonical_url"), "content_hash": col("content_hash"),
        "signature_version": [SIGNATURE_VERSION] * n, "shingles": sigs.passages.kgrams,
        "exact_hash": sigs.exact.view(np.int64),
        "fingerprints": _passage_blobs(sigs.passages), "figures": _blobs(sigs.figures),
        "content_fingerprints": _passage_blobs(sigs.content),
        "story_id": col("story_id", assigned), "linked_to": col("linked_to", assigned),
        "method": col("method", assigned), "similarity": col("similarity", assigned),
        "title": col("title"),
        "published_at": pa.array(col("published_at"), type=pa.timestamp("us", tz="UTC")),
        "first_seen_at": pa.array(col("first_seen_at"), type=pa.timestamp("us", tz="UTC")),
        "signed_at": pa.array([datetime.now(UTC)] * n, type=pa.timestamp("us", tz="UTC")),
    })


def _kept_id(todo: list[dict[str, Any]], rows: list[int], used: set[str]) -> str | None:
    """The story most of these re-signed rows (same text, new signature scheme) had, unless
    another group took it already."""
    olds = Counter(todo[r]["old_story"] for r in rows
                   if todo[r]["old_story"] and todo[r]["old_hash"] == todo[r]["content_hash"])
    for story, _ in olds.most_common():
        if story not in used:
            return story
    return None


def _assign(con: duckdb.DuckDBPyConnection, todo: list[dict[str, Any]], inner: list[Link],
            outer: list[Link], stored_story: list[str], stored_ids: list[str],
            touched: set[str]) -> list[dict[str, Any]]:
    """Story, best link, method and similarity of each new row; merges stories it joins.
    Adds every story id involved to ``touched``."""
    n = len(todo)
    story_ids = sorted({stored_story[link.b] for link in outer}
                       | {r["old_story"] for r in todo if r["old_story"]})
    node = {sid: n + k for k, sid in enumerate(story_ids)}
    uf = UnionFind(n + len(story_ids))
    best: dict[int, tuple[float, str, str]] = {}

    def note(row: int, link: Link, other: str) -> None:
        if row not in best or link.similarity > best[row][0]:
            best[row] = (link.similarity, link.method, other)

    for link in inner:
        uf.union(link.a, link.b)
        note(link.a, link, todo[link.b]["release_id"])
        note(link.b, link, todo[link.a]["release_id"])
    for link in outer:
        uf.union(link.a, node[stored_story[link.b]])
        note(link.a, link, stored_ids[link.b])
    comps: dict[int, list[int]] = defaultdict(list)
    for x in range(n + len(story_ids)):
        comps[uf.find(x)].append(x)
    # A changed release that matches nothing any more stays in its own story.
    for row, rel in enumerate(todo):
        if rel["old_story"] and len(comps[uf.find(row)]) == 1:
            uf.union(row, node[rel["old_story"]])
    comps = defaultdict(list)
    for x in range(n + len(story_ids)):
        comps[uf.find(x)].append(x)
    touched.update(r["old_story"] for r in todo if r["old_story"])
    sizes = store.story_sizes(con, story_ids) if story_ids else {}
    story_of: dict[int, str] = {}
    used = {story_ids[x - n] for nodes in comps.values() if any(x < n for x in nodes)
            for x in nodes if x >= n}
    for nodes in comps.values():
        rows = [x for x in nodes if x < n]
        if not rows:
            continue
        existing = [story_ids[x - n] for x in nodes if x >= n]
        if existing:
            keep = min(existing, key=lambda s: (-sizes.get(s, (0, None))[0], s))
            if len(existing) > 1:
                store.merge_stories(con, keep, [s for s in existing if s != keep])
            touched.update(existing)
        else:
            keep = _kept_id(todo, rows, used) or story_id_for(
                min((todo[r] for r in rows), key=_when)["release_id"])
        used.add(keep)
        touched.add(keep)
        for r in rows:
            story_of[r] = keep
    out = []
    for row in range(n):
        sim, method, other = best.get(row, (1.0, "first", None))
        out.append({"story_id": story_of[row], "linked_to": other, "method": method,
                    "similarity": float(sim)})
    return out
