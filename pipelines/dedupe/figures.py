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
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

CONTEXT = 2          # words on each side that key a figure
_ANY = 3              # the key of a figure's row on its own (context keys end in binary 111)


def _h(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


_DIGIT = re.compile(r"\d")


def figures_of(tokens: Sequence[str]) -> np.ndarray:
    """Sorted distinct ``(key, figure)`` uint64 rows: every figure keyed by the words just
    before it, by the words just after it (contexts holding another figure are skipped),
    and once on its own (key = 3)."""
    at = [i for i, tok in enumerate(tokens) if not tok.isalpha() and _DIGIT.search(tok)]
    if not at:
        return np.zeros((0, 2), dtype=np.uint64)
    values = {tok: _h(tok.lstrip("0") or "0") for tok in {tokens[i] for i in at}}
    figure = set(at)
    rows: set[tuple[int, int]] = set()
    for i in at:
        value = values[tokens[i]]
        rows.add((_ANY, value))
        if i >= CONTEXT and figure.isdisjoint(range(i - CONTEXT, i)):
            rows.add((_h("<" + " ".join(tokens[i - CONTEXT:i])) | 7, value))
        if i + CONTEXT < len(tokens) and figure.isdisjoint(range(i + 1, i + 1 + CONTEXT)):
            rows.add((_h(">" + " ".join(tokens[i + 1:i + 1 + CONTEXT])) | 7, value))
    return np.array(sorted(rows), dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class FigureCheck:
    """How two releases' figures compare."""

    agree: int      # figures stated in the same words, the same
    conflict: int   # figures stated in the same words, different (distinct figures)
    missing: int    # figures of one text absent from the other (the fewer of both ways)
    shared: int = 0  # distinct figures both state


Split = tuple[set[int], dict[int, set[int]]]


def compare(a: np.ndarray | Split, b: np.ndarray | Split) -> FigureCheck:
    """Compare two releases' figure rows (from :func:`figures_of`, or :func:`split`)."""
    any_a, ctx_a = a if isinstance(a, tuple) else split(a)
    any_b, ctx_b = b if isinstance(b, tuple) else split(b)
    if not any_a or not any_b:
        return FigureCheck(0, 0, 0)
    missing = min(len(any_a - any_b), len(any_b - any_a))
    # a figure changed in one place conflicts under the words before and after it: count
    # the distinct figures involved (the fewer of both sides), not the contexts
    agree = 0
    va: set[int] = set()
    vb: set[int] = set()
    for k in ctx_a.keys() & ctx_b.keys():
        x, y = ctx_a[k], ctx_b[k]
        if x.isdisjoint(y):
            va |= x
            vb |= y
        else:
            agree += 1
    return FigureCheck(agree, min(len(va), len(vb)), missing, len(any_a & any_b))


def split(rows: np.ndarray) -> Split:
    """The figures alone, and the figures under each context key."""
    alone: set[int] = set()
    ctx: dict[int, set[int]] = {}
    for key, value in rows.tolist():
        if key == _ANY:
            alone.add(value)
        else:
            ctx.setdefault(key, set()).add(value)
    return alone, ctx
