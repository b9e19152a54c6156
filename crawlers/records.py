"""The records that cross a boundary between the crawl and the stages, defined once.

A :class:`ManifestRecord` is one request outcome: the spider yields it (it is the Scrapy
item, read through ``itemadapter``), the manifest pipeline writes it as one JSON line
(:meth:`ManifestRecord.to_row`), the inbox builds the same record for each response of a
dropped WARC archive, and the stages read it back (:meth:`ManifestRecord.from_row`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any, ClassVar


@dataclass(frozen=True, slots=True)
class ManifestRecord:
    """A fetched (or skipped) URL and where its raw response sits in the WARC archive.

    ``role`` is ``release`` for a candidate release page and ``discovery`` for feeds,
    sitemaps and listings. Skipped requests (robots.txt, off-site, network errors) carry a
    ``reason`` and no WARC location. ``host`` is set by the inbox only (the target's host).
    """

    source_id: str | None = None
    run_id: str | None = None
    url: str | None = None              # the URL as discovered
    final_url: str | None = None        # after redirects
    role: str | None = None
    discovered_via: str | None = None   # rss | atom | sitemap | robots | listing | inbox
    discovered_from: str | None = None  # URL of the feed/sitemap/listing (or WARC) naming it
    feed_published: str | None = None   # date string the feed or sitemap gave, if any
    feed_title: str | None = None
    status: int | None = None
    content_type: str | None = None
    fetched_at: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_length: int | None = None
    sha256: str | None = None
    size: int | None = None
    flags: tuple[str, ...] = ()
    reason: str | None = None           # why the page is unusable, or None
    links_found: int | None = None      # for discovery documents
    host: str | None = None

    NAMES: ClassVar[frozenset[str]]

    def to_row(self) -> dict[str, Any]:
        """The record as a manifest line's JSON object."""
        row = asdict(self)
        row["flags"] = list(self.flags)
        return row

    def to_line(self) -> str:
        """The record as one manifest line (JSON, newline-terminated)."""
        return json.dumps(self.to_row(), ensure_ascii=False) + "\n"

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ManifestRecord:
        """The record of a manifest line's JSON object (unknown keys are ignored)."""
        values = {k: v for k, v in row.items() if k in cls.NAMES}
        values["flags"] = tuple(values.get("flags") or ())
        return cls(**values)

    @property
    def archived(self) -> bool:
        """Whether a release's response was archived whole: a WARC location, no reason."""
        return self.role == "release" and bool(self.warc_file) and not self.reason


ManifestRecord.NAMES = frozenset(f.name for f in fields(ManifestRecord))
