"""Page metadata: trafilatura's fields the clean stage keeps, and the publisher's own
publication timestamp, which trafilatura leaves out."""

from __future__ import annotations

import json
from collections.abc import Iterator
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


def trafilatura_metadata(tree: HtmlElement, url: str | None) -> Document:
    """trafilatura's ``extract_metadata`` (as ``bare_extraction`` runs it), less the fields
    nobody reads here: categories, tags and licence cost a third of its time."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001 - as trafilatura does: bugs in its JSON-LD reader
        pass
    meta.title = meta.title or extract_title(tree)
    meta.author = meta.author or extract_author(tree)
    meta.url = meta.url or extract_url(tree, url)
    if meta.url:
        meta.hostname = extract_domain(meta.url, fast=True)
    date_params = set_date_params(True)
    meta.date = find_date(tree, **{**date_params, "url": meta.url})
    meta.sitename = meta.sitename or extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url and (match := META_URL.match(meta.url)):
        meta.sitename = match[1]
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
