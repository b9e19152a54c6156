"""Parse stage: press-release structure from cleaned body text."""

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
