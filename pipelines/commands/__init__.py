"""CLI commands, one module per area; each exposes ``register(app)``."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Any

import typer

from warehouse.render import terminal_text


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
