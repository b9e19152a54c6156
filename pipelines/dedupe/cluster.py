"""From signatures to decided pairs to stories, in memory (the whole batch at once)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipelines.dedupe.figures import compare
from pipelines.dedupe.match import THRESHOLDS, PairScore, Thresholds, decide, features
from pipelines.dedupe.signatures import MAX_DF, Signatures, compute, weights

# A pair is decided one by one only when this share of the shorter text's fingerprints
# is shared (unweighted): well below the rule's middle band.
SCREEN = 0.2
PAIR_CHUNK = 1 << 20   # fingerprints per slice when counting shared fingerprints per pair


@dataclass(frozen=True, slots=True)
class Link:
    """An accepted pair: rows ``a`` and ``b`` are one story."""

    a: int
    b: int
    similarity: float
    method: str


def shared_sums(keys: np.ndarray, rows: np.ndarray, w: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """``(pairs, weight shared)``: row pairs ``i < j`` sharing fingerprints of non-zero
    weight, and the summed weight of the fingerprints they share."""
    empty = np.zeros((0, 2), dtype=np.int64), np.zeros(0)
    usable = w > 0
    keys, rows, w = keys[usable], rows[usable], w[usable]
    if len(keys) < 2:
        return empty
    order = np.argsort(keys, kind="stable")   # rows stay in order within a key
    k, r, wk = keys[order], rows[order], w[order]
    starts = np.flatnonzero(np.concatenate([[True], k[1:] != k[:-1]]))
    sizes = np.diff(np.concatenate([starts, [len(k)]]))
    shared = np.repeat(sizes >= 2, sizes)
    k, r, wk = k[shared], r[shared], wk[shared]
    del order, starts, sizes, shared
    width = np.int64(int(rows.max()) + 1)
    codes_parts, sum_parts = [], []
    lo = 0
    while lo < len(k):   # slices cut at key boundaries, to bound memory
        hi = min(len(k), lo + PAIR_CHUNK)
        while hi < len(k) and k[hi] == k[hi - 1]:
            hi += 1
        kk, rr, ww = k[lo:hi], r[lo:hi], wk[lo:hi]
        lo = hi
        codes, weights_ = [], []
        for d in range(1, MAX_DF + 1):
            same = kk[d:] == kk[:-d]
            if not same.any():
                break
            codes.append(rr[:-d][same] * width + rr[d:][same])
            weights_.append(ww[d:][same])
        if codes:
            flat = np.concatenate(codes)
            del codes
            uniq, inverse = np.unique(flat, return_inverse=True)
            del flat
            codes_parts.append(uniq)
            sum_parts.append(np.bincount(inverse, weights=np.concatenate(weights_)))
            del inverse, weights_
    if not codes_parts:
        return empty
    codes, sums = np.concatenate(codes_parts), np.concatenate(sum_parts)
    del k, r, wk
    if len(codes_parts) > 1:
        del codes_parts, sum_parts
        codes, inverse = np.unique(codes, return_inverse=True)
        sums = np.bincount(inverse, weights=sums)
    return np.stack([codes // width, codes % width], axis=1), sums


def document_frequency(keys: np.ndarray) -> np.ndarray:
    """How many rows hold each key (keys are distinct within a row)."""
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    return counts[inverse]


def coverages(pairs: np.ndarray, sums: np.ndarray, rows: np.ndarray, w: np.ndarray,
              n: int) -> np.ndarray:
    """Rarity-weighted coverage of each pair (the larger direction) from shared sums."""
    totals = np.bincount(rows, weights=w, minlength=n)
    if not len(pairs):
        return np.zeros(0)
    smaller = np.minimum(totals[pairs[:, 0]], totals[pairs[:, 1]])
    return np.where(smaller > 0, sums / np.maximum(smaller, 1e-12), 0.0)


def screen(counts: np.ndarray, sizes_a: np.ndarray, sizes_b: np.ndarray) -> np.ndarray:
    """Which candidate pairs share enough fingerprints to be worth deciding."""
    return counts >= SCREEN * np.maximum(1, np.minimum(sizes_a, sizes_b))


def floor_of(rule: Thresholds | None) -> float:
    """The least coverage any accepting path of the rule needs."""
    t = rule or THRESHOLDS
    return min(t.high, t.middle, t.low)


def score_pair(left: Signatures, i: int, wl: np.ndarray, right: Signatures, j: int,
               wr: np.ndarray, rule: Thresholds | None = None,
               known: tuple[float, int] | None = None) -> PairScore | None:
    """Decide one pair; ``wl``/``wr`` are the rarity weights of each side's fingerprints
    (flat, aligned with ``passages.fps``); ``known``: its coverage, if computed. With a
    known coverage, a pair only the reworded band could take whose figures already rule
    that out is answered ``None`` (apart) without measuring more."""
    t = rule or THRESHOLDS
    pl, pr = left.passages, right.passages
    figs = compare(left.figures_split(i), right.figures_split(j))
    if known is not None and known[0] < min(t.middle, t.high):
        size = min(pl.offsets[i + 1] - pl.offsets[i], pr.offsets[j + 1] - pr.offsets[j])
        if ((1.0 - known[0]) * size > t.gap and not (
                figs.conflict == 0 and figs.missing == 0 and figs.shared >= t.figures)):
            return None
    sl = slice(pl.offsets[i], pl.offsets[i + 1])
    sr = slice(pr.offsets[j], pr.offsets[j + 1])
    exact = bool(left.exact[i] and left.exact[i] == right.exact[j])
    f = features(pl.fps[sl], pr.fps[sr], wl[sl], wr[sr], figs, figs,
                 left.content.of(i), right.content.of(j), exact, known, t)
    return decide(f, rule)


def link_pairs(left: Signatures, li: np.ndarray, wl: np.ndarray, right: Signatures,
               ri: np.ndarray, wr: np.ndarray, rule: Thresholds | None = None,
               cover: np.ndarray | None = None) -> list[Link]:
    """Decide candidate pairs ``(left[li[k]], right[ri[k]])``; return the accepted ones.
    ``cover``: their coverage, when already known (pairs below the rule's floor are then
    skipped without a look)."""
    links: list[Link] = []
    if cover is not None:
        keep = cover >= floor_of(rule)
        li, ri, cover = li[keep], ri[keep], cover[keep]
    for k, (i, j) in enumerate(zip(li.tolist(), ri.tolist(), strict=True)):
        known = None if cover is None else (float(cover[k]), 0)
        score = score_pair(left, i, wl, right, j, wr, rule, known)
        if score is not None and score.same:
            links.append(Link(i, j, score.similarity, score.method))
    left._splits.clear()   # the figure sets were for this batch of pairs only
    right._splits.clear()
    return links


def exact_links(left: Signatures, right: Signatures | None = None) -> list[Link]:
    """Identical bodies (however common: no fingerprint cap applies), within ``left`` or
    between ``left`` and ``right``."""
    links = []
    if right is None:
        first: dict[int, int] = {}
        for row, h in enumerate(left.exact.tolist()):
            if h:
                if h in first:
                    links.append(Link(first[h], row, 1.0, "exact"))
                else:
                    first[h] = row
        return links
    index = {h: row for row, h in enumerate(right.exact.tolist()) if h}
    for row, h in enumerate(left.exact.tolist()):
        if h in index:
            links.append(Link(row, index[h], 1.0, "exact"))
    return links


def candidates(sigs: Signatures, w: np.ndarray, floor: float = 0.0
               ) -> tuple[np.ndarray, np.ndarray]:
    """``(pairs sharing fingerprints, their coverage)`` within a batch, given the rarity
    weight of every fingerprint; only pairs of at least ``floor`` coverage (a rule's
    :func:`floor_of`: the others are dropped here, to spare memory)."""
    keys, rows = sigs.band_keys()
    pairs, sums = shared_sums(keys, rows, w)
    cover = coverages(pairs, sums, rows, w, len(sigs))
    del sums
    if floor > 0:
        keep = cover >= floor
        pairs, cover = pairs[keep], cover[keep]
    return pairs, cover


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
    w = weights(document_frequency(sigs.passages.fps))
    pairs, cover = candidates(sigs, w, floor_of(rule))
    links = link_pairs(sigs, pairs[:, 0], w, sigs, pairs[:, 1], w, rule, cover)
    return group(len(sigs), exact_links(sigs) + links)


def explain_pair(text_a: str, text_b: str, rule: Thresholds | None = None) -> PairScore:
    """Decide two texts on their own (each fingerprint weighs as rare: no corpus)."""
    sigs = compute(["a", "b"], [text_a, text_b])
    w = np.ones(len(sigs.passages.fps))
    score = score_pair(sigs, 0, w, sigs, 1, w, rule)
    assert score is not None  # only a precomputed coverage may leave a pair undecided
    return score
