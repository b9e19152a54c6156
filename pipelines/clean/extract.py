"""Main text and metadata of one HTML page, from trafilatura and readability-lxml combined.

Pure functions: they know nothing of Scrapy, Dagster or DuckDB. Bad input never
raises; it comes back as ``CleanResult(ok=False, reason=...)``. Each page records
which extractor produced its body, with version, and why (``choice_reason``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement
from trafilatura.utils import load_html

from pipelines.clean.candidates import (
    READABILITY,
    READABILITY_VERSION,
    TRAFILATURA,
    TRAFILATURA_OPTIONS,
    TRAFILATURA_VERSION,
    Candidate,
    run_readability,
    run_trafilatura,
)
from pipelines.clean.combine import Choice, combine, fill_gaps, first_suffices
from pipelines.clean.guard import PageTimeout, time_limit
from pipelines.clean.pageindex import page_index
from pipelines.clean.pagemeta import page_published, trafilatura_metadata
from pipelines.parallel import parallel_map

__all__ = [
    "EXTRACTOR",
    "EXTRACTOR_VERSION",
    "EXTRACT_OPTIONS",
    "MAX_HTML_CHARS",
    "PAGE_TIME_LIMIT",
    "CleanResult",
    "clean_html",
    "clean_many",
]

# The metadata extractor, and the body extractor whenever it alone is chosen.
EXTRACTOR = TRAFILATURA
EXTRACTOR_VERSION: str = TRAFILATURA_VERSION
EXTRACT_OPTIONS = TRAFILATURA_OPTIONS

# Pages larger than this (characters) are refused: no real release page comes close,
# and parsing one costs seconds and hundreds of MB.
MAX_HTML_CHARS = 8_000_000
# Wall-clock seconds one page may take to extract before it is given up.
PAGE_TIME_LIMIT = 20.0

REASON_EMPTY = "empty_body"
REASON_NOT_HTML = "not_html"
REASON_NO_TEXT = "no_text_extracted"
REASON_ERROR = "extractor_error"
REASON_TOO_LARGE = "page_too_large"
REASON_TIMEOUT = "extraction_timeout"

_LOG = logging.getLogger(__name__)
_TAG_RE = re.compile(r"<\s*(?:[a-zA-Z][a-zA-Z0-9:-]*|!doctype)\b", re.IGNORECASE)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffd]")
_BLANK_LINES_RE = re.compile(r"\n\s*\n+")
_SAMPLE = 8192


@dataclass
class CleanResult:
    """Outcome of cleaning one page; ``reason`` is set when ``ok`` is False."""

    ok: bool
    reason: str | None
    title: str | None = None
    body_text: str | None = None
    author: str | None = None
    date: str | None = None
    published: str | None = None    # the page's own timestamp (JSON-LD, meta, <time>)
    sitename: str | None = None
    language: str | None = None
    description: str | None = None
    canonical_url: str | None = None
    extractor: str = EXTRACTOR
    extractor_version: str = EXTRACTOR_VERSION
    choice_reason: str | None = None   # why this extractor's body (or this combination)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict of all fields."""
        return asdict(self)


def _failure(reason: str, canonical_url: str | None = None,
             choice_reason: str | None = None) -> CleanResult:
    return CleanResult(ok=False, reason=reason, canonical_url=canonical_url,
                       choice_reason=choice_reason)


def _looks_binary(text: str) -> bool:
    """True when a sample is mostly control characters (NULs, replacement chars)."""
    sample = text[:_SAMPLE]
    if "\x00" in sample and sample.count("\x00") > 4:
        return True
    bad = len(_CONTROL_RE.findall(sample))
    return bad > max(8, len(sample) // 20)


def _canonical_url(tree: HtmlElement, url: str | None) -> str | None:
    """``<link rel=canonical>`` else ``og:url``, resolved against ``url``."""
    candidates: list[str] = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and link.get("href"):
            candidates.append(link.get("href", ""))
    for meta in tree.iter("meta"):
        prop = (meta.get("property") or meta.get("name") or "").strip().lower()
        if prop == "og:url" and meta.get("content"):
            candidates.append(meta.get("content", ""))
    for href in candidates:
        href = href.strip()
        if not href or href.startswith(("javascript:", "data:", "#")):
            continue
        resolved = urljoin(url, href) if url else href
        if resolved.startswith(("http://", "https://")):
            return resolved
    return None


def _html_lang(tree: HtmlElement) -> str | None:
    """Primary language subtag of ``<html lang>``, e.g. ``en`` for ``en-GB``."""
    root = tree.getroottree().getroot()
    lang = (root.get("lang") or root.get("xml:lang") or "").strip().lower()
    primary = re.split(r"[-_]", lang, maxsplit=1)[0]
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _tidy(text: str | None) -> str | None:
    if text is None:
        return None
    text = text.strip()
    return text or None


def _tidy_body(text: str) -> str:
    """One paragraph per line: strip lines and collapse blank runs."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES_RE.sub("\n", "\n".join(line for line in lines if line)).strip()


def clean_html(html: str, url: str | None = None) -> CleanResult:
    """Extract the main text and metadata of one HTML page; never raises.

    Pages over :data:`MAX_HTML_CHARS` are refused and extraction is abandoned after
    :data:`PAGE_TIME_LIMIT` seconds, each with its reason.
    """
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if html and len(html) > MAX_HTML_CHARS:
        return _failure(REASON_TOO_LARGE)
    try:
        with time_limit(PAGE_TIME_LIMIT):
            return _clean_html(html, url)
    except PageTimeout:
        _LOG.warning("extraction timed out on %s", url)
        return _failure(REASON_TIMEOUT)
    except Exception as err:  # noqa: BLE001 - bad input must never stop a run
        _LOG.warning("extractor error on %s: %r", url, err)
        return _failure(REASON_ERROR)


def _guarded(name: str, fn: Any, *args: Any) -> Any:
    """Run one extractor; its failure is logged and the other extractor goes on alone."""
    try:
        return fn(*args)
    except PageTimeout:
        raise
    except Exception as err:  # noqa: BLE001
        _LOG.warning("%s failed: %r", name, err)
        return None


def _clean_html(html: str, url: str | None) -> CleanResult:
    if not html or not html.strip():
        return _failure(REASON_EMPTY)
    if _looks_binary(html) or not _TAG_RE.search(html[: _SAMPLE * 4]):
        return _failure(REASON_NOT_HTML)
    tree = load_html(html)
    if tree is None:
        return _failure(REASON_NOT_HTML)
    canonical = _canonical_url(tree, url)
    published = page_published(tree)
    doc = _guarded("trafilatura metadata", trafilatura_metadata, tree, url)
    index = page_index(tree)
    traf = _guarded(TRAFILATURA, run_trafilatura, tree, url)
    traf_body = traf or Candidate(TRAFILATURA, TRAFILATURA_VERSION, "", "error")
    if first_suffices(traf_body, index):
        choice = Choice(traf_body.text, traf_body.name, traf_body.version,
                        "holds every prose block of the page within or shaped like its "
                        "body, and no link or widget text; readability-lxml not needed")
    else:
        # readability-lxml runs last: it drops the hidden elements of the tree it is given.
        read = _guarded(READABILITY, run_readability, tree)
        if traf is None and read is None:
            return _failure(REASON_ERROR, canonical)
        read_body = read or Candidate(READABILITY, READABILITY_VERSION, "", "error")
        choice = combine(traf_body, read_body, index)
        if traf is None:
            choice.reason = f"trafilatura failed; {choice.reason}"
    choice = fill_gaps(choice, index)
    body = _tidy_body(choice.text)
    if not body:
        return _failure(REASON_NO_TEXT, canonical, choice.reason)
    return CleanResult(
        ok=True,
        reason=None,
        title=_tidy(getattr(doc, "title", None)),
        body_text=body,
        author=_tidy(getattr(doc, "author", None)),
        date=_tidy(getattr(doc, "date", None)),
        published=published,
        sitename=_tidy(getattr(doc, "sitename", None)),
        language=_tidy(getattr(doc, "language", None)) or _html_lang(tree),
        description=_tidy(getattr(doc, "description", None)),
        canonical_url=canonical,
        extractor=choice.extractor,
        extractor_version=choice.extractor_version,
        choice_reason=choice.reason,
    )


def _clean_pair(doc: tuple[str, str | None]) -> CleanResult:
    html, url = doc
    return clean_html(html, url)


def clean_many(
    docs: Sequence[tuple[str, str | None]], workers: int | None = None
) -> list[CleanResult]:
    """Clean ``(html, url)`` pairs in parallel across cores, preserving order.

    ``workers=None`` uses every core; ``workers=1`` runs inline without a pool.
    """
    return parallel_map(_clean_pair, docs, workers)
