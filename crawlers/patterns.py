"""Release URL patterns matched in linear time.

A registry entry's ``release_url_pattern`` is run on every URL path a crawl or an inbox
archive meets, so a pattern that backtracks (``^/(a+)+$`` takes seconds on a 24-character
path, four times longer with every two more) would stall a crawl. A pattern is compiled
with RE2 (``google-re2``), whose matching time is linear in the path, whenever RE2 reads
it. Only a pattern that needs what RE2 lacks (lookahead or lookbehind, back-references)
is compiled by Python's ``re``, and then only if it has no quantifier over something
that is itself quantified or an alternation (``(a+)+``, ``(a|ab)*``): the shapes that
backtrack exponentially. Any other pattern is refused with :class:`PatternError`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any, Protocol

import re2

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # a pattern RE2 cannot read is expected, not an error


class PatternError(ValueError):
    """A pattern that cannot be compiled, or could take exponential time."""


class Matcher(Protocol):
    def search(self, text: str) -> Any: ...


def _backtracking_shape(items: Any, in_repeat: bool = False) -> str | None:
    """The first shape in a parsed pattern that backtracks exponentially, or None."""
    for op, av in items:
        if op in _REPEATS:
            _low, high, body = av
            many = high > 1
            if many and in_repeat:
                return "a quantifier inside a quantifier"
            if many and any(o == sre.BRANCH for o, _ in _flatten(body)):
                return "an alternation under a quantifier"
            found = _backtracking_shape(body, in_repeat or many)
        elif op == sre.SUBPATTERN:
            found = _backtracking_shape(av[-1], in_repeat)
        elif op == sre.BRANCH:
            found = next((f for b in av[1] if (f := _backtracking_shape(b, in_repeat))), None)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            found = _backtracking_shape(av[1], in_repeat)
        elif op == sre.GROUPREF_EXISTS:
            found = next((f for b in av[1:] if b is not None
                          and (f := _backtracking_shape(b, in_repeat))), None)
        else:
            found = None
        if found:
            return found
    return None


def _flatten(items: Any) -> list[tuple[Any, Any]]:
    """The operations of a parsed pattern, through groups (not through repeats)."""
    out = []
    for op, av in items:
        out.append((op, av))
        if op == sre.SUBPATTERN:
            out.extend(_flatten(av[-1]))
    return out


@lru_cache(maxsize=256)
def compile_pattern(pattern: str) -> Matcher:
    """A linear-time matcher for ``pattern`` (see the module's doc), or PatternError."""
    try:
        return re2.compile(pattern, options=_OPTIONS)
    except re2.error:
        pass
    try:
        parsed = sre_parse.parse(pattern)
        compiled = re.compile(pattern)
    except re.error as exc:
        raise PatternError(f"{pattern!r} is not a regular expression: {exc}") from exc
    shape = _backtracking_shape(parsed)
    if shape:
        raise PatternError(f"{pattern!r} needs Python's backtracking engine (lookaround or "
                           f"back-reference) and has {shape}, which can take exponential "
                           "time: rewrite it without either")
    return compiled
