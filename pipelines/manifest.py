"""From a crawl run's manifest to ``pages`` rows, with each page's outcome and reason."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from crawlers.dates import parse_timestamp
from crawlers.records import ManifestRecord
from crawlers.runinfo import read_manifest
from pipelines.ids import stable_id

__all__ = ["fail", "page_rows", "read_manifest", "reason_counts"]


def page_rows(records: Iterable[ManifestRecord]) -> list[dict[str, Any]]:
    """One ``pages`` row per manifest record, with outcome and reason."""
    rows: dict[str, dict[str, Any]] = {}
    for rec in records:
        key = rec.sha256 or rec.reason or ""
        page_id = stable_id(rec.source_id or "", rec.url or "", rec.final_url or "", key)
        outcome = "ok"
        if rec.reason:
            outcome = "skipped" if rec.status is None else "error"
        rows[page_id] = {
            "page_id": page_id,
            "source_id": rec.source_id,
            "run_id": rec.run_id,
            "url": rec.url,
            "final_url": rec.final_url,
            "canonical_url": None,
            "role": rec.role or "release",
            "discovered_via": rec.discovered_via,
            "discovered_from": rec.discovered_from,
            "feed_published": rec.feed_published,
            "feed_title": rec.feed_title,
            "status": rec.status,
            "content_type": rec.content_type,
            "encoding": None,
            "fetched_at": parse_timestamp(rec.fetched_at) or datetime.now(UTC),
            "warc_file": rec.warc_file,
            "warc_offset": rec.warc_offset,
            "warc_length": rec.warc_length,
            "sha256": rec.sha256,
            "size": rec.size,
            "outcome": outcome,
            "reason": rec.reason,
        }
    return list(rows.values())


def fail(page: dict[str, Any], reason: str) -> None:
    """Mark a page as unusable, keeping the first reason given."""
    page["outcome"] = "error"
    page["reason"] = page.get("reason") or reason


def reason_counts(pages: Iterable[dict[str, Any]]) -> dict[str, int]:
    """How many pages ended with each reason (``ok`` for usable ones)."""
    counts: dict[str, int] = {}
    for page in pages:
        key = page["reason"] or "ok"
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))
