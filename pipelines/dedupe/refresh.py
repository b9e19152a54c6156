"""The dedupe stage over the warehouse: regroup releases into stories."""

from __future__ import annotations

from typing import Any

import duckdb

from pipelines.dedupe.stories import build_stories
from warehouse.stories import releases_for_stories, replace_stories


def refresh_stories(con: duckdb.DuckDBPyConnection, priority: dict[str, int]
                    ) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Group every release into stories and store them; returns (counts, story rows)."""
    story_rows, members = build_stories(releases_for_stories(con), priority)
    return replace_stories(con, story_rows, members), story_rows
