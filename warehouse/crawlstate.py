"""What the warehouse already holds for a source's crawler: the release URLs not to fetch again."""

from __future__ import annotations

import duckdb


def known_release_urls(con: duckdb.DuckDBPyConnection, source_id: str,
                       exclude_partition: str | None = None) -> set[str]:
    """Every URL (as discovered and after redirects) of a release page of this source that
    was fetched and usable, optionally ignoring the rows of one partition (the one about to
    be replaced)."""
    rows = con.execute(
        """
        SELECT url, final_url FROM pages
        WHERE source_id = ? AND role = 'release' AND outcome = 'ok'
          AND (CAST(? AS VARCHAR) IS NULL OR partition_key IS DISTINCT FROM ?)
        """,
        [source_id, exclude_partition, exclude_partition],
    ).fetchall()
    return {u for row in rows for u in row if u}
