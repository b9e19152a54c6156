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

Nothing is ever half-written where a reader looks: both tables are written into a hidden
staging folder beside them (``<out>/.export-<random>/``) and each is then renamed into
place; ``--overwrite`` moves the previous folder aside only at that moment, and removes it
after. An export killed part-way leaves the previous export untouched and a staging
folder, which the next export into ``out`` removes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import duckdb

from plumbing.faults import crash_point

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
STAGING_PREFIX = ".export-"


class ExportError(ValueError):
    """The export cannot be written where it was asked to go."""


def check_targets(out: Path, overwrite: bool) -> None:
    """Refuse a target that is not a plain folder we may replace (a file, a symlink, a
    folder holding files without ``overwrite``), before anything is written."""
    for table in TABLES:
        target = out / table
        if target.is_symlink():
            raise ExportError(f"{target} is a symbolic link: export into a folder where "
                              f"{table}/ is a real folder (or absent)")
        if target.exists() and not target.is_dir():
            raise ExportError(f"{target} is a file, not a folder: move it away or export "
                              "into another folder")
        if target.is_dir() and any(target.iterdir()) and not overwrite:
            raise FileExistsError(f"{target} is not empty (use --overwrite to replace it)")


def staging_folder(out: Path) -> Path:
    """A new hidden staging folder in ``out``, after removing those of killed exports."""
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(STAGING_PREFIX + "*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))


def swap_in(staged: Path, target: Path, aside: Path) -> None:
    """Rename ``staged`` to ``target``; an existing ``target`` is first renamed to
    ``aside`` (each rename atomic, so a reader sees the old folder or the new one)."""
    if target.exists():
        os.replace(target, aside)
    os.replace(staged, target)


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
    ``overwrite``, which replaces those two folders only, once the new ones are complete.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    check_targets(out, overwrite)
    staging = staging_folder(out)
    try:
        counts = {}
        params = {"since": since, "until": until}
        for table, sql in TABLES.items():
            rel = con.sql(sql, params=params)
            counts[table] = rel.count("*").fetchone()[0]
            target = staging / table
            if not counts[table]:
                target.mkdir()
            elif fmt == "parquet":
                rel.write_parquet(str(target), partition_by=PARTITION_BY, compression="zstd")
            else:
                rel.write_csv(str(target), partition_by=PARTITION_BY, header=True)
            crash_point("export.mid_write")
        check_targets(out, overwrite)  # nothing appeared meanwhile that must not be replaced
        for table in TABLES:
            swap_in(staging / table, out / table, staging / f"previous-{table}")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return counts
