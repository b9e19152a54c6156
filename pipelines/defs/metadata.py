"""Asset metadata helpers: counts and small markdown previews of stored text, made inert.

Stored text (titles, URLs, datelines: whatever a crawled page printed) reaches the Dagster
UI only through :func:`md_text`, which writes every ASCII punctuation mark as a numeric
character reference. Markdown reads a character reference as literal text, never as
syntax, so no stored string can open a link, an image, an autolink, emphasis, a table cell
or raw HTML; the UI shows the characters themselves. Only ``http``/``https`` URLs with a
host are ever made links (:func:`md_link`), their targets percent-encoded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import dagster as dg

from warehouse.render import UNSAFE_RE

# ASCII punctuation (every markdown, GFM and HTML syntax character) and backslash
_PUNCT_RE = re.compile(r"[!-/:-@\[-`{-~]")
_SAFE_IN_URL = ":/?#@!$&+,;=%~-._"  # everything else in a link target is percent-encoded


def md_text(value: Any, limit: int | None = None) -> str:
    """Any value as inert markdown text on one line, shortened to ``limit`` characters
    (controls and bidi overrides, which would reorder the text, become spaces)."""
    text = "" if value is None else str(value)
    text = " ".join(UNSAFE_RE.sub(" ", text).split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return _PUNCT_RE.sub(lambda m: f"&#{ord(m.group(0))};", text)


def md_cell(value: Any, limit: int = 80) -> str:
    """One markdown table cell: inert text (pipes included), one line, shortened."""
    return md_text(value, limit)


def link_target(url: Any) -> str | None:
    """``url`` percent-encoded for a markdown link target when it is ``http(s)://host``;
    None for anything else (``javascript:``, ``data:``, ``file:``, relative, malformed)."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return quote(text, safe=_SAFE_IN_URL)


def md_link(label: Any, url: Any, limit: int = 160) -> str:
    """``[label](url)`` when ``url`` is http(s); else the label alone, as inert text."""
    text = md_text(label, limit) or md_text(url, limit)
    target = link_target(url)
    return f"[{text}]({target})" if target and text else text


def md_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], limit: int = 10
             ) -> dg.MetadataValue:
    """A markdown preview of the first ``limit`` rows."""
    lines = ["| " + " | ".join(md_cell(c) for c in columns) + " |",
             "|" + "---|" * len(columns)]
    for row in rows[:limit]:
        lines.append("| " + " | ".join(md_cell(row.get(c)) for c in columns) + " |")
    if len(rows) > limit:
        lines.append(f"\n…and {len(rows) - limit} more")
    return dg.MetadataValue.md("\n".join(lines))


def md_links(paths: Sequence[str | Path], limit: int = 20) -> dg.MetadataValue:
    """A markdown list of files, each by name and full path, as text (a browser opens no
    ``file://`` link from a web page, and only http(s) URLs are made links)."""
    lines = [f"- {md_text(Path(p).name)}: {md_text(Path(p).resolve())}" for p in paths[:limit]]
    if len(paths) > limit:
        lines.append(f"- …and {len(paths) - limit} more")
    return dg.MetadataValue.md("\n".join(lines) or "none")


def md_counts(counts: dict[str, int], skip: Sequence[str] = ()) -> dg.MetadataValue:
    """A markdown list of counts, e.g. pages per failure reason."""
    lines = [f"- {md_cell(k)}: {v}" for k, v in counts.items() if k not in skip]
    return dg.MetadataValue.md("\n".join(lines) or "none")


def new_releases_table(releases: Sequence[dict[str, Any]], limit: int = 20) -> dg.MetadataValue:
    """A markdown table of newly loaded releases, each title linking to its page (when
    that page's URL is http or https)."""
    lines = ["| release | published (UTC) | dateline | agency |", "|---|---|---|---|"]
    for rel in releases[:limit]:
        published = rel.get("published_at")
        lines.append(f"| {md_link(rel.get('title'), rel.get('canonical_url'))} "
                     f"| {md_cell(published.isoformat() if published else '')} "
                     f"| {md_cell(rel.get('dateline_raw'))} | {md_cell(rel.get('agency'))} |")
    if len(releases) > limit:
        lines.append(f"\n…and {len(releases) - limit} more")
    return dg.MetadataValue.md("\n".join(lines) if releases else "no new releases")
