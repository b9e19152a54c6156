"""Benchmark: each stage's throughput and peak memory on a simulated network of N releases.

    .venv/bin/python bench/bench_pipeline.py --releases 2000 [--repeat 3]

Stages run as plain functions (the same ones the Dagster assets call), each in its own
forked process so its peak RSS is its own. The clean stage runs twice, on one core and on
all cores, to give the parallel speed-up. Figures are medians over ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import pickle
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawlers.registry import enabled_sources, registry  # noqa: E402
from pipelines.articles import clean_pages  # noqa: E402
from pipelines.crawl import SIMULATED_SETTINGS, run_crawl  # noqa: E402
from pipelines.dedupe.refresh import refresh_stories  # noqa: E402
from pipelines.manifest import page_rows, read_manifest  # noqa: E402
from pipelines.releases import release_rows  # noqa: E402
from simulator import SimulatorServer, WireNetwork  # noqa: E402
from simulator.registry import use_simulated_sources  # noqa: E402
from warehouse.db import connect  # noqa: E402
from warehouse.load import replace_partition  # noqa: E402

use_simulated_sources()  # the simulated sources, for this process and its crawls


def _child(fn: Callable[[], Any], out: Path, conn: Any) -> None:
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    out.write_bytes(pickle.dumps(result))
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    conn.send((elapsed, max(peak_kib, children)))


def measured(fn: Callable[[], Any], work: Path) -> tuple[Any, float, float]:
    """Run ``fn`` in a forked process; return (result, seconds, peak MiB)."""
    ctx = mp.get_context("fork")
    out = work / f"stage-{time.monotonic_ns()}.pkl"
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_child, args=(fn, out, child))
    proc.start()
    elapsed, peak = parent.recv()
    proc.join()
    result = pickle.loads(out.read_bytes())
    out.unlink()
    return result, elapsed, peak / 1024


def one_run(n: int, seed: int, work: Path) -> dict[str, tuple[float, float, int]]:
    """Run every stage once; return ``{stage: (seconds, peak MiB, items)}``."""
    data = work / "data"
    figures: dict[str, tuple[float, float, int]] = {}
    sources = enabled_sources(network="simulated")
    net = WireNetwork(n_releases=n, seed=seed)
    with SimulatorServer(net) as sim:
        def crawl_all() -> list[dict]:
            runs = []
            for s in sources:
                runs.append(run_crawl(s.id, data, proxy=sim.proxy_url,
                                      settings=SIMULATED_SETTINGS).to_row())
            return runs
        runs, secs, peak = measured(crawl_all, work)
    pages = [p for r in runs
             for p in page_rows(read_manifest(Path(r["run_dir"]) / "manifest.jsonl"))]
    n_release_pages = sum(p.role == "release" for p in pages)
    figures["crawl"] = (secs, peak, n_release_pages)

    (_, arts1), secs1, peak1 = measured(lambda: clean_pages(pages, data.resolve(), workers=1),
                                        work)
    figures["clean (1 core)"] = (secs1, peak1, len(arts1))
    (pages, articles), secs_all, peak_all = measured(
        lambda: clean_pages(pages, data.resolve(), workers=os.cpu_count()), work)
    figures[f"clean ({os.cpu_count()} cores)"] = (secs_all, peak_all, len(articles))

    def parse_all() -> list[dict]:
        out = []
        for s in sources:
            arts_s = [a for a in articles if a.source_id == s.id]
            out += release_rows(arts_s, pages, carrier=s.name)
        return out
    rels, secs, peak = measured(parse_all, work)
    figures["parse + collapse"] = (secs, peak, len(rels))

    db = work / "bench.duckdb"

    def load_all() -> int:
        con = connect(db)
        for r in runs:
            sid = r["source_id"]
            run_row = {"run_id": r["run_id"], "source_id": sid, "partition_key": sid,
                       "stats": r["stats"]}
            replace_partition(con, sid, run_row, [p.to_row() for p in pages if p.source_id == sid],
                              [a.to_row() for a in articles if a.source_id == sid],
                              [x for x in rels if x["source_id"] == sid])
        con.close()
        return len(rels)
    _, secs, peak = measured(load_all, work)
    figures["load"] = (secs, peak, len(rels))

    def stories() -> int:
        con = connect(db)
        _, story_rows = refresh_stories(con, {s.id: s.priority for s in registry().values()})
        con.close()
        return len(story_rows)
    n_stories, secs, peak = measured(stories, work)
    figures["stories"] = (secs, peak, len(rels))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    runs = []
    for i in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="wiredesk-bench-") as tmp:
            runs.append(one_run(args.releases, args.seed, Path(tmp)))
        print(f"run {i + 1}/{args.repeat} done", file=sys.stderr)
    print(f"\nwiredesk pipeline benchmark: {args.releases} simulated releases, "
          f"{os.cpu_count()} cores, median of {args.repeat} runs\n")
    print(f"{'stage':<22}{'items':>8}{'seconds':>10}{'items/s':>10}{'peak MiB':>10}")
    for stage in runs[0]:
        secs = statistics.median(r[stage][0] for r in runs)
        peak = statistics.median(r[stage][1] for r in runs)
        items = runs[0][stage][2]
        print(f"{stage:<22}{items:>8}{secs:>10.2f}{items / secs if secs else 0:>10.1f}"
              f"{peak:>10.0f}")
    one = statistics.median(r["clean (1 core)"][0] for r in runs)
    multi_key = [k for k in runs[0] if k.startswith("clean (") and k != "clean (1 core)"][0]
    many = statistics.median(r[multi_key][0] for r in runs)
    print(f"\nclean speed-up, 1 core -> {os.cpu_count()} cores: {one / many:.2f}x")


if __name__ == "__main__":
    main()
