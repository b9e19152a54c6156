"""Benchmark: the whole pipeline over the hostile input corpus, peak memory and counts.

    .venv/bin/python bench/bench_hostile.py [--repeat 3] [--releases N (ignored)]

Each run starts ``tests.hostile.driver`` in a fresh subprocess and data dir: it feeds the
inbox archives and materialises the ``hostile`` and ``inbox`` partitions (crawl subprocess
→ clean workers → parse → load → publish) against the simulator served here. Prints the
peak RSS of the driver and of its largest child (crawl, clean workers), wall time, and
the pages per outcome; figures are medians over ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator import SimulatorServer, WireNetwork  # noqa: E402
from simulator.hostile import INPUTS, crawl_env, inbox_pages  # noqa: E402
from warehouse.db import connect  # noqa: E402


def one_run(proxy: str) -> dict:
    """One driver run: its report, wall time and pages per (source, outcome)."""
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "tests.hostile.driver", tmp], cwd=ROOT,
                              env={**os.environ, **crawl_env(proxy)}, capture_output=True,
                              text=True, check=True)
        wall = time.perf_counter() - started
        report = json.loads(proc.stdout.strip().splitlines()[-1])
        with connect(Path(tmp) / "warehouse.read.duckdb", read_only=True) as con:
            rows = con.sql("SELECT source_id, outcome, count(*) FROM pages GROUP BY ALL")
            outcomes = Counter({f"{s}/{o}": n for s, o, n in rows.fetchall()})
    return {**report, "wall_s": wall, "outcomes": outcomes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--releases", type=int, default=0, help="ignored (fixed corpus)")
    args = parser.parse_args()
    print(f"hostile inputs: {len(INPUTS)} served + {len(inbox_pages())} in the inbox")
    with SimulatorServer(WireNetwork(n_releases=8, seed=7)) as sim:
        runs = [one_run(sim.proxy_url) for _ in range(args.repeat)]
    print(f"runs: {len(runs)} (medians)")
    for label, key in (("driver", "maxrss_self_kib"), ("largest child", "maxrss_children_kib")):
        print(f"peak RSS {label:<15} {statistics.median(r[key] for r in runs) / 1024:8.1f} MiB")
    print(f"wall time:               {statistics.median(r['wall_s'] for r in runs):8.1f} s")
    for key in sorted(runs[0]["outcomes"]):
        print(f"pages {key:<20} {statistics.median(r['outcomes'][key] for r in runs):8.0f}")


if __name__ == "__main__":
    main()
