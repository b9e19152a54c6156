"""Bring derived tables back in line with what they are derived from, after a kill.

The story refresh commits in two steps (signatures and story assignments, then the
``stories`` and ``story_members`` rows derived from them). A process killed between the two
leaves assignments whose stories were never rebuilt, and the next refresh, finding nothing
new to sign, would not touch them: those releases would belong to no story.
"""

from __future__ import annotations

import duckdb

from warehouse.stories import rebuild_stories

_STALE_STORIES = """
    SELECT s.story_id FROM dedupe_signatures s WHERE NOT EXISTS (SELECT 1 FROM story_members m
        WHERE m.release_id = s.release_id AND m.story_id = s.story_id)
    UNION
    SELECT m.story_id FROM story_members m WHERE NOT EXISTS (SELECT 1 FROM dedupe_signatures s
        WHERE s.release_id = m.release_id AND s.story_id = m.story_id)
    UNION
    SELECT t.story_id FROM stories t WHERE NOT EXISTS (SELECT 1 FROM dedupe_signatures s
        WHERE s.story_id = t.story_id)
"""


def stale_story_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Stories whose rows disagree with the stored assignments."""
    return sorted(r[0] for r in con.execute(_STALE_STORIES).fetchall())


def repair_stories(con: duckdb.DuckDBPyConnection, priority: dict[str, int]) -> int:
    """Rebuild every stale story from the stored assignments; returns how many."""
    stale = stale_story_ids(con)
    if stale:
        rebuild_stories(con, priority, stale)
    return len(stale)
