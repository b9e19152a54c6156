"""Pairwise precision and recall of a clustering against a ground truth."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass


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


def score_network(releases: int, seed: int, with_boilerplate: bool = True) -> PairScores:
    """Cluster the simulated network's page texts and score them against its truth."""
    from pipelines.dedupe.stories import cluster_documents
    from simulator import WireNetwork

    docs = WireNetwork(n_releases=releases, seed=seed).documents(with_boilerplate)
    predicted = {row["id"]: row["story"] for row in cluster_documents(docs)}
    return pairwise(predicted, {d["id"]: d["release_id"] for d in docs})


def _with(settings: dict[str, float], releases: int, seed: int) -> PairScores:
    """Score with some of the rule's thresholds changed (restored afterwards)."""
    from pipelines.dedupe import match

    saved = {name: getattr(match, name) for name in settings}
    try:
        for name, value in settings.items():
            setattr(match, name, value)
        return score_network(releases, seed)
    finally:
        for name, value in saved.items():
            setattr(match, name, value)


def main() -> None:
    """``python -m pipelines.dedupe.score``: pairwise figures on the simulated network; and
    what each signal adds: without the rewrite (facts) path, and text similarity alone."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--releases", type=int, default=2000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[3, 5, 7, 11, 13])
    args = parser.parse_args()
    text_only = {"FACT_OVERLAP": 2.0, "FACTS_AGREE": 0.0, "NUMBERS_AGREE": 0.0,
                 "FEW_FACTS": 0, "FIGURELESS_FACTS": 0}
    for seed in args.seeds:
        print(f"seed {seed:>3}: {score_network(args.releases, seed).line()}")
        print(f"  without the facts path: "
              f"{_with({'FACT_OVERLAP': 2.0}, args.releases, seed).line()}")
        print(f"  text similarity alone:  {_with(text_only, args.releases, seed).line()}")


if __name__ == "__main__":
    main()
