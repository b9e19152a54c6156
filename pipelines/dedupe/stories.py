"""Story grouping: copies of one release across carriers become one story."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any


def stable_id(*parts: str) -> str:
    """A short, stable id from its parts."""
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def _when(release: dict[str, Any]) -> datetime:
    return release.get("published_at") or release["first_seen_at"]


def build_stories(
    releases: Sequence[dict[str, Any]], priority: dict[str, int] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Group releases whose main text is identical into stories.

    Each release dict needs ``release_id``, ``source_id``, ``content_hash``,
    ``first_seen_at`` and optionally ``published_at`` and ``title``. The canonical member
    is the earliest published copy, ties broken by source priority (lower first), then id.
    Returns ``(stories, story_members)`` rows.
    """
    priority = priority or {}
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rel in releases:
        groups[rel["content_hash"]].append(rel)
    stories, members = [], []
    for group in groups.values():
        group.sort(key=lambda r: (_when(r), priority.get(r["source_id"], 50), r["release_id"]))
        head = group[0]
        story_id = stable_id("story", head["release_id"])
        first_seen: dict[str, datetime] = {}
        for rel in group:
            seen = rel["first_seen_at"]
            if rel["source_id"] not in first_seen or seen < first_seen[rel["source_id"]]:
                first_seen[rel["source_id"]] = seen
        origin = _when(head)
        stories.append({
            "story_id": story_id,
            "canonical_release_id": head["release_id"],
            "title": head.get("title"),
            "first_seen_at": min(r["first_seen_at"] for r in group),
            "first_published_at": min((r["published_at"] for r in group if r.get("published_at")),
                                      default=None),
            "carriers": len(first_seen),
            "members": len(group),
        })
        for rel in group:
            members.append({
                "story_id": story_id,
                "release_id": rel["release_id"],
                "source_id": rel["source_id"],
                "method": "canonical" if rel is head else "exact",
                "similarity": 1.0,
                "is_canonical": rel is head,
                "lag_minutes": (_when(rel) - origin).total_seconds() / 60.0,
            })
    return stories, members
