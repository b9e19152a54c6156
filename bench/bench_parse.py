"""Benchmark: parse-stage throughput on one core, and how its cost grows with length.

    .venv/bin/python bench/bench_parse.py --releases 600 [--repeat 5]

Releases are built from the labelled set (tests/pipelines/labelled/releases.txt) padded
with invented body paragraphs to 2-6 KB. Figures are medians over ``--repeat`` runs; the
first call (which loads the gazetteers and the language model) is not timed.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipelines.parse import parse_release  # noqa: E402

_FILLER = (
    "The company said the new line would be built in stages, with the first phase due to "
    "start production in the spring and the second a year later. Officials from the "
    "regional development agency visited the site on Tuesday. Analysts at two banks said "
    "the plan was in line with what the market expected, although costs for steel and "
    "power remain uncertain."
)


def labelled_texts() -> list[str]:
    """The labelled releases' texts (boilerplate markers removed)."""
    raw = (ROOT / "tests/pipelines/labelled/releases.txt").read_text(encoding="utf-8")
    out = []
    for block in re.split(r"^=== ", raw, flags=re.M)[1:]:
        body = block.partition("\n")[2]
        out.append(re.sub(r"^§ ", "", body, flags=re.M).strip())
    return out


def make_release(base: str, size: int) -> str:
    """``base`` with filler paragraphs inserted after the lead, up to ``size`` characters."""
    lines = base.split("\n")
    head, tail = lines[:2], lines[2:]
    middle: list[str] = []
    while len("\n".join(head + middle + tail)) < size:
        middle.append(_FILLER)
    return "\n".join(head + middle + tail)


def rate(texts: list[str], repeat: int, clock=time.process_time) -> float:  # noqa: ANN001
    """Median releases per second over ``repeat`` passes, by CPU time of this process
    (a shared machine's other load does not count against it); ``clock`` may be wall time."""
    rates = []
    for _ in range(repeat):
        start = clock()
        for text in texts:
            parse_release(text)
        rates.append(len(texts) / max(clock() - start, 1e-9))
    return statistics.median(rates)


def main() -> None:
    """Print releases/s for 2-6 KB releases and microseconds per KB at growing lengths."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--releases", type=int, default=600)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    rng = random.Random(7)
    bases = labelled_texts()
    n = max(50, min(args.releases, 2000))
    texts = [make_release(rng.choice(bases), rng.randint(2000, 6000)) for _ in range(n)]
    parse_release(texts[0])  # warm-up: gazetteers and the language model load once
    kb = sum(len(t) for t in texts) / len(texts) / 1000
    print(f"parse: {rate(texts, args.repeat):.0f} releases/s of CPU time on one core, "
          f"{rate(texts, args.repeat, time.perf_counter):.0f}/s wall clock "
          f"({n} releases, mean {kb:.1f} KB, median of {args.repeat})")
    print("length scaling (median microseconds per KB; flat means linear):")
    for size in (2_000, 8_000, 32_000, 128_000):
        sample = [make_release(b, size) for b in bases[:20]]
        per = 1 / rate(sample, args.repeat)
        print(f"  {size // 1000:>4} KB: {per * 1e6 / (size / 1000):8.1f} us/KB "
              f"({per * 1e3:.2f} ms per release)")


if __name__ == "__main__":
    main()
