"""Agency credits outside the dateline: bylines, trailers, ``Source:`` and wire links.

A credit names a known wire or agency in a credit's own form: a byline (``By Reuters``,
``By JANE DOE, Associated Press``), a trailer (``(APP)``, ``— PTI``, `` Reuter``,
``-- Xinhua``), a ``Source:`` or copyright line, or a wire's "View original content" link.
An agency merely named in a sentence (``the Kuwait News Agency (KUNA) said``) is not a
credit, nor is an acronym that its own expansion precedes (``Press Trust of India
(PTI).``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .agencies import canonical_agency, is_known_agency
from .dateline import pipe_byline

__all__ = ["find_agency_credit", "wire_from_links"]

_DASH = r"[-‐‑‒–—―−]"
_BYLINE_RE = re.compile(r"^(?:by|from)\s+(?P<who>.{2,120})$", re.I)
# "Posted 9:12 am, March 3, 2026, by Associated Press | Updated ..."
_POSTED_BY_RE = re.compile(
    r"(?:^|[\s,|])by\s+(?P<who>(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})")
_BYLINE_NOISE_RE = re.compile(
    r"\b(?:staff|reporters?|correspondents?|news\s*desk|desk|bureau|report|monitoring"
    r"|web\s*desk|newswire|news agency|agency|writers?|the)\b",
    re.I,
)
_NAME = r"[^\W\d_][\w .&'’-]{0,40}?"
# "Source: Anadolu Agency", "Courtesy by : Xinhua", "Copyright 2026 The Associated Press"
_CREDIT_LINE_RE = re.compile(
    r"^(?:source|courtesy(?:\s+(?:by|of))?|credit|via|agencies|with inputs? from"
    r"|distributed by|published by|copyright)\s*:?\s*(?:\(c\)|©)?\s*(?:\d{4}\s*,?\s*)?"
    rf"(?:the\s+)?(?P<a>{_NAME})\s*(?:\.|,\s*all rights reserved\.?"
    r"|\s+all rights reserved\.?)?\s*$",
    re.I,
)
_PHOTO_WORD_RE = re.compile(r"\b(?:photos?|images?|pictures?|video)\b", re.I)
_CREDIT_END_RES = (
    re.compile(rf"[(\[]\s*(?:with (?:additional )?inputs? from\s+|via\s+|source:\s*)?(?P<a>{_NAME})"
               r"\s*[)\]]\s*\.?\s*$", re.I),
    # "— PTI", and glued to the sentence's end: "...on Sunday.—APP"
    re.compile(rf"(?:^|\s|(?<=[.!?\"”])){_DASH}{{1,2}}\s*(?P<a>{_NAME})\s*\.?\s*$"),
    re.compile(rf"(?:^|\s)/(?P<a>{_NAME})/\s*$"),
    re.compile(rf"^={{1,3}}\s*(?P<a>{_NAME})\s*={{0,3}}$"),
    _CREDIT_LINE_RE,
    re.compile(rf"^(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*(?:\d{{4}}\s*,?\s*)?(?:the\s+)?(?P<a>{_NAME})"
               r"(?=\s*(?:\.|,|all rights reserved|$))", re.I),
    re.compile(rf"[.!?\"”]\s+(?P<a>{_NAME})\s*$"),  # "... the minister said. PTI"
    re.compile(rf"^(?P<a>{_NAME}) provides this (?:news )?content", re.I),
    re.compile(rf"\bappeared first on (?P<a>{_NAME})\.?\s*$", re.I),  # feed republications
)
# a wire's own link in "View original content: https://www.prnewswire.com/..."
_WIRE_HOSTS = {
    "prnewswire": "PR Newswire", "newswire.ca": "CNW", "businesswire": "Business Wire",
    "globenewswire": "GlobeNewswire", "accessnewswire": "ACCESS Newswire",
    "accesswire": "ACCESS Newswire", "einpresswire": "EIN Presswire",
    "newsfilecorp": "Newsfile", "prweb": "PRWeb", "newmediawire": "NewMediaWire",
    "24-7pressrelease": "24-7 Press Release", "send2press": "Send2Press",
}  # fmt: skip
_VIEW_LINE_RE = re.compile(
    r"^(?:view (?:the )?(?:original|source)|to view the (?:original|source)|original (?:content"
    r"|press release))\b(?P<rest>.*)$",
    re.I,
)
_HOST_RE = re.compile(r"(?:https?://)?(?:www\.)?([a-z0-9.-]+\.[a-z]{2,})", re.I)


def _agency_in(text: str) -> str | None:
    """A known agency named by ``text``: whole, one of its ``,|/&`` pieces, or the words
    that open or close a piece (``JANE DOE Associated Press``, ``AP Science Writer``) when
    they are several words or an acronym."""
    pieces = [text, *re.split(r"\s*(?:[,|/&;(]|\band\b|\bfor\b)\s*", text)]
    for piece in pieces:
        piece = piece.strip(" .-)")
        for candidate in (piece, _BYLINE_NOISE_RE.sub("", piece).strip(" .-")):
            if candidate and is_known_agency(candidate, strict=True):
                return canonical_agency(candidate)
        words = piece.split()
        for n in range(min(4, len(words) - 1), 0, -1):
            for window in (words[:n], words[-n:]):
                name = " ".join(window)
                if (n > 1 or (name.isupper() and len(name) > 1)) \
                        and is_known_agency(name, strict=True):
                    return canonical_agency(name)
    return None


def _expanded_before(text: str, start: int, agency: str) -> bool:
    """``Press Trust of India (PTI).``, ``Arab Fishing Partners (AFP).``:
    the acronym follows a name that spells it out, so the text names a body rather than
    crediting an agency."""
    words = re.findall(r"[\w'’-]+", text[max(0, start - 80) : start])
    acronym = re.sub(r"[^A-Za-z]", "", text[start : start + 12].split(")")[0]).upper()
    for n in range(2, min(7, len(words)) + 1):
        tail = words[-n:]
        if canonical_agency(" ".join(tail)) == agency:
            return True
        initials = "".join(w[0] for w in tail if w[:1].isupper())
        if acronym and initials == acronym and tail[0][:1].isupper():
            return True
    return False


def wire_from_links(lines: list[str]) -> str | None:
    """The wire named by a "View original content" line (its link's host, or its name)."""
    for line in lines:
        m = _VIEW_LINE_RE.match(line.strip())
        if not m:
            continue
        for host in _HOST_RE.findall(m["rest"]):
            for key, name in _WIRE_HOSTS.items():
                if key in host.lower():
                    return name
        tail = re.split(r"\b(?:on|at|via)\s+", m["rest"])[-1]
        found = canonical_agency(tail.strip(" .:"))
        if found:
            return found
    return None


# a code alone after the lead's last full stop: ". WAM", ".—APP", ". (ONA)"
_LEAD_END_RE = re.compile(rf"[.!?\"”]\s*(?:{_DASH}{{1,2}}\s*|\(\s*)?(?P<a>[A-Z]{{2,8}})\s*\)?\s*$")


def _code_alone(name: str) -> str | None:
    """A known agency's code in capitals as a trailer's last token (``... Sunday. SPA``),
    trusted there even when the code is an ordinary word too."""
    name = name.strip(" .")
    return canonical_agency(name) if name.isupper() and " " not in name else None


def _trailer_credit(line: str) -> str | None:
    text = line.strip()
    if is_known_agency(text.strip(" .()[]-—–"), strict=True):  # " Reuter", "(AP)", "— PTI"
        return canonical_agency(text.strip(" .()[]-—–"))
    for pattern in _CREDIT_END_RES:
        m = pattern.search(text)
        if not m:
            continue
        found = _agency_in(m["a"]) or _code_alone(m["a"])
        if found and not _expanded_before(text, m.start("a"), found):
            return found
    return None


def find_agency_credit(bylines: list[str], trailers: list[str],
                       preamble: Sequence[str] = (), leads: Sequence[str] = ()) -> str | None:
    """Agency credited by a byline (``By PTI``; in the ``preamble`` above a dateline also
    ``Posted 9:12 am, by Associated Press``), a trailer (``(APP)``, ``— APP``, ``Source:
    Anadolu Agency``) or a wire's "View original content" line."""
    for line in [*preamble, *bylines]:
        piped = pipe_byline(line) if line in preamble else None  # "ANI | Updated: ..."
        if piped is not None and piped.agency:
            return piped.agency
        posted = _POSTED_BY_RE.search(line[:200]) if line in preamble else None
        credit_line = _CREDIT_LINE_RE.match(line.strip()) if line in preamble \
            and not _PHOTO_WORD_RE.search(line) else None  # "Courtesy by : Xinhua" above
        m = _BYLINE_RE.match(line.strip()) or posted or credit_line
        if m:
            found = _agency_in(m["a"] if m is credit_line else m["who"])
            if found:
                return found
        elif len(line) <= 40 and is_known_agency(line.strip(" ."), strict=True):
            return canonical_agency(line.strip(" ."))  # "JANE DOE" then "Associated Press"
    for line in reversed(trailers):
        found = _trailer_credit(line)
        if found:
            return found
    for line in leads:  # a code after the lead's last sentence: "... on Sunday.—APP"
        m = _LEAD_END_RE.search(line[-60:])
        found = _code_alone(m["a"]) if m else None
        if found:
            return found
    return wire_from_links(trailers)
