"""Near-duplicate detection and stories, scored against the simulated network's truth."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from pipelines.clean.extract import clean_html
from pipelines.dedupe.exact import content_hash
from pipelines.dedupe.refresh import changes, refresh_stories
from pipelines.dedupe.score import pairwise
from pipelines.dedupe.stories import cluster_documents
from pipelines.parse.release import parse_release
from simulator import WireNetwork
from simulator.generator import COPY_VARIANTS
from warehouse.db import connect
from warehouse.load import insert_rows

PRECISION, RECALL = 0.99, 0.95  # the bar of issue 14 (was 0.97 under the MinHash rules)
PRIORITY = {"prwire": 10, "bizwire": 20, "globewire": 30, "dnanews": 40}


def predicted(docs: list[dict[str, Any]]) -> dict[str, str]:
    return {row["id"]: row["story"] for row in cluster_documents(docs)}


@pytest.fixture(scope="module")
def network() -> WireNetwork:
    return WireNetwork(n_releases=1500, seed=7)


@pytest.fixture(scope="module")
def docs(network: WireNetwork) -> list[dict[str, Any]]:
    return network.documents()


@pytest.fixture(scope="module")
def stories(docs: list[dict[str, Any]]) -> dict[str, str]:
    return predicted(docs)


def test_pairwise_precision_and_recall_meet_the_bar(docs, stories):
    scores = pairwise(stories, {d["id"]: d["release_id"] for d in docs})
    print(scores.line())
    assert scores.true_pairs > 1000
    assert scores.precision >= PRECISION and scores.recall >= RECALL, scores.line()


@pytest.mark.parametrize("seed", [3, 11])
def test_quality_holds_on_other_seeds_without_stripped_boilerplate(seed):
    docs = WireNetwork(n_releases=600, seed=seed).documents(with_boilerplate=True)
    scores = pairwise(predicted(docs), {d["id"]: d["release_id"] for d in docs})
    assert scores.precision >= PRECISION and scores.recall >= RECALL, scores.line()


def test_every_kind_of_copy_joins_its_original(docs, stories):
    by_release: dict[str, list[dict]] = defaultdict(list)
    for d in docs:
        by_release[d["release_id"]].append(d)
    joined: dict[str, list[bool]] = defaultdict(list)
    for copies in by_release.values():
        original = next(d for d in copies if d["variant"] == "original")
        for d in copies:
            if d is not original:
                joined[d["variant"]].append(stories[d["id"]] == stories[original["id"]])
    assert set(joined) == set(COPY_VARIANTS)
    for variant, hits in joined.items():
        share = sum(hits) / len(hits)
        # reworded copies are the hard case: about two in three join (issue 14's report)
        assert share >= (0.6 if variant == "rewritten" else 0.97), (variant, share)


def test_template_lookalikes_from_one_issuer_stay_apart(network, docs, stories):
    truth = network.truth()
    originals = {d["release_id"]: d["id"] for d in docs if d["variant"] == "original"}
    pairs = truth["lookalikes"]
    assert len(pairs) > 150
    merged = [p for p in pairs if stories[originals[p[0]]] == stories[originals[p[1]]]]
    assert len(merged) <= len(pairs) // 100


def test_parsed_bodies_from_rendered_pages_cluster_by_the_truth():
    """The real clean and parse stages on rendered HTML feed the same logic."""
    net = WireNetwork(n_releases=120, seed=5)
    docs = []
    for site_pages in net._pages.values():
        for page in site_pages:
            url = net.url(page)
            cleaned = clean_html(net.render(page).decode(net.view(page).encoding), url)
            parsed = parse_release(cleaned.body_text or "", title=cleaned.title)
            docs.append({"id": url, "text": parsed.body_main or cleaned.body_text,
                         "release_id": net.release_id(page.release)})
    scores = pairwise(predicted(docs), {d["id"]: d["release_id"] for d in docs})
    assert scores.precision >= PRECISION and scores.recall >= RECALL, scores.line()


# -- the warehouse, incrementally ------------------------------------------------------------
def release_row(doc: dict[str, Any], text: str | None = None,
                published: datetime | None = None) -> dict[str, Any]:
    text = doc["text"] if text is None else text
    when = published or doc["published_at"] or datetime(2026, 7, 1, tzinfo=UTC)
    return {
        "release_id": content_hash(doc["id"])[:16], "article_id": "a", "run_id": "r",
        "source_id": doc["site"], "canonical_url": doc["id"], "urls": [doc["id"]],
        "page_ids": ["p"], "title": doc["title"], "carrier": doc["site"], "body_main": text,
        "content_hash": content_hash(text), "published_at": when, "first_seen_at": when,
        "partition_key": doc["site"],
    }


def story_of(con, release_id: str) -> str:
    return con.execute("SELECT story_id FROM story_members WHERE release_id = ?",
                       [release_id]).fetchone()[0]


@pytest.fixture()
def con():
    con = connect(":memory:")
    yield con
    con.close()


def test_incremental_runs_match_a_single_run_and_keep_story_ids(con):
    docs = WireNetwork(n_releases=200, seed=9).documents()
    rows = [release_row(d) for d in docs]
    half = len(rows) // 2
    insert_rows(con, "releases", rows[:half])
    counts, _ = refresh_stories(con, PRIORITY)
    assert counts["signed"] == half
    before = dict(con.execute("SELECT release_id, story_id FROM story_members").fetchall())
    insert_rows(con, "releases", rows[half:])
    counts, _ = refresh_stories(con, PRIORITY)
    assert counts["signed"] == len(rows) - half
    after = dict(con.execute("SELECT release_id, story_id FROM story_members").fetchall())
    # Stories that existed keep their ids (merges keep the larger story's id).
    kept = sum(after[r] == s for r, s in before.items())
    assert kept >= 0.97 * len(before)
    # The same partition of releases as clustering everything at once.
    at_once = {r["release_id"]: row["story"]
               for r, row in zip(rows, cluster_documents(docs), strict=True)}
    same = pairwise(after, at_once)
    assert same.precision >= 0.99 and same.recall >= 0.99, same.line()
    assert refresh_stories(con, PRIORITY)[0]["signed"] == 0


def test_late_earlier_copy_becomes_canonical_without_changing_the_story_id(con):
    net = WireNetwork(n_releases=40, seed=7)
    docs = net.documents()
    story = next(r for r in net.truth()["releases"] if len(r["story"]) >= 2)
    copies = [d for d in docs if d["release_id"] == story["release_id"]]
    late, first = copies[0], copies[1:]
    insert_rows(con, "releases", [release_row(d) for d in first])
    refresh_stories(con, PRIORITY)
    sid = story_of(con, release_row(first[0])["release_id"])
    early = min(d["published_at"] for d in first) - timedelta(hours=3)
    insert_rows(con, "releases", [release_row(late, published=early)])
    refresh_stories(con, PRIORITY)
    late_id = release_row(late)["release_id"]
    assert story_of(con, late_id) == sid
    canon, carriers, seen = con.execute(
        "SELECT canonical_release_id, carriers, carrier_first_seen FROM stories "
        "WHERE story_id = ?", [sid]).fetchone()
    assert canon == late_id
    assert carriers == len({d["site"] for d in copies}) and late["site"] in json.loads(seen)
    lags = dict(con.execute("SELECT release_id, lag_minutes FROM story_members "
                            "WHERE story_id = ?", [sid]).fetchall())
    assert lags[late_id] == 0 and all(v >= 180 for k, v in lags.items() if k != late_id)


def test_changed_text_is_a_version_of_the_same_release_kept_across_reloads(con):
    net = WireNetwork(n_releases=40, seed=7)
    page = net.versioned_pages()[0]
    v1, v2 = net.document(page), net.document(page, version=2)
    insert_rows(con, "releases", [release_row(v1)])
    refresh_stories(con, PRIORITY)
    rid = release_row(v1)["release_id"]
    sid = story_of(con, rid)
    # A partition reload replaces the row, now with the corrected text.
    con.execute("DELETE FROM releases WHERE release_id = ?", [rid])
    insert_rows(con, "releases", [release_row(v2)])
    counts, _ = refresh_stories(con, PRIORITY)
    assert counts["new_versions"] == 1 and story_of(con, rid) == sid
    versions = con.execute("SELECT version, content_hash, changes FROM release_versions "
                           "WHERE release_id = ? ORDER BY version", [rid]).fetchall()
    assert [v[0] for v in versions] == [1, 2] and versions[0][1] != versions[1][1]
    assert "correct a figure" in " ".join(json.loads(versions[1][2])["added"])
    # Reloading the same text again adds nothing.
    con.execute("DELETE FROM releases WHERE release_id = ?", [rid])
    insert_rows(con, "releases", [release_row(v2)])
    assert refresh_stories(con, PRIORITY)[0]["signed"] == 0
    assert con.execute("SELECT count(*) FROM release_versions").fetchone()[0] == 2


def test_changes_lists_added_and_removed_sentences():
    diff = changes("One fact. Two facts.", "One fact. Three facts. A note.")
    assert diff == {"added": ["Three facts.", "A note."], "removed": ["Two facts."]}


# -- the command line ------------------------------------------------------------------------
CLI = [sys.executable, "-m", "pipelines.cli"]


@pytest.mark.slow
def test_cluster_jsonl_prints_a_story_per_line():
    docs = WireNetwork(n_releases=12, seed=7).documents()
    lines = "".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in docs)
    out = subprocess.run(CLI + ["cluster", "--jsonl"], input=lines.encode(),
                         capture_output=True, timeout=120)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(x) for x in out.stdout.decode().splitlines()]
    assert [r["id"] for r in rows] == [d["id"] for d in docs]
    got = {r["id"]: r["story"] for r in rows}
    scores = pairwise(got, {d["id"]: d["release_id"] for d in docs})
    assert scores.precision == 1.0 and scores.recall == 1.0


@pytest.mark.slow
def test_explain_says_why(tmp_path):
    net = WireNetwork(n_releases=40, seed=7)
    docs = net.documents()
    a, b = net.truth()["lookalikes"][0]
    orig = {d["release_id"]: d for d in docs if d["variant"] == "original"}
    copy = next(d for d in docs if d["release_id"] == a and d["variant"] != "original")
    db = tmp_path / "w.duckdb"
    con = connect(db)
    insert_rows(con, "releases", [release_row(d) for d in (orig[a], orig[b], copy)])
    refresh_stories(con, PRIORITY)
    con.close()
    ids = [release_row(d)["release_id"] for d in (orig[a], copy, orig[b])]
    same = subprocess.run(CLI + ["explain", ids[0], copy["id"], "--db", str(db)],
                          capture_output=True, timeout=120)
    assert same.returncode == 0, same.stderr
    assert "same story" in same.stdout.decode()
    apart = subprocess.run(CLI + ["explain", ids[0], ids[2], "--db", str(db), "--json"],
                           capture_output=True, timeout=120)
    verdict = json.loads(apart.stdout)
    assert verdict["same"] is False and verdict["same_story_in_warehouse"] is False
    assert verdict["reason"]


def test_a_warehouse_signed_with_minhash_is_re_signed_and_keeps_its_story_ids(tmp_path):
    """Migration 014 drops the MinHash columns; the next run re-signs every release and
    each keeps the story id it had."""
    import duckdb

    from warehouse.db import migrate

    docs = WireNetwork(n_releases=60, seed=4).documents()
    rows = [release_row(d) for d in docs]
    path = str(tmp_path / "old.duckdb")
    old = duckdb.connect(path)
    migrate(old, target=12)
    insert_rows(old, "releases", rows)
    # stories as the MinHash rules stored them: one story per simulated release
    for row, doc in zip(rows, docs, strict=True):
        old.execute(
            "INSERT INTO dedupe_signatures VALUES (?, ?, ?, ?, 'rensa-old', 1, 0, [0, 0], "
            "''::BLOB, ''::BLOB, [], ?, NULL, 'first', 1.0, ?, ?, ?, now())",
            [row["release_id"], row["source_id"], row["canonical_url"], row["content_hash"],
             "story-" + doc["release_id"], row["title"], row["published_at"],
             row["first_seen_at"]])
    old.close()
    con = connect(path)
    try:
        counts, _ = refresh_stories(con, PRIORITY)
        assert counts["signed"] == len(rows)
        after = dict(con.execute("SELECT release_id, story_id FROM story_members").fetchall())
        assert after == {r["release_id"]: "story-" + d["release_id"]
                         for r, d in zip(rows, docs, strict=True)}
        assert con.execute("SELECT count(*) FROM dedupe_bands").fetchone()[0] > 0
        assert refresh_stories(con, PRIORITY)[0]["signed"] == 0
    finally:
        con.close()
