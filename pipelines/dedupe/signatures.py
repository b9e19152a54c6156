"""Signatures of release bodies: passage fingerprints, figures and an exact-text hash.

A batch is fingerprinted at once (``pipelines.dedupe.passages``, vectorised with numpy);
figures are Python, a fraction of a millisecond a release. Signatures are plain arrays
that the warehouse stores and reloads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pipelines.dedupe.figures import figures_of
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
CHUNK = 5_000


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


def compute(ids: Sequence[str], texts: Sequence[str]) -> Signatures:
    """Signatures of ``texts`` (release bodies; boilerplate is stripped again defensively)."""
    ids, texts = list(ids), list(texts)
    parts: list[Passages] = []
    content: list[Passages] = []
    figures: list[np.ndarray] = []
    exact: list[int] = []
    for start in range(0, len(texts), CHUNK):  # the word lists of one chunk at a time
        toks = [tokens_of(body_of(t)) for t in texts[start:start + CHUNK]]
        parts.append(fingerprint_tokens(toks))
        content.append(fingerprint_tokens([content_words(t) for t in toks]))
        figures += [figures_of(t) for t in toks]
        exact += [_h64(" ".join(t)) if t else 0 for t in toks]
    empty = fingerprint_tokens([])
    return Signatures(ids, Passages.concat(parts) if parts else empty,
                      Passages.concat(content) if content else empty, figures,
                      np.array(exact, dtype=np.uint64))
