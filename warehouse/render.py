"""Query results as an aligned text table, CSV, JSON or JSON lines."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, TextIO

FORMATS = ("table", "csv", "json", "jsonl")
CELL_WIDTH = 60


def plain(value: Any) -> Any:
    """A JSON-friendly version of a DuckDB value."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def cell(value: Any, width: int = CELL_WIDTH) -> str:
    """One table cell: NULL for None, ISO times, lists as JSON, cut to ``width``."""
    if value is None:
        text = "NULL"
    elif isinstance(value, float):
        text = f"{value:.6g}"
    elif isinstance(value, datetime):
        text = value.isoformat(sep=" ")
    elif isinstance(value, list | tuple | dict):
        text = json.dumps(plain(value), ensure_ascii=False)
    else:
        text = str(plain(value))
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _numeric(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def write_table(names: Sequence[str], rows: Sequence[Sequence[Any]], out: TextIO,
                total: int | None = None) -> None:
    """An aligned text table: numbers right-aligned, a row count underneath."""
    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    right = [any(_numeric(row[i]) for row in rows) for i in range(len(names))]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if r else v.ljust(w) for v, w, r in zip(values, widths, right,
                                                                     strict=True)]
        return "  ".join(parts).rstrip()

    out.write(line(names) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in cells:
        out.write(line(r) + "\n")
    total = len(rows) if total is None else total
    more = f", {total - len(rows)} not shown (use --format csv or json)" if total > len(
        rows) else ""
    out.write(f"({total} row{'s' if total != 1 else ''}{more})\n")


def write_rows(names: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, out: TextIO,
               max_rows: int = 1000) -> int:
    """Write rows in ``fmt`` (one of FORMATS); tables show at most ``max_rows``.
    Returns the number of rows read."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    count = 0
    if fmt == "table":
        shown: list[Sequence[Any]] = []
        for row in rows:
            count += 1
            if len(shown) < max_rows:
                shown.append(row)
        write_table(names, shown, out, total=count)
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        for row in rows:
            count += 1
            writer.writerow(["" if v is None else json.dumps(plain(v), ensure_ascii=False)
                             if isinstance(v, list | tuple | dict) else plain(v) for v in row])
    else:
        out.write("[" if fmt == "json" else "")
        for row in rows:
            record = json.dumps(dict(zip(names, (plain(v) for v in row), strict=True)),
                                ensure_ascii=False)
            if fmt == "json":
                out.write(("," if count else "") + "\n  " + record)
            else:
                out.write(record + "\n")
            count += 1
        out.write("\n]\n" if fmt == "json" else "")
    return count


def iter_cursor(cur: Any, batch: int = 2048) -> Iterable[tuple]:
    """Rows of a DuckDB cursor, fetched in batches."""
    while True:
        chunk = cur.fetchmany(batch)
        if not chunk:
            return
        yield from chunk
