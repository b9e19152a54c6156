"""Stories outside the warehouse: cluster any collection of releases with the pipeline's logic."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pipelines.dedupe.cluster import cluster
from pipelines.dedupe.match import Thresholds
from pipelines.dedupe.signatures import compute
from pipelines.ids import stable_id


def story_id_for(first_release_id: str) -> str:
    """The id a story gets when its first member is ``first_release_id``."""
    return stable_id("story", first_release_id)


def _when(doc: dict[str, Any]) -> tuple[bool, str]:
    at = doc.get("published_at")
    if isinstance(at, datetime):
        at = at.isoformat()
    return (at is None, at or "")


def cluster_documents(docs: Sequence[dict[str, Any]], rule: Thresholds | None = None
                      ) -> list[dict[str, Any]]:
    """One ``{"id", "story", "canonical", "method", "similarity", "linked_to"}`` per doc.

    ``docs`` carry ``id`` and ``text``, optionally ``published_at`` (the earliest published
    member is canonical and names the story). ``rule``: other thresholds than the shipped.
    """
    sigs = compute([str(d["id"]) for d in docs], [d.get("text") or "" for d in docs])
    groups, best = cluster(sigs, rule)
    members: dict[int, list[int]] = defaultdict(list)
    for row, group in enumerate(groups):
        members[group].append(row)
    out: list[dict[str, Any]] = [{} for _ in docs]
    for rows in members.values():
        head = min(rows, key=lambda r: (_when(docs[r]), str(docs[r]["id"])))
        story = story_id_for(str(docs[head]["id"]))
        for row in rows:
            link = best.get(row)
            other = None if link is None else (link.b if link.a == row else link.a)
            out[row] = {
                "id": docs[row]["id"], "story": story, "canonical": row == head,
                "method": "canonical" if row == head else (link.method if link else "first"),
                "similarity": 1.0 if row == head or link is None else link.similarity,
                "linked_to": None if other is None else docs[other]["id"],
            }
    return out
