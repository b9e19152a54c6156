"""Signatures of release bodies: MinHash over word shingles (rensa), fact tokens, lead keys.

The MinHash work is vectorised over a batch (rensa, numpy); the facts are Python, about
0.1 ms a release. Signatures are plain arrays that the warehouse stores and reloads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from rensa import RMinHash

from pipelines.dedupe.facts import Facts, extract_facts
from pipelines.dedupe.text import strip_boilerplate, words

SHINGLE = 5                      # words per shingle
NUM_PERM = 128                   # text MinHash size: TEXT_BANDS x TEXT_ROWS
TEXT_BANDS, TEXT_ROWS = 32, 4    # LSH: Jaccard 0.6 is a candidate with p=0.99, 0.3 with 0.23
FACT_PERM = 48                   # fact MinHash size: FACT_BANDS x FACT_ROWS
FACT_BANDS, FACT_ROWS = 16, 3
MIN_FACTS = 4                    # fewer fact tokens than this: no fact bands
SEED = 20260701
SIGNATURE_VERSION = f"rensa-{RMinHash.ALGORITHM_VERSION}:k{SHINGLE}:p{NUM_PERM}:f{FACT_PERM}"

# Band ids: text bands 0..31, lead keys 100.., facts 200.., exact text 300.
LEAD_BAND, FACT_BAND, EXACT_BAND = 100, 200, 300
LEAD_SENTENCES = 2               # lead keys: the body's first words, in runs of LEAD_WORDS
LEAD_WORDS = 24
_MULT = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                  0x27D4EB2F165667C5, 0xFF51AFD7ED558CCD, 0xD6E8FEB86659FD93],
                 dtype=np.uint64)


def _h64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little") or 1


@dataclass(slots=True)
class Signatures:
    """Signatures of a batch of documents, row ``i`` for ``ids[i]``."""

    ids: list[str]
    minhash: np.ndarray        # (n, NUM_PERM) uint32
    shingles: np.ndarray       # (n,) int32: size of each shingle set
    exact: np.ndarray          # (n,) uint64: hash of the normalised body
    lead: np.ndarray           # (n, LEAD_SENTENCES) uint64: first words' hashes, 0 if short
    facts: list[Facts]
    fact_minhash: np.ndarray   # (n, FACT_PERM) uint32
    fact_counts: np.ndarray = field(init=False)  # (n,) distinct fact tokens

    def __post_init__(self) -> None:
        self.fact_counts = np.fromiter((len(f.tokens) for f in self.facts), dtype=np.int32,
                                       count=len(self.facts))

    def __len__(self) -> int:
        return len(self.ids)

    def band_keys(self) -> tuple[np.ndarray, np.ndarray]:
        """``(keys, rows)``: every LSH bucket key of every document (band id mixed in)."""
        n = len(self)
        parts, rows = [], []
        with np.errstate(over="ignore"):
            text = self.minhash.astype(np.uint64).reshape(n, TEXT_BANDS, TEXT_ROWS)
            keys = _mix(text, np.arange(TEXT_BANDS, dtype=np.uint64))
            has_text = self.shingles > 0
            parts.append(keys[has_text].ravel())
            rows.append(np.repeat(np.flatnonzero(has_text), TEXT_BANDS))
            fact = self.fact_minhash.astype(np.uint64).reshape(n, FACT_BANDS, FACT_ROWS)
            fkeys = _mix(fact, FACT_BAND + np.arange(FACT_BANDS, dtype=np.uint64))
            has_facts = self.fact_counts >= MIN_FACTS
            parts.append(fkeys[has_facts].ravel())
            rows.append(np.repeat(np.flatnonzero(has_facts), FACT_BANDS))
            for j in range(LEAD_SENTENCES):
                have = np.flatnonzero(self.lead[:, j])
                parts.append(self.lead[have, j] * _MULT[5] + np.uint64(LEAD_BAND + j))
                rows.append(have)
            parts.append(self.exact[has_text] * _MULT[4] + np.uint64(EXACT_BAND))
            rows.append(np.flatnonzero(has_text))  # an empty body is no evidence
        return np.concatenate(parts), np.concatenate(rows).astype(np.int64)


def _mix(values: np.ndarray, band_ids: np.ndarray) -> np.ndarray:
    """Hash the rows of each band, and its band id, into one uint64 per (doc, band)."""
    key = band_ids[None, :] * _MULT[5]
    for j in range(values.shape[2]):
        key = (key ^ values[:, :, j]) * _MULT[j]
        key ^= key >> np.uint64(29)
    return key


def _shingle_hashes(token_hashes: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Flat shingle hashes and row offsets from each document's word hashes."""
    lens = np.fromiter((len(t) for t in token_hashes), dtype=np.int64, count=len(token_hashes))
    total = int(lens.sum())
    flat = np.fromiter((v for t in token_hashes for v in t), dtype=np.uint64, count=total)
    flat = np.concatenate([flat, np.zeros(SHINGLE, dtype=np.uint64)])
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
    counts = np.where(lens > 0, np.maximum(lens - SHINGLE + 1, 1), 0)
    first = np.repeat(starts - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts)
    pos = first + np.arange(int(counts.sum()))
    ends = np.repeat(starts + lens, counts)
    sh = np.zeros(len(pos), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(SHINGLE):
            at = pos + j
            word = np.where(at < ends, flat[np.minimum(at, total)], 0)
            sh = (sh ^ word) * _MULT[j]
            sh ^= sh >> np.uint64(31)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.uint64)
    return sh, offsets


def body_of(text: str) -> str:
    """The text a signature is computed over."""
    return strip_boilerplate(text)


CHUNK = 5_000


def compute(ids: Sequence[str], texts: Sequence[str]) -> Signatures:
    """Signatures of ``texts`` (release bodies; boilerplate is stripped again defensively).

    One process, about 0.25 ms a release. (Extracting facts in a forked helper measured
    slower: moving the texts and facts between processes costs more than it saves.)
    """
    ids, texts = list(ids), list(texts)
    parts, facts = [], []
    for start in range(0, len(texts), CHUNK):  # the word lists of one chunk at a time
        bodies = [body_of(t) for t in texts[start:start + CHUNK]]
        parts.append(_text_signatures(bodies))
        facts += [extract_facts(b) for b in bodies]
    fact_mh = _digest(RMinHash.digest_matrix_from_token_sets(
        [list(f.sequence) for f in facts], FACT_PERM, SEED), len(ids), FACT_PERM)
    if not parts:
        parts.append((np.zeros((0, NUM_PERM), np.uint32), np.zeros(0, np.int32),
                      np.zeros(0, np.uint64), np.zeros((0, LEAD_SENTENCES), np.uint64)))
    text = [np.concatenate([p[k] for p in parts]) for k in range(4)]
    return Signatures(ids, *text, facts, fact_mh)


def _text_signatures(bodies: list[str]
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(minhash, shingle counts, exact hashes, lead keys)`` of stripped bodies."""
    n = len(bodies)
    toks = [words(b) for b in bodies]
    hashed = RMinHash.hash_token_sets(toks) if n else []
    shingles, offsets = _shingle_hashes(hashed)
    counts = np.diff(offsets.astype(np.int64)).astype(np.int32)
    minhash = _digest(RMinHash.digest_matrix_from_flat_token_hashes(
        shingles, offsets, NUM_PERM, SEED), n, NUM_PERM)
    exact = np.fromiter((_h64(" ".join(t)) for t in toks), dtype=np.uint64, count=n)
    lead = np.zeros((n, LEAD_SENTENCES), dtype=np.uint64)
    for i, tokens in enumerate(toks):
        for j in range(LEAD_SENTENCES):
            if len(tokens) >= (j + 1) * LEAD_WORDS:
                lead[i, j] = _h64(" ".join(tokens[j * LEAD_WORDS:(j + 1) * LEAD_WORDS]))
    return minhash, counts, exact, lead


def _digest(matrix: object, n: int, perm: int) -> np.ndarray:
    if n == 0:
        return np.zeros((0, perm), dtype=np.uint32)
    return np.array(matrix.to_rows(), dtype=np.uint32).reshape(n, perm)  # type: ignore[attr-defined]
