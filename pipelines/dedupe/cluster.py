"""From signatures to decided pairs to stories, in memory (the whole batch at once)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipelines.dedupe.match import PairScore, Thresholds, decide, features
from pipelines.dedupe.signatures import MAX_DF, Signatures, compute, weights

# A pair is decided one by one only when this share of the shorter text's fingerprints
# is shared (unweighted): well below the rule's middle band.
SCREEN = 0.2
PAIR_CHUNK = 1 << 22   # fingerprints per slice when counting shared fingerprints per pair


@dataclass(frozen=True, slots=True)
class Link:
    """An accepted pair: rows ``a`` and ``b`` are one story."""

    a: int
    b: int
    similarity: float
    method: str


def shared_counts(keys: np.ndarray, rows: np.ndarray, max_df: int = MAX_DF
                  ) -> tuple[np.ndarray, np.ndarray]:
    """``(pairs, counts)``: row pairs ``i < j`` sharing fingerprints that are in at most
    ``max_df`` rows, and how many they share."""
    if len(keys) < 2:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.lexsort((rows, keys))
    k, r = keys[order], rows[order]
    starts = np.flatnonzero(np.concatenate([[True], k[1:] != k[:-1]]))
    sizes = np.diff(np.concatenate([starts, [len(k)]]))
    usable = np.repeat((sizes >= 2) & (sizes <= max_df), sizes)
    k, r = k[usable], r[usable]
    width = np.int64(int(rows.max()) + 1)
    codes_parts, count_parts = [], []
    lo = 0
    while lo < len(k):   # slices cut at key boundaries
        hi = min(len(k), lo + PAIR_CHUNK)
        while hi < len(k) and k[hi] == k[hi - 1]:
            hi += 1
        kk, rr = k[lo:hi], r[lo:hi]
        lo = hi
        out = []
        for d in range(1, max_df):
            same = kk[d:] == kk[:-d]
            if not same.any():
                break
            a, b = rr[:-d][same], rr[d:][same]
            out.append(a * width + b)
        if out:
            codes, counts = np.unique(np.concatenate(out), return_counts=True)
            codes_parts.append(codes)
            count_parts.append(counts)
    if not codes_parts:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    codes = np.concatenate(codes_parts)
    counts = np.concatenate(count_parts)
    if len(codes_parts) > 1:
        codes, inv = np.unique(codes, return_inverse=True)
        counts = np.bincount(inv, weights=counts).astype(np.int64)
    return np.stack([codes // width, codes % width], axis=1), counts


def document_frequency(keys: np.ndarray) -> np.ndarray:
    """How many rows hold each key (keys are distinct within a row)."""
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    return counts[inverse]


def screen(pairs: np.ndarray, counts: np.ndarray, sizes_a: np.ndarray,
           sizes_b: np.ndarray) -> np.ndarray:
    """Which candidate pairs share enough to be worth deciding."""
    return counts >= SCREEN * np.maximum(1, np.minimum(sizes_a, sizes_b))


def score_pair(left: Signatures, i: int, wl: np.ndarray, right: Signatures, j: int,
               wr: np.ndarray, rule: Thresholds | None = None) -> PairScore:
    """Decide one pair; ``wl``/``wr`` are the rarity weights of each side's fingerprints
    (flat, aligned with ``passages.fps``)."""
    pl, pr = left.passages, right.passages
    sl = slice(pl.offsets[i], pl.offsets[i + 1])
    sr = slice(pr.offsets[j], pr.offsets[j + 1])
    exact = bool(left.exact[i] and left.exact[i] == right.exact[j])
    f = features(pl.fps[sl], pr.fps[sr], wl[sl], wr[sr], left.figures[i], right.figures[j],
                 exact)
    return decide(f, rule)


def link_pairs(left: Signatures, li: np.ndarray, wl: np.ndarray, right: Signatures,
               ri: np.ndarray, wr: np.ndarray, rule: Thresholds | None = None) -> list[Link]:
    """Decide candidate pairs ``(left[li[k]], right[ri[k]])``; return the accepted ones."""
    links: list[Link] = []
    for i, j in zip(li.tolist(), ri.tolist(), strict=True):
        score = score_pair(left, i, wl, right, j, wr, rule)
        if score.same:
            links.append(Link(i, j, score.similarity, score.method))
    return links


def candidates(sigs: Signatures) -> tuple[np.ndarray, np.ndarray]:
    """``(pairs worth deciding, rarity weight of every fingerprint)`` within a batch."""
    keys, rows = sigs.band_keys()
    pairs, counts = shared_counts(keys, rows)
    sizes = np.diff(sigs.passages.offsets)
    keep = screen(pairs, counts, sizes[pairs[:, 0]], sizes[pairs[:, 1]])
    return pairs[keep], weights(document_frequency(keys))


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


def group(n: int, links: list[Link]) -> tuple[list[int], dict[int, Link]]:
    """``(group of each row, best link of each linked row)`` from accepted links."""
    uf = UnionFind(n)
    best: dict[int, Link] = {}
    for link in links:
        uf.union(link.a, link.b)
        for row in (link.a, link.b):
            if row not in best or link.similarity > best[row].similarity:
                best[row] = link
    return [uf.find(i) for i in range(n)], best


def cluster(sigs: Signatures, rule: Thresholds | None = None
            ) -> tuple[list[int], dict[int, Link]]:
    """Group a batch: ``(group of each row, best link of each linked row)``."""
    pairs, w = candidates(sigs)
    links = link_pairs(sigs, pairs[:, 0], w, sigs, pairs[:, 1], w, rule)
    return group(len(sigs), links)


def explain_pair(text_a: str, text_b: str, rule: Thresholds | None = None) -> PairScore:
    """Decide two texts on their own (each fingerprint weighs as rare: no corpus)."""
    sigs = compute(["a", "b"], [text_a, text_b])
    w = weights(np.ones(len(sigs.passages.fps), dtype=np.int64))
    return score_pair(sigs, 0, w, sigs, 1, w, rule)
