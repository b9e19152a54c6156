"""The second signal: figures, dates, names and quotes in the order a release states them.

Rewritten copies change most phrasing, so few word shingles survive, but they keep the
numbers, dates, names and quotes. Two releases from one issuer share names and template
phrases but not their figures, so figures weigh most.
"""

from __future__ import annotations

import hashlib
import re
import sys

_MONTHS = ("January February March April May June July August September October November "
           "December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()
_MONTH_SET = frozenset(_MONTHS)
# One pass, in text order: a date, a quote, a figure, or a run of capitalised words.
_FACT = re.compile(
    r"(?=[A-Z\d“\"])(?:(?P<date>\b(?P<month>" + "|".join(_MONTHS) + r")\.?\s+(?P<day>\d{1,2})\b"
    r"(?:,?\s+\d{4})?)"
    r"|[“\"](?P<quote>[^”\"]{16,})[”\"]"
    r"|(?<![\w.])(?P<num>\d+(?:[.,]\d+)*)"
    r"|(?P<name>[A-Z][\w&'’-]*(?:[ \t]+(?:of|for|the|de)?[ \t]*[A-Z][\w&'’-]*)*))")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_QUOTE_WORD = re.compile(r"\w+")
_OPENERS = frozenset(".!?:;”\"\n")
_STOP = frozenset("The A An In On At For As It Its This That These Under With By From To And "
                  "But Since During After Before While When If Our We He She They".split())


class Facts:
    """Ordered fact tokens, prefixed: ``n:`` figure, ``d:`` month and day, ``y:`` year,
    ``e:`` name, ``q:`` quote. Kept small: a run holds one per release."""

    __slots__ = ("sequence", "tokens")

    def __init__(self, sequence: tuple[str, ...]) -> None:
        self.sequence = tuple(sys.intern(t) for t in sequence)
        self.tokens = frozenset(self.sequence)

    @property
    def numbers(self) -> frozenset[str]:
        """The figures (not dates or years)."""
        return frozenset(t[2:] for t in self.tokens if t[0] == "n")

    @property
    def strong(self) -> frozenset[str]:
        """Figures, dates and quotes."""
        return frozenset(t for t in self.tokens if t[0] in "ndq")

    def __repr__(self) -> str:
        return f"Facts({self.sequence!r})"


def _number(raw: str) -> str:
    if "," in raw and _THOUSANDS.fullmatch(raw):
        raw = raw.replace(",", "")
    return raw.rstrip(".").lstrip("0") or "0"


def _quote_key(quote: str) -> str:
    norm = " ".join(_QUOTE_WORD.findall(quote.casefold())[:8])
    return "q:" + hashlib.blake2b(norm.encode(), digest_size=6).hexdigest()


def extract_facts(text: str) -> Facts:
    """Figures, dates, capitalised names (not a lone sentence-opening word) and quotes."""
    seq: list[str] = []
    add = seq.append
    for m in _FACT.finditer(text):
        kind = m.lastgroup
        if kind == "name":
            name = m.group("name").rstrip(".’'")
            first, _, rest = name.partition(" ")
            if not rest:
                start = m.start()
                before = text[max(0, start - 2):start].strip()
                if (not before or before[-1] in _OPENERS or first in _STOP
                        or len(name) < 3 or first in _MONTH_SET):
                    continue
            elif first in _STOP:
                name = rest
            add("e:" + name.casefold())
        elif kind == "num":
            raw = m.group("num")
            year = len(raw) == 4 and raw[:2] in ("19", "20")
            add(("y:" if year else "n:") + _number(raw))
        elif kind == "date":
            add(f"d:{m.group('month')[:3].casefold()} {int(m.group('day'))}")
        else:
            add(_quote_key(m.group("quote")))
    return Facts(tuple(seq))
