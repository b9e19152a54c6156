"""From a crawl run's manifest records to pages, with each page's outcome and reason."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from crawlers.dates import parse_timestamp
from crawlers.records import ManifestRecord, Page
from crawlers.runinfo import read_manifest
from pipelines.ids import stable_id

__all__ = ["page_rows", "read_manifest", "reason_counts"]


def page_rows(records: Iterable[ManifestRecord]) -> list[Page]:
    """One page per manifest record, with outcome and reason (the last record of a page
    wins)."""
    pages: dict[str, Page] = {}
    for rec in records:
        key = rec.sha256 or rec.reason or ""
        page_id = stable_id(rec.source_id or "", rec.url or "", rec.final_url or "", key)
        outcome = "ok"
        if rec.reason:
            outcome = "skipped" if rec.status is None else "error"
        pages[page_id] = Page(
            page_id=page_id, source_id=rec.source_id or "", run_id=rec.run_id,
            url=rec.url or "", final_url=rec.final_url, role=rec.role or "release",
            discovered_via=rec.discovered_via, discovered_from=rec.discovered_from,
            feed_published=rec.feed_published, feed_title=rec.feed_title, status=rec.status,
            content_type=rec.content_type,
            fetched_at=parse_timestamp(rec.fetched_at) or datetime.now(UTC),
            warc_file=rec.warc_file, warc_offset=rec.warc_offset, warc_length=rec.warc_length,
            sha256=rec.sha256, size=rec.size, outcome=outcome, reason=rec.reason,
        )
    return list(pages.values())


def reason_counts(pages: Iterable[Page]) -> dict[str, int]:
    """How many pages ended with each reason (``ok`` for usable ones)."""
    counts: dict[str, int] = {}
    for page in pages:
        key = page.reason or "ok"
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))
