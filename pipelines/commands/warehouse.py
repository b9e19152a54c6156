"""``wiredesk sql | search | export | status``: the warehouse for analysts.

Every command reads the published read copy (``<warehouse>.read.duckdb``), opened
read-only, so a running pipeline never locks an analyst out; only ``sql --write`` opens the
warehouse itself. Either way the connection is locked down (``warehouse.db.lock_down``):
SQL can read and (with ``--write``) change the warehouse, and nothing else: no other file,
no ATTACH, COPY or EXPORT, no extension, no network, no SET. A DuckDB error is printed as
DuckDB words it, on one line, with exit code 1.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import duckdb
import typer

from pipelines.commands import CommandError, say

DB_HELP = ("Warehouse file (default: $WIREDESK_DB, else $WIREDESK_DATA_DIR/warehouse.duckdb); "
           "commands read its published copy <name>.read.duckdb beside it.")
FORMAT_HELP = ("Output: table (aligned; control characters shown as escapes), csv, json (an "
               "array) or jsonl (one object a line). csv and json are written as stored: "
               "a CSV cell may start with '=' (import it as text into a spreadsheet); "
               "JSON has no NaN or Infinity, so those are written as null.")
DbOption = Annotated[Path | None, typer.Option("--db", help=DB_HELP)]
REPL_HELP = """\
Statements end with ';'. Commands:
  .tables            tables and views, with what they hold
  .schema NAME       columns of a table or view, with types and descriptions
  .format FORMAT     table | csv | json | jsonl
  .help              this text
  .quit              leave (or Ctrl-D)
"""


def fail(message: str) -> CommandError:
    """The one-line error to raise (printed on stderr, exit code 1)."""
    return CommandError(message)


def choose(fmt: str, allowed: tuple[str, ...]) -> str:
    """``fmt`` if it is one of ``allowed``, else a usage error (exit code 2)."""
    if fmt not in allowed:
        raise typer.BadParameter(f"{fmt!r}: choose one of {', '.join(allowed)}",
                                 param_hint="--format")
    return fmt


def _paths(db: Path | None) -> tuple[Path, Path]:
    from warehouse.db import default_path
    from warehouse.publish import read_copy_path

    db = db or default_path()
    if db.name.endswith(".read.duckdb"):
        return db, db
    return db, read_copy_path(db)


def read_copy_of(db: Path | None) -> Path:
    """The published read copy, or a one-line error saying how to make one."""
    read_copy = _paths(db)[1]
    if not read_copy.exists():
        raise fail(f"no published read copy at {read_copy}; run the pipeline "
                   "(make demo) first, or point --db at a warehouse")
    return read_copy


@contextmanager
def opened(db: Path | None, write: bool = False, allowed_directories: tuple[Path, ...] = ()
           ) -> Iterator[duckdb.DuckDBPyConnection]:
    """The read copy, read-only; with ``write``, the warehouse itself (migrated). Either
    way locked down to its own file (and ``allowed_directories``), fts loaded."""
    from warehouse.db import connect, lock_down
    from warehouse.search import SearchUnavailable, load_fts

    con = connect(_paths(db)[0]) if write else connect(read_copy_of(db), read_only=True)
    try:
        try:
            load_fts(con)
        except (SearchUnavailable, duckdb.Error):
            pass  # plain SQL still works; search says what is missing
        lock_down(con, allowed_directories)
        yield con
    finally:
        con.close()


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2026-07-01",
                                 param_hint=option) from None


# --- sql ---------------------------------------------------------------------------------

def run_statements(con: duckdb.DuckDBPyConnection, text: str, fmt: str, max_rows: int) -> None:
    """Run every statement in ``text``, printing the result of each that returns rows."""
    from warehouse.render import iter_cursor, write_rows

    for statement in con.extract_statements(text):
        cur = con.execute(statement.query)
        if cur.description:
            names = [d[0] for d in cur.description]
            write_rows(names, iter_cursor(cur), fmt, sys.stdout, max_rows=max_rows)


def dot_command(con: duckdb.DuckDBPyConnection, line: str, state: dict[str, Any]) -> bool:
    """Handle a ``.command``; returns False to leave the session."""
    from warehouse.render import FORMATS, write_table

    word, _, arg = line.strip().partition(" ")
    arg = arg.strip()
    if word in (".quit", ".exit", ".q"):
        return False
    if word == ".tables":
        rows = con.execute(
            "SELECT table_name AS name, 'table' AS type, comment FROM duckdb_tables() "
            "WHERE database_name = current_database() AND schema_name = 'main' "
            "UNION ALL SELECT view_name, 'view', comment FROM duckdb_views() "
            "WHERE database_name = current_database() AND schema_name = 'main' "
            "AND NOT internal ORDER BY type, name").fetchall()
        write_table(["name", "type", "comment"], rows, sys.stdout)
    elif word == ".schema" and arg:
        rows = con.execute(
            "SELECT column_name, data_type, comment FROM duckdb_columns() "
            "WHERE database_name = current_database() AND schema_name = 'main' "
            "AND table_name = ? ORDER BY column_index", [arg]).fetchall()
        if not rows:
            say(f"Error: no table or view named {arg!r}", err=True)
        else:
            write_table(["column", "type", "comment"], rows, sys.stdout)
    elif word == ".format" and arg in FORMATS:
        state["fmt"] = arg
    else:
        typer.echo(REPL_HELP)
    return True


def interactive(con: duckdb.DuckDBPyConnection, fmt: str, max_rows: int) -> None:
    """A small SQL shell: statements end with ';', errors are shown and the session goes on."""
    try:
        import readline  # noqa: F401 - line editing and history for input()
    except ImportError:  # pragma: no cover
        pass
    state = {"fmt": fmt}
    typer.echo("wiredesk sql: the read copy of the warehouse. .help for commands, "
               "Ctrl-D to leave.")
    buffer: list[str] = []
    while True:
        try:
            line = input("...> " if buffer else "wiredesk> ")
        except EOFError:
            typer.echo("")
            return
        except KeyboardInterrupt:
            typer.echo("")
            buffer = []
            continue
        if not buffer and line.strip().startswith("."):
            if not dot_command(con, line, state):
                return
            continue
        buffer.append(line)
        if line.rstrip().endswith(";"):
            try:
                run_statements(con, "\n".join(buffer), state["fmt"], max_rows)
            except duckdb.Error as exc:
                say(f"Error: {exc}", err=True)
            buffer = []


def sql(
    query: str = typer.Argument(None, help="SQL to run (several statements may be separated "
                                "by ';'). Omit it for an interactive session, or pipe a "
                                "script on stdin."),
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
    write: bool = typer.Option(False, "--write", help="Open the warehouse itself for writing "
                               "instead of the read-only published copy (still no other "
                               "file, extension or network)."),
    db: DbOption = None,
    max_rows: int = typer.Option(1000, "--max-rows", min=0,
                                 help="Rows shown by --format table."),
) -> None:
    """Query the warehouse with SQL (DuckDB dialect), read-only unless --write.

    Tables: sources, crawl_runs, pages, articles, releases, stories, story_members,
    contacts, entities, mentions; marts (views): mart_releases, mart_daily_volume,
    mart_syndication, mart_entity_mentions, mart_co_mentions, mart_ticker_timeline,
    mart_source_runs, mart_source_health. Try: wiredesk sql ".schema mart_releases".
    Examples live in docs/queries.md. Read-only SQL cannot ATTACH, COPY, EXPORT, INSTALL,
    LOAD or SET, nor read files or the network.
    """
    from warehouse.render import FORMATS

    choose(fmt, FORMATS)
    with opened(db, write=write) as con:
        if query is None and sys.stdin.isatty():
            interactive(con, fmt, max_rows)
            return
        text = sys.stdin.read() if query is None else query
        try:
            if text.strip().startswith("."):
                state = {"fmt": fmt}
                for line in text.strip().splitlines():
                    dot_command(con, line, state)
                return
            run_statements(con, text, fmt, max_rows)
        except duckdb.Error as exc:
            raise fail(str(exc)) from None


# --- search ------------------------------------------------------------------------------

def search(
    query: str = typer.Argument(..., help='Words to look for, e.g. "iran pakistan trade".'),
    since: str = typer.Option(None, "--since", help="Published on or after this day "
                              "(YYYY-MM-DD, UTC)."),
    until: str = typer.Option(None, "--until", help="Published before this day (YYYY-MM-DD)."),
    source: Annotated[list[str] | None, typer.Option(
        "--source", "-s", help="Only this source id or dateline agency (repeatable), "
        "e.g. dnanews or dna.")] = None,
    limit: int = typer.Option(10, "--limit", "-n", help="Results to show."),
    all_copies: bool = typer.Option(False, "--all-copies", help="Show every carrier's copy "
                                    "of a story, not only the best-scoring one."),
    all_terms: bool = typer.Option(False, "--all-terms", help="Require every word."),
    fmt: str = typer.Option("table", "--format", "-f", help="table (ranked list), csv, json "
                            "or jsonl."),
    db: DbOption = None,
) -> None:
    """Full-text search over headlines and bodies, ranked by BM25, with a snippet."""
    from warehouse.render import FORMATS, write_rows
    from warehouse.search import Hit, SearchUnavailable
    from warehouse.search import search as run_search

    choose(fmt, FORMATS)
    if limit < 0:
        raise typer.BadParameter("must be 0 or more", param_hint="--limit")
    since_day, until_day = _day(since, "--since"), _day(until, "--until")
    with opened(db) as con:
        try:
            hits = run_search(con, query, since=since_day, until=until_day, sources=source or (),
                              limit=limit, one_per_story=not all_copies, all_terms=all_terms)
        except (SearchUnavailable, duckdb.Error) as exc:
            raise fail(str(exc)) from None
    if fmt != "table":
        names = list(Hit.__slots__)
        write_rows(names, [list(h.to_dict().values()) for h in hits], fmt, sys.stdout)
        return
    if not hits:
        typer.echo("No releases match.")
        return
    for h in hits:
        when = h.published_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if h.published_at \
            else "undated"
        agency = f" ({h.agency})" if h.agency else ""
        carried = f"  carried by {h.carriers}" if h.carriers > 1 else ""
        say(f"{h.rank:>2}. {h.title or '(no headline)'}")
        say(f"    {when} UTC  {h.source_id}{agency}  score {h.score:.3f}{carried}")
        say(f"    {h.snippet}")
        say(f"    {h.url}\n")


# --- export ------------------------------------------------------------------------------

def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write releases/ and "
                                      "stories/ into.")],
    fmt: str = typer.Option("parquet", "--format", "-f", help="parquet or csv."),
    since: str = typer.Option(None, "--since", help="Only days on or after (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Only days before (YYYY-MM-DD)."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace out/releases and "
                                   "out/stories if they hold files."),
    db: DbOption = None,
) -> None:
    """Export releases and stories, partitioned by date and source (Hive folders
    date=YYYY-MM-DD/source_id=ID/), from the read copy."""
    from warehouse.export import FORMATS, check_targets
    from warehouse.export import export as run_export

    choose(fmt, FORMATS)
    since_day, until_day = _day(since, "--since"), _day(until, "--until")
    check_targets(out, overwrite)  # before the read copy is opened
    with opened(db, allowed_directories=(out,)) as con:
        counts = run_export(con, out, fmt=fmt, since=since_day, until=until_day,
                            overwrite=overwrite)
    for table, n in counts.items():
        typer.echo(f"{table}: {n} rows -> {out / table}/")


# --- status ------------------------------------------------------------------------------

STATUS_FORMATS = ("table", "json")


def status(
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    db: DbOption = None,
) -> None:
    """Sources with their last runs, health and freshness; row counts; the search index;
    whether the warehouse file itself is usable (exit code 1 when it is not)."""
    from crawlers.registry import registry_problems
    from warehouse.db import probe
    from warehouse.render import json_text, write_table
    from warehouse.status import warehouse_status

    choose(fmt, STATUS_FORMATS)
    warehouse, read_copy = _paths(db)
    with opened(db) as con:
        info = warehouse_status(con)
    problem = probe(warehouse) if warehouse != read_copy else None
    published = datetime.fromtimestamp(read_copy.stat().st_mtime, UTC)
    info = {"warehouse": str(warehouse), "warehouse_problem": problem,
            "read_copy": str(read_copy), "published_at": published,
            "registry_problems": registry_problems(), **info}
    if fmt == "json":
        typer.echo(json_text(info, indent=2))
    else:
        show_status(info, warehouse, read_copy, published, write_table)
    if problem:
        raise typer.Exit(1)


def show_status(info: dict[str, Any], warehouse: Path, read_copy: Path, published: datetime,
                write_table: Any) -> None:
    """``wiredesk status`` as text."""
    problem = info["warehouse_problem"]
    if problem:
        say(f"Error: the warehouse {warehouse} is unusable ({problem}): every load fails and "
            "failed runs cannot be recorded in it; the read copy is intact. Recover: "
            "README, 'The warehouse file is corrupt'.", err=True)
    say(f"warehouse   {warehouse}" + (f"  UNUSABLE: {problem}" if problem else ""))
    say(f"read copy   {read_copy} (published {published:%Y-%m-%d %H:%M:%S} UTC)")
    say(f"schema      version {info['schema_version']}")
    say("rows        " + ", ".join(f"{k}={v}" for k, v in info["counts"].items()))
    say(f"newest      published {info['newest_published_at']}, seen {info['newest_seen_at']}")
    s = info["search"]
    say("search      " + (f"{s['documents']} releases indexed (built {s['built_at']})"
                                 if s["indexed"] else "no index yet"))
    for registry_problem in info["registry_problems"]:
        say(f"registry    source disabled: {registry_problem}")
    typer.echo("")
    sources = info["sources"]
    names = ["source", "health", "last run (UTC)", "fetches", "errors", "releases", "yield",
             "newest release", "age (h)"]
    rows = [[r["source_id"], r["health"], r["last_finished_at"], r["fetches"], r["errors"],
             r["releases"], r["last_yield"], r["newest_published_at"],
             r["hours_since_newest_release"]] for r in sources]
    write_table(names, rows, sys.stdout)


def register(app: typer.Typer) -> None:
    app.command()(sql)
    app.command()(search)
    app.command()(export)
    app.command()(status)
