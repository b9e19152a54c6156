"""Agency credits outside the dateline: bylines, trailers, ``Source:`` and wire links."""

from __future__ import annotations

import re

from .agencies import canonical_agency, is_known_agency

__all__ = ["find_agency_credit", "wire_from_links"]

_DASH = r"[-‐‑‒–—―−]"
_BYLINE_RE = re.compile(r"^(?:by|from)\s+(?P<who>.{2,120})$", re.I)
_BYLINE_NOISE_RE = re.compile(
    r"\b(?:staff|reporters?|correspondents?|news\s*desk|desk|bureau|report|monitoring"
    r"|web\s*desk|newswire|news agency|agency|writers?)\b",
    re.I,
)
_CREDIT_END_RES = (
    re.compile(r"[(\[]\s*(?:with inputs? from\s+|via\s+)?(?P<a>[A-Za-z][A-Za-z .&-]{1,40}?)"
               r"\s*[)\]]\s*\.?\s*$", re.I),
    re.compile(rf"(?:^|\s){_DASH}{{1,2}}\s*(?P<a>[A-Za-z][A-Za-z .&-]{{1,40}}?)\s*\.?\s*$"),
    re.compile(r"(?:^|\s)/(?P<a>[A-Za-z][A-Za-z .&-]{1,40}?)/\s*$"),
    re.compile(r"^={1,3}\s*(?P<a>[A-Za-z][A-Za-z .&-]{1,40}?)\s*={0,3}$"),
    re.compile(
        r"^(?:source|courtesy|credit|via|agencies|with inputs? from|distributed by"
        r"|published by|copyright)\s*:?\s*(?:\(c\)|©)?\s*(?:the\s+)?"
        r"(?P<a>[A-Za-z][A-Za-z .&-]{1,40}?)\s*\.?\s*$",
        re.I,
    ),
)
# a wire's own link in "View original content: https://www.prnewswire.com/..."
_WIRE_HOSTS = {
    "prnewswire": "PR Newswire", "newswire.ca": "CNW", "businesswire": "Business Wire",
    "globenewswire": "GlobeNewswire", "accessnewswire": "ACCESS Newswire",
    "accesswire": "ACCESS Newswire", "einpresswire": "EIN Presswire",
    "newsfilecorp": "Newsfile", "prweb": "PRWeb",
}  # fmt: skip
_VIEW_LINE_RE = re.compile(
    r"^(?:view (?:the )?(?:original|source)|to view the (?:original|source)|original (?:content"
    r"|press release))\b(?P<rest>.*)$",
    re.I,
)
_HOST_RE = re.compile(r"(?:https?://)?(?:www\.)?([a-z0-9.-]+\.[a-z]{2,})", re.I)


def _agency_in(text: str) -> str | None:
    """A known agency named by ``text`` (whole, or one of its ``,|/&`` pieces)."""
    pieces = [text, *re.split(r"\s*(?:[,|/&;]|\band\b)\s*", text)]
    for piece in pieces:
        piece = piece.strip(" .-")
        for candidate in (piece, _BYLINE_NOISE_RE.sub("", piece).strip(" .-")):
            if candidate and is_known_agency(candidate, strict=True):
                return canonical_agency(candidate)
    return None


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


def find_agency_credit(bylines: list[str], trailers: list[str]) -> str | None:
    """Agency credited by a byline (``By PTI``), a trailer (``(APP)``, ``— APP``,
    ``Source: Anadolu Agency``) or a wire's "View original content" line."""
    for line in bylines:
        m = _BYLINE_RE.match(line.strip())
        if m:
            found = _agency_in(m["who"])
            if found:
                return found
    for line in reversed(trailers):
        text = line.strip()
        for pattern in _CREDIT_END_RES:
            m = pattern.search(text)
            if m:
                found = _agency_in(m["a"])
                if found:
                    return found
    return wire_from_links(trailers)
