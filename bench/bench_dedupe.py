"""Benchmark: story clustering from scratch and incrementally, with peak memory.

    .venv/bin/python bench/bench_dedupe.py [--releases 2000] [--repeat 3]
    .venv/bin/python bench/bench_dedupe.py --scale     # the issue's 100,000 (make bench-scale)

Signing (fingerprints, content-word fingerprints and figures) is spread over two spawned
workers for batches of 20,000 or more; the peak memory figure adds theirs. Release texts
come straight from the simulator's generator (no HTTP, no cleaning); each
simulated page is one release row. Each measurement times one ``refresh_stories`` (read,
sign, LSH lookup, decide, store signatures and buckets, rebuild the story tables) on a
DuckDB file, in a fresh process of its own after another one loaded the releases, so its
peak RSS is the refresh's, and CPU time counts the refresh's process and its workers.
``--releases`` is the largest size (``make bench`` passes its N); ``--scale`` sets it to
100,000, the issue's figure. Sizes 10k, 25k and 50k below the largest show the growth;
the incremental run adds 1,000 new releases (or a tenth of a smaller store) to the
largest store. Figures are medians.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipelines.dedupe.exact import content_hash  # noqa: E402
from pipelines.dedupe.refresh import refresh_stories  # noqa: E402
from simulator import WireNetwork  # noqa: E402
from warehouse.db import connect  # noqa: E402
from warehouse.load import insert_rows  # noqa: E402

PRIORITY = {"prwire": 10, "bizwire": 20, "globewire": 30, "dnanews": 40}
NEW = 1_000
SCALE = 100_000


def release_rows(count: int) -> list[dict[str, Any]]:
    """``count`` release rows from the simulated network's texts (pages in release order)."""
    net = WireNetwork(n_releases=max(8, count * 3 // 5 + 50), seed=7)
    pages = sorted((p for ps in net._pages.values() for p in ps),
                   key=lambda p: (p.release, p.lag))[:count]
    rows = []
    for page in pages:
        doc = net.document(page)
        when = doc["published_at"] or datetime(2026, 7, 1, tzinfo=UTC)
        rows.append({
            "release_id": content_hash(doc["id"])[:16], "article_id": "a", "run_id": "r",
            "source_id": doc["site"], "canonical_url": doc["id"], "urls": [doc["id"]],
            "page_ids": ["p"], "title": doc["title"], "carrier": doc["site"],
            "body_main": doc["text"], "content_hash": content_hash(doc["text"]),
            "published_at": when, "first_seen_at": when, "partition_key": doc["site"],
        })
    return rows


def _load(db: str, rows_file: str, count: int, stored: int) -> None:
    """Load the first ``stored`` rows and refresh, then load the rest up to ``count``."""
    with pa.memory_map(rows_file) as source:
        reader = pa.ipc.open_file(source)
        rows: list[dict[str, Any]] = []
        for i in range(reader.num_record_batches):
            if len(rows) >= count:
                break
            rows += reader.get_batch(i).to_pylist()
    rows = rows[:count]
    con = connect(db)
    if stored:
        insert_rows(con, "releases", rows[:stored])
        refresh_stories(con, PRIORITY)
    insert_rows(con, "releases", rows[stored:])
    con.close()


def _refresh(db: str, queue: Any) -> None:
    """Time one refresh on the prepared warehouse; report seconds, peak RSS and counts."""
    con = connect(db)
    start, cpu = time.perf_counter(), cpu_seconds()
    counts, _ = refresh_stories(con, PRIORITY)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    con.close()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    queue.put((seconds, cpu, peak_mib() + children, counts))


def cpu_seconds() -> float:
    """CPU time (user and system) of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_mib() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, it does not carry
    over the parent's memory through fork and exec). The refresh adds the largest of its
    signing workers (both run at once, so the figure is a bound of one worker short)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(rows_file: str, count: int, stored: int, repeat: int
            ) -> tuple[float, float, float, dict]:
    """Median seconds, median CPU seconds, the largest peak RSS (MiB) and the counts of
    ``repeat`` refreshes,
    each in a fresh (spawned) process of its own, after another one prepared the data."""
    ctx = mp.get_context("spawn")
    times, cpus, peaks, counts = [], [], [], {}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            db = f"{tmp}/w.duckdb"
            loader = ctx.Process(target=_load, args=(db, rows_file, count, stored))
            loader.start()
            loader.join()
            queue = ctx.Queue()
            proc = ctx.Process(target=_refresh, args=(db, queue))
            proc.start()
            seconds, cpu, peak, counts = queue.get()
            proc.join()
            times.append(seconds)
            cpus.append(cpu)
            peaks.append(peak)
    return statistics.median(times), statistics.median(cpus), max(peaks), counts


def _steps(counts: dict) -> str:
    return ", ".join(f"{k[3:]} {v / 1000:.1f}s" for k, v in counts.items() if k.startswith("ms_"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=2_000)
    parser.add_argument("--scale", action="store_true",
                        help="the issue's scale check: 100,000 releases (overrides --releases)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", default=None,
                        help="from-scratch sizes to time (default 10k, 25k, 50k and the top)")
    parser.add_argument("--incremental-only", action="store_true",
                        help="time only the 1,000 new against the stored top")
    args = parser.parse_args()
    top = SCALE if args.scale else args.releases
    new = min(NEW, max(1, top // 10))
    start = time.perf_counter()
    rows = release_rows(top + new)
    print(f"generated {len(rows)} release texts in {time.perf_counter() - start:.1f}s "
          f"(not timed below)")
    with tempfile.TemporaryDirectory() as tmp:
        rows_file = f"{tmp}/rows.arrow"
        table = pa.Table.from_pylist(rows)
        with pa.OSFile(rows_file, "wb") as sink, pa.ipc.new_file(sink, table.schema) as out:
            out.write_table(table, max_chunksize=1_000)
        del rows, table
        sizes = sorted({s for s in (args.sizes if args.sizes is not None
                                    else (10_000, 25_000, 50_000)) if s < top} | {top})
        print(f"{'releases':>9} {'from scratch s':>15} {'CPU s':>7} {'per 1k s':>9} "
              f"{'peak MiB':>9} {'stories':>8}  steps (last run)")
        for size in sizes if not args.incremental_only else []:
            seconds, cpu, peak, counts = measure(rows_file, size, 0, args.repeat)
            print(f"{size:>9} {seconds:>15.2f} {cpu:>7.1f} {seconds / size * 1000:>9.3f} "
                  f"{peak:>9.0f} {counts['stories']:>8}  {_steps(counts)}")
        seconds, cpu, peak, counts = measure(rows_file, top + new, top, args.repeat)
        print(f"incremental: {new} new against {top} stored: {seconds:.2f}s, CPU {cpu:.1f}s "
              f"(signed {counts['signed']}, peak {peak:.0f} MiB)  {_steps(counts)}")


if __name__ == "__main__":
    main()
