"""The ``wiredesk`` command: thin doors onto the stages, the warehouse and the demo.

Each module in ``pipelines/commands/`` adds its commands with ``register(app)``.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

import pipelines.commands

app = typer.Typer(help="wiredesk: press releases from the wires into DuckDB.",
                  no_args_is_help=True, add_completion=False)

for _module in sorted(m.name for m in pkgutil.iter_modules(pipelines.commands.__path__)):
    importlib.import_module(f"pipelines.commands.{_module}").register(app)


if __name__ == "__main__":
    app()
