"""Score what a tool captured against the simulated network's truth.

The pages to capture are the reachable release pages (an exact repost counts as its
canonical page). A page is captured when some URL the tool kept maps to it (directly,
without its query, or through the simulator's redirect) with a non-empty body. Body F1 is
the word-multiset F1 of ``bench_extraction.prf`` against the page's text as the network
renders it (dateline, body, contact and About lines), the better of the two versions for a
page corrected after its first fetch, averaged over the captured pages.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_extraction import prf  # noqa: E402

from simulator import WireNetwork  # noqa: E402


@dataclass(frozen=True)
class Truth:
    """The pages to capture, their texts and every URL that leads to one."""

    targets: frozenset[str]
    texts: dict[str, list[str]]
    alias: dict[str, str]

    def target_of(self, url: str) -> str | None:
        """The release page ``url`` leads to, if any."""
        return self.alias.get(url) or self.alias.get(url.split("?", 1)[0])


def network_truth(net: WireNetwork) -> Truth:
    """The truth of ``net`` for scoring."""
    truth = net.truth()
    alias: dict[str, str] = {}
    for page in truth["pages"]:
        if page["reachable"]:
            alias[page["url"]] = page["canonical_url"]
    special = truth["special"]
    alias[special["redirect_from"]] = special["redirect_to"]
    targets = frozenset(alias.values())
    texts: dict[str, list[str]] = {}
    for doc in net.documents():
        if doc["id"] in targets:
            texts[doc["id"]] = [doc["text"]]
    for page in net.versioned_pages():
        texts[net.url(page)].append(net.document(page, version=2)["text"])
    return Truth(targets=targets, texts=texts, alias=alias)


@dataclass(frozen=True)
class Score:
    """Capture and body quality of one run."""

    captured: int
    targets: int
    body_f1: float

    @property
    def captured_share(self) -> float:
        return self.captured / self.targets if self.targets else 0.0


def score(truth: Truth, kept: Iterable[tuple[str, str | None]]) -> Score:
    """Score ``(url, body)`` pairs a tool kept; a page's own URL wins over its aliases."""
    bodies: dict[str, str] = {}
    for url, body in kept:
        target = truth.target_of(url)
        if target and body and (target not in bodies or url == target):
            bodies[target] = body
    f1s = [max(prf(bodies[t], text)[2] for text in truth.texts[t]) for t in bodies]
    return Score(captured=len(bodies), targets=len(truth.targets),
                 body_f1=statistics.fmean(f1s) if f1s else 0.0)
