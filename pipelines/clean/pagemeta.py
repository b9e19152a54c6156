"""Page metadata trafilatura leaves out: the publisher's own publication timestamp."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

_META_NAMES = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dcterms.created",
)


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
