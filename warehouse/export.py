"""Export releases and stories as Parquet (or CSV) files partitioned by date and source.

    <out>/releases/date=2026-07-01/source_id=prwire/data_0.parquet
    <out>/stories/date=2026-07-01/source_id=prwire/data_0.parquet

``date`` is the UTC day of publication (of first fetch when unpublished); a story's
source is the source of its canonical copy. Read it back with
``read_parquet('<out>/releases/**/*.parquet', hive_partitioning = true)``.

Both formats hold text exactly as stored. A CSV cell may start with ``=``, ``+``, ``-`` or
``@`` (a crawled title such as ``=HYPERLINK(...)``), which a spreadsheet program would run
as a formula: import CSV into a spreadsheet with every column typed as text, or read the
Parquet files (see ``warehouse.render`` for why cells are not rewritten).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb

FORMATS = ("parquet", "csv")
PARTITION_BY = ["date", "source_id"]
WINDOW = "($since IS NULL OR m.day >= $since) AND ($until IS NULL OR m.day < $until)"

RELEASES_SQL = f"""
SELECT r.*, m.story_id, m.is_canonical, m.day AS date
FROM releases r JOIN mart_releases m USING (release_id)
WHERE {WINDOW}
"""

STORIES_SQL = f"""
SELECT s.*, m.source_id, m.day AS date,
       (SELECT list({{'release_id': sm.release_id, 'source_id': sm.source_id,
                      'is_canonical': sm.is_canonical, 'similarity': sm.similarity,
                      'lag_minutes': sm.lag_minutes}} ORDER BY sm.lag_minutes, sm.source_id)
        FROM story_members sm WHERE sm.story_id = s.story_id) AS copies
FROM stories s JOIN mart_releases m ON m.release_id = s.canonical_release_id
WHERE {WINDOW}
"""

TABLES = {"releases": RELEASES_SQL, "stories": STORIES_SQL}


def export(
    con: duckdb.DuckDBPyConnection,
    out: Path | str,
    fmt: str = "parquet",
    since: date | None = None,
    until: date | None = None,
    overwrite: bool = False,
) -> dict[str, int]:
    """Write ``releases`` and ``stories`` under ``out``; returns rows written per table.

    Refuses to write into a non-empty ``out/releases`` or ``out/stories`` unless
    ``overwrite``, which replaces those two folders only.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    for table in TABLES:
        target = out / table
        if target.exists() and any(target.iterdir()):
            if not overwrite:
                raise FileExistsError(f"{target} is not empty (use --overwrite to replace it)")
            shutil.rmtree(target)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    params = {"since": since, "until": until}
    for table, sql in TABLES.items():
        rel = con.sql(sql, params=params)
        counts[table] = rel.count("*").fetchone()[0]
        if not counts[table]:
            continue
        target = str(out / table)
        if fmt == "parquet":
            rel.write_parquet(target, partition_by=PARTITION_BY, compression="zstd")
        else:
            rel.write_csv(target, partition_by=PARTITION_BY, header=True)
    return counts
