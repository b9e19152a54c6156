"""CLI commands, one module per area; each exposes ``register(app)``."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import typer

from warehouse.render import terminal_text


class CommandError(Exception):
    """A command cannot do what was asked: printed as one line, exit code 1."""


def _not_utf8(value: Any) -> bool:
    """True for text holding lone surrogates: bytes of an argument that are not UTF-8."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def one_line_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a CLI command so that what a user can cause (a bad argument, a missing, locked,
    corrupt or unwritable file, a DuckDB error) ends as one ``Error: ...`` line on stderr
    with exit code 1, never a traceback. Arguments that are not valid UTF-8 are refused
    before the command runs."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        import duckdb

        from warehouse.db import WarehouseBusy, WarehouseCorrupt, first_line

        for name, value in kwargs.items():
            values = value if isinstance(value, list | tuple) else [value]
            if any(_not_utf8(v) for v in values):
                say(f"Error: the {name} argument is not valid UTF-8", err=True)
                raise typer.Exit(1)
        try:
            return command(*args, **kwargs)
        except BrokenPipeError:  # the reader left (``| head``): stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(1) from None
        except (CommandError, OSError, duckdb.Error, UnicodeError, WarehouseBusy,
                WarehouseCorrupt, ValueError) as exc:
            say(f"Error: {first_line(exc)}", err=True)
            raise typer.Exit(1) from None

    return run


def json_default(value: Any) -> str:
    """JSON for dates and anything else printable."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def dump_json_line(obj: dict[str, Any]) -> None:
    """Write one JSON object as a line on stdout."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=json_default) + "\n")


def say(text: Any, err: bool = False) -> None:
    """Print a line that may hold stored or input text: control characters (ANSI escape
    sequences among them) are shown as escapes, never sent to the terminal."""
    typer.echo(terminal_text(text, keep_lines=True), err=err)
