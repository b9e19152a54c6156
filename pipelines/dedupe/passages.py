"""Passages two releases share: winnowed fingerprints of word k-grams, in text order.

A release is reduced to the hashes of its word 5-grams, of which winnowing keeps the
smallest in every window of ``WINDOW`` consecutive ones (so any shared run of
``K + WINDOW - 1`` words leaves at least one shared fingerprint). Page chrome (short lines
such as "Advertisement" or "Read more") is dropped first, and quotes, dashes and
apostrophes are unified so spelling of punctuation never breaks a passage.

Everything is vectorised over a batch with numpy; a release's fingerprints are a sorted
array of uint64 and the positions they were taken at, so the order of shared passages can
be compared (local alignment).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
from rensa import RMinHash

from pipelines.dedupe.text import normalise

K = 5            # words per k-gram
WINDOW = 4       # winnowing window (k-grams)
CHROME_WORDS = 4  # a line of fewer words than this is page chrome, not story text
_MULT = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                  0x27D4EB2F165667C5, 0xFF51AFD7ED558CCD], dtype=np.uint64)
_LINES = re.compile(r"\n+|\s###\s")
_APOSTROPHE = re.compile(r"(?<=\w)['’‘`´](?=\w)")
_WORD = re.compile(r"\w+")
_CHROME = re.compile(
    r"^(?:advertisement|sponsored|related(?: (?:articles?|stories|coverage|content))?|"
    r"read (?:more|next|also)|more from .*|see also.*|share (?:this|on).*|comments?.*|"
    r"(?:leave|post|add) a comment.*|click (?:here|to).*|sign up.*|subscribe.*|"
    r"follow us.*|recommended.*|trending.*|you may also like.*|also read.*|"
    r"published in .*|copyright .*|©.*|all rights reserved.*|\(adsbygoogle.*)$")


def _kept_lines(text: str) -> list[list[str]]:
    """The word tokens of each line that is story text, not chrome."""
    text = _APOSTROPHE.sub("", normalise(text or ""))
    out = []
    for line in _LINES.split(text):
        words = _WORD.findall(line)
        if len(words) < CHROME_WORDS or _CHROME.match(line.strip()):
            continue
        out.append(words)
    return out


def lines_of(text: str) -> list[str]:
    """The text's lines (paragraphs), NFKC, case-folded, with page chrome dropped."""
    return [" ".join(words) for words in _kept_lines(text)]


# Function words (and verbs of saying) a rewriting service swaps freely: the reworded
# channel compares passages without them.
STOPWORDS = frozenset(
    "a an the of and or in on at to for from by with within as well so that which who is are "
    "was were be been being has have had it its this these those also further alongside said "
    "added told".split())


def content_words(tokens: Sequence[str]) -> list[str]:
    """The tokens without function words."""
    return [t for t in tokens if t not in STOPWORDS]


def tokens_of(text: str) -> list[str]:
    """Word tokens of the text without its chrome lines."""
    return [w for words in _kept_lines(text) for w in words]


@dataclass(slots=True)
class Passages:
    """Fingerprints of a batch: release ``i`` has ``fps[offsets[i]:offsets[i+1]]`` (its
    fingerprints in text order, distinct) and ``kgrams[i]`` k-grams in all."""

    fps: np.ndarray       # (m,) uint64, per release in text order
    offsets: np.ndarray   # (n + 1,) int64
    kgrams: np.ndarray    # (n,) int32: k-grams of each release (its length in k-grams)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def of(self, i: int) -> np.ndarray:
        """Release ``i``'s fingerprints in text order."""
        return self.fps[self.offsets[i]:self.offsets[i + 1]]

    def rows(self) -> np.ndarray:
        """The release row of every fingerprint."""
        return np.repeat(np.arange(len(self), dtype=np.int32), np.diff(self.offsets))

    def take(self, rows: Sequence[int]) -> Passages:
        """The fingerprints of some releases, in that order."""
        parts = [self.of(int(r)) for r in rows]
        sizes = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
        return Passages(np.concatenate(parts) if parts else np.zeros(0, np.uint64),
                        np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64),
                        self.kgrams[np.asarray(rows, dtype=np.int64)])

    @staticmethod
    def concat(parts: Sequence[Passages]) -> Passages:
        """One batch from several."""
        fps = [p.fps for p in parts]
        offs, base = [np.zeros(1, np.int64)], 0
        for p in parts:
            offs.append(p.offsets[1:] + base)
            base += int(p.offsets[-1])
        return Passages(np.concatenate(fps) if fps else np.zeros(0, np.uint64),
                        np.concatenate(offs), np.concatenate([p.kgrams for p in parts])
                        if parts else np.zeros(0, np.int32))


def kgram_hashes(token_hashes: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Flat k-gram hashes and per-release offsets from each release's word hashes (a text
    shorter than ``K`` words gives one k-gram of what it has)."""
    if not len(token_hashes):
        return np.zeros(0, dtype=np.uint64), np.zeros(1, dtype=np.int64)
    lens = np.fromiter((len(t) for t in token_hashes), dtype=np.int64, count=len(token_hashes))
    total = int(lens.sum())
    flat = np.fromiter(chain.from_iterable(token_hashes), dtype=np.uint64, count=total)
    flat = np.concatenate([flat, np.zeros(K, dtype=np.uint64)])
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64)
    counts = np.where(lens > 0, np.maximum(lens - K + 1, 1), 0)
    first = np.repeat(starts - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts)
    pos = first + np.arange(int(counts.sum()))
    ends = np.repeat(starts + lens, counts)
    sh = np.zeros(len(pos), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(K):
            at = pos + j
            word = np.where(at < ends, flat[np.minimum(at, total)], 0)
            sh = (sh ^ word) * _MULT[j]
            sh ^= sh >> np.uint64(31)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return sh, offsets


def winnow(hashes: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions kept by winnowing (the rightmost minimum of each window, within each
    release), and the release of each; a release shorter than a window keeps its minimum."""
    n = len(offsets) - 1
    lens = np.diff(offsets)
    owner = np.repeat(np.arange(n, dtype=np.int64), lens)
    m = len(hashes)
    best_v = hashes.copy()
    best_i = np.arange(m, dtype=np.int64)
    end = np.repeat(offsets[1:], lens)
    for d in range(1, WINDOW):
        j = np.arange(m, dtype=np.int64) + d
        ok = j < end
        jj = np.minimum(j, m - 1)
        v = hashes[jj]
        better = ok & (v <= best_v)
        best_v = np.where(better, v, best_v)
        best_i = np.where(better, jj, best_i)
    # a window starts at every position with a full window ahead (or the release's start,
    # when the release is shorter than a window)
    start_ok = (np.arange(m) + WINDOW - 1 < end) | (np.arange(m) == np.repeat(offsets[:-1], lens))
    chosen = best_i[start_ok]             # non-decreasing: one pass drops the repeats
    picked = chosen[np.concatenate([[True], chosen[1:] != chosen[:-1]])] if len(chosen) else chosen
    return picked, owner[picked]


def fingerprint(texts: Sequence[str]) -> Passages:
    """Winnowed k-gram fingerprints of each text, distinct and in text order."""
    return fingerprint_tokens([tokens_of(t) for t in texts])


def fingerprint_tokens(toks: Sequence[list[str]]) -> Passages:
    """Winnowed k-gram fingerprints of each token list, distinct and in text order."""
    hashed = RMinHash.hash_token_sets(toks) if toks else []
    hashes, offsets = kgram_hashes(hashed)
    kgrams = np.diff(offsets).astype(np.int32)
    if not len(hashes):
        return Passages(np.zeros(0, np.uint64), np.zeros(len(toks) + 1, np.int64), kgrams)
    picked, owner = winnow(hashes, offsets)
    fps = hashes[picked]
    # distinct per release, keeping the first occurrence (text order)
    order = np.lexsort((picked, fps, owner))
    o, f = owner[order], fps[order]
    first = np.concatenate([[True], (o[1:] != o[:-1]) | (f[1:] != f[:-1])])
    keep = np.sort(order[first])           # back to text order (picked is increasing)
    fps, owner = fps[keep], owner[keep]
    out_off = np.concatenate([[0], np.cumsum(np.bincount(owner, minlength=len(toks)))])
    return Passages(fps, out_off.astype(np.int64), kgrams)
