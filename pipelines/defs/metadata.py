"""Asset metadata helpers: counts and small markdown previews, safely escaped."""

from __future__ import annotations

import html
from collections.abc import Sequence
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
