"""Dates as datelines print them, in English and the languages wires write in.

``July 8, 2026``, ``Jul. 8``, ``8th July, 2026``, ``29. Juli 2025``, ``4 de mayo de 2026``,
``1 LUG``, ``29 июля``, ``29.07.2025``, ``2026-07-08``, ``2025年7月29日``, ``7월 29일``,
``2023. december 4.``, ``4 grudnia 2023 r.``, ``১২ মার্চ``, ``7 حزيران``, and
month-and-year forms (``March 2026``) that name no day. Month and weekday names come from
CLDR through Babel for the languages below, so a new language is one code in a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

__all__ = ["DateMatch", "date_word", "find_dates", "match_date", "match_hijri", "match_weekday",
           "month_day"]

# languages whose month and weekday names datelines may print (CLDR codes)
LANGUAGES = (
    "en de fr es it pt nl da sv nb fi pl cs sk sl hr sr_Latn ro hu tr id ms tl sw et lv lt "
    "ca el bg ru uk ar fa ur he hi bn"
).split()

_ENGLISH_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
_ENGLISH_DAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed weds thu thur "
    "thurs fri sat sun"
).split()


# Levantine and Iraqi month names (Jordan, Syria, Lebanon, Iraq, Palestine), which CLDR's
# Arabic does not list; the agencies of those countries date their datelines with them
_SYRIAC_MONTHS = {
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9, "تشرين الأول": 10,
    "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
}  # fmt: skip


def _fold(name: str) -> str:
    name = name.lower().strip().rstrip(".").replace("\u00a0", " ")
    return re.sub(r"^(?:de|d')\s*", "", name) if " " in name or "'" in name else name


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Lowercase month name or abbreviation -> month number (names two months share dropped)."""
    from babel.dates import get_month_names

    seen: dict[str, set[int]] = {k: {v} for k, v in (_ENGLISH_MONTHS | _SYRIAC_MONTHS).items()}
    for lang in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, lang).items():
                    key = _fold(name)
                    if len(key) >= 3 and not re.search(r"\d", key):
                        seen.setdefault(key, set()).add(number)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


@lru_cache(maxsize=1)
def _weekday_names() -> list[str]:
    from babel.dates import get_day_names

    names = set(_ENGLISH_DAYS)
    for lang in LANGUAGES:
        for name in get_day_names("wide", "format", lang).values():
            if len(name) >= 4:
                names.add(name.lower())
    return sorted(names, key=len, reverse=True)


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    return frozenset(month_names()) | frozenset(_weekday_names()) | frozenset(
        name.split()[0] for name in month_names() if " " in name)  # "كانون" of "كانون الثاني"


@lru_cache(maxsize=8192)
def date_word(word: str) -> bool:
    """True when ``word`` is a month or weekday name (a date may start with it)."""
    return _fold(word) in _date_words()


_WEEKDAY_RE = re.compile(r"[^\W\d_]+\.?")


def match_weekday(text: str, pos: int) -> int | None:
    """End of a weekday name printed alone at ``pos`` (``Wed.``, ``Tuesday``, ``Sábado``),
    where a dateline prints it instead of a date; None when there is none."""
    m = _WEEKDAY_RE.match(text, pos)
    if m is None or not m.group(0)[0].isupper() or _fold(m.group(0)) not in _weekday_set():
        return None
    return m.end()


@lru_cache(maxsize=1)
def _weekday_set() -> frozenset[str]:
    return frozenset(_weekday_names())


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_END = r"(?![^\W\d_])"  # a name ends where letters end
# a year, with the word some languages print after it ("2023 r.", "2023 г.", "2024ء")
_YEAR = r"(?P<y>\d{4})(?!\d)(?:\s?(?:r\.|roku\b|г\.|года\b|yılı\b|m\.)|ء)?"
_DAY = r"(?P<d>[0-3]?\d)(?!\d)(?:st|nd|rd|th|er|e|º|°)?"


@lru_cache(maxsize=1)
def _patterns() -> list[re.Pattern[str]]:
    month = rf"(?P<m>{_alternation(list(month_names()))}){_END}\.?"
    weekday = rf"(?:(?:{_alternation(_weekday_names())}){_END}\.?,?\s+)?"
    flags = re.IGNORECASE
    return [
        # July 8, 2026 / Jul. 8 / Tuesday Jun 9, 2026 / Va. Mar 4 / MAR 4
        re.compile(rf"{weekday}{month},?\s*{_DAY}(?:(?:\s*,\s*|\s+)(?:de\s+)?{_YEAR})?", flags),
        # 8 July 2026 / 29th July, 2026 / 29. Juli 2025 / 4 de mayo de 2026 / le 1er mai
        re.compile(
            rf"{weekday}(?:(?:le|el|den|am|il|lo|o)\s+)?{_DAY}\.?\s*(?:(?:de|del|of)\s+)?"
            rf"{month}(?:,?\s*(?:de\s+|del\s+)?{_YEAR})?",
            flags,
        ),
        # 29.07.2025 / 29/07/2025 / 2025-07-29 / 2025/07/29
        re.compile(rf"(?P<d>[0-3]?\d)([./])(?P<m>[01]?\d)\2{_YEAR}"),
        re.compile(rf"{_YEAR}([-/.])(?P<m>[01]?\d)\2(?P<d>[0-3]?\d)(?!\d)"),
        # 2025年7月29日 / 7月29日 / 2025년 7월 29일
        re.compile(rf"(?:{_YEAR}\s*[年년]\s*)?(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]"),
        # 2023. december 4. / 2023 m. gruodžio 4 d.: year first (Hungarian, Lithuanian)
        re.compile(rf"(?P<y>\d{{4}})\.?\s*(?:m\.\s*)?{month}\s*{_DAY}\.?(?:\s*d\.)?", flags),
        # March 2026 / March, --, 2026: a month without a day names no date
        re.compile(rf"{month},?\s*(?:--\s*,?\s*)?{_YEAR}", flags),
    ]


@dataclass(frozen=True)
class DateMatch:
    """A printed date: where it ends and what it names (``day`` None for month-year)."""

    end: int
    year: int | None
    month: int | None
    day: int | None
    text: str

    @property
    def month_day(self) -> str | None:
        """``MM-DD`` when a month and a day were printed."""
        return month_day(self.month, self.day)

    @property
    def iso(self) -> str | None:
        """``YYYY-MM-DD`` when a year, a month and a day were printed (and form a date)."""
        if self.year is None or self.month_day is None:
            return None
        try:
            return date(self.year, self.month or 0, self.day or 0).isoformat()
        except ValueError:
            return None


def month_day(month: int | None, day: int | None) -> str | None:
    """``MM-DD`` of a month and day that exist in some year; None otherwise."""
    if not month or not day:
        return None
    try:
        date(2000, month, day)  # a leap year admits Feb 29
    except ValueError:
        return None
    return f"{month:02d}-{day:02d}"


def _month_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return month_names().get(_fold(text))


_FIRST_WORD_RE = re.compile(r"[^\W\d_]+")
_LEADS = frozenset("le el den am il lo o".split())  # "le 29 juillet", "am 3. Mai"


_YEAR_WORD_RE = re.compile(r"\d\s?(?:r|г|m)\.$")
_DATE_REACH = 80  # a printed date is shorter than this
# figures of other scripts (Bengali, Devanagari, Arabic-Indic, ...) read as ASCII figures
_NATIVE_DIGITS = {c: str(int(chr(c))) for c in range(0x660, 0x1100) if chr(c).isdecimal()}


def match_date(text: str, pos: int = 0) -> DateMatch | None:
    """The date printed at ``pos`` of ``text``, or None."""
    if pos >= len(text):
        return None
    if text[pos] < "\x80":  # a date opening in ASCII is read as printed
        return _match_date(text, pos)
    window = text[pos : pos + _DATE_REACH]
    if not window.isascii():
        native = window.translate(_NATIVE_DIGITS)
        if native != window:
            found = _match_date(native, 0)
            return found and DateMatch(found.end + pos, found.year, found.month, found.day,
                                       text[pos : pos + found.end])
    return _match_date(text, pos)


def _match_date(text: str, pos: int) -> DateMatch | None:
    if not text[pos].isdigit():  # a date opens with a figure, a month or a weekday
        word = _FIRST_WORD_RE.match(text, pos)
        if word is None or not (date_word(word.group(0)) or word.group(0).lower() in _LEADS):
            return None
    for i, pattern in enumerate(_patterns()):
        m = pattern.match(text, pos)
        if not m:
            continue
        month = _month_number(m["m"])
        day = int(m["d"]) if i < 6 else None
        if i == 2 and month and day and month > 12 >= day:  # 07/29/2025, as the US prints
            month, day = day, month
        year = int(m["y"]) if m["y"] else None
        if month is None or not 1 <= month <= 12 or (day is not None and month_day(month, day)
                                                      is None):
            continue
        # a closing full stop separates, as in "29 July.", but ends "2023 r." (roku)
        end = m.end() - (m.group(0).endswith(".") and not _YEAR_WORD_RE.search(m.group(0)))
        return DateMatch(end=end, year=year, month=month, day=day, text=text[m.start():end])
    return None


# "Ramadan 27, 1442 AH, corresponding to ": a Hijri date with its Gregorian equivalent next
_HIJRI_RE = re.compile(
    r"(?:[0-3]?\d\s+)?[^\W\d_][^\n]{0,30}?\d{4}\s*(?:AH|A\.H\.|H\.?)\s*,?\s*"
    r"(?:which\s+)?(?:corresponding\s+to|corresponds\s+to|equivalent\s+to|coinciding\s+with"
    r"|الموافق|الموافق\s+لـ?)\s*",
    re.I,
)
_AD_RE = re.compile(r"\s*(?:AD|A\.D\.|CE|م)\b\.?", re.I)


def match_hijri(text: str, pos: int) -> DateMatch | None:
    """The Gregorian date a Hijri date printed with its equivalent names (``Ramadan 27,
    1442 AH, corresponding to May 09, 2021 AD``), ending after the era; None otherwise."""
    m = _HIJRI_RE.match(text, pos)
    found = match_date(text, m.end()) if m else None
    if found is None or found.month_day is None:
        return None
    era = _AD_RE.match(text, found.end)
    end = era.end() if era else found.end
    return DateMatch(end, found.year, found.month, found.day, text[pos:end])


_SCAN_RE = re.compile(r"(?<![\w.])(?=[^\W_])")


def find_dates(text: str, limit: int = 20) -> list[date]:
    """Full dates (with a year) printed in ``text``, at most ``limit``, in order."""
    out: list[date] = []
    pos = 0
    for m in _SCAN_RE.finditer(text):
        if m.start() < pos:
            continue
        found = match_date(text, m.start())
        if found is None:
            continue
        pos = found.end
        if found.iso:
            out.append(date.fromisoformat(found.iso))
            if len(out) >= limit:
                break
    return out
