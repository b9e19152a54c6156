"""Main-text and metadata extraction from HTML with trafilatura.

Pure functions: they know nothing of Scrapy, Dagster or DuckDB. Bad input
never raises; it comes back as ``CleanResult(ok=False, reason=...)``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urljoin

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from pipelines.clean.pagemeta import page_published
from pipelines.parallel import parallel_map

__all__ = [
    "EXTRACTOR",
    "EXTRACTOR_VERSION",
    "EXTRACT_OPTIONS",
    "CleanResult",
    "clean_html",
    "clean_many",
]

EXTRACTOR = "trafilatura"
EXTRACTOR_VERSION: str = trafilatura.__version__

# Options passed to trafilatura.bare_extraction. Never cross-document dedup:
# identical copies of a release must each come out whole for the dedupe stage.
EXTRACT_OPTIONS: dict[str, Any] = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "favor_precision": False,
    "favor_recall": False,
    "deduplicate": False,
    "output_format": "python",
}

REASON_EMPTY = "empty_body"
REASON_NOT_HTML = "not_html"
REASON_NO_TEXT = "no_text_extracted"
REASON_ERROR = "extractor_error"

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

    def to_dict(self) -> dict[str, Any]:
        """Plain dict of all fields."""
        return asdict(self)


def _failure(reason: str, canonical_url: str | None = None) -> CleanResult:
    return CleanResult(ok=False, reason=reason, canonical_url=canonical_url)


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
    """Extract the main text and metadata of one HTML page; never raises."""
    try:
        return _clean_html(html, url)
    except Exception as err:  # noqa: BLE001 - bad input must never stop a run
        _LOG.warning("extractor error on %s: %r", url, err)
        return _failure(REASON_ERROR)


def _clean_html(html: str, url: str | None) -> CleanResult:
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if not html or not html.strip():
        return _failure(REASON_EMPTY)
    if _looks_binary(html) or not _TAG_RE.search(html[: _SAMPLE * 4]):
        return _failure(REASON_NOT_HTML)
    tree = load_html(html)
    if tree is None:
        return _failure(REASON_NOT_HTML)
    canonical = _canonical_url(tree, url)
    published = page_published(tree)
    try:
        doc = trafilatura.bare_extraction(tree, url=url, **EXTRACT_OPTIONS)
    except Exception as err:  # noqa: BLE001
        _LOG.warning("trafilatura failed on %s: %r", url, err)
        return _failure(REASON_ERROR, canonical)
    if doc is None:
        return _failure(REASON_NO_TEXT, canonical)
    body = _tidy_body(doc.text or "")
    result = CleanResult(
        ok=bool(body),
        reason=None if body else REASON_NO_TEXT,
        title=_tidy(doc.title),
        body_text=body or None,
        author=_tidy(doc.author),
        date=_tidy(doc.date),
        published=published,
        sitename=_tidy(doc.sitename),
        language=_tidy(doc.language) or _html_lang(tree),
        description=_tidy(doc.description),
        canonical_url=canonical,
    )
    return result


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
