"""Signatures of release bodies: passage fingerprints, figures and an exact-text hash.

A batch is fingerprinted at once (``pipelines.dedupe.passages``, vectorised with numpy);
figures are Python, a fraction of a millisecond a release. Signatures are plain arrays
that the warehouse stores and reloads.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from pipelines.dedupe.figures import Split, figures_of, split
from pipelines.dedupe.passages import (
    WINDOW,
    K,
    Passages,
    content_words,
    fingerprint_tokens,
    tokens_of,
)
from pipelines.dedupe.text import strip_boilerplate

SIGNATURE_VERSION = f"passages:k{K}:w{WINDOW}:content:figures2"
RARE_DF = 4      # a fingerprint in this many releases or fewer weighs 1; above, RARE_DF / df
MAX_DF = 64      # a fingerprint in more releases than this is template text: it weighs 0
CHUNK = 2_000           # texts signed at a time (a worker's memory is about its chunk)
PARALLEL_MIN = 20_000   # texts from which signing is spread over worker processes
WORKERS = 2


def _h64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little") or 1


@dataclass(slots=True)
class Signatures:
    """Signatures of a batch of documents, row ``i`` for ``ids[i]``."""

    ids: list[str]
    passages: Passages
    content: Passages           # fingerprints of the content words only (reworded copies)
    figures: list[np.ndarray]   # (m_i, 2) uint64 rows from figures_of
    exact: np.ndarray           # (n,) uint64: hash of the body's words, 0 when empty
    _splits: dict[int, Split] = field(default_factory=dict, repr=False)

    def figures_split(self, row: int) -> Split:
        """Row ``row``'s figures as sets, ready to compare (kept once made)."""
        got = self._splits.get(row)
        if got is None:
            got = self._splits[row] = split(self.figures[row])
        return got

    def __len__(self) -> int:
        return len(self.ids)

    def band_keys(self) -> tuple[np.ndarray, np.ndarray]:
        """``(keys, rows)``: every fingerprint of every document and its row."""
        return self.passages.fps, self.passages.rows()

    def take(self, rows: Sequence[int]) -> Signatures:
        """The signatures of some rows, in that order."""
        rows = list(rows)
        return Signatures([self.ids[r] for r in rows], self.passages.take(rows),
                          self.content.take(rows), [self.figures[r] for r in rows],
                          self.exact[np.asarray(rows, dtype=np.int64)])


def weights(df: np.ndarray) -> np.ndarray:
    """Rarity weight of fingerprints seen in ``df`` releases."""
    return np.where(df <= RARE_DF, 1.0, np.where(df <= MAX_DF, RARE_DF / np.maximum(df, 1), 0.0))


def body_of(text: str) -> str:
    """The text a signature is computed over."""
    return strip_boilerplate(text)


Chunk = tuple[Passages, Passages, list[np.ndarray], list[int]]


def _chunk(texts: Sequence[str]) -> Chunk:
    """Fingerprints, content-word fingerprints, figures and exact hashes of some texts."""
    toks = [tokens_of(body_of(t)) for t in texts]
    return (fingerprint_tokens(toks), fingerprint_tokens([content_words(t) for t in toks]),
            [figures_of(t) for t in toks], [_h64(" ".join(t)) if t else 0 for t in toks])


def compute(ids: Sequence[str], texts: Sequence[str]) -> Signatures:
    """Signatures of ``texts`` (release bodies; boilerplate is stripped again defensively).

    A large batch (``PARALLEL_MIN`` or more) is signed by ``WORKERS`` spawned processes,
    a chunk of ``CHUNK`` texts at a time; a small one in this process.
    """
    ids, texts = list(ids), list(texts)
    chunks = [texts[start:start + CHUNK] for start in range(0, len(texts), CHUNK)]
    workers = min(WORKERS, os.cpu_count() or 1)
    if len(texts) >= PARALLEL_MIN and workers > 1:
        with mp.get_context("spawn").Pool(workers) as pool:
            done = pool.map(_chunk, chunks, chunksize=1)
    else:
        done = [_chunk(c) for c in chunks]
    empty = fingerprint_tokens([])
    return Signatures(ids, Passages.concat([d[0] for d in done]) if done else empty,
                      Passages.concat([d[1] for d in done]) if done else empty,
                      [f for d in done for f in d[2]],
                      np.array([h for d in done for h in d[3]], dtype=np.uint64))
