"""The hand-off between stages: each stage writes its rows as Parquet files in the run
folder (``raw/<source>/<run>/stages/<partition>/<table>.parquet``) and passes on a small
reference (the crawl run, the files, the row counts), so Dagster's IO manager stores a
few hundred bytes per asset and partition, never the pages, texts or releases.

The files are derived and replaceable: materialising the partition again rewrites them
(each one written beside and renamed in), and deleting the ``stages`` folder loses
nothing the raw archive cannot rebuild.

Rows are dicts as the stages make them, or records (``crawlers/records.py``: pages, articles),
written through their ``to_row`` and read back through ``from_row``. A column whose
values are all ``str``, ``int``, ``float`` or ``bool`` (or None) is stored as that Parquet
type; datetimes and dates as ISO text (the printed offset survives), anything else (lists,
dicts, mixed types) as JSON text; the column's kind is kept in the file's metadata, so
reading gives back equal rows.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import pyarrow as pa
import pyarrow.parquet as pq

from crawlers.records import CrawlRun, Record
from pipelines.ids import file_name

STAGES_DIR = "stages"
KINDS_KEY = b"wiredesk.kinds"
NATIVE = {str: "string", int: "int64", float: "float64", bool: "bool"}
Ref = dict[str, Any]
R = TypeVar("R", bound=Record)


def _kind(values: Sequence[Any]) -> str:
    types = {type(v) for v in values if v is not None}
    if not types:
        return "null"
    if len(types) == 1:
        (only,) = types
        if only in NATIVE:
            return NATIVE[only]
        if only is datetime:
            return "datetime"
        if only is date:
            return "date"
    return "json"


def _encode(kind: str, value: Any) -> Any:
    if value is None or kind in NATIVE.values():
        return value
    if kind in ("datetime", "date"):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)


def _decode(kind: str, value: Any) -> Any:
    if value is None or kind in NATIVE.values():
        return value
    if kind == "datetime":
        return datetime.fromisoformat(value)
    if kind == "date":
        return date.fromisoformat(value)
    return json.loads(value)


def write_rows(path: Path, rows: Sequence[dict[str, Any]]) -> Path:
    """Write ``rows`` to the Parquet file ``path`` (written beside it, renamed in)."""
    names = list(dict.fromkeys(k for row in rows for k in row))
    kinds: dict[str, str] = {}
    columns: dict[str, pa.Array] = {}
    for name in names:
        values = [row.get(name) for row in rows]
        kinds[name] = _kind(values)
        arrow_type = pa.null() if kinds[name] == "null" else (
            pa.type_for_alias(kinds[name]) if kinds[name] in NATIVE.values() else pa.string())
        columns[name] = pa.array([_encode(kinds[name], v) for v in values], type=arrow_type)
    table = pa.table(columns) if columns else pa.table({})
    table = table.replace_schema_metadata({KINDS_KEY: json.dumps(kinds).encode()})
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)
    return path


def read_rows(path: Path | str) -> list[dict[str, Any]]:
    """The rows :func:`write_rows` wrote, equal to what it was given (keys that a row
    lacked come back as None)."""
    table = pq.read_table(path)
    kinds = json.loads((table.schema.metadata or {}).get(KINDS_KEY, b"{}"))
    columns = {name: [_decode(kinds.get(name, "json"), v) for v in table.column(name).to_pylist()]
               for name in table.column_names}
    return [dict(zip(columns, values, strict=True))
            for values in zip(*columns.values(), strict=True)] if columns else []


def stage_dir(run_dir: Path | str, partition_key: str) -> Path:
    """Where one partition's stage files live in its run folder."""
    return Path(run_dir) / STAGES_DIR / file_name(partition_key)


def hand_off(run: CrawlRun, partition_key: str, previous: Ref | None = None,
             **tables: Sequence[dict[str, Any]] | Sequence[Record]) -> Ref:
    """Write ``tables`` (name → rows) for the partition and return the reference the next
    stage gets: ``{"run": <crawl run>, "tables": {name: path}, "counts": {name: rows}}``,
    with the tables of ``previous`` (an earlier stage's reference) carried over."""
    folder = stage_dir(run.run_dir, partition_key)
    ref: Ref = {"run": run.to_row(), "tables": dict((previous or {}).get("tables", {})),
                "counts": dict((previous or {}).get("counts", {}))}
    for name, rows in tables.items():
        dicts = [r.to_row() if isinstance(r, Record) else r for r in rows]
        ref["tables"][name] = str(write_rows(folder / f"{name}.parquet", dicts))
        ref["counts"][name] = len(rows)
    return ref


def run_of(ref: Ref) -> CrawlRun:
    """The crawl run a stage's reference carries."""
    return CrawlRun.from_row(ref["run"])


def take(ref: Ref, name: str) -> list[dict[str, Any]]:
    """The rows of table ``name`` that a stage handed off."""
    return read_rows(ref["tables"][name])


def take_records(ref: Ref, name: str, kind: type[R]) -> list[R]:
    """The rows of table ``name`` that a stage handed off, as ``kind`` records."""
    return [kind.from_row(row) for row in take(ref, name)]
