"""Benchmark: story grouping on real syndication (../shared/syndication-dev), honestly.

    .venv/bin/python bench/bench_stories.py [--releases N (ignored)] [--folds 5] [--seed 14]

Prints, each with pairwise precision, recall and look-alikes pulled into a story:

* in-sample: ``wiredesk cluster --jsonl`` scored by the set's own ``score.py``;
* out of sample, by source: thresholds chosen by the grid on xai_articles, scored on
  ArticleComparisons, and the other way round;
* out of sample, k-fold by group (seeded): thresholds chosen on k-1 folds, scored on the
  fifth; the mean and the worst fold;
* the naive baseline: exact 5-word-shingle Jaccard >= 0.5;
* the grid's choice on the whole set (the thresholds shipped in ``pipelines.dedupe.match``).

The set's texts are read at run time only; nothing of them is stored. Without the folder
the benchmark says so and exits 0.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipelines.dedupe.cluster import (  # noqa: E402
    UnionFind,
    candidates,
    document_frequency,
    score_pair,
)
from pipelines.dedupe.match import THRESHOLDS, PairFeatures, Thresholds, decide  # noqa: E402
from pipelines.dedupe.signatures import compute, weights  # noqa: E402

LOOSE = Thresholds(high=2.0, low=0.0)  # measure every feature of every pair
DEV = ROOT.parent / "shared" / "syndication-dev"
# The reworded band (low, reworded, figures) and the corrected re-post's ``gap`` stay as
# shipped: on this set every value of ``reworded`` from 0.5 up, and of ``gap`` from 0 to
# 12, scores the same, so the grid cannot choose them (see match.py).
GRID = [replace(THRESHOLDS, high=h, tolerated=tol, middle=m, missing=ms, run=r)
        for h in (0.8, 0.85, 0.9) for tol in (0, 1, 2) for m in (0.5, 0.55, 0.6, 0.7)
        for ms in (0, 10**6) for r in (5, 10, 20)]


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    lookalikes: int

    def line(self) -> str:
        return (f"P {self.precision:.3f} R {self.recall:.3f} "
                f"look-alikes pulled in {self.lookalikes}")


def load() -> list[dict]:
    return [json.loads(line) for line in (DEV / "cases.jsonl").open(encoding="utf-8")
            if line.strip()]


def pair_features(cases: list[dict]) -> list[tuple[int, int, PairFeatures]]:
    """Features of every candidate pair, computed once (the rule is applied per grid point)."""
    sigs = compute([c["id"] for c in cases], [c["text"] for c in cases])
    w = weights(document_frequency(sigs.passages.fps))
    pairs, _ = candidates(sigs, w)
    return [(i, j, score_pair(sigs, i, w, sigs, j, w, rule=LOOSE).features)
            for i, j in pairs.tolist()]


def score(cases: list[dict], feats: list[tuple[int, int, PairFeatures]], rule: Thresholds,
          rows: set[int]) -> Score:
    """Pairwise figures of ``rule`` over the cases in ``rows``."""
    return score_links(cases, [(i, j) for i, j, f in feats if decide(f, rule).same], rows)


def score_links(cases: list[dict], links: list[tuple[int, int]], rows: set[int]) -> Score:
    """Pairwise figures of the stories that ``links`` (single link) make of ``rows``."""
    uf = UnionFind(len(cases))
    for i, j in links:
        if i in rows and j in rows:
            uf.union(i, j)
    gold, pred = defaultdict(list), defaultdict(list)
    for r in rows:
        gold[cases[r]["group"]].append(r)
        pred[uf.find(r)].append(r)

    def pairs(groups: dict) -> set:
        return {p for m in groups.values() for p in itertools.combinations(sorted(m), 2)}

    g, p = pairs(gold), pairs(pred)
    wrong = p - g
    look = {r for pair in wrong for r in pair if cases[r]["kind"] == "lookalike"}
    return Score(len(g & p) / len(p) if p else 1.0, len(g & p) / len(g) if g else 1.0,
                 len(look))


def strictness(rule: Thresholds) -> tuple:
    """Order among equally scoring grid points: higher bars and fewer tolerated figures."""
    return (rule.high, -rule.tolerated, rule.middle, -min(rule.missing, 100), rule.run)


def choose(cases: list[dict], feats: list, rows: set[int]) -> Thresholds:
    """The grid point with no look-alike pulled in and precision >= 0.99 that has the best
    recall (ties: the higher precision, then the strictest)."""
    best, key = THRESHOLDS, (-1.0, -1.0, ())
    for rule in GRID:
        s = score(cases, feats, rule, rows)
        if s.lookalikes or s.precision < 0.99:
            continue
        candidate = (s.recall, s.precision, strictness(rule))
        if candidate > key:
            best, key = rule, candidate
    return best


def baseline(cases: list[dict], rows: set[int]) -> Score:
    """Exact Jaccard of lower-cased 5-word shingles >= 0.5, single link."""
    sh = [{tuple(t[k:k + 5]) for k in range(max(1, len(t) - 4))}
          for t in (re.findall(r"\w+", c["text"].lower()) for c in cases)]
    links = [(i, j) for i, j in itertools.combinations(sorted(rows), 2)
             if len(sh[i] & sh[j]) >= 0.5 * len(sh[i] | sh[j])]
    return score_links(cases, links, rows)


def folds(cases: list[dict], k: int, seed: int) -> list[set[int]]:
    """Cases split into ``k`` folds by group (a look-alike is its own group)."""
    groups = sorted({c["group"] for c in cases})
    random.Random(seed).shuffle(groups)
    fold_of = {g: n % k for n, g in enumerate(groups)}
    out: list[set[int]] = [set() for _ in range(k)]
    for r, c in enumerate(cases):
        out[fold_of[c["group"]]].add(r)
    return out


def in_sample() -> str:
    cmd = f"{ROOT / '.venv' / 'bin' / 'wiredesk'} cluster --jsonl"
    done = subprocess.run([sys.executable, str(DEV / "score.py"), "--cmd", cmd],
                          capture_output=True, text=True, cwd=ROOT)
    return " | ".join(done.stdout.strip().splitlines()[-2:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=None, help="accepted and ignored")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    if not (DEV / "cases.jsonl").exists():
        print(f"syndication-dev not found at {DEV}: skipped")
        return
    cases = load()
    feats = pair_features(cases)
    everything = set(range(len(cases)))
    print(f"in-sample (score.py, shipped thresholds): {in_sample()}")
    print(f"in-sample (this script, shipped thresholds): "
          f"{score(cases, feats, THRESHOLDS, everything).line()}")
    by_source = {"xai_articles": {r for r, c in enumerate(cases) if not c["id"].startswith("asp-")},
                 "ArticleComparisons": {r for r, c in enumerate(cases)
                                        if c["id"].startswith("asp-")}}
    for train, test in (("xai_articles", "ArticleComparisons"),
                        ("ArticleComparisons", "xai_articles")):
        rule = choose(cases, feats, by_source[train])
        print(f"tuned on {train}, scored on {test}: "
              f"{score(cases, feats, rule, by_source[test]).line()}   ({rule})")
    results = []
    parts = folds(cases, args.folds, args.seed)
    for n, test in enumerate(parts):
        rule = choose(cases, feats, everything - test)
        s = score(cases, feats, rule, test)
        results.append(s)
        print(f"fold {n}: {s.line()}   ({rule})")
    mean = Score(sum(s.precision for s in results) / len(results),
                 sum(s.recall for s in results) / len(results),
                 sum(s.lookalikes for s in results))
    worst_p = min(s.precision for s in results)
    worst_r = min(s.recall for s in results)
    print(f"{args.folds}-fold by group (seed {args.seed}): mean {mean.line()} (total); "
          f"worst fold P {worst_p:.3f} R {worst_r:.3f}")
    print(f"naive baseline (5-shingle Jaccard >= 0.5): {baseline(cases, everything).line()}")
    whole = choose(cases, feats, everything)
    print(f"grid choice on the whole set: {whole}")
    print(f"shipped thresholds:           {THRESHOLDS}")


if __name__ == "__main__":
    main()
