"""Dateline recognition: the place, date, time and credit a lead opens with.

A dateline is read as a short run of parts: a place (``OSLO, Norway & AUSTIN,
Texas``, ``BAGH (AJK)``, ``Köln/Bonn``), a date, a time and a credit
(``(AP)``, ``/PRNewswire/``, ``--(BUSINESS WIRE)--``, ``[Andes Wire]``, ``Oct 12
AAP``), in any of the orders wires print them, joined by commas, slashes, dashes or full
stops and closed by a separator (dash, colon, underscore, full stop) or the end of the
paragraph. Whether a run is a dateline is decided from what it holds: a known credit is
enough; a place alone needs capitals or the gazetteer and a separator; a date alone never
is. A run glued behind a subhead or byline in the same paragraph needs stronger evidence.
The parts are read by :mod:`.lead`; Chinese, Japanese and Korean agency forms by :mod:`.cjk`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from .agencies import agency_country, canonical_agency, wire_like
from .cjk import match_cjk
from .dates import DateMatch, date_word, match_date
from .geo import place_kinds, region_part, resolve_location
from .lead import Credit, Place, Run, all_caps, cased, scan, titled

__all__ = ["Dateline", "DatelineMatch", "find_dateline", "parse_dateline", "pipe_byline"]

_MAX_LINES = 12  # paragraphs searched: headline, subhead, bylines, photo captions, date lines
_DEEP_LINES = 30  # below them (or below the lead), only a wire's full dateline is looked for
_DEEP_START_RE = re.compile(r"[ \t]*[^\W\d_a-z]{2}")  # a place in capitals opens it
_PREAMBLE_LEN = 250  # a longer paragraph that holds no dateline is the lead: stop there
_HEADING_LEN = 150  # a place alone on a line is a dateline only after lines this short
_MID_REACH = 400  # a dateline glued behind a subhead starts this close to its line's start
_MID_TRIES = 12  # places in a line where a glued dateline is looked for, at most
_GLUED_LINES = 3  # the first paragraphs, where a subhead or byline may run into a dateline
# a place printed in lower case before a colon ("pune:", not "reading:"), or glued to a
# byline in capitals ("INVIATAROMA"): a city this big
_BIG_CITY_POP = 500_000
_LINE_CAP = 1000  # characters of a paragraph searched (a dateline opens it)
# a photo caption above the dateline: "FILE - In this May 2 photo, ..."
_CAPTION_RE = re.compile(
    r"^(?:FILE\b|In this\b|This (?:photo|image|picture)\b|A handout (?:photo|picture)\b)"
    r"|\((?:AP|AFP|Reuters) Photo\b|\bAP Photo/|\bGetty Images\b|\b(?:file )?photo,",
)
# "Reuters | Oslo | Updated: March 4, 2026 09:12 IST", "PTI | Pune Last Updated at ...",
# "ANI | Updated: ...": an outlet's byline with a page stamp
_STAMP_WORD = r"(?:last[ \t]+)?updated|published|posted|first[ \t]+published"
_PIPE_BYLINE_RE = re.compile(
    rf"^(?:by\s+)?(?P<a>[^|\n]{{2,50}}?)[ \t]*\|[ \t]*(?:(?P<b>[^|\n]{{2,50}}?)"
    rf"(?:[ \t]*\|[ \t]*|[ \t]+(?=(?:{_STAMP_WORD})\b)))?"
    rf"(?P<stamp>(?:{_STAMP_WORD})\b[^|\n]{{0,80}}|[^|\n]{{4,60}})$",
    re.I,
)
_AGENCY_BYLINE_RE = re.compile(r"[ \t]*by[ \t]+(?P<a>[^,\n]{2,40}?)[ \t]*,[ \t]*", re.I)
_REPEATED_CREDIT_RE = re.compile(r"\((?P<a>[^()\n]{2,30})\)[ \t]+(?P=a)[ \t]*[-–—]+[ \t]*")
_OUTLET_CREDIT_RE = re.compile(
    r"[ \t]*[^\W\d_][\w.&'’]*(?:[ \t]+[\w.&'’]+){0,3}?[ \t]+\d{1,4}[ \t]*[-–—]+[ \t]*"
    r"(?P<a>[^\W\d_][^:\n\-–—]{1,30}?)[ \t]*(?:(?P<colon>:)|(?P<dash>[-–—]+))[ \t]*")
_PREPOSITIONS = frozenset("in at on from to of the a an by for with near and or into".split())
_NAME_WORDS_RE = re.compile(r"[^\W\d_][\w'’.-]*")
_MID_RE = re.compile(
    r"(?<=[.!?…”\"')\]|])[ \t]*(?=[^\W\d_])"  # after a sentence: "...this year. OSLO,"
    r"|(?<=[a-z])(?=[A-Z][a-z])"  # glued: "sprayersDenver, July 8"
    r"|(?<=[a-zß-öø-ÿ\d])(?=[A-ZÀ-ÖØ-Þ]{2})|(?<=\d)(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])"  # "agoOSLO ("
    r"|(?<=[\w,][ \t])(?=[^\W\d_a-z]{2})"  # a word in capitals: "new unit LINZ, Austria"
    r"|(?<=[ \t]{2})(?=[^\W\d_])"  # after a gap of spaces: "By JANE ROE    OSLO (AP) -"
    # a date first: "Markets 12 March 2019 (", "Latest 09:41 Sep 4, 2015 (", "> 04.09.2015 ("
    r"|(?<=[ \t|])(?=[0-3]?\d\.?[ \t]*[^\W\d_]{3}|[A-Z][a-z]{2,8}\.?[ \t]+[0-3]?\d\b"
    r"|[0-3]?\d[./][01]?\d[./]\d{4})"
    r"|(?<=[^\W_][ \t])(?=\([^\W\d_])"  # a place in brackets: "Photo: J. Roe (OSLO) --"
)
# words of a heading in capitals that is not a place ("NOTICE TO SHAREHOLDERS:")
_NOT_PLACE_WORDS = frozenset(
    "airlines airline airways motors energy capital partners systems technologies pharma "
    "university college school hospital ministry department council committee party "
    "association federation union institute foundation society museum festival awards "
    "prize board agency authority commission government office services solutions "
    "times bestseller inc corp corporation ltd llc plc co company group holdings bank "
    "notice shareholders stock stocks exchange market markets shares news update updates "
    "report reports says said review week weekly daily today tonight live video photos "
    "exclusive breaking opinion editorial interview transcript announcement statement "
    "release results earnings quarter fiscal conference call webcast event alert advisory "
    "investor investors analyst analysts price prices rates fund funds index election "
    "elections poll polls vote court police weather traffic sports football cricket game "
    "games match season team club league cup final finals trial lawsuit deal deals sale "
    "sales launch launches new wins win plan plans says warns study survey data "
    "top best worst guide tips how why what who when is are was will "
    # a site's section names over a lead ("ÉCONOMIE 18 juil. 2019 (AFP) -")
    "economy economie économie business politics politique world monde culture science "
    "tech technology health santé international national local finance entertainment "
    "lifestyle sport wirtschaft politik kultur welt deportes economía economia mundo "
    "cultura esportes esporte".split()
)


@dataclass
class Dateline:
    """A parsed dateline: the place as printed and normalised, printed date, time, credit.

    ``location`` and ``raw`` are None when the text prints no dateline but credits an
    agency in a byline or trailer (``agency`` is then that credit).
    """

    raw: str | None
    location: str | None
    city: str | None
    region: str | None
    country: str | None
    date: str | None
    agency: str | None
    month_day: str | None = None
    time: str | None = None
    zone: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict of all fields."""
        return asdict(self)


@dataclass
class DatelineMatch:
    """A dateline and where it sits: paragraph ``index``, the text before it on that
    paragraph (a glued subhead or byline) and the body text after it."""

    dateline: Dateline
    index: int
    prefix: str
    rest: str
    end_index: int


# -- is it a dateline ------------------------------------------------------------------------


def _body_ok(s: str, run: Run) -> bool:
    """The body after a dateline closed by no separator starts like a sentence."""
    q = run.end
    if q >= len(s) or s[q] == "\n" or run.lower:
        return True
    c = s[q]
    return c.isupper() or c.isdigit() or c in "\"“‘'(" or (c.isalpha() and not cased(c))


def _place_quality(s: str, place: Place) -> tuple[bool, bool, bool]:
    """``(caps, known, qualified)``: printed in capitals, the name is in the gazetteer,
    a region or country part names a known region."""
    first = place.first.strip()
    caps = all_caps(first) or (not cased(first))
    known = bool(place_kinds(first))
    qualified = any(region_part(part) for part in place.parts)
    return caps and cased(first), known, qualified


def _accept(s: str, run: Run, mid: bool, alone_ok: bool = True, weak_ok: bool = True
            ) -> bool:
    """Is the run a dateline? ``mid``: it is glued behind other text on its line;
    ``alone_ok``: only headline-like lines precede it (a place alone may be a dateline);
    ``weak_ok``: no sentence of the body precedes it (else it needs a known credit or a
    date)."""
    place, credit, close = run.place, run.credit, run.close
    dated = run.date is not None and run.date.month_day is not None
    if not weak_ok and not dated and not (credit and credit.known) and not (
            place and close in ("dash", "colon", "under") and all(_place_quality(s, place)[:2])):
        return False  # below the body's first sentences only a clear dateline counts
    if place is not None and place.places > 1 and not any(_place_quality(s, place)):
        return False  # "Jane Roe and John Doe, Associated Press": names, not places
    if credit and credit.name and credit.known:
        if close is None and not _body_ok(s, run):
            return False
        if close == "end" and not (place or run.date_seen):
            return False  # a credit alone on its line is a byline or trailer, read as such
        if place and not place_kinds(place.first) and (place.words > 4 or any(
                w.lower() in _NOT_PLACE_WORDS for w in place.first.split())):
            return False  # a section name over a date-first lead is no place
        return not mid or bool(place) or dated
    if mid:
        if not place or close not in ("dash", "colon") or place.words > 3:
            return False
        caps, known, _ = _place_quality(s, place)
        bracketed = s[run.start : run.start + 1] == "("  # "Photo: J. Roe (Tallinn) --"
        return (caps or bracketed and titled(place.first)) and known and _body_ok(s, run)
    if place is not None and close is None and not cased(place.first):
        # "کراچی (نمائندہ خصوصی) صوبائی ...": scripts without capitals print no separator
        return bool(place_kinds(place.first)) and (run.date_seen or credit is not None)
    if credit and credit.name:  # a credit printed as the wire printed it
        if close is None and credit.kind == "paren" and run.inner_date is not None \
                and run.inner_date.month_day is not None and not run.date_seen:
            # "(Daily Star / Metro - 9th Jun, 2022 ) The council": a dated outlet credit
            return weak_ok and _body_ok(s, run) and (
                place is None or any(_place_quality(s, place)))
        if place is None and not run.date_seen:
            return close in ("dash", "colon", "dotdash") and weak_ok
        if place is not None and not any(_place_quality(s, place)):
            return False  # "Revenue rose (unaudited) - see tables"
        return close in ("dash", "colon", "under", "dotdash", "end")
    if place is None:  # "July 8, 2026 – Acme said": a date alone opens the lead
        return dated and close in ("dash", "colon") and _body_ok(s, run)
    caps, known, qualified = _place_quality(s, place)
    if close is None:  # "CUPERTINO, CALIFORNIA Apple today..."
        return caps and qualified and not run.date_seen and _body_ok(s, run)
    if close == "comma":  # "Nairobi, the county assembly has passed" below a headline
        return (alone_ok and weak_ok and not place.parts and place.places == 1
                and place.words <= 3 and titled(place.first) and _big_city(place.first))
    if not (run.date_seen or credit) and _country_only(place):
        return False  # "China: Exports fell" heads a story; a dateline names a city
    if close == "colon" and place.first.islower() and place.words <= 2 and not place.parts \
            and _big_city(place.first, _BIG_CITY_POP):
        return True  # "    kolkata: the police said": a city the page left in lower case
    if not (dated or run.date_seen) and close not in ("end",) and not _body_ok(s, run):
        return False
    if close == "bar":
        return dated and (caps or known or qualified) or caps and known
    if close == "slash":
        return dated and (caps or known or qualified)
    if close == "dot":
        if dated or "weekday" in run.order:
            return caps or known or qualified
        return (not run.date_seen and place.words <= 2 and not place.parts
                and _big_city(place.first) and _body_ok(s, run))
    if close == "end":
        if dated or run.date_seen:
            return caps or known or qualified
        return alone_ok and place.words <= 3 and place.places == 1 and (
            known or caps and qualified)
    # dash, colon, underscore, dotdash
    if caps:
        if known or qualified or dated:
            return place.words <= 4 or dated
        return place.words <= 4 and _unknown_place_ok(place.first)
    if not cased(place.first):  # "டெல்லி: ...": one name opening the text, in a script
        return known or dated and qualified or (  # without capitals
            alone_ok and weak_ok and close == "colon" and place.words == 1
            and place.places == 1 and not place.parts)
    if known or qualified:
        return run.lower or all(titled(part) for part in [place.first, *place.parts]) or dated
    return dated and titled(place.first) and place.words <= 4


def _unknown_place_ok(name: str) -> bool:
    """A name in capitals the gazetteer does not know may still be a place (``LANDI
    KOTAL``), but not an acronym (``NATO``), a code (``COVID-19``) or an organisation's
    or heading's words (``SINGAPORE AIRLINES``, ``NOTICE TO SHAREHOLDERS``)."""
    words = name.split()
    if any(c.isdigit() for c in name) or (len(words) == 1 and len(name.strip(".")) <= 4):
        return False
    return not any(w.lower().strip(".'’") in _NOT_PLACE_WORDS for w in words)


def _country_only(place: Place) -> bool:
    kinds = place_kinds(place.first)
    return bool(kinds) and not place.parts and place.places == 1 and all(
        e.kind == "country" for e in kinds)


def _big_city(name: str, population: int = 50_000) -> bool:
    return any(e.kind == "city" and e.population >= population for e in place_kinds(name))


# -- building the dateline -------------------------------------------------------------------


def _printed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;:")


def _us_order(date: DateMatch) -> DateMatch:
    """``07/08/2026`` printed in a US dateline is July 8 (month first)."""
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", date.text)
    if m is None or int(m[1]) > 12 or int(m[2]) > 12:
        return date
    return DateMatch(date.end, date.year, int(m[1]), int(m[2]), date.text)


def _dateline(s: str, run: Run) -> Dateline:
    credit = run.credit
    agency = credit.name if credit else None
    if credit and not credit.known and agency and not cased(agency) and credit.kind != "outlet":
        agency = None  # "(نمائندہ خصوصی)": a correspondent's tag, not a wire
    location = _printed(s[run.place.start : run.place.end]) if run.place else None
    place = resolve_location(location, agency_country(agency)) if location else None
    date = run.date if run.date and run.date.month_day else run.inner_date
    if date is not None and place is not None and place.country == "US":
        date = _us_order(date)
    clock = run.clock
    return Dateline(
        raw=s[run.start : run.end].strip() or None,
        location=location or None,
        city=place.city if place else None,
        region=place.region if place else None,
        country=place.country if place else None,
        date=date.iso if date else None,
        agency=agency,
        month_day=date.month_day if date else None,
        time=clock[0].strftime("%H:%M") if clock else None,
        zone=clock[1] if clock else None,
    )


def _mid_starts(line: str) -> list[int]:
    """Where a dateline glued behind a subhead, byline or file name may start."""
    out: list[int] = []
    for m in _MID_RE.finditer(line[:_MID_REACH]):
        if m.end() > 0 and m.end() not in out:
            out.append(m.end())
    return out


def _opens_with_place(line: str, offset: int) -> bool:
    """A glued dateline opens with a place the gazetteer knows (one to three words)."""
    words = _NAME_WORDS_RE.findall(line, offset, offset + 60)[:3]
    return any(place_kinds(" ".join(words[:k])) for k in range(1, len(words) + 1))


def _match_line(s: str, start: int, alone_ok: bool, weak_ok: bool, glued: bool = True
                ) -> tuple[Run, int] | None:
    """The dateline read at a line's start, or glued inside its first part."""
    cjk = match_cjk(s, start)
    if cjk is not None:
        return cjk, start
    bylined = _agency_byline(s, start)
    if bylined is not None:
        return bylined, start
    run = scan(s, start)
    weak: tuple[Run, int] | None = None
    if run is not None and _accept(s, run, mid=False, alone_ok=alone_ok, weak_ok=weak_ok):
        if _strong(run) or not glued:
            return run, start
        weak = run, start  # "FILE PHOTO: ... ZURICH, June 3 (Reuters) -": look on the line
    if not glued:
        return None
    found = _glued_match(s, start, alone_ok, weak_ok)
    if found is None and weak is None:
        return _repeated_credit(s, start) or _outlet_credit(s, start)
    split = _split_caps(s, weak[0], alone_ok, weak_ok) if weak is not None else None
    if split is not None:
        return split
    if found is None or weak is None:
        return found or weak
    inside = weak[0].place is not None and found[1] < weak[0].place.end  # "JOHOR BARU"
    return found if _strong(found[0]) and not inside else weak


def _repeated_credit(s: str, start: int) -> tuple[Run, int] | None:
    """``Storm hits coast (AP) AP - Heavy rain``: a headline run into a wire's credit,
    printed in brackets and again bare before a dash; the credit, no place."""
    line_end = s.find("\n", start)
    m = _REPEATED_CREDIT_RE.search(s, start, min(line_end if line_end >= 0 else len(s),
                                                 start + _MID_REACH))
    agency = canonical_agency(m["a"]) if m else None
    if m is None or agency is None:
        return None
    run = Run(start=m.start(), end=m.end(), credit=Credit(agency, True, "paren"),
              close="dash", order=["credit"])
    return run, m.start()


def _outlet_credit(s: str, start: int) -> tuple[Run, int] | None:
    """``Sharjah 24 – WAM: text``: an outlet whose name holds a figure (so it is no place)
    before a known agency's credit; the credit, no place."""
    m = _OUTLET_CREDIT_RE.match(s, start)
    agency = canonical_agency(m["a"]) if m else None
    if m is None or agency is None:
        return None
    run = Run(start=start, end=m.end(), credit=Credit(agency, True, "bare"), close=m.lastgroup,
              order=["credit"])
    return run, start


def _agency_byline(s: str, start: int) -> Run | None:
    """``By IANS, Mumbai : text``, ``By AGENCY, Place (Region) -``: a wire's byline that
    runs into its place; the credit is the byline's."""
    m = _AGENCY_BYLINE_RE.match(s, start)
    agency = canonical_agency(m["a"]) if m else None
    if m is None or agency is None:
        return None
    run = scan(s, m.end())
    if run is None or run.place is None or run.credit is not None or run.order[0] != "place" \
            or run.close not in ("colon", "dash", "dotdash"):
        return None
    run.start = start
    run.credit = Credit(agency, True, "byline")
    return run if _accept(s, run, mid=False) else None


def _glued_match(s: str, start: int, alone_ok: bool, weak_ok: bool) -> tuple[Run, int] | None:
    """A dateline glued behind a subhead, byline, caption or file name on the line."""
    line_end = s.find("\n", start)
    line = s[start : line_end if line_end >= 0 else len(s)]
    for offset in _mid_starts(line)[:_MID_TRIES]:
        pos = start + offset
        before = line[:offset].rstrip()
        words = before.split()
        if words and words[-1].lower() in _PREPOSITIONS:
            continue  # "... met in LONDON: shares rose" is a sentence, not a dateline
        date = match_date(s, pos) if line[offset:offset + 1].isdigit() or (
            date_word(line[offset:offset + 10].split()[0])) else None
        if date is not None:
            if date.month_day is None:
                continue  # a date-first lead behind a section name or time stamp
        elif line[offset:offset + 1] == "(":
            if not _opens_with_place(line, offset + 1):
                continue
        elif not line[offset:offset + 1].isupper() or not _opens_with_place(line, offset):
            continue
        run = scan(s, pos)
        if run is None:
            continue
        if offset and line[offset - 1].isalnum():  # no space: "2 hours agoOSLO (NTB) -"
            if _glued_strong(s, run):
                return run, pos
            continue
        if _accept(s, run, mid=not before.endswith("|"), alone_ok=alone_ok, weak_ok=weak_ok):
            return run, pos
    return None


def _split_caps(s: str, run: Run, alone_ok: bool, weak_ok: bool) -> tuple[Run, int] | None:
    """``DALLA NOSTRA INVIATAROMA -``: a byline in capitals glued to a place in capitals.
    When the run's place is unknown, a big city that starts inside one of its words (after
    five letters at least, four letters long at least) and runs to the place's end is the
    dateline."""
    place = run.place
    if place is None or place.words < 2 or not all_caps(place.first) or place_kinds(place.first):
        return None
    for word in _NAME_WORDS_RE.finditer(s, place.start, place.end):
        for cut in range(word.start() + 5, word.end()):
            tail = s[cut : place.end]
            if len(tail) >= 4 and _big_city(tail, _BIG_CITY_POP) and (found := scan(s, cut)) \
                    is not None \
                    and found.place is not None and found.place.end == place.end \
                    and _accept(s, found, mid=False, alone_ok=alone_ok, weak_ok=weak_ok):
                return found, cut
    return None


def _glued_strong(s: str, run: Run) -> bool:
    """A dateline glued to a headline, caption, time stamp or attribution with no space
    between them is taken only on strong evidence: a known credit in brackets or slashes,
    or a known place with a printed month and day closed by a dash or colon."""
    place, credit = run.place, run.credit
    if place is None or not _body_ok(s, run) or place.words > 4:
        return False
    if not (place_kinds(place.first) or any(region_part(part) for part in place.parts)):
        return False
    if credit is not None and credit.known and credit.kind in ("paren", "slash"):
        return run.close in ("dash", "colon", "under", "dotdash", "end", None)
    dated = run.date is not None and run.date.month_day is not None
    return dated and run.close in ("dash", "colon")


def _heading(line: str) -> bool:
    """A headline, byline or label rather than a sentence of the body."""
    return len(line) <= _HEADING_LEN and not line.rstrip().endswith((".", "!", "?", ":", ";"))


def _sentence(line: str) -> bool:
    """A sentence (a subhead, or the body: the lead began above a dateline-like line)."""
    return len(line) > 60 and line.rstrip().endswith((".", "!", "?", '."', ".”"))


def find_dateline(paragraphs: list[str]) -> DatelineMatch | None:
    """The dateline among a release's first paragraphs (after a headline, subhead, byline,
    photo credit or date line), or None. Below page clutter (widgets, long captions) only
    a clear wire dateline is looked for (``HELSINKI (AP) —``)."""
    lines = [p[:_LINE_CAP] for p in paragraphs[:_DEEP_LINES]]
    s = "\n".join(lines)
    offset = 0
    weak: DatelineMatch | None = None
    deep = False
    headings, sentences, long_sentence = True, 0, False  # what the lines above were
    for i, line in enumerate(lines):
        if deep:
            found = _deep_match(s, offset) if _DEEP_START_RE.match(line) else None
        elif (piped := pipe_byline(line)) is not None:
            match = DatelineMatch(dateline=piped, index=i, prefix="", rest="", end_index=i)
            if piped.location is not None:
                return match
            weak = weak or match  # "ANI | Updated: ...": a dateline may follow
            found = None
        else:
            found = _match_line(s, offset, headings, sentences < 2 and not long_sentence,
                                glued=i < _GLUED_LINES)
            headings = headings and _heading(line)
            if _sentence(line):
                sentences += 1
                long_sentence = long_sentence or len(line) > _HEADING_LEN
        if found is not None and found[0].close == "comma" and i == 0:
            found = None  # "Place, <sentence>" is a dateline only below a heading line
        if found is not None:
            run, pos = found
            end_index = i + s.count("\n", offset, run.end)
            cut = run.end - (s.rfind("\n", 0, run.end) + 1)  # where the body starts in its line
            below = _lines_below(run, paragraphs, end_index)
            if below:  # "BAKU, May 25" over "Trend:" or a date line: the body starts below
                end_index, cut = end_index + below, len(paragraphs[end_index + below])
            match = DatelineMatch(
                dateline=_dateline(s, run), index=i, prefix=s[offset:pos].strip(),
                rest=paragraphs[end_index][cut:].strip(), end_index=end_index)
            if deep or _strong(run):
                return match
            weak = weak or match  # "TESLA: Shares jump" may head a story: look on
        if not deep and (i + 1 >= _MAX_LINES or (len(" ".join(line.split())) > _PREAMBLE_LEN
                                                 and not _CAPTION_RE.search(line))):
            deep = True  # the lead began without a dateline (a long caption does not count)
        offset += len(line) + 1
    return weak


_CREDIT_LINE_RE = re.compile(r"[ \t]*(?P<name>[^:\n]{2,40}?)[ \t]*[:\-–—]*[ \t]*")


def _lines_below(run: Run, paragraphs: list[str], index: int) -> int:
    """Lines below a place that ends its line that complete the dateline: a date printed
    alone on the next line ("Bogotá, Colombia" over "Sábado 17 de junio, 2017") and an
    agency's name alone on a line ("BAKU, May 25" over "Trend:"). Fills ``run``; returns
    how many lines it read."""
    if run.close != "end" or run.place is None:
        return 0
    taken = 0
    for line in paragraphs[index + 1 : index + 3]:
        line = line.strip()
        date = match_date(line) if not run.date_seen else None
        if date is not None and date.month_day and date.end >= len(line.rstrip(" .,:")):
            run.date, run.date_seen = date, True
        elif run.credit is None and (m := _CREDIT_LINE_RE.fullmatch(line)) \
                and (name := canonical_agency(m["name"])):
            run.credit = Credit(name, True, "line")
        else:
            break
        taken += 1
    return taken


def pipe_byline(line: str) -> Dateline | None:
    """``AGENCY | Place | Updated: <date>``: the credit and the place of a byline whose
    fields are split by bars; the stamp is the page's, not the dateline's date."""
    m = _PIPE_BYLINE_RE.match(line) if "|" in line else None
    if m is None:
        return None
    stamp = m["stamp"]
    if not re.match(_STAMP_WORD, stamp, re.I) and match_date(stamp.strip()) is None:
        return None
    if m["b"] is None:  # "ANI | Updated: ...": a credit, no place
        agency = canonical_agency(m["a"])
        return agency and Dateline(raw=None, location=None, city=None, region=None,
                                   country=None, date=None, agency=agency)
    for credit, location in ((m["a"], m["b"]), (m["b"], m["a"])):
        agency = canonical_agency(credit) or (credit if wire_like(credit) else None)
        head = location.split(",")[0].strip()
        if agency and (place_kinds(head) or region_part(head)) and not canonical_agency(location):
            place = resolve_location(location, agency_country(agency))
            return Dateline(raw=line.strip(), location=location.strip(), city=place.city,
                            region=place.region, country=place.country, date=None,
                            agency=agency)
    return None


def _deep_match(s: str, start: int) -> tuple[Run, int] | None:
    """A wire's dateline in capitals with its credit, found below the page's clutter."""
    run = scan(s, start)
    if run is None or run.place is None or not (run.credit and run.credit.known):
        return None
    caps, known, qualified = _place_quality(s, run.place)
    if caps and (known or qualified) and run.close in ("dash", "under", "colon", "dotdash"):
        return run, start
    return None


def _strong(run: Run) -> bool:
    """A place with a known credit or a printed date, or a place the gazetteer knows;
    a credit alone ("Reuters — By JANE DOE") may head a byline."""
    if run.place is None:
        return bool(run.date and run.date.month_day and run.credit and run.credit.known)
    if (run.credit and run.credit.known) or (run.date and run.date.month_day):
        return True
    return any(_place_quality("", run.place)[1:])


def parse_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text`` (after any preamble lines); None when none."""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    found = find_dateline(paragraphs)
    return found.dateline if found else None
