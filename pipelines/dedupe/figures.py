"""Figures and dates in their wording: what tells a template sibling from a copy.

Every number in a release (a count, a percentage, money, the day of a date, a year) is
kept with the two words before it and, separately, the two words after it. Two releases
that state a figure in the same words agree when the figure is the same and conflict
when it differs: the monthly statistics release from one issuer repeats its sentences
with new figures, a copy repeats them with the same. Figures one text states and the
other lacks anywhere count too (a sibling has its own figures both ways; a shortened or
padded copy lacks them in one direction only).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

CONTEXT = 2          # words on each side that key a figure
_ANY = 3              # the key of a figure's row on its own (context keys end in binary 111)


def _h(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def _is_figure(token: str) -> bool:
    return any(c.isdigit() for c in token)


def figures_of(tokens: Sequence[str]) -> np.ndarray:
    """Sorted distinct ``(key, figure)`` uint64 rows: every figure keyed by the words just
    before it, by the words just after it (contexts holding another figure are skipped),
    and once on its own (key = 3)."""
    rows: set[tuple[int, int]] = set()
    for i, tok in enumerate(tokens):
        if not _is_figure(tok):
            continue
        value = _h(tok.lstrip("0") or "0")
        rows.add((_ANY, value))
        before, after = tokens[max(0, i - CONTEXT):i], tokens[i + 1:i + 1 + CONTEXT]
        if len(before) == CONTEXT and not any(map(_is_figure, before)):
            rows.add((_h("<" + " ".join(before)) | 7, value))
        if len(after) == CONTEXT and not any(map(_is_figure, after)):
            rows.add((_h(">" + " ".join(after)) | 7, value))
    if not rows:
        return np.zeros((0, 2), dtype=np.uint64)
    return np.array(sorted(rows), dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class FigureCheck:
    """How two releases' figures compare."""

    agree: int      # figures stated in the same words, the same
    conflict: int   # stated in the same words, different
    missing: int    # figures of one text absent from the other (the fewer of both ways)
    shared: int = 0  # distinct figures both state


def compare(a: np.ndarray, b: np.ndarray) -> FigureCheck:
    """Compare two releases' figure rows (from :func:`figures_of`)."""
    if not len(a) or not len(b):
        return FigureCheck(0, 0, 0)
    any_a, any_b = a[a[:, 0] == _ANY, 1], b[b[:, 0] == _ANY, 1]
    missing = min(len(np.setdiff1d(any_a, any_b)), len(np.setdiff1d(any_b, any_a)))
    shared = len(np.intersect1d(any_a, any_b))
    ka, kb = a[a[:, 0] != _ANY], b[b[:, 0] != _ANY]
    keys = np.intersect1d(ka[:, 0], kb[:, 0])
    if not len(keys):
        return FigureCheck(0, 0, missing, shared)
    sa = {(int(k), int(v)) for k, v in ka[np.isin(ka[:, 0], keys)]}
    sb = {(int(k), int(v)) for k, v in kb[np.isin(kb[:, 0], keys)]}
    agreeing = {k for k, _ in sa & sb}
    return FigureCheck(len(agreeing), len(keys) - len(agreeing), missing, shared)
