"""Score the clean stage's body extraction on aeb-dev (real news pages with true bodies).

Per page: words (``\\w+``, case kept) of the extracted and the true body as multisets;
precision, recall and F1 of their overlap; an empty extraction scores 0. Prints mean F1,
the share of pages with F1 > 0.9, the worst pages, pages per second on one core and on
all cores (medians over ``--runs``), and the same for trafilatura alone.

    .venv/bin/python bench/bench_extraction.py [--data DIR] [--runs 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from pipelines.clean import clean_html, clean_many  # noqa: E402
from pipelines.parallel import parallel_map  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "aeb-dev"
WORD_RE = re.compile(r"\w+")
# trafilatura alone, as the clean stage ran it before the combination.
TRAFILATURA_ALONE = {"include_comments": False, "include_tables": True,
                     "deduplicate": False}

Page = tuple[str, str, str, str]  # id, url, html, true body


def load_pages(data: Path) -> list[Page]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, item in sorted(truth.items()):
        html = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, item.get("url") or "", html.decode("utf-8", "replace"),
                      item.get("articleBody") or ""))
    return pages


def prf(extracted: str, truth: str) -> tuple[float, float, float]:
    """Word-multiset precision, recall and F1."""
    got, want = Counter(WORD_RE.findall(extracted)), Counter(WORD_RE.findall(truth))
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    p, r = overlap / sum(got.values()), overlap / sum(want.values())
    return p, r, 2 * p * r / (p + r)


def trafilatura_alone(doc: tuple[str, str | None]) -> str:
    html, url = doc
    return trafilatura.extract(html, url=url, **TRAFILATURA_ALONE) or ""


def stage_body(doc: tuple[str, str | None]) -> str:
    html, url = doc
    return clean_html(html, url).body_text or ""


def timed(fns: Sequence[Callable[[], object]], runs: int,
          clock: Callable[[], float] = time.perf_counter) -> list[float]:
    """Median seconds of each of ``fns`` over ``runs``, taking turns so that each sees the
    same load on a shared machine; ``time.process_time`` gives CPU seconds."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, fn_times in zip(fns, times, strict=True):
            t0 = clock()
            fn()
            fn_times.append(clock() - t0)
    return [statistics.median(fn_times) for fn_times in times]


def summary(name: str, f1s: Sequence[float]) -> str:
    share = sum(f > 0.9 for f in f1s) / len(f1s)
    return f"{name:<22} mean F1 {statistics.fmean(f1s):.4f}   F1 > 0.9 on {share:.1%}"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--runs", type=int, default=3, help="timing runs (median)")
    ap.add_argument("--worst", type=int, default=10)
    ap.add_argument("--releases", type=int, default=None, help="ignored")
    args = ap.parse_args(argv)
    if not (args.data / "ground-truth.json").exists():
        print(f"no benchmark data at {args.data}; nothing to score")
        return 0
    pages = load_pages(args.data)
    docs: list[tuple[str, str | None]] = [(html, url) for _, url, html, _ in pages]
    results = clean_many(docs, workers=1)
    alone = [trafilatura_alone(d) for d in docs]
    rows = []
    for (page_id, _, _, truth), res, base in zip(pages, results, alone, strict=True):
        p, r, f = prf(res.body_text or "", truth)
        rows.append((page_id, p, r, f, prf(base, truth)[2], res.extractor))
    print(f"{len(pages)} pages from {args.data}")
    print(summary("clean stage", [row[3] for row in rows]))
    print(summary("trafilatura alone", [row[4] for row in rows]))
    deltas = [row[3] - row[4] for row in rows]
    worst = min(range(len(rows)), key=deltas.__getitem__)
    print(f"worst page vs trafilatura alone: {deltas[worst]:+.4f} ({rows[worst][0][:8]}); "
          f"pages better {sum(d > 0.005 for d in deltas)}, worse {sum(d < -0.005 for d in deltas)}")
    print(f"bodies by extractor: {dict(Counter(row[5] for row in rows))}; readability-lxml "
          f"run on {sum('not needed' not in (r.choice_reason or '') for r in results)} pages")
    print(f"\nworst {args.worst} pages (clean stage):")
    print(f"{'page':<14}{'P':>7}{'R':>7}{'F1':>7}{'traf':>7}  extractor")
    for page_id, p, r, f, fb, ext in sorted(rows, key=lambda row: row[3])[: args.worst]:
        print(f"{page_id[:12]:<14}{p:7.3f}{r:7.3f}{f:7.3f}{fb:7.3f}  {ext}")

    cores = os.cpu_count() or 1
    # Per core: CPU time of one process, which other load on the machine barely moves;
    # all cores: wall-clock time of the worker pool.
    one, base_one = timed([lambda: [stage_body(d) for d in docs],
                           lambda: [trafilatura_alone(d) for d in docs]],
                          args.runs, time.process_time)
    (many,) = timed([lambda: parallel_map(stage_body, docs, cores)], args.runs)
    n = len(docs)
    print(f"\nspeed (median of {args.runs} runs, {n} pages):")
    print(f"  clean stage        {n / one:6.1f} pages/s per core (CPU time), "
          f"{n / many:6.1f} pages/s on {cores} cores (wall clock)")
    print(f"  trafilatura alone  {n / base_one:6.1f} pages/s per core (CPU time); "
          f"clean stage at {base_one / one:.0%} of its speed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
