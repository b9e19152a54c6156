"""Score the dateline parser on datelines-dev (real lead lines) and time it.

Runs the development set's own scorer (``score.py`` beside ``cases.jsonl``) over
``wiredesk parse --jsonl``: once on all cases (in-sample), then on each of five folds
fixed by a seeded shuffle of the case ids. No parameter or weight of the parser is fitted
to the development set (its rules, tables and gazetteer are written by hand or come from
GeoNames, ISO 3166 and CLDR), so there is nothing to choose on four folds: every fold is
scored by the same parser and the folds show the spread of the in-sample figure, not an
out-of-sample estimate. Then releases per second of the whole parse stage (CPU time, one
core, releases of 2-6 KB as bench_parse builds them) and of the dateline reader alone.

    .venv/bin/python bench/bench_datelines.py [--data DIR] [--releases 600] [--repeat 3]

Skips (exit 0) when the development set is absent.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_parse import labelled_texts, make_release, rate  # noqa: E402

from pipelines.parse.dateline import find_dateline  # noqa: E402
from pipelines.parse.prepare import prepare_text  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "datelines-dev"
FOLDS = 5
SEED = 13
FIELDS = ("location", "date", "month_day", "agency", "tickers", "dateline")
_FIGURE_RE = re.compile(r"^(\w+)\s+([01]\.\d{3}) \((\d+)/(\d+)\)$")


def score(data: Path, ids: list[str] | None = None) -> dict[str, float]:
    """Per-field accuracy from the development set's scorer (on ``ids`` when given)."""
    cmd = [sys.executable, str(data / "score.py"), "--cmd",
           f"{ROOT / '.venv/bin/wiredesk'} parse --jsonl", "--cwd", str(ROOT)]
    with tempfile.NamedTemporaryFile("w", suffix=".ids") as handle:
        if ids is not None:
            handle.write("\n".join(ids) + "\n")
            handle.flush()
            cmd += ["--ids", handle.name]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    figures = {}
    for line in out.splitlines():
        m = _FIGURE_RE.match(line.strip())
        if m:
            figures[m[1]] = float(m[2])
    return figures


def folds(data: Path) -> list[list[str]]:
    """The case ids in ``FOLDS`` folds, fixed by a seeded shuffle."""
    ids = sorted(json.loads(line)["id"] for line in
                 (data / "cases.jsonl").read_text(encoding="utf-8").splitlines() if line.strip())
    random.Random(SEED).shuffle(ids)
    return [ids[i::FOLDS] for i in range(FOLDS)]


def dateline_rate(texts: list[str], repeat: int) -> float:
    """Median releases per CPU second of the dateline reader alone."""
    paragraphs = [[p.strip() for p in prepare_text(t).split("\n") if p.strip()] for t in texts]
    rates = []
    for _ in range(repeat):
        start = time.process_time()
        for paras in paragraphs:
            find_dateline(list(paras))
        rates.append(len(texts) / max(time.process_time() - start, 1e-9))
    return statistics.median(rates)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--releases", type=int, default=600, help="releases timed for speed")
    ap.add_argument("--repeat", type=int, default=3, help="timing runs (median)")
    args = ap.parse_args(argv)
    if not (args.data / "cases.jsonl").exists() or not (args.data / "score.py").exists():
        print(f"no development set at {args.data}; nothing to score")
        return 0

    whole = score(args.data)
    print("in-sample (all cases): " + "  ".join(f"{k} {whole.get(k, 0):.3f}" for k in FIELDS))
    per_fold = [score(args.data, ids) for ids in folds(args.data)]
    for i, figures in enumerate(per_fold, 1):
        print(f"fold {i}/{FOLDS}: " + "  ".join(f"{k} {figures.get(k, 0):.3f}" for k in FIELDS))
    for field in ("dateline", "location", "agency", "date", "month_day"):
        values = [f.get(field, 0.0) for f in per_fold]
        print(f"{FOLDS}-fold {field}: mean {statistics.mean(values):.3f}, "
              f"worst fold {min(values):.3f}")
    print("(nothing is fitted to the development set: the folds show the spread only)")

    rng = random.Random(7)
    bases = labelled_texts()
    n = max(50, min(args.releases, 2000))
    texts = [make_release(rng.choice(bases), rng.randint(2000, 6000)) for _ in range(n)]
    from pipelines.parse import parse_release

    parse_release(texts[0])  # warm-up: gazetteers and tables load once
    find_dateline([texts[0]])
    kb = sum(len(t) for t in texts) / len(texts) / 1000
    print(f"speed: {rate(texts, args.repeat):.0f} releases/s of CPU time on one core for the "
          f"whole parse, {dateline_rate(texts, args.repeat):.0f}/s for the dateline reader "
          f"alone ({n} releases, mean {kb:.1f} KB, median of {args.repeat})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
