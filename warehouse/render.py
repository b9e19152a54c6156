"""Query results as an aligned text table, CSV, JSON or JSON lines.

The table is for a terminal: stored text in it (anything a crawled page printed) has its
control characters shown as ``\\x1b``-style escapes, so an ANSI sequence, a bell or a
carriage return in a title cannot move the cursor, recolour or rewrite the screen, and
bidi overrides cannot reorder it. Nothing is read as markup (no rich, no ``[bold]``).

CSV, JSON and JSON lines are data and stay byte-faithful: JSON escapes controls itself,
and writes NaN and +/-Infinity, which JSON cannot hold, as ``null`` (as JavaScript's
``JSON.stringify`` does; CSV keeps ``nan`` and ``inf``);
and CSV cells are written as stored. That includes a cell starting with ``=``, ``+``,
``-`` or ``@``, which a spreadsheet program would run as a formula (``=HYPERLINK(...)``):
prefixing such cells with ``'`` would corrupt data that other programs (DuckDB, pandas)
read back, and a leading ``-`` is common in real text. Open a CSV export in a
spreadsheet through its import dialog with every column typed as text, or use Parquet.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, TextIO

FORMATS = ("table", "csv", "json", "jsonl")
CELL_WIDTH = 60
# C0 and C1 controls (ESC starts an ANSI sequence, 0x9b is one), DEL, line and paragraph
# separators, bidi embeddings, overrides and isolates (also blanked in Dagster metadata)
UNSAFE_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_BUT_LINES_RE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(value: Any, keep_lines: bool = False) -> str:
    """``value`` as text safe to print on a terminal: every control character (all but
    newline and tab with ``keep_lines``) and bidi control shown as an escape, e.g. ESC as
    ``\\x1b``, so stored text can never drive the terminal."""
    text = "" if value is None else str(value)
    return (_UNSAFE_BUT_LINES_RE if keep_lines else UNSAFE_RE).sub(_escape, text)


def plain(value: Any, json_safe: bool = False) -> Any:
    """A JSON-friendly version of a DuckDB value; with ``json_safe``, NaN and infinities
    (which JSON cannot hold) become None."""
    if json_safe and isinstance(value, float | Decimal) and not math.isfinite(value):
        return None
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [plain(v, json_safe) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v, json_safe) for k, v in value.items()}
    return value


def json_text(value: Any, indent: int | None = None) -> str:
    """``value`` as strict JSON (no NaN or Infinity): see :func:`plain`."""
    return json.dumps(plain(value, json_safe=True), ensure_ascii=False, indent=indent,
                      allow_nan=False, default=str)


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
    text = terminal_text(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "…"


def _numeric(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def write_table(names: Sequence[str], rows: Sequence[Sequence[Any]], out: TextIO,
                total: int | None = None) -> None:
    """An aligned text table: numbers right-aligned, a row count underneath."""
    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(cell(n))] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    right = [any(_numeric(row[i]) for row in rows) for i in range(len(names))]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if r else v.ljust(w) for v, w, r in zip(values, widths, right,
                                                                     strict=True)]
        return "  ".join(parts).rstrip()

    out.write(line([cell(n) for n in names]) + "\n")
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
            record = json_text(dict(zip(names, row, strict=True)))
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
