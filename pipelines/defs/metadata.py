"""Asset metadata helpers: counts and small markdown previews, safely escaped."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import dagster as dg


def md_cell(value: Any, limit: int = 80) -> str:
    """One markdown table cell: HTML-escaped, pipes and newlines neutralised, shortened."""
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return html.escape(text).replace("|", "&#124;").replace("`", "&#96;")


def md_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], limit: int = 10
             ) -> dg.MetadataValue:
    """A markdown preview of the first ``limit`` rows."""
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows[:limit]:
        lines.append("| " + " | ".join(md_cell(row.get(c)) for c in columns) + " |")
    if len(rows) > limit:
        lines.append(f"\n…and {len(rows) - limit} more")
    return dg.MetadataValue.md("\n".join(lines))


def md_url(url: str | None) -> str:
    """A URL safe inside a markdown link target (spaces and parentheses escaped)."""
    text = "" if url is None else str(url)
    return text.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def md_links(paths: Sequence[str | Path], limit: int = 20) -> dg.MetadataValue:
    """A markdown list linking each file (``file://`` URLs) by name."""
    lines = [f"- [{md_cell(Path(p).name)}]({md_url(Path(p).resolve().as_uri())})"
             for p in paths[:limit]]
    if len(paths) > limit:
        lines.append(f"- …and {len(paths) - limit} more")
    return dg.MetadataValue.md("\n".join(lines) or "none")


def md_counts(counts: dict[str, int], skip: Sequence[str] = ()) -> dg.MetadataValue:
    """A markdown list of counts, e.g. pages per failure reason."""
    lines = [f"- {md_cell(k)}: {v}" for k, v in counts.items() if k not in skip]
    return dg.MetadataValue.md("\n".join(lines) or "none")


def new_releases_table(releases: Sequence[dict[str, Any]], limit: int = 20) -> dg.MetadataValue:
    """A markdown table of newly loaded releases, each title linking to its page."""
    lines = ["| release | published (UTC) | dateline | agency |", "|---|---|---|---|"]
    for rel in releases[:limit]:
        title = md_cell(rel.get("title") or rel.get("canonical_url"))
        published = rel.get("published_at")
        lines.append(f"| [{title}]({md_url(rel.get('canonical_url'))}) "
                     f"| {md_cell(published.isoformat() if published else '')} "
                     f"| {md_cell(rel.get('dateline_raw'))} | {md_cell(rel.get('agency'))} |")
    if len(releases) > limit:
        lines.append(f"\n…and {len(releases) - limit} more")
    return dg.MetadataValue.md("\n".join(lines) if releases else "no new releases")
