"""Whether two releases are one story: shared passages, their order, figures, and the rule.

Evidence for a pair (see :func:`features`):

* coverage: the share of the shorter text's fingerprints found in the other, each weighted
  by how rare it is in the corpus (a template sentence or a statement many outlets quote
  counts little), so chrome, truncation and extra background in one copy do not matter;
* run: the longest stretch of shared fingerprints in the same order in both (a shared
  three-paragraph passage counts even when the rest differs);
* figures (``pipelines.dedupe.figures``): the same figure in the same words agrees; a
  different figure in the same words marks a template sibling (monthly statistics, daily
  counts) rather than a copy; figures one text lacks count against short and reworded
  texts;
* reworded: the coverage of fingerprints over content words only (function words set
  aside), for copies a rewriting service or an editor reworded.

The thresholds were chosen by a grid search on the real syndication development set,
validated out of sample (``bench/bench_stories.py``), and checked on the simulated
network (``python -m pipelines.dedupe.score``). The reworded band is the exception: the
real set gives the same figures for any ``reworded`` from 0.5 up (and pulls look-alikes in
below 0.5), so its value was set on the simulator's rewritten copies, with a margin; and
so were ``gap`` and ``short`` (the real set, whose texts are all long, scores the same for
any ``gap`` from 0 to 12 and is untouched by ``short``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from pipelines.dedupe.figures import FigureCheck, Split, compare


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The decision rule's parameters."""

    high: float = 0.9      # coverage that groups on its own ...
    tolerated: int = 1     # ... unless more figures than this differ in the same wording
    gap: int = 8           # texts the same but for this many passages each way, with at
                           # most ``tolerated`` figures different: a corrected re-post
    short: int = 20        # a text with fewer passages groups by coverage alone only if no
                           # figure is missing, and never as a reworded copy
    middle: float = 0.6    # coverage that groups only with no figure conflicting,
    missing: int = 10**6   # ... at most this many missing from the other (no limit),
    run: int = 10          # ... and a shared in-order run of this many fingerprints
    low: float = 0.15      # reworded copies: at least this coverage, and ...
    reworded: float = 0.55  # ... this share of content-word passages, no figure
                            # conflicting or missing,
    figures: int = 2       # ... and at least this many figures in common


THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True)
class PairFeatures:
    """What two releases share."""

    exact: bool
    coverage: float       # rarity-weighted share of the shorter text's fingerprints shared
    run: int              # longest in-order run of shared fingerprints
    shared: int           # fingerprints shared (0 when the coverage came precomputed)
    shorter: int          # fingerprints of the shorter text
    longer: int           # fingerprints of the longer text
    figures: FigureCheck
    reworded: float = 0.0  # share of the shorter text's content-word passages shared

    @property
    def unshared(self) -> int:
        """About how many fingerprints either text has that the other lacks (the more)."""
        return max(round((1.0 - self.coverage) * self.shorter),
                   self.longer - round(self.coverage * self.shorter))


@dataclass(frozen=True, slots=True)
class PairScore:
    """The features of a pair and the decision; :attr:`reason` says why in words."""

    features: PairFeatures
    same: bool
    method: str           # exact | passages | corrected | figures-agree | reworded | none
    rule: Thresholds

    @property
    def similarity(self) -> float:
        return 1.0 if self.features.exact else round(self.features.coverage, 4)

    @property
    def reason(self) -> str:
        """The rule that decided, in words."""
        f, t = self.features, self.rule
        fig = f.figures
        share = (f"{f.coverage:.0%} of the shorter text's passages (weighted by rarity) are "
                 f"shared")
        figures = (f"{fig.agree} figures agree, {fig.conflict} differ in the same wording, "
                   f"{fig.missing} are missing from the other")
        if self.method == "exact":
            return "identical text once normalised"
        if self.method == "passages":
            return f"{share} (>= {t.high:.0%}) and {figures}: one story"
        if self.method == "corrected":
            return (f"the texts are the same but for about {f.unshared} passages (<= "
                    f"{t.gap}) and {fig.conflict} figure differs: a corrected re-post, one "
                    f"story")
        if self.method == "figures-agree":
            return (f"{share} (>= {t.middle:.0%}), a run of {f.run} passages in the same "
                    f"order, and {figures}: one story")
        if self.method == "reworded":
            return (f"reworded copy: {f.reworded:.0%} of the shorter text's passages are "
                    f"shared once function words are set aside (>= {t.reworded:.0%}), "
                    f"{fig.shared} figures shared (>= {t.figures}) and none missing or different: "
                    f"one story")
        if f.coverage >= t.high:
            return (f"{share}, but {figures}: a look-alike from one template (new figures), "
                    f"not a copy")
        floor = min(t.high, t.middle, t.low)
        if f.coverage >= t.middle:
            why = (f"the longest shared run is only {f.run} passages (< {t.run})"
                   if fig.conflict == 0 and fig.missing <= t.missing else figures)
            return f"{share}, below {t.high:.0%}, and {why}: not one story"
        if f.coverage >= floor:
            return (f"{share}, below {t.middle:.0%}; with function words set aside "
                    f"{f.reworded:.0%} is shared (a reworded copy needs {t.reworded:.0%}) "
                    f"and {figures}: not one story")
        return f"only {share} (< {floor:.0%}): different stories"

    def to_dict(self) -> dict[str, Any]:
        f = self.features
        return {"exact": f.exact, "coverage": round(f.coverage, 4), "run": f.run,
                "reworded": round(f.reworded, 4),
                "shared": f.shared, "shorter": f.shorter, **asdict(f.figures),
                "same": self.same, "method": self.method, "similarity": self.similarity,
                "reason": self.reason}


def longest_run(a: np.ndarray, b: np.ndarray) -> int:
    """The longest run of ``a``'s fingerprints (text order) found consecutively in ``b``."""
    common, ia, ib = np.intersect1d(a, b, assume_unique=True, return_indices=True)
    if not len(common):
        return 0
    order = np.argsort(ia)
    pa, pb = ia[order], ib[order]
    step = (np.diff(pa) == 1) & (np.diff(pb) == 1)
    if not step.any():
        return 1
    # length of the longest run of True in step, plus one
    edges = np.diff(np.concatenate([[0], step.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return int((ends - starts).max()) + 1


def coverage(a: np.ndarray, b: np.ndarray, wa: np.ndarray, wb: np.ndarray
             ) -> tuple[float, int]:
    """``(rarity-weighted share of the shorter side's fingerprints found in the other,
    fingerprints shared)``: the larger of the two directions."""
    in_b, in_a = np.isin(a, b), np.isin(b, a)
    ta, tb = float(wa.sum()), float(wb.sum())
    cov_a = float(wa[in_b].sum()) / ta if ta > 0 else 0.0
    cov_b = float(wb[in_a].sum()) / tb if tb > 0 else 0.0
    return max(cov_a, cov_b), int(in_b.sum())


def unit_coverage(a: np.ndarray, b: np.ndarray) -> float:
    """:func:`coverage` with every fingerprint weighing 1 (the share of the shorter side's
    distinct fingerprints found in the other)."""
    if not len(a) or not len(b):
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / min(len(a), len(b))


def features(a: np.ndarray, b: np.ndarray, wa: np.ndarray, wb: np.ndarray,
             figs_a: np.ndarray | Split | FigureCheck, figs_b: np.ndarray | Split | FigureCheck,
             content_a: np.ndarray, content_b: np.ndarray, exact: bool = False,
             known: tuple[float, int] | None = None, rule: Thresholds | None = None
             ) -> PairFeatures:
    """Evidence for one pair: fingerprints in text order with their rarity weights, figure
    rows (or their comparison, passed as both), and content-word fingerprints. ``known``:
    the pair's :func:`coverage` if already computed. With a ``rule``, the in-order run and
    the content-word share are measured only where the rule looks at them (0 otherwise)."""
    cov, shared = known if known is not None else coverage(a, b, wa, wb)
    figs = figs_a if isinstance(figs_a, FigureCheck) else compare(figs_a, figs_b)
    t = rule
    run, reworded = 0, 0.0
    if t is None or (t.middle <= cov < t.high and figs.conflict == 0
                     and figs.missing <= t.missing):
        run = longest_run(a, b)
    if t is None or (t.low <= cov < t.high and figs.conflict == 0 and figs.missing == 0
                     and figs.shared >= t.figures):
        reworded = unit_coverage(content_a, content_b)
    return PairFeatures(exact, cov, run, shared, min(len(a), len(b)), max(len(a), len(b)),
                        figs, reworded)


def decide(f: PairFeatures, rule: Thresholds | None = None) -> PairScore:
    """The decision rule, for one pair."""
    t = rule or THRESHOLDS
    fig = f.figures
    if f.exact:
        return PairScore(f, True, "exact", t)
    short = f.shorter < t.short
    if (f.coverage >= t.high and fig.conflict <= t.tolerated
            and not (short and fig.missing)):
        return PairScore(f, True, "passages", t)
    if f.unshared <= t.gap and fig.conflict <= t.tolerated and not short:
        return PairScore(f, True, "corrected", t)
    if (f.coverage >= t.middle and fig.conflict == 0 and fig.missing <= t.missing
            and f.run >= t.run):
        return PairScore(f, True, "figures-agree", t)
    if (f.coverage >= t.low and f.reworded >= t.reworded and fig.conflict == 0
            and fig.missing == 0 and fig.shared >= t.figures and not short):
        return PairScore(f, True, "reworded", t)
    return PairScore(f, False, "none", t)
