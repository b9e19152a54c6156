"""Connect to the DuckDB warehouse, bring its schema to the current version, apply the marts.

Migrations (``warehouse/migrations/NNN_name.sql``) change tables and run once each, in
order. Marts (``warehouse/marts/*.sql``) are views, written as ``CREATE OR REPLACE VIEW``
and re-applied on every writable connect, so editing a mart needs no migration.
"""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path

import duckdb

MIGRATIONS = "migrations"
MARTS = "marts"


def default_path() -> Path:
    """The warehouse file: ``$WIREDESK_DB``, else ``$WIREDESK_DATA_DIR/warehouse.duckdb``."""
    explicit = os.environ.get("WIREDESK_DB")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("WIREDESK_DATA_DIR", "data")) / "warehouse.duckdb"


def _sql_files(folder: str) -> list[tuple[str, str]]:
    """``(file name, sql)`` of every ``*.sql`` file in a package folder, sorted by name."""
    root = resources.files(__package__).joinpath(folder)
    return sorted((e.name, e.read_text(encoding="utf-8")) for e in root.iterdir()
                  if e.name.endswith(".sql"))


def migration_files() -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` for every migration shipped with the package, in order."""
    out = []
    for name, sql in _sql_files(MIGRATIONS):
        m = re.match(r"^(\d+)_.*\.sql$", name)
        if m:
            out.append((int(m.group(1)), name, sql))
    return sorted(out)


def mart_files() -> list[tuple[str, str]]:
    """``(name, sql)`` of every mart definition, in file-name order."""
    return _sql_files(MARTS)


def _ensure_migrations_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMPTZ DEFAULT now())"
    )


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version recorded in the database (0 for an empty file)."""
    _ensure_migrations_table(con)
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection, target: int | None = None) -> int:
    """Apply every shipped migration not yet recorded (up to ``target``), each in one
    transaction and in number order; returns the resulting version.

    A migration merged later with a lower number than one already applied still runs.
    """
    _ensure_migrations_table(con)
    applied = {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
    for number, name, sql in migration_files():
        if number in applied or (target is not None and number > target):
            continue
        chunks = transaction_chunks(con, sql)
        for i, chunk in enumerate(chunks):
            con.execute("BEGIN TRANSACTION")
            try:
                for statement in chunk:
                    con.execute(statement)
                if i == len(chunks) - 1:
                    con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                                [number, name])
                con.execute("COMMIT")
            except Exception:
                con.execute("ROLLBACK")
                raise
    return current_version(con)


_WRITES = re.compile(r'^(?:UPDATE|INSERT\s+INTO|DELETE\s+FROM)\s+"?(\w+)', re.I)
_ALTERS = re.compile(r'^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?"?(\w+)', re.I)


def transaction_chunks(con: duckdb.DuckDBPyConnection, sql: str) -> list[list[str]]:
    """A migration's statements, grouped into as few transactions as DuckDB allows.

    DuckDB cannot commit a transaction that alters a table after writing its rows
    (``ALTER ... ; UPDATE ... ; ALTER`` on one table), so a new transaction starts there.
    Every other migration runs as one transaction.
    """
    chunks: list[list[str]] = [[]]
    written: set[str] = set()
    for statement in con.extract_statements(sql):
        text = re.sub(r"^(\s*--[^\n]*\n)*\s*", "", statement.query)
        altered = _ALTERS.match(text)
        if altered and altered.group(1).lower() in written:
            chunks.append([])
            written.clear()
        write = _WRITES.match(text)
        if write:
            written.add(write.group(1).lower())
        chunks[-1].append(statement.query)
    return chunks


def apply_marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    """(Re)create every mart view in one transaction; returns the file names applied."""
    files = mart_files()
    con.execute("BEGIN TRANSACTION")
    try:
        for _, sql in files:
            con.execute(sql)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return [name for name, _ in files]


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file; a writable connection is migrated and its marts re-applied."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    con.execute("SET TimeZone = 'UTC'")
    if not read_only:
        migrate(con)
        apply_marts(con)
    return con
