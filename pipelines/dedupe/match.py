"""Whether two releases are one story: text similarity, facts, and the decision rule.

The thresholds were chosen on the simulated network's ground truth (``pipelines.dedupe.score``;
see ``tests/pipelines/test_dedupe_quality.py``).
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from pipelines.dedupe.facts import Facts

TEXT_CONTAINMENT = 0.5   # share of the shorter body's shingles found in the other
FACTS_AGREE = 0.9        # ... and share of its facts (figures, names, quotes) in the other
FEW_FACTS = 3            # a body with fewer facts joins only a copy with its opening words,
FIGURELESS_FACTS = 7     # ... and so does one without figures, unless it has this many
                         # facts, all found in the other
NUMBERS_AGREE = 0.5      # ... and share of its figures in the other
FACT_OVERLAP = 0.75      # rewritten copies: share of the shorter fact list in the other
FACT_NUMBERS = 0.8       # ... and of its figures
FACT_ORDER = 0.7         # ... stated in the same order
MIN_SHARED_STRONG = 2    # ... with at least this many shared figures, dates and quotes
MIN_SHARED_FACTS = 5


@dataclass(frozen=True, slots=True)
class PairScore:
    """Similarity of two releases and the decision; :attr:`reason` says why."""

    exact: bool
    same_lead: bool         # same opening words
    jaccard: float          # estimated Jaccard of word shingles
    containment: float      # estimated share of the shorter body's shingles in the other
    fact_overlap: float     # share of the shorter fact set in the other
    number_overlap: float   # share of the shorter figure set in the other
    shared_numbers: int
    fact_order: float       # how much of the shared facts appear in the same order
    same: bool
    method: str             # exact | near | facts | none
    similarity: float

    @property
    def reason(self) -> str:
        """The rule that decided, in words."""
        c, f, n = self.containment, self.fact_overlap, self.number_overlap
        if self.method == "exact":
            return "identical text once normalised"
        if self.method == "near":
            return (f"{c:.0%} of the shorter text's shingles are shared (>= "
                    f"{TEXT_CONTAINMENT:.0%}) and so are {f:.0%} of its facts")
        if self.method == "facts":
            return (f"rewritten copy: {f:.0%} of the facts and {n:.0%} of the figures are "
                    f"shared, {self.fact_order:.0%} in the same order")
        if c >= TEXT_CONTAINMENT:
            return (f"texts overlap ({c:.0%}) but only {f:.0%} of the facts and {n:.0%} of "
                    f"the figures agree (or too few facts to tell): a look-alike from one "
                    f"template, not a copy")
        return (f"only {c:.0%} of the shorter text is shared (< {TEXT_CONTAINMENT:.0%}) and "
                f"facts overlap {f:.0%}, figures {n:.0%}: not a rewrite either")

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "reason": self.reason}


def containment_from(jaccard: np.ndarray | float, size_a: np.ndarray | int,
                     size_b: np.ndarray | int) -> np.ndarray | float:
    """|A∩B| / min(|A|, |B|) from a Jaccard estimate and the set sizes."""
    inter = jaccard * (np.add(size_a, size_b)) / (1.0 + jaccard)
    return np.minimum(1.0, inter / np.maximum(1, np.minimum(size_a, size_b)))


def _overlap(a: frozenset[str], b: frozenset[str]) -> tuple[float, int]:
    shared = len(a & b)
    return (shared / min(len(a), len(b)) if a and b else 0.0), shared


def _order(a: Facts, b: Facts) -> float:
    shared = a.tokens & b.tokens
    sa = [t for t in a.sequence if t in shared]
    sb = [t for t in b.sequence if t in shared]
    if not sa or not sb:
        return 0.0
    matcher = difflib.SequenceMatcher(None, sa, sb, autojunk=False)
    return sum(m.size for m in matcher.get_matching_blocks()) / min(len(sa), len(sb))


def decide(exact: bool, jaccard: float, containment: float, fa: Facts, fb: Facts,
           same_lead: bool = False) -> PairScore:
    """The decision rule, for one pair."""
    fact_overlap, shared_facts = _overlap(fa.tokens, fb.tokens)
    numbers_a, numbers_b = fa.numbers, fb.numbers
    number_overlap, shared_numbers = _overlap(numbers_a, numbers_b)
    few_numbers = min(len(numbers_a), len(numbers_b)) < 2
    order = 0.0
    args = (exact, same_lead, jaccard, containment, fact_overlap, number_overlap, shared_numbers)
    if exact:
        return PairScore(*args, 1.0, True, "exact", 1.0)
    smaller = min(len(fa.tokens), len(fb.tokens))
    facts_ok = (few_numbers or number_overlap >= NUMBERS_AGREE) and fact_overlap >= FACTS_AGREE
    if not same_lead and (smaller < FEW_FACTS or few_numbers and (
            smaller < FIGURELESS_FACTS or fact_overlap < 1.0)):
        facts_ok = False  # too little to tell a short carry from a template look-alike
    if containment >= TEXT_CONTAINMENT and facts_ok:
        return PairScore(*args, order, True, "near", containment)
    if (fact_overlap >= FACT_OVERLAP and number_overlap >= FACT_NUMBERS
            and len(fa.strong & fb.strong) >= MIN_SHARED_STRONG
            and shared_facts >= MIN_SHARED_FACTS):
        order = _order(fa, fb)
        if order >= FACT_ORDER:
            return PairScore(*args, order, True, "facts", fact_overlap)
    return PairScore(*args, order, False, "none", containment)


def jaccard_of(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Estimated Jaccard of MinHash rows (row-wise)."""
    return (a == b).mean(axis=-1)
