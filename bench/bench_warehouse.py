"""Benchmark: the analyst warehouse with N releases (default 100,000).

    .venv/bin/python bench/bench_warehouse.py --releases 100000 [--repeat 3]

Rows are synthesised directly (no crawl) with release text from the simulator's generator,
spread over four sources and 60 days, with pages, articles, stories and entity mentions.
Prints medians over ``--repeat`` runs of: the load (``replace_partition`` per source),
the BM25 index rebuild, a BM25 search, and a full read of each mart.
Targets: load <= 20 s, search <= 300 ms, each mart <= 500 ms, rebuild <= 60 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.generator import (  # noqa: E402
    SITE_IDS,
    build_issuers,
    plan_release,
    release_text,
)
from warehouse.db import connect, mart_files  # noqa: E402
from warehouse.load import insert_rows, replace_partition  # noqa: E402
from warehouse.search import rebuild_search, search  # noqa: E402

AGENCIES = {"prwire": "PR Newswire", "bizwire": "Business Wire",
            "globewire": "GlobeNewswire", "dnanews": "DNA"}
COUNTRIES = {"United States": "US", "Canada": "CA", "Pakistan": "PK"}
QUERIES = ["quarter revenue results", "iran pakistan trade", "acquisition completes",
           "supply agreement semiconductors", "appoints chief executive officer",
           "textile exports karachi"]
START = datetime(2026, 5, 1, tzinfo=UTC)
UNIQUE_TEXTS = 6000


def synthesise(n: int, seed: int = 7) -> dict[str, list[dict[str, Any]]]:
    """Rows for ``n`` releases per table, keyed by source for releases/pages/articles."""
    issuers = build_issuers(seed, 400)
    texts = []
    for i in range(min(n, UNIQUE_TEXTS)):
        plan = plan_release(seed, i, issuers)
        body = release_text(seed, plan, START)
        texts.append((plan, "\n\n".join(body.paragraphs), "\n".join(body.about)))
    out: dict[str, Any] = {s: {"pages": [], "articles": [], "releases": [], "mentions": []}
                           for s in SITE_IDS}
    entities: dict[str, dict[str, Any]] = {}
    stories, members = [], []
    for i in range(n):
        plan, body, about = texts[i % len(texts)]
        source = SITE_IDS[i % 4]
        rid, pid = f"r{i:07d}", f"p{i:07d}"
        url = f"http://{source}.test/{i}"
        published = START + timedelta(minutes=(i * 37) % (60 * 24 * 60))
        seen = published + timedelta(minutes=5 + i % 90)
        issuer = plan.issuer
        out[source]["pages"].append({
            "page_id": pid, "source_id": source, "run_id": f"run-{source}", "url": url,
            "role": "release", "status": 200, "fetched_at": seen, "outcome": "ok",
            "size": len(body)})
        out[source]["articles"].append({
            "article_id": pid, "page_id": pid, "source_id": source, "url": url,
            "canonical_url": url, "title": plan.headline, "body_text": body + "\n" + about,
            "extractor": "trafilatura", "extractor_version": "2.3.1"})
        out[source]["releases"].append({
            "release_id": rid, "article_id": pid, "source_id": source,
            "run_id": f"run-{source}", "canonical_url": url, "urls": [url], "page_ids": [pid],
            "title": plan.headline, "subheadline": plan.subheadline or None,
            "dateline_city": issuer.city.name,
            "dateline_country": COUNTRIES.get(issuer.city.country, "GB"),
            "agency": AGENCIES[source], "carrier": source, "tickers": list(issuer.tickers),
            "lead": body.split("\n\n")[0], "body_main": body, "boilerplate": about,
            "content_hash": f"h{i % len(texts)}", "published_at": published,
            "published_offset": "+00:00", "first_seen_at": seen})
        org = f"org:{issuer.index}"
        country = f"country:{COUNTRIES.get(issuer.city.country, 'GB')}"
        entities[org] = {"entity_id": org, "kind": "organisation", "name": issuer.name,
                         "acronym": issuer.short}
        entities[country] = {"entity_id": country, "kind": "country",
                             "name": issuer.city.country}
        for k, eid in enumerate((org, country, f"org:{(issuer.index + 1 + i % 7) % 400}")):
            out[source]["mentions"].append({
                "release_id": rid, "entity_id": eid, "kind": eid.split(":")[0]
                .replace("org", "organisation"), "surface": eid, "start_offset": k * 50,
                "end_offset": k * 50 + 10})
        head = i - i % 3  # every three consecutive releases (three sources) share a story
        if i == head:
            stories.append({"story_id": f"s{i:07d}", "canonical_release_id": rid,
                            "title": plan.headline, "first_seen_at": seen,
                            "first_published_at": published, "carriers": min(3, n - i),
                            "members": min(3, n - i)})
        members.append({"story_id": f"s{head:07d}", "release_id": rid, "source_id": source,
                        "method": "canonical" if i == head else "exact", "similarity": 1.0,
                        "is_canonical": i == head, "lag_minutes": float((i - head) * 37)})
    for e in list(entities.values()):
        e.setdefault("acronym", None)
    for k in range(400):
        entities.setdefault(f"org:{k}", {"entity_id": f"org:{k}", "kind": "organisation",
                                         "name": issuers[k].name, "acronym": issuers[k].short})
    return {"by_source": out, "entities": list(entities.values()), "stories": stories,
            "members": members}


def load(db: Path, data: dict[str, Any]) -> None:
    """Everything into a fresh warehouse: one replace_partition per source, then stories."""
    con = connect(db)
    try:
        for source, rows in data["by_source"].items():
            run = {"run_id": f"run-{source}", "source_id": source, "started_at": START,
                   "finished_at": START, "exit_code": 0, "stats": {}}
            replace_partition(con, source, run, rows["pages"], rows["articles"],
                              rows["releases"], entities=data["entities"],
                              mentions=rows["mentions"])
        insert_rows(con, "stories", data["stories"])
        insert_rows(con, "story_members", data["members"])
    finally:
        con.close()


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def mart_views() -> list[str]:
    names = []
    for _, sql in mart_files():
        names += [line.split()[4] for line in sql.splitlines()
                  if line.startswith("CREATE OR REPLACE VIEW")]
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n = args.releases

    t = time.perf_counter()
    data = synthesise(n)
    print(f"synthesised {n} releases in {time.perf_counter() - t:.1f} s")
    loads, rebuilds, searches = [], [], []
    marts: dict[str, list[float]] = {name: [] for name in mart_views()}
    with tempfile.TemporaryDirectory(prefix="bench-warehouse-") as tmp:
        for r in range(args.repeat):
            db = Path(tmp) / f"w{r}.duckdb"
            loads.append(timed(lambda db=db: load(db, data)))
            con = connect(db)
            try:
                rebuilds.append(timed(lambda con=con: rebuild_search(con, force=True)))
                search(con, QUERIES[0])  # warm
                for q in QUERIES:
                    searches.append(timed(lambda q=q, con=con: search(con, q, limit=20)))
                for name in marts:
                    cols = "* EXCLUDE (body_main, lead)" if name == "mart_releases" else "*"
                    marts[name].append(timed(lambda name=name, cols=cols, con=con: con.execute(
                        f"SELECT {cols} FROM {name}").to_arrow_table()))
            finally:
                con.close()
            db.unlink()

    def row(label: str, values: list[float], target: float, unit: str = "s") -> None:
        med = statistics.median(values)
        shown = f"{med * 1000:.0f} ms" if unit == "ms" else f"{med:.2f} s"
        limit = f"{target * 1000:.0f} ms" if unit == "ms" else f"{target:.0f} s"
        print(f"  {label:<34} {shown:>10}   (target <= {limit}, "
              f"{'ok' if med <= target else 'OVER'})")

    print(f"warehouse with {n} releases, medians of {args.repeat} runs:")
    row("load (replace_partition x4)", loads, 20)
    row("FTS rebuild", rebuilds, 60)
    row("BM25 search (6 queries)", searches, 0.3, "ms")
    for name, values in marts.items():
        row(f"mart {name}", values, 0.5, "ms")


if __name__ == "__main__":
    main()
