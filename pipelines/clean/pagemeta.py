"""Page metadata: trafilatura's fields the clean stage keeps, and the publisher's own
publication timestamp, which trafilatura leaves out."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import suppress
from typing import Any

from courlan import extract_domain
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document, set_date_params

_META_NAMES = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dcterms.created",
)


def _site_name(found: str | None, url: str | None) -> str | None:
    """The site name as trafilatura gives it: without a leading "@" (a social handle),
    capitalised when written in lower case without dots, else read off the URL."""
    name = (found or "").lstrip("@")
    if name and "." not in name and not name[0].isupper():
        name = name.title()
    if name or found:
        return name or None
    match = META_URL.match(url) if url else None
    return match[1] if match else None


# Fields filled from the page body when the <meta> tags and JSON-LD left them empty.
_FALLBACKS: tuple[tuple[str, Callable[[HtmlElement, str | None], str | None]], ...] = (
    ("title", lambda tree, _url: extract_title(tree)),
    ("author", lambda tree, _url: extract_author(tree)),
    ("url", extract_url),
)


def trafilatura_metadata(tree: HtmlElement, url: str | None) -> Document:
    """The metadata trafilatura's ``extract_metadata`` gives, from trafilatura's own
    finders, for the fields kept here only. Its categories, tags and licence are never read
    and cost about two thirds of its time, so they are not looked for. A test compares the
    result with ``extract_metadata`` on every fixture page."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:  # a one-word author tag: a handle, dropped
        meta.author = None
    with suppress(Exception):  # trafilatura's JSON-LD reader can raise on odd data
        meta = extract_meta_json(tree, meta)
    for field, find in _FALLBACKS:
        if not getattr(meta, field):
            setattr(meta, field, find(tree, url))
    if meta.url:
        meta.hostname = extract_domain(meta.url, fast=True)
    date_params = set_date_params(True)
    meta.date = find_date(tree, **{**date_params, "url": meta.url})
    meta.sitename = _site_name(meta.sitename or extract_sitename(tree), meta.url)
    meta.filedate = date_params["max_date"]
    meta.clean_and_trim()
    return meta


def _jsonld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _jsonld_objects(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _jsonld_objects(data["@graph"])


def page_published(tree: HtmlElement) -> str | None:
    """The page's declared publication time as printed (ISO 8601 with offset, usually).

    JSON-LD ``datePublished`` first, then the common meta tags, then the first
    ``<time datetime>``; None if the page declares nothing.
    """
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, RecursionError):
            continue
        for obj in _jsonld_objects(data):
            value = obj.get("datePublished")
            if isinstance(value, str) and value.strip():
                return value.strip()
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if name in _META_NAMES and (meta.get("content") or "").strip():
            return meta.get("content", "").strip()
    for el in tree.iter("time"):
        value = (el.get("datetime") or "").strip()
        if value:
            return value
    return None
