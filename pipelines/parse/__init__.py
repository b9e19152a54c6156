"""Parse stage: press-release structure from cleaned body text.

The names below load on first use: importing one light module of the package
(``pipelines.parse.clock``, which ``pipelines.published`` and so the crawl manifest
need) must not load the parser, its gazetteers and its entity rules.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dateline import Dateline, parse_dateline
    from .release import PARSER_VERSION, ParsedRelease, parse_release
    from .tickers import find_tickers

__all__ = [
    "PARSER_VERSION",
    "Dateline",
    "ParsedRelease",
    "find_tickers",
    "parse_dateline",
    "parse_release",
]

_HOME = {"Dateline": "dateline", "parse_dateline": "dateline", "PARSER_VERSION": "release",
         "ParsedRelease": "release", "parse_release": "release", "find_tickers": "tickers"}


def __getattr__(name: str) -> Any:
    """The exported ``name``, imported from its module on first use."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value
