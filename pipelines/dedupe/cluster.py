"""From signatures to decided pairs to stories, in memory (the whole batch at once)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipelines.dedupe.lsh import candidate_pairs
from pipelines.dedupe.match import containment_from, decide, jaccard_of
from pipelines.dedupe.signatures import Signatures

CHUNK = 200_000
# Every accepting path of the rule needs most of the shorter fact list in the other; pairs
# whose estimated fact containment is far below that are not worth deciding one by one.
MIN_FACT_CONTAINMENT = 0.5


@dataclass(frozen=True, slots=True)
class Link:
    """An accepted pair: rows ``a`` and ``b`` are one story."""

    a: int
    b: int
    similarity: float
    method: str


def worth_deciding(fact_mh_a: np.ndarray, facts_a: np.ndarray, exact_a: np.ndarray,
                   fact_mh_b: np.ndarray, facts_b: np.ndarray, exact_b: np.ndarray
                   ) -> np.ndarray:
    """Which candidate pairs could pass the rule: identical, or enough shared facts."""
    fc = containment_from(jaccard_of(fact_mh_a, fact_mh_b), facts_a, facts_b)
    return (exact_a == exact_b) | (fc >= MIN_FACT_CONTAINMENT)


def link_pairs(left: Signatures, li: np.ndarray, right: Signatures, ri: np.ndarray
               ) -> list[Link]:
    """Decide candidate pairs ``(left[li[k]], right[ri[k]])``; return the accepted ones."""
    links: list[Link] = []
    for start in range(0, len(li), CHUNK):
        a, b = li[start:start + CHUNK], ri[start:start + CHUNK]
        keep = worth_deciding(left.fact_minhash[a], left.fact_counts[a], left.exact[a],
                              right.fact_minhash[b], right.fact_counts[b], right.exact[b])
        a, b = a[keep], b[keep]
        exact = left.exact[a] == right.exact[b]
        jac = jaccard_of(left.minhash[a], right.minhash[b])
        cont = containment_from(jac, left.shingles[a], right.shingles[b])
        lead = (left.lead[a, 0] == right.lead[b, 0]) & (left.lead[a, 0] != 0)
        for k, (i, j) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
            score = decide(bool(exact[k]), float(jac[k]), float(cont[k]),
                           left.facts[i], right.facts[j], bool(lead[k]))
            if score.same:
                links.append(Link(i, j, round(score.similarity, 4), score.method))
    return links


class UnionFind:
    """Disjoint sets over row numbers."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster(sigs: Signatures) -> tuple[list[int], dict[int, Link]]:
    """Group a batch: ``(group of each row, best link of each linked row)``."""
    keys, rows = sigs.band_keys()
    pairs = candidate_pairs(keys, rows)
    links = link_pairs(sigs, pairs[:, 0], sigs, pairs[:, 1])
    uf = UnionFind(len(sigs))
    best: dict[int, Link] = {}
    for link in links:
        uf.union(link.a, link.b)
        for row in (link.a, link.b):
            if row not in best or link.similarity > best[row].similarity:
                best[row] = link
    return [uf.find(i) for i in range(len(sigs))], best
