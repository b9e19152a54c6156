"""Pairwise precision and recall of a clustering against a ground truth."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from pipelines.dedupe.match import Thresholds


@dataclass(frozen=True, slots=True)
class PairScores:
    """Pair counts and the derived precision and recall."""

    true_pairs: int
    predicted_pairs: int
    correct_pairs: int

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    def line(self) -> str:
        return (f"pairs: true {self.true_pairs}, predicted {self.predicted_pairs}, correct "
                f"{self.correct_pairs}; precision {self.precision:.4f} recall {self.recall:.4f}")


def _pairs(counts: Counter) -> int:
    return sum(c * (c - 1) // 2 for c in counts.values())


def pairwise(predicted: Mapping[str, str], truth: Mapping[str, str]) -> PairScores:
    """Score ``predicted`` (doc -> story) against ``truth`` (doc -> release) over shared docs."""
    docs = [d for d in truth if d in predicted]
    return PairScores(
        true_pairs=_pairs(Counter(truth[d] for d in docs)),
        predicted_pairs=_pairs(Counter(predicted[d] for d in docs)),
        correct_pairs=_pairs(Counter((truth[d], predicted[d]) for d in docs)),
    )


def score_network(releases: int, seed: int, with_boilerplate: bool = True,
                  rule: Thresholds | None = None) -> PairScores:
    """Cluster the simulated network's page texts and score them against its truth."""
    from pipelines.dedupe.stories import cluster_documents
    from simulator import WireNetwork

    docs = WireNetwork(n_releases=releases, seed=seed).documents(with_boilerplate)
    predicted = {row["id"]: row["story"] for row in cluster_documents(docs, rule)}
    return pairwise(predicted, {d["id"]: d["release_id"] for d in docs})


# Passage coverage alone, without the figure checks or the in-order run.
COVERAGE_ONLY = Thresholds(high=0.5, tolerated=10**6, middle=2.0)


def main() -> None:
    """``python -m pipelines.dedupe.score``: pairwise figures on the simulated network, and
    what the figure checks add (passage coverage >= 0.5 alone)."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--releases", type=int, default=2000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[3, 5, 7, 11, 13])
    args = parser.parse_args()
    for seed in args.seeds:
        print(f"seed {seed:>3}: {score_network(args.releases, seed).line()}")
        print(f"  coverage alone:  "
              f"{score_network(args.releases, seed, rule=COVERAGE_ONLY).line()}")


if __name__ == "__main__":
    main()
