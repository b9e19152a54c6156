"""The run of dateline parts a lead opens with, read part by part.

A run is a place (one or several, with region, country and bracket parts), a date, a
time and a credit in brackets, slashes or between dashes (``(AP)``, ``/PRNewswire/``,
``--(BUSINESS WIRE)--``, ``– Andes Wire –``, ``Oct 12 AAP``), in any of the orders
wires print them, joined by commas, slashes, dashes or full stops, and how it closes (a
dash, colon, underscore, full stop, the end of the line, or nothing). Whether a run is a
dateline is decided by :mod:`.dateline`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import time

from .agencies import (
    canonical_agency,
    carrier,
    credit_name,
    is_known_agency,
    starts_agency,
    wire_like,
)
from .clock import match_time
from .dates import DateMatch, date_word, match_date, match_hijri, match_weekday, month_day
from .geo import SMALL_WORDS, place_kinds, region_abbreviation, region_name, region_part

__all__ = ["MARKS", "NOT_PLACE_START", "Credit", "Place", "Run", "all_caps", "cased", "scan",
           "titled"]


_DASHES = "-‐‑‒–—―−"

_SEP_RE = re.compile(
    rf"""(?P<dotdash>\.[ \t]*[{_DASHES}]+)
      | (?P<dash>[{_DASHES}]+(?:[ \t]*[{_DASHES}]+)*)
      | (?P<under>_{{1,2}}(?!\w))
      | (?P<colon>:+)
      | (?P<comma>[,،]+)  # the Arabic comma too
      | (?P<dot>\.(?!\w))
      | (?P<slash>/)
      | (?P<bar>[|•·])
      | (?P<semi>;)""",
    re.X,
)
# combining marks (Indic vowel signs, Arabic harakat) belong to the word they sit in
MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670" \
         "\u06d6-\u06ed\u0900-\u0dff\u0e31-\u0e4e\u1dc0-\u1dff\u200c\u200d"
_WORD_RE = re.compile(rf"(?:[^\W\d_]\.){{2,}}|[^\W\d_](?:[\w'’{MARKS}]|-(?=\w))*\.?")
_SPACES_RE = re.compile(r"[ \t]*")
_GLUED_BODY_RE = re.compile(r"[A-Z][a-z]")  # a sentence's first word after a place in capitals
_JOIN_RE = re.compile(r"[ \t]*(?:/|&|\+)[ \t]*|[ \t]+(?:and|und|y|et|e)[ \t]+")
_GLUED_CAPS_RE = re.compile(r"[a-zß-öø-ÿ][A-ZÀ-ÖØ-Þ]{2}")
_BRACKETS = {"(": ")", "[": "]", "/": "/"}
# a day, or a day and month in figures, printed before a credit: "SEVILLA, 12 (EUROPA PRESS)"
_BARE_DAY_RE = re.compile(r"(?P<d>[0-3]?\d)(?:/(?P<m>[01]?\d))?(?=[ \t]*\()")
_DESCRIPTION_RE = re.compile(r"\([^()\n]{1,80}\)[ \t]*")  # "Acme Wire (distribution service)"
_DOMAIN_RE = re.compile(r"[^\W_][\w-]*\.(?:com|net|org|ai|io|news|tv|info|co|am|ru|in|pk)\b",
                        re.I)
_LEAD_DASH_RE = re.compile(rf"[ \t]*[{_DASHES}]{{1,3}}[ \t]*")
# words a place never starts with (sentence openers, bylines, labels)
NOT_PLACE_START = frozenset(
    "a an the on in at by for from as of to with this that these those it its is are was "
    "were be he she they we you i our your his her their when while after before since "
    "if but and or so not no yes all some most many more one two three dear note "
    "update updated updates breaking exclusive watch listen video photo photos opinion "
    "analysis editorial letter letters review interview transcript correction editor "
    "editors press release media contact contacts source sources about said says here "
    "there what who why how where today yesterday tomorrow tested posted published "
    "sponsored advertisement summary background fact q&a live latest report reports "
    "comment comments".split()
)
# words of a heading in capitals that is not a place ("NOTICE TO SHAREHOLDERS:")
# newsroom labels printed in a credit's slot that credit no agency
_NOT_CREDITS = frozenset(
    "forrelease forimmediaterelease immediaterelease embargoed photo photos video file update "
    "updated corrected correction sponsored advertisement opinion analysis commentary "
    "exclusive live staff staffreport staffreporter staffwriter webdesk newsdesk desk "
    "ourcorrespondent specialcorrespondent correspondent ourstaffreporter monitoringdesk "
    "monitoringreport agencies agency wires newswires wireservices pressrelease newsrelease "
    "release mediarelease reporter report".split()
)
_PICTURE_WORDS = frozenset(
    "photo photos image images picture pictures file video courtesy credit credits graphic "
    "illustration source sources".split()
)
_RELAYS_SECOND = {"ANI"}  # wires that print their own name first when relaying another's
_MAX_PARTS = 8  # region, bracket and further-place parts read after a place's name
_KEEP_DOT = frozenset("st ste mt ft pt sta sto gen jr sr".split())


@dataclass
class Place:
    start: int
    end: int
    first: str
    parts: list[str] = field(default_factory=list)
    places: int = 1
    words: int = 1


@dataclass
class Credit:
    name: str | None  # canonical when known, else as printed; None: a slot crediting no one
    known: bool
    kind: str


@dataclass
class Run:
    start: int
    end: int = 0
    place: Place | None = None
    date: DateMatch | None = None
    date_seen: bool = False
    credit: Credit | None = None
    inner_date: DateMatch | None = None
    clock: tuple[time, str | None] | None = None
    close: str | None = None
    order: list[str] = field(default_factory=list)
    lower: bool = False  # the whole line is in lower case



# -- small readers -------------------------------------------------------------------------


def _skip(s: str, p: int) -> int:
    return _SPACES_RE.match(s, p).end()  # type: ignore[union-attr]


def cased(text: str) -> bool:
    return any(c.isalpha() and (c.isupper() or c.islower()) for c in text)


def all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters if c.isupper() or c.islower())


def _keep_dot(word: str) -> bool:
    bare = word.rstrip(".")
    return "." in bare or len(bare) == 1 or bare.lower() in _KEEP_DOT or region_abbreviation(
        word) or (len(bare) == 2 and bare[0] == bare[1] and bare.isupper())  # "EE. UU."


def _read_name(s: str, p: int, limit: int) -> tuple[int, int]:
    """``(end, words)`` of a place name at ``p``: up to ``limit`` words on one line,
    stopping before a date, a change from capitals to lower case, or a joining word."""
    words, end, q = 0, p, p
    caps = None
    titled_first = False
    while words < limit:
        m = _WORD_RE.match(s, q)
        if not m:
            break
        word = m.group(0)
        low = word.lower().rstrip(".")
        if words:
            if (date_word(word) and match_date(s, q)) or low in ("and", "und", "et", "y", "e"):
                break
            if caps and cased(word) and not all_caps(word) and low not in SMALL_WORDS:
                break
            if titled_first and word[0].islower() and low not in SMALL_WORDS:
                break  # "Le gouvernement a annoncé": a sentence, not "Rio de Janeiro"
        else:
            caps = all_caps(word)
            titled_first = word[0].isupper() and not caps
        hyphen = word.rfind("-")
        if hyphen > 0 and (date_word(word[hyphen + 1 :]) and match_date(s, q + hyphen + 1) or (
                _GLUED_BODY_RE.match(word, hyphen + 1) and all_caps(word[:hyphen]))):
            # "Austin, Texas-Oct. 4", "DUBAI-The emirate": a date or the body glued on
            words, end = words + 1, q + hyphen
            break
        words += 1
        end = m.end()
        if word.endswith(".") and not _keep_dot(word):
            end -= 1
            break
        gap = _SPACES_RE.match(s, end).end()  # type: ignore[union-attr]
        if gap == end or gap >= len(s) or not (s[gap].isalpha() and not s[gap].isdigit()):
            break
        q = gap
    return end, words


def _abbreviation_dot(s: str, p: int, end: int) -> int:
    """Keep the full stop of a region part printed short in a style no table lists
    (``Calf.``, ``Penn.``) when the dateline goes on after it (a comma, date or credit)."""
    word = s[p:end]
    if not (end < len(s) and s[end] == "." and 2 <= len(word) <= 6 and word.isalpha()
            and word[0].isupper()):
        return end
    nxt = _skip(s, end + 1)
    return end + 1 if nxt < len(s) and (s[nxt] in ",(/[" + _DASHES or s[nxt].isdigit()
                                         or match_date(s, nxt)) else end


def _closing(s: str, p: int, nested: bool = False) -> int | None:
    """Index just after the bracket (or slash) opened at ``p`` closes on the same line;
    ``nested``: a round bracket may hold one bracketed acronym (``(Carrier- Name (NA))``)."""
    close = _BRACKETS[s[p]]
    limit = 60 if close == "/" else 110
    depth = 0
    for i in range(p + 1, min(len(s), p + limit)):
        c = s[i]
        if c == "(" and nested and close == ")" and depth == 0:
            depth = 1
            continue
        if c == "\n" or (c in "([" and close != "/"):
            return None
        if c == close:
            if depth:
                depth = 0
                continue
            return i + 1
    return None


def _date_piece(text: str) -> DateMatch | None:
    found = match_date(text.strip())
    return found if found and found.end >= len(text.strip()) - 1 else None


# a credit relayed by an aggregator ("Acme Wire Via Some NewsEdge") or spelt out with its
# acronym ("Kuwait News Agency (KUNA)"); a pool's or carrier's short tag before a wire's name
_VIA_RE = re.compile(r"\s+via\s+", re.I)
_ACRONYM_AFTER_RE = re.compile(r"(.+?)\s*\(([^()]{2,40})\)")
_POOL_RE = re.compile(r"[A-Z]{2,5}")


@dataclass
class _Verdict:
    kind: str  # credit, place, skip, issuer, date
    name: str | None = None
    known: bool = False
    date: DateMatch | None = None


# the pieces of a slot: "Name - date", "Name۔ date" (the Urdu full stop), "نام-نام"
_PIECE_SPLIT_RE = re.compile(rf"\s+[{_DASHES}]+\s+|۔\s*|(?<=[^\x00-\u024f\s])[{_DASHES}]"
                             r"(?=[^\x00-\u024f\s])")


def _judge(content: str, opener: str, after_date: bool) -> _Verdict | None:
    """What a bracketed (or slashed) slot holds."""
    c = re.sub(r"\s+", " ", content).strip(" -–—,;")
    if not c or len(c) > 100 or "://" in c or "www." in c.lower() or "@" in c or ":" in c:
        return None
    pieces = [p for p in _PIECE_SPLIT_RE.split(c) if p.strip()]
    date = None
    names: list[str] = []
    for piece in pieces:
        head, _, tail = piece.partition(", ")
        if date is None and _date_piece(piece):
            date = _date_piece(piece)
        elif date is None and tail and _date_piece(tail):
            date, piece = _date_piece(tail), head
            names.append(piece)
        else:
            names.append(piece)
    if not names:
        return _Verdict("date", date=date) if date else None
    # the first name, unless it is a carrier's alone ("(اُردو پوائنٹ ... - اے پی پی۔ date)")
    name = next((n.strip() for n in names if not carrier(n.strip())), names[0].strip())
    name = _VIA_RE.split(name)[0] or name  # "(Acme Wire Via Some Aggregator)": the wire
    split = [x.strip() for x in re.split(r"\s*/\s*|(?<=\w)[-–—]\s+", name) if x.strip()]
    relayed = [x for x in split if not carrier(x)]  # "(MENAFN- PR Newswire)": the carrier goes
    first = relayed[0] if relayed else split[0] if split else name  # a carrier's own story
    if len(relayed) > 1 and canonical_agency(first) in _RELAYS_SECOND:
        first = relayed[1]  # "(ANI/WAM)": ANI relays WAM's copy
    if first.split()[0].lower() in _PICTURE_WORDS:
        return None
    known = canonical_agency(first) if len(relayed) > 1 else (
        canonical_agency(name) or canonical_agency(first))
    if not known and (m := _ACRONYM_AFTER_RE.fullmatch(first)):
        known = canonical_agency(m[1]) or canonical_agency(m[2])  # "Kuwait News Agency (KUNA)"
    if not known:
        halves = re.split(r"(?<=\w)-(?=[A-Z])", first)
        if len(halves) > 1:
            known = canonical_agency(halves[0])
            if not known and (carrier(halves[0]) or _POOL_RE.fullmatch(halves[0])):
                known = canonical_agency(halves[-1])  # "(NNN-BERNAMA)": a pool's tag first
    if known:
        return _Verdict("credit", known, True, date)
    key = re.sub(r"[^a-z0-9]", "", first.lower())
    if key in _NOT_CREDITS or match_weekday(first, 0) == len(first):  # "IPOH (Wed):"
        return _Verdict("skip", date=date)
    if opener == "(" and after_date and _unknown_code(c, bracketed=True):
        return _Verdict("credit", c, False)  # "Jan. 16 (MNA) –": a code after a date credits
    if opener != "/" and date is None and (region_part(c) or place_kinds(c)):
        return _Verdict("place")
    words = first.split()
    if not (1 <= len(words) <= 5 and len(first) <= 45 and any(c.isalpha() for c in first)):
        return None
    if re.search(r"[;!?\"“”]|\.\s", first) or (re.search(r"\d", first) and not wire_like(first)):
        return None
    if len(words) > 2 and sum(w.islower() and len(w) > 3 for w in words) > 1:
        return None  # reads as a sentence, not a name
    if opener == "/" and after_date and not wire_like(first):
        return _Verdict("issuer", date=date)  # "- May 4, 2026 / Acme Trailers /"
    return _Verdict("credit", credit_name(first.strip(" .")), False, date)


def _bracket(s: str, p: int, run: Run) -> tuple[int, _Verdict] | None:
    if p >= len(s) or s[p] not in _BRACKETS:
        return None
    end = _closing(s, p, nested=True)
    if end is None:
        return None
    verdict = _judge(s[p + 1 : end - 1], s[p], run.date_seen)
    return (end, verdict) if verdict else None


def _bare_agency(s: str, p: int, *, wire_ok: bool, lead: bool = False, strict: bool = True,
                 dated: bool = False, semi: bool = False) -> tuple[int, str, bool] | None:
    """``(end, name, known)`` of a credit printed without brackets (``Oct 12 AAP -``,
    ``Tehran, IRNA --``, ``– Andes Wire –``), followed by a separator. ``dated`` (after a
    place and a printed day): also a known name ending its line (``TOKYO, May 2 Kyodo``) and
    an unknown code in capitals before a dash (``Ndola, May 4, ZNS -``); ``semi`` (after
    ``date;``): also an outlet's name before a colon (``4 May 2021; Harbour Times:``)."""
    m = _DOMAIN_RE.match(s, p)
    first = _WORD_RE.match(s, p)
    if first is None and m is None:
        return None
    if not m and not wire_ok and not starts_agency(first.group(0)) and not (
            lead and wire_like(s[p : p + 40])) and not (
            dated and _unknown_code(first.group(0))) and not (
            semi and titled(first.group(0))):
        return None
    spans = [m.end()] if m else []
    q = p
    for _ in range(4):
        w = _WORD_RE.match(s, q)
        if not w:
            break
        spans.append(w.end())
        if w.group(0).endswith("."):
            spans.append(w.end() - 1)
        q = _skip(s, w.end())
    for end in sorted(set(spans), reverse=True):
        name = s[p:end].strip().rstrip(".")
        after = _skip(s, end)
        desc = _DESCRIPTION_RE.match(s, after) if wire_ok else None
        tail = desc.end() if desc else after
        sep = _SEP_RE.match(s, tail)
        # a separator must follow: "Jane Doe, Associated Press" ending its line is a byline
        closed = sep is not None and sep.lastgroup in ("dash", "colon", "under", "dotdash", "dot")
        if not closed and dated and (tail >= len(s) or s[tail] == "\n") \
                and is_known_agency(name, strict=not name.isupper()):  # "..., 2021 AD, SPA"
            return tail, canonical_agency(name) or name, True
        if not closed:
            continue
        if sep is not None and sep.lastgroup == "dot" and not is_known_agency(name, strict=True):
            continue
        if is_known_agency(name, strict=strict):
            return tail, canonical_agency(name) or name, True
        dashed = sep is not None and sep.lastgroup in ("dash", "dotdash")
        if len(name) <= 40 and dashed and not _label(name) and (
                ((wire_ok or lead) and wire_like(name) and titled(name))
                or ((wire_ok or lead) and _DOMAIN_RE.fullmatch(name))
                or (dated and _unknown_code(name))):
            return tail, credit_name(name), False
        if semi and sep is not None and sep.lastgroup == "colon" and titled(name) \
                and not _label(name) and name.split()[0].lower() not in NOT_PLACE_START:
            return tail, name, False
    return None


_CODE_RE = re.compile(r"[A-Z]{3,6}")  # an unknown agency's code in capitals: "ZNS"
_BRACKET_CODE_RE = re.compile(r"[A-Z]{2,6}(?:-[A-Z]{2,6})?")  # in brackets: "(UKR-IN)"


def _unknown_code(name: str, *, bracketed: bool = False) -> bool:
    """An unknown agency's code in capitals, not a place's or a label's (``USA``, ``NEWS``).
    In brackets after a date (``Jan. 16 (MNA) –``) a code may be shorter or hyphenated and
    share its letters with a small place; a region's code (``(AJK)``) is still no credit."""
    if bracketed:
        return bool(_BRACKET_CODE_RE.fullmatch(name)) and not _label(name) \
            and not region_part(name)
    return bool(_CODE_RE.fullmatch(name)) and not _label(name) and not place_kinds(name) \
        and not region_part(name) and name.lower() not in NOT_PLACE_START | {"news", "new"}


# words newspapers' names are made of ("The Frontier Post", "Sindh Observer")
_PAPER_WORDS_RE = re.compile(
    r"\b(?:post|times|daily|tribune|herald|gazette|observer|nation|express|chronicle"
    r"|journal|star|mail|telegraph|standard|today|courier|dispatch|sun|mirror|guardian"
    r"|independent|record|review|leader|ledger|bulletin|monitor|reporter|voice|world"
    r"|dawn|patriot|sentinel|examiner|inquirer|globe|week|weekly)\b",
    re.I,
)
# a correspondent's or desk's tag printed where an outlet's name would be
_DESK_WORDS_RE = re.compile(r"نمائند|رپورٹر|مراسل|خصوصی|اسٹاف|نامہ نگار|correspondent"
                            r"|desk|staff|bureau", re.I)


def _outlet_line_end(s: str, p: int) -> tuple[int, str] | None:
    """``(end, name)`` of an outlet's name ending the line after ``Place -``: one to four
    capitalised words (or words of a script without capitals), no figures, no sentence."""
    end = s.find("\n", p)
    end = len(s) if end < 0 else end
    name = s[p:end].strip()
    words = name.split()
    if not 1 <= len(words) <= 4 or len(name) > 45 or re.search(r"[\d,;:!?\"“”()]|\.\s", name):
        return None
    if not titled(name) or words[0].lower() in NOT_PLACE_START - {"the"} or _label(name) \
            or _DESK_WORDS_RE.search(name) or place_kinds(name) or match_date(name):
        return None
    if cased(name) and not is_known_agency(name) and not wire_like(name) \
            and not _PAPER_WORDS_RE.search(name):
        return None  # "Oslo - A City Reborn" is a headline, not a paper's credit
    return end, name.strip("«»‹›. ")


# "Berlin - tagesschau -", "Wien - derstandard.at -": an outlet's name in lower or mixed
# case, one word, between dashes after the place and before the body or the line's end
_OUTLET_WORD_RE = re.compile(rf"(?P<name>[^\W\d_][\w.-]{{2,30}}?)[ \t]+(?=[{_DASHES}]+[ \t]*"
                             r"(?:\n|$|[^\W\d_a-z]))")


_OUTLET_WORDS_RE = re.compile(rf"(?P<name>[^\W\d_][\w.&'’]*(?:[ \t]+[^\W\d_][\w.&'’]*){{1,2}})"
                              rf"[ \t]+(?=[{_DASHES}]+[ \t]*(?:\n|$))")


def _outlet_between_dashes(s: str, p: int) -> tuple[int, str] | None:
    """``(end, name)`` of an outlet printed in lower or mixed case between dashes, or of
    two or three capitalised words between a dash and a dash ending the line."""
    m = _OUTLET_WORD_RE.match(s, p)
    if m is not None:
        name = m["name"]
        if name.lower() in NOT_PLACE_START or not any(c.islower() for c in name) or (
                name[0].isupper() and name[1:].islower() and "." not in name) \
                or date_word(name):
            return None  # "Berlin - Heute -" may head a piece; an outlet prints its own case
        return m.end("name"), name
    m = _OUTLET_WORDS_RE.match(s, p)
    if m is None:
        return None
    name = m["name"]
    words = name.split()
    if not titled(name) or any(w.lower() in NOT_PLACE_START or date_word(w) for w in words) \
            or place_kinds(name) or _label(name):
        return None
    return m.end("name"), name


def _label(name: str) -> bool:
    """``News Release``, ``Media Contact``: a newsroom label, not a wire's name."""
    key = re.sub(r"[^a-z0-9]", "", name.lower())
    words = name.lower().split()
    return key in _NOT_CREDITS or bool(words) and (
        words[0] in _PICTURE_WORDS or words[-1] in ("contact", "contacts", "release", "desk"))


def _region_like(part: str, lower_line: bool) -> bool:
    if region_part(part) or place_kinds(part):
        return True
    if lower_line:
        return True
    name = region_name(part)  # "stan Waszyngton": a region word, then the name
    return name[:1].isupper() and len(name.split()) <= 3


_REGION_CODE_RE = re.compile(r"[A-Z]{1,4}(?:[/.][A-Z]{1,4})+\.?")  # "B/A", "N.R."


def _region_bracket(s: str, p: int) -> int | None:
    """End of a region's short code or name in round brackets printed as a comma part
    (``(B/A)``, ``(AJK)``), when another comma part follows it and it credits no one."""
    if p >= len(s) or s[p] != "(":
        return None
    close = _closing(s, p)
    if close is None or close - p > 30 or not s[_skip(s, close) : _skip(s, close) + 1] == ",":
        return None
    inner = s[p + 1 : close - 1]
    if any(c.isdigit() for c in inner):
        return None
    verdict = _judge(inner, "(", False)
    if verdict is None or verdict.kind == "place":
        return close
    code = verdict.kind == "credit" and not verdict.known and _REGION_CODE_RE.fullmatch(inner)
    return close if code else None


def _read_place(s: str, p: int, lower_line: bool) -> Place | None:
    """The place (one or several, with region parts) printed at ``p``."""
    end, words = _read_name(s, p, 5)
    if not words:
        return None
    first = s[p:end]
    if first.split()[0].lower().rstrip(".,") in NOT_PLACE_START and not place_kinds(first):
        return None  # "The company said", but "THE HAGUE", "The Woodlands"
    if is_known_agency(first, strict=True) or _GLUED_CAPS_RE.search(first):
        return None  # "ExclusiveTOKYO": a label glued to the place, read from the glue
    place = Place(p, end, first, words=words)
    q = end
    current = 0
    for _ in range(_MAX_PARTS):
        r = _skip(s, q)
        if r < len(s) and s[r] in "([":
            close = _closing(s, r)
            if close is None:
                break
            verdict = _judge(s[r + 1 : close - 1], s[r], False)
            if verdict is not None and verdict.kind == "date":
                break  # "KUCHING (Nov 16):": the date in brackets, read as the date
            nxt = _skip(s, close)
            follows = nxt < len(s) and s[nxt] in ",[:"
            if verdict is None or verdict.kind not in ("credit", "skip") and (
                    verdict.kind == "place" or follows):
                if verdict is None and not follows:
                    break
                if current == 0:
                    place.parts.append(s[r + 1 : close - 1].strip())
                q = close
                continue
            break
        if r < len(s) and s[r] in ",،":
            r2 = r
            while r2 < len(s) and s[r2] in ",، \t":
                r2 += 1
            if _JOIN_RE.match(s, r2 - 1) and s[r2:r2 + 1] in "&a":  # "Boston, MA, and San Diego"
                q = r2 - 1
                j = _JOIN_RE.match(s, q)
                if j and j.end() < len(s) and s[j.end()].isupper():
                    e, n = _read_name(s, j.end(), 5)
                    if n:
                        place.places += 1
                        current += 1
                        q = e
                        continue
                break
            bracket = _region_bracket(s, r2)
            if bracket is not None:  # "Hani, (B/A), May 03": a region in brackets as a part
                if current == 0:
                    place.parts.append(s[r2 + 1 : bracket - 1].strip())
                q = bracket
                continue
            if r2 >= len(s) or match_date(s, r2) or s[r2] in "([/" or s[r2].isdigit() \
                    or match_weekday(s, r2) is not None or match_hijri(s, r2) \
                    or match_time(s, r2) or _bare_agency(s, r2, wire_ok=False):
                break
            e, n = _read_name(s, r2, 4)
            e = _abbreviation_dot(s, r2, e)
            part = s[r2:e]
            if not n or (part.split()[0].lower() in NOT_PLACE_START and not all_caps(part)) \
                    or not _region_like(part, lower_line):
                break
            if current == 0:
                place.parts.append(part)
            q = e
            continue
        j = _JOIN_RE.match(s, q)
        if j:
            r3 = j.end()
            if s[q:r3].strip() == "/" and _bracket(s, s.index("/", q), Run(0)) is not None:
                break  # "NV / PR Karma /": a credit in slashes, not another place
            if r3 < len(s) and s[r3].isalpha() and not match_date(s, r3) \
                    and (s[r3].isupper() or lower_line or not cased(s[r3])):
                e, n = _read_name(s, r3, 5)
                if n and s[r3:e].split()[0].lower() not in NOT_PLACE_START \
                        and not (s[q:r3].strip() == "/" and is_known_agency(s[r3:e])):
                    # "طهران/فارس:": a place and its agency, not two places
                    place.places += 1
                    current += 1
                    q = e
                    continue
        break
    place.end = q
    return place


# -- the run -------------------------------------------------------------------------------


def _component(s: str, p: int, run: Run, after: str | None, lower_line: bool) -> bool:
    """Read one part of the dateline at ``p`` into ``run``; False when none is there."""
    if p >= len(s) or s[p] == "\n":
        return False
    found = _bracket(s, p, run)
    if found:
        end, verdict = found
        if verdict.kind == "credit" and run.credit is None:
            run.credit = Credit(verdict.name, verdict.known, "slash" if s[p] == "/" else "paren")
            run.inner_date = run.inner_date or verdict.date
        elif verdict.kind in ("skip", "issuer") and (run.place or run.date_seen):
            run.credit = run.credit or Credit(None, False, "skip")
            run.inner_date = run.inner_date or verdict.date
        elif verdict.kind == "date" and not run.date_seen:
            run.date, run.date_seen = verdict.date, True
        elif verdict.kind == "credit" and run.credit is not None:
            pass  # a second credit ("(MENAFN- PR Newswire) NEW YORK ... /PRNewswire/")
        elif verdict.kind == "place" and run.place and run.date_seen and s[p] == "(":
            pass  # "MIRPUR, Jan 5 (AJK):": the place's region after the date
        else:
            return False
        run.order.append(verdict.kind)
        run.end = end
        return True
    if not run.date_seen:
        date = match_hijri(s, p) if run.place and after == "comma" else None
        date = date or match_date(s, p)
        if date:
            run.date, run.date_seen = date, True
            run.order.append("date")
            run.end = date.end
            return True
        if run.place and after == "comma" and (wd := match_weekday(s, p)) is not None \
                and match_date(s, p) is None:
            run.date_seen = True  # "IPOH, Tuesday -": a weekday in the date's slot
            run.order.append("weekday")
            run.end = wd - (s[wd - 1] == "." and _GLUED_BODY_RE.match(s, _skip(s, wd)) is not None)
            # "IPOH, Wed. The state": the abbreviation's full stop closes the dateline
            return True
        if run.place and after == "comma" and (m := _BARE_DAY_RE.match(s, p)):
            month = int(m["m"]) if m["m"] else None
            if month is None or month_day(month, int(m["d"])):
                run.date = DateMatch(m.end(), None, month, int(m["d"]), m.group(0))
                run.date_seen = True
                run.order.append("day")
                run.end = m.end()
                return True
    if run.clock is None and (run.date_seen or run.credit):
        clock = match_time(s, p)
        if clock:
            run.clock = clock[1:]
            run.order.append("time")
            run.end = clock[0]
            return True
    if run.credit is None:
        bare = _bare_agency(s, p, wire_ok=after == "dash", lead=not run.order,
                            strict=not run.date_seen,
                            dated=run.place is not None and run.date is not None
                            and run.date.month_day is not None,
                            semi=after == "semi" and run.order == ["date"])
        if bare:
            run.credit = Credit(bare[1], bare[2], "bare")
            run.order.append("credit")
            run.end = bare[0]
            return True
    if run.credit is None and after == "dash" and run.order == ["place"]:
        outlet = _outlet_line_end(s, p) or _outlet_between_dashes(s, p)
        if outlet:  # "Peshawar - The Frontier Post" alone on its line
            run.credit = Credit(canonical_agency(outlet[1]) or outlet[1],
                                is_known_agency(outlet[1]), "outlet")
            run.order.append("credit")
            run.end = outlet[0]
            return True
    if run.place is None and (not run.order or after in ("dash", "comma", "bar", "slash")
                              or run.order == ["credit"]):
        place = _read_place(s, p, lower_line)
        if place is None:
            return False
        if run.order:  # a place after a date or credit must be closed at once
            q = _skip(s, place.end)
            sep = _SEP_RE.match(s, q)
            closed = sep is not None and (sep.lastgroup in ("dash", "colon", "under") or (
                sep.lastgroup == "comma" and match_date(s, _skip(s, sep.end())) is not None))
            credited = _bracket(s, q, run) is not None  # "Canadian Press - TORONTO (CP) -"
            ends = (q >= len(s) or s[q] == "\n") and (
                all_caps(place.first) or bool(place_kinds(place.first)))  # not "- Shares"
            if not (ends or closed or credited):
                return False
        run.place = place
        run.order.append("place")
        run.end = place.end
        return True
    return False


_JOINS_AFTER = {"dash": True, "comma": True, "dot": True, "slash": True, "bar": True,
                "semi": True}  # "26 Sep 2021; AGENCY:": a semicolon only joins parts


def scan(s: str, p0: int) -> Run | None:
    """Read the run of dateline parts starting at ``p0`` (None when nothing is there)."""
    run = Run(start=p0)
    p = _skip(s, p0)
    lead = _LEAD_DASH_RE.match(s, p) if p < len(s) and s[p] in _DASHES else None
    line_end = s.find("\n", p)
    line = s[p : line_end if line_end >= 0 else len(s)]
    lower_line = line == line.lower() and cased(line)
    run.lower = lower_line
    if lead:  # "--News Direct--": only a credit may follow a leading dash
        p = lead.end()
        bare = _bare_agency(s, p, wire_ok=True)
        if not bare:
            return None
        run.credit = Credit(bare[1], bare[2], "lead")
        run.order.append("credit")
        p = run.end = bare[0]
    if p < len(s) and s[p] in "[(" and not run.order:
        inner = _inner_bracket(s, p) if s[p] == "[" else _paren_dateline(s, p)
        if inner is not None:
            return inner
    after: str | None = None
    joined: tuple[Run, str, int] | None = None  # the run as it was before the last join
    while len(run.order) < 10:
        p = _skip(s, p)
        if _component(s, p, run, after, lower_line):
            p = run.end
            after = None
            continue
        if p >= len(s) or s[p] == "\n":
            run.close = "end"
            run.end = p
            break
        sep = _SEP_RE.match(s, p)
        if sep is None and _gap_closes(s, run, p):
            run.close, run.end = "dash", p  # "HAVANA, March 10th  The": a gap ends it
            break
        if sep is None or not run.order:
            run.close, run.end = None, p
            break
        kind = sep.lastgroup or ""
        q = _skip(s, sep.end())
        before = replace(run, order=list(run.order))
        if _JOINS_AFTER.get(kind) and _component(s, q, run, kind, lower_line):
            if kind != "comma":
                joined = (before, kind, q)
            p = run.end
            continue
        if kind == "semi":
            run.close, run.end = None, p
            break
        if kind == "colon" and run.order == ["place"] and _code_and_date(s, p, run):
            break  # "Paris:AFP:19 Feb 2024 The": place, agency code and date by colons
        if kind == "colon" and run.credit is None and _credit_after_colon(s, q, run):
            p = run.end  # "LAHORE, July 29: (APP) The ..."
            continue
        empty = _SEP_RE.match(s, q) if kind == "comma" else None
        if empty is not None and empty.lastgroup == "dash" and run.place is not None:
            run.close, run.end = "dash", _skip(s, empty.end())  # "IPOH, -- ": an empty date slot
            credit = _bracket(s, run.end, run) if run.credit is None else None
            if credit is not None and credit[1].kind == "credit":  # "SANAA, -- (Saba) The"
                run.credit = Credit(credit[1].name, credit[1].known, "paren")
                run.order.append("credit")
                run.end = _skip(s, credit[0])
            break
        if kind == "comma":
            sentence = run.order == ["place"] and not lower_line and q < len(s) \
                and s[q].islower()  # "Multan, the district administration said"
            run.close, run.end = ("comma", q) if sentence else (None, p)
            break
        run.close = kind
        run.end = q
        break
    if run.close is None and joined is not None:
        # "WASHINGTON — July 8 was the hottest day": the body began at the separator
        run, run.close, run.end = joined
    return run if run.order else None


def _gap_closes(s: str, run: Run, p: int) -> bool:
    """Two or more spaces after a place and a printed day close the dateline."""
    gap = s[run.end : p]
    return len(gap) >= 2 and run.place is not None and run.order[-1] == "date" \
        and run.date is not None and run.date.month_day is not None


_CODE_DATE_RE = re.compile(r":(?P<code>[A-Za-z][\w.&-]{1,15}):(?=\d)")


def _code_and_date(s: str, p: int, run: Run) -> bool:
    """``Place:CODE:19 Feb 2024``: an agency's code and a date glued to the place by
    colons; the dateline closes after the date."""
    m = _CODE_DATE_RE.match(s, p)
    date = match_date(s, m.end()) if m else None
    if m is None or date is None or date.month_day is None:
        return False
    code = m["code"]
    run.credit = Credit(canonical_agency(code) or code, is_known_agency(code), "bare")
    run.date, run.date_seen = date, True
    run.order += ["credit", "date"]
    q = _skip(s, date.end)
    sep = _SEP_RE.match(s, q)
    if sep is not None and sep.lastgroup in ("dash", "colon", "under", "dotdash"):
        run.close, run.end = sep.lastgroup, _skip(s, sep.end())
    else:
        run.close, run.end = ("end" if q >= len(s) or s[q] == "\n" else "dash"), q
    return True


def _credit_after_colon(s: str, q: int, run: Run) -> bool:
    found = _bracket(s, q, run)
    if found is None or found[1].kind != "credit" or not (found[1].known or found[1].date):
        return False  # "KARACHI: (APP)", "KARACHI: (Daily Star - 9th Jun, 2022 )"
    run.credit = Credit(found[1].name, found[1].known, "paren")
    run.inner_date = run.inner_date or found[1].date
    run.order.append("credit")
    run.end = found[0]
    return True


# "(WKTV-Utica)": a station's or paper's call letters and its place in one bracket
_CODE_PLACE_RE = re.compile(r"\((?P<code>[A-Z][A-Z0-9&]{1,7})[ \t]?[-–—/][ \t]?"
                            r"(?P<place>[^\W\d_][^()\n]{1,40}?)[ \t]*\)")


def _paren_dateline(s: str, p: int) -> Run | None:
    """A whole dateline in round brackets opening the line: ``(TALLINN) --``,
    ``(Washington, D.C.-May 25, 2005) The council``, ``(WKTV-Utica) A fire``. Only a place
    the gazetteer knows (or a place with a printed date) makes one, so ``(Reuters) -``
    and ``(Acme Corp.)`` are read as credits or not at all."""
    close = s.find(")", p)
    if close < 0 or "\n" in s[p:close] or close - p > 120:
        return None
    code = _CODE_PLACE_RE.match(s, p)
    town = code["place"].split(",")[0] if code else ""  # "(WHAM-Rochester, N.Y.)"
    if code and place_kinds(town) and not is_known_agency(town):
        parts = [x.strip() for x in code["place"].split(",")[1:] if x.strip()]
        run = Run(start=p, place=Place(code.start("place"), code.end("place"), town,
                                       parts=parts, words=len(town.split())),
                  credit=Credit(canonical_agency(code["code"]) or code["code"],
                                is_known_agency(code["code"]), "paren"),
                  order=["credit", "place"])
    else:
        run = scan(s[:close], p + 1)
        if run is None or run.close != "end" or run.place is None or run.credit is not None:
            return None
        if not (place_kinds(run.place.first) or any(map(region_part, run.place.parts))) \
                or is_known_agency(run.place.first) or wire_like(run.place.first):
            return None
    run.start = p
    _close_bracketed(s, close + 1, run, body_closes=True)
    return run if run.close is not None else None


def _inner_bracket(s: str, p: int) -> Run | None:
    """``[Quito, Ecuador – May 2026 /Andes Wire/] —``: a dateline in square brackets."""
    close = s.find("]", p)
    if close < 0 or "\n" in s[p:close] or close - p > 160:
        return None
    inner = scan(s[:close], p + 1)
    if inner is None or inner.close != "end" or inner.place is None:
        return None
    inner.start = p
    _close_bracketed(s, close + 1, inner, body_closes=False)
    return inner


def _close_bracketed(s: str, after: int, run: Run, *, body_closes: bool) -> None:
    """How a dateline printed in brackets closes: a separator after the bracket, the end
    of the line, or (``body_closes``) the bracket itself before the body ("(OSLO) The")."""
    q = _skip(s, after)
    sep = _SEP_RE.match(s, q)
    if sep and sep.lastgroup in ("dash", "colon", "under", "dotdash"):
        run.close, run.end = sep.lastgroup, _skip(s, sep.end())
    elif q >= len(s) or s[q] == "\n":
        run.close, run.end = "end", q
    elif body_closes and (s[q].isupper() or s[q] in "\"“‘'"):
        run.close, run.end = "dash", q
    else:
        run.close, run.end = None, q


def titled(text: str) -> bool:
    words = [w for w in text.split() if w.lower() not in SMALL_WORDS]
    return bool(words) and all(not cased(w[0]) or w[0].isupper() for w in words)
