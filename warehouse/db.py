"""Connect to the DuckDB warehouse, bring its schema to the current version, apply the marts.

Migrations (``warehouse/migrations/NNN_name.sql``) change tables and run once each, in
order. Marts (``warehouse/marts/*.sql``) are views, written as ``CREATE OR REPLACE VIEW``
and re-applied on every writable connect, so editing a mart needs no migration.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

MIGRATIONS = "migrations"
MARTS = "marts"
# How long a connect waits for another process's hold on the file (DuckDB admits one
# writing process, and no reader beside it), unless ``$WIREDESK_DB_LOCK_TIMEOUT`` says.
LOCK_TIMEOUT = 600.0
_LOCKED = "Could not set lock on file"
_NO_SPACE = "No space left on device"
log = logging.getLogger(__name__)


class WarehouseDiskFull(OSError):
    """A write to the warehouse (or its read copy) ran out of disk space at ``path``."""

    def __init__(self, path: Path | str, detail: str = "") -> None:
        super().__init__(errno.ENOSPC, f"disk full while writing the warehouse at {path}: "
                         "nothing was committed by this write; free space and run again"
                         + (f" ({detail})" if detail else ""), str(path))
        self.path = Path(path)


class WarehouseCorrupt(RuntimeError):
    """The warehouse file (or its read copy) cannot be read: not a DuckDB file, cut short,
    or a block whose checksum does not match. Nothing can be loaded into it (nor a failed
    run recorded in it) until it is replaced; README "When things go wrong" says how."""

    def __init__(self, path: Path | str, detail: str) -> None:
        if str(path).endswith(".read.duckdb"):
            advice = "the next load (or publish) of the warehouse replaces it"
        else:
            advice = ("loads into it fail until it is replaced: see README, 'The warehouse "
                      "file is corrupt' (the published read copy beside it is intact)")
        super().__init__(f"warehouse file {path} is corrupt ({detail}); {advice}")
        self.path = Path(path)
        self.detail = detail


class WarehouseBusy(RuntimeError):
    """Another process held the warehouse file for longer than the connect would wait."""

    def __init__(self, path: Path | str, waited: float, detail: str) -> None:
        super().__init__(f"warehouse {path} is held by another process (waited "
                         f"{waited:.0f}s, limit $WIREDESK_DB_LOCK_TIMEOUT): {detail}")
        self.path = Path(path)


# How DuckDB words a file it cannot read as a database (checked in 1.5).
_CORRUPT = ("not a valid DuckDB database file", "Corrupt database file",
            "Could not read enough bytes from file")


def is_corrupt(exc: BaseException | None) -> bool:
    """Whether a DuckDB error means the database file itself is damaged."""
    return isinstance(exc, duckdb.Error) and any(m in str(exc) for m in _CORRUPT)


def first_line(exc: BaseException) -> str:
    """An error's first line (DuckDB adds hints and stack traces on later lines)."""
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def is_disk_full(exc: BaseException | None) -> bool:
    """Whether an error (DuckDB's or the OS's), or one it was raised while handling, means
    the disk is full (a failed ROLLBACK after a failed COMMIT hides the first error)."""
    seen = 0
    while exc is not None and seen < 10:
        if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or _NO_SPACE in str(exc):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction, if any: a COMMIT that failed has ended it already."""
    try:
        con.execute("ROLLBACK")
    except duckdb.TransactionException:
        pass


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run the block in one transaction: committed at its end, rolled back on an error."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except Exception:
        rollback(con)
        raise


@contextmanager
def disk_full_as(path: Path | str) -> Iterator[None]:
    """Raise :class:`WarehouseDiskFull` naming ``path`` for an out-of-space error inside,
    and :class:`WarehouseCorrupt` for a damaged file."""
    try:
        yield
    except (WarehouseDiskFull, WarehouseCorrupt):
        raise
    except (OSError, duckdb.Error) as exc:
        if is_disk_full(exc):
            raise WarehouseDiskFull(path, first_line(exc)) from exc
        if is_corrupt(exc):
            raise WarehouseCorrupt(path, first_line(exc)) from exc
        raise


def database_path(con: duckdb.DuckDBPyConnection) -> str:
    """The file behind a connection's current database (``:memory:`` for none)."""
    row = con.execute("SELECT path FROM duckdb_databases() "
                      "WHERE database_name = current_database()").fetchone()
    return (row[0] if row else None) or ":memory:"


def warehouse_path(db: str | None, data_dir: str | Path = "data") -> Path:
    """The warehouse file: ``db`` if given, else ``<data_dir>/warehouse.duckdb``."""
    return Path(db) if db else Path(data_dir) / "warehouse.duckdb"


def default_path() -> Path:
    """The warehouse file: ``$WIREDESK_DB``, else ``$WIREDESK_DATA_DIR/warehouse.duckdb``."""
    return warehouse_path(os.environ.get("WIREDESK_DB"),
                          os.environ.get("WIREDESK_DATA_DIR", "data"))


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
            with transaction(con):
                for statement in chunk:
                    con.execute(statement)
                if i == len(chunks) - 1:
                    con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                                [number, name])
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
    with transaction(con):
        for _, sql in files:
            con.execute(sql)
    return [name for name, _ in files]


# Every connection that runs SQL not written here (``wiredesk sql``) is locked down with
# these, after the fts extension is loaded from its wheel: no file but the database itself
# (and ``allowed_directories``), no extension installed or loaded, no network (every
# network path goes through an extension or an external file), and no SET to undo it.
LOCKDOWN = (
    "SET autoinstall_known_extensions = false",
    "SET autoload_known_extensions = false",
    "SET allow_community_extensions = false",
    "SET allow_persistent_secrets = false",
    "SET enable_external_access = false",
    "SET lock_configuration = true",
)


def lock_down(con: duckdb.DuckDBPyConnection, allowed_directories: Sequence[Path] = ()
              ) -> duckdb.DuckDBPyConnection:
    """Confine a connection to its own database file (and ``allowed_directories``), for
    good: ATTACH, COPY, EXPORT/IMPORT, read_text/read_csv on files, INSTALL, LOAD, SET and
    anything that reaches the network are refused from then on. Load extensions first."""
    if allowed_directories:
        folders = [str(Path(d).absolute()) + os.sep for d in allowed_directories]
        con.execute("SET allowed_directories = ?", [folders])
    for statement in LOCKDOWN:
        con.execute(statement)
    return con


def probe(path: Path | str, timeout: float = 2.0) -> str | None:
    """Why the warehouse file at ``path`` cannot be used (``corrupt: ...``), ``None`` if it
    opens and reads, or if a writer holds it now (it is in use, so it opened)."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        con = open_waiting(path, read_only=True, timeout=timeout)
    except WarehouseBusy:
        return None
    except duckdb.Error as exc:
        return f"corrupt: {first_line(exc)}" if is_corrupt(exc) else first_line(exc)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = 'main'").fetchall()]
        for table in tables:
            con.execute(f'SELECT count(*) FROM "{table}"').fetchone()
    except duckdb.Error as exc:
        return f"corrupt: {first_line(exc)}" if is_corrupt(exc) else first_line(exc)
    finally:
        con.close()
    return None


def lock_timeout() -> float:
    """Seconds a connect waits for the file: ``$WIREDESK_DB_LOCK_TIMEOUT`` or the default."""
    return float(os.environ.get("WIREDESK_DB_LOCK_TIMEOUT", LOCK_TIMEOUT))


def open_waiting(path: Path, read_only: bool = False, timeout: float | None = None
                 ) -> duckdb.DuckDBPyConnection:
    """``duckdb.connect``, waiting (with growing pauses, up to ``timeout`` seconds) while
    another process holds the file, so a load queued behind another never fails spuriously.
    Raises :class:`WarehouseBusy` naming the holder when the wait runs out."""
    timeout = lock_timeout() if timeout is None else timeout
    start = time.monotonic()
    pause = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if _LOCKED not in str(exc):
                raise
            waited = time.monotonic() - start
            if waited >= timeout:
                raise WarehouseBusy(path, waited, first_line(exc)) from exc
            if pause == 0.05:
                log.warning("waiting for the warehouse lock on %s: %s", path, first_line(exc))
            time.sleep(min(pause, max(0.0, timeout - waited)))
            pause = min(pause * 2, 2.0)


def connect(path: Path | str, read_only: bool = False, timeout: float | None = None
            ) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file; a writable connection is migrated and its marts re-applied.

    Waits for another process's hold on the file (see :func:`open_waiting`); running out
    of disk space raises :class:`WarehouseDiskFull` naming the file. Migrations are
    checkpointed at once, so a kill later never leaves their DDL to be replayed.
    """
    path = Path(path)
    with disk_full_as(path):
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        con = open_waiting(path, read_only, timeout)
        try:
            con.execute("SET TimeZone = 'UTC'")
            if not read_only:
                before = current_version(con)
                if migrate(con) != before:
                    # DuckDB 1.5 cannot replay a WAL holding a migration's column comments
                    # ("GetDefaultDatabase with no default database set"): a process killed
                    # before the next checkpoint would leave a file that never opens again.
                    con.execute("CHECKPOINT")
                apply_marts(con)
        except BaseException:
            con.close()
            raise
    return con
