"""The ``wiredesk`` command: thin doors onto the stages, the warehouse and the demo.

Each module in ``pipelines/commands/`` adds its commands with ``register(app)``; every
command is then wrapped so that an error a user can cause is one line on stderr with exit
code 1 (``pipelines.commands.one_line_errors``), never a traceback.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

import pipelines.commands
from pipelines.commands import one_line_errors

app = typer.Typer(help="wiredesk: press releases from the wires into DuckDB.",
                  no_args_is_help=True, add_completion=False)

for _module in sorted(m.name for m in pkgutil.iter_modules(pipelines.commands.__path__)):
    importlib.import_module(f"pipelines.commands.{_module}").register(app)
for _command in app.registered_commands:
    if _command.callback is not None:
        _command.callback = one_line_errors(_command.callback)


if __name__ == "__main__":
    app()
