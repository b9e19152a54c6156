"""What the warehouse already holds for a source's crawl and clean: the release URLs not to
fetch again, and the texts already loaded under a canonical URL."""

from __future__ import annotations

from collections.abc import Sequence

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


def canonical_texts(con: duckdb.DuckDBPyConnection, canonicals: Sequence[str],
                    exclude_partition: str | None = None) -> list[tuple[str, str]]:
    """``(canonical_url, body_text)`` of every article loaded under one of ``canonicals``
    (any source: a canonical URL names its host), optionally ignoring one partition."""
    if not canonicals:
        return []
    return con.execute(
        """
        SELECT canonical_url, body_text FROM articles
        WHERE list_contains(?, canonical_url)
          AND (CAST(? AS VARCHAR) IS NULL OR partition_key IS DISTINCT FROM ?)
        """,
        [list(canonicals), exclude_partition, exclude_partition],
    ).fetchall()
