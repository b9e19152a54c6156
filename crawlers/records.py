"""The records that cross a boundary between the crawl and the stages, defined once.

A :class:`ManifestRecord` is one request outcome: the spider yields it (it is the Scrapy
item, read through ``itemadapter``), the manifest pipeline writes it as one JSON line
(:meth:`ManifestRecord.to_line`), the inbox builds the same record for each response of a
dropped WARC archive, and the stages read it back (``crawlers.runinfo.read_manifest``).
A :class:`CrawlRun` is what one crawl (or one inbox import) did and where its files are.
A :class:`Page` is the ``pages`` row the stages make of it (``pipelines/manifest.py``),
handed on as Parquet (``pipelines/handoff.py``) and loaded (``pipelines/load.py``); an
:class:`Article` is the text cleaning took from one (``pipelines/articles.py``).

Records are frozen: a stage that learns something makes a new record
(:func:`dataclasses.replace`). They become dicts only at the edges, through
:meth:`Record.to_row` and :meth:`Record.from_row` (a JSON line, a Parquet file, a DuckDB
insert).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Self

from crawlers.dates import parse_timestamp


class Record:
    """What every boundary record can do: become a row (a dict by field name) and be made
    from one (keys that are not fields are ignored, missing ones take their defaults)."""

    __slots__ = ()

    def to_row(self) -> dict[str, Any]:
        """The record as a dict of its fields."""
        return {f.name: getattr(self, f.name) for f in fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Self:
        """The record of a row."""
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in row.items() if k in names})


@dataclass(frozen=True, slots=True)
class ManifestRecord(Record):
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

    def to_row(self) -> dict[str, Any]:
        """The record as a manifest line's JSON object."""
        return {**Record.to_row(self), "flags": list(self.flags)}

    def to_line(self) -> str:
        """The record as one manifest line (JSON, newline-terminated)."""
        return json.dumps(self.to_row(), ensure_ascii=False) + "\n"

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ManifestRecord:
        """The record of a manifest line's JSON object (unknown keys are ignored)."""
        rec = super(ManifestRecord, cls).from_row(row)
        return replace(rec, flags=tuple(row.get("flags") or ()))

    @property
    def archived(self) -> bool:
        """Whether a release's response was archived whole: a WARC location, no reason."""
        return self.role == "release" and bool(self.warc_file) and not self.reason



@dataclass(frozen=True, slots=True)
class CrawlRun(Record):
    """What one crawl subprocess (or inbox import) did and where its raw files are; the
    stages hand it on as a row (:meth:`Record.to_row`) in their small references."""

    source_id: str
    run_id: str
    run_dir: str
    started_at: str
    finished_at: str
    exit_code: int
    stats: dict[str, Any] = field(default_factory=dict)
    resumed: bool = False

    @property
    def manifest(self) -> Path:
        """The run's ``manifest.jsonl``."""
        from crawlers.runinfo import MANIFEST_NAME  # runinfo reads records: imported late

        return Path(self.run_dir) / MANIFEST_NAME


@dataclass(frozen=True, slots=True)
class Page(Record):
    """One ``pages`` row: a manifest record with its outcome (``ok``, ``skipped`` before a
    response, ``error`` after one) and reason, and what cleaning learnt (``encoding``,
    ``canonical_url``)."""

    page_id: str
    source_id: str
    run_id: str | None
    url: str
    fetched_at: datetime
    final_url: str | None = None
    canonical_url: str | None = None
    role: str = "release"
    discovered_via: str | None = None
    discovered_from: str | None = None
    feed_published: str | None = None
    feed_title: str | None = None
    status: int | None = None
    content_type: str | None = None
    encoding: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_length: int | None = None
    sha256: str | None = None
    size: int | None = None
    outcome: str = "ok"
    reason: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.fetched_at, str):  # a row read back as text
            object.__setattr__(self, "fetched_at", parse_timestamp(self.fetched_at))

    @property
    def base_url(self) -> str:
        """The URL the page was read from: after redirects, else as discovered."""
        return self.final_url or self.url

    @property
    def fetched(self) -> bool:
        """A release page whose response was archived and usable so far."""
        return self.role == "release" and self.outcome == "ok"

    def failed(self, reason: str) -> Page:
        """The page marked unusable, keeping the first reason given."""
        return replace(self, outcome="error", reason=self.reason or reason)


@dataclass(frozen=True, slots=True)
class Article(Record):
    """One ``articles`` row: the main text and metadata cleaning took from a page."""

    article_id: str
    page_id: str
    source_id: str
    url: str
    body_text: str
    canonical_url: str | None = None
    title: str | None = None
    author: str | None = None
    page_date: str | None = None
    page_published: str | None = None
    sitename: str | None = None
    language: str | None = None
    description: str | None = None
    extractor: str | None = None
    extractor_version: str | None = None
    choice_reason: str | None = None
