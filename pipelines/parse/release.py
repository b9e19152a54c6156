"""Parse a cleaned press-release body into its structure and what it names.

Headline, subheadline, dateline (place, date, time, agency), lead and body paragraphs,
boilerplate blocks, tickers with their companies, contacts, entities, language and a
``parse_status`` that says why fields are missing. Never raises on bad input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .agencies import is_known_agency
from .boilerplate import split_boilerplate
from .clock import find_time
from .contacts import find_contacts
from .credits import find_agency_credit
from .dateline import Dateline, find_dateline
from .entities import find_entities
from .language import detect_language, script_profile
from .lead import MARKS
from .prepare import prepare_text
from .tickers import find_ticker_details

__all__ = ["MAX_CHARS", "PARSER_VERSION", "ParsedRelease", "find_agency_credit",
           "parse_release"]

PARSER_VERSION = "0.3.0"
MAX_CHARS = 200_000  # longer texts are cut (status "truncated"): cost stays linear

_TRAILER_PARAS = 2  # last main paragraphs searched for "(APP)" / "— PTI" credits
_SHORT_CREDIT = 40  # a standalone credit line anywhere, e.g. "— APP"
_CREDIT_LINE = 400  # boilerplate lines read for credits ("Source:", copyright, wire links)
_RTL = {"arabic", "hebrew", "syriac", "thaana", "nko"}
_BYLINE_RE = re.compile(r"^(?:by|from)\s+\S.{0,118}$", re.I)
_PHOTO_RE = re.compile(
    r"^\(?(?:photo|image|picture|file photo|credit|courtesy|photograph)s?\b.{0,160}$|"
    r"\b(?:photo|image) (?:credit|courtesy|by)\b",
    re.I,
)
_STAMP_RE = re.compile(r"^(?:\w+day,?\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}\b.{0,80}$")
_NEAR_DATELINE_RE = re.compile(
    r"^[A-Z][\w .,'’-]{1,60}?[^\w\s]{0,3}\s*(?:\w+\s+)?(?:\d{1,2}\s+[A-Z][a-z]{2,8}|"
    r"[A-Z][a-z]{2,8}\.?\s+\d{1,2})\b"
)
_ABOUT_NAME_RE = re.compile(r"^(?:About|ABOUT)\s+(?:the\s+)?(?P<name>[^:\n]{2,80}?)\s*:?\s*$")
_SPACE_RE = re.compile(r"\s+")


@dataclass
class ParsedRelease:
    """Structure of one release."""

    dateline: Dateline | None
    agency: str | None
    tickers: list[str] = field(default_factory=list)
    lead: str | None = None
    body_main: str = ""
    boilerplate: str = ""
    boilerplate_kinds: list[str] = field(default_factory=list)
    parser_version: str = PARSER_VERSION
    headline: str | None = None
    subheadline: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    boilerplate_blocks: list[dict[str, str]] = field(default_factory=list)
    ticker_details: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    language: str | None = None
    parse_status: str = "ok"

    def to_dict(self) -> dict[str, Any]:
        """Plain dict; the dateline nested as a dict or None."""
        out = {k: v for k, v in self.__dict__.items() if k != "dateline"}
        out["dateline"] = self.dateline.to_dict() if self.dateline else None
        return out


def _norm(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip().lower()


def _preamble_kind(line: str) -> str | None:
    if _BYLINE_RE.match(line) and len(line.split()) <= 12:
        return "byline"
    if len(line) <= _SHORT_CREDIT and is_known_agency(line.strip(" ."), strict=True):
        return "byline"  # "Associated Press" under a byline's names
    if _PHOTO_RE.search(line):
        return "photo_credit"
    if _STAMP_RE.match(line) and find_time(line):
        return "timestamp"
    return None


def _heading_like(line: str) -> bool:
    return 3 <= len(line) <= 250 and not line.rstrip().endswith((".", "?", "!", ":", ";"))


# vowel signs and viramas (Bengali, Devanagari, ...) and harakat are parts of letters
_NON_LETTERS_RE = re.compile(rf"(?:(?![{MARKS}])[\W\d_])+")
_WORD3_RE = re.compile(rf"[^\W\d_](?:[^\W\d_]|[{MARKS}]){{2,}}")
_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_NON_LATIN_RE = re.compile(r"[^\x00-\u024f\W\d_]")


def _bad_input_status(text: str) -> str | None:
    sample = text[:4000]
    if not sample.strip():
        return "empty"
    if sample.isascii():  # bytes.translate counts letters in C
        letters = len(sample.encode("ascii").translate(None, _ASCII_NON_LETTERS))
    else:
        letters = len(_NON_LETTERS_RE.sub("", sample))
    visible = len(sample) - sample.count(" ") - sample.count("\n")
    if letters < 0.4 * visible or not _WORD3_RE.search(sample[:1000]):
        return "garbage"
    if sample.isascii():
        return None
    foreign = _NON_LATIN_RE.findall(sample)
    if len(foreign) < 0.15 * letters:
        return None
    profile = script_profile("".join(foreign))
    top = next(iter(profile), None)
    if len(foreign) >= 0.5 * letters:
        return "rtl_script" if top in _RTL else "non_latin_script"
    return "mixed_scripts"


def _find_dateline(paragraphs: list[str]) -> tuple[Dateline | None, int | None]:
    """The dateline and the index of the paragraph it opened; the dateline is cut from
    the paragraphs (text glued in front of it becomes a paragraph of its own)."""
    found = find_dateline(paragraphs)
    if found is None:
        return None, None
    head = paragraphs[: found.index] + ([found.prefix] if found.prefix else [])
    paragraphs[:] = head + [found.rest] + paragraphs[found.end_index + 1 :]
    return found.dateline, len(head)


def _empty(status: str, language: str | None = None, body: str = "") -> ParsedRelease:
    return ParsedRelease(dateline=None, agency=None, body_main=body, language=language,
                         parse_status=status)


def parse_release(
    text: str | None,
    *,
    title: str | None = None,
) -> ParsedRelease:
    """Parse a cleaned release body (one paragraph per line); never raises."""
    try:
        return _parse(text or "", title)
    except Exception as exc:  # noqa: BLE001 - bad input must never stop a run
        return _empty(f"error:{type(exc).__name__}")


def _parse(text: str, title: str | None) -> ParsedRelease:
    truncated = len(text) > MAX_CHARS
    if truncated:
        cut = text.rfind("\n", 0, MAX_CHARS)
        text = text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]
    text = prepare_text(text)
    bad = _bad_input_status(text)
    if bad in ("empty", "garbage"):
        return _empty(bad)
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if bad in ("rtl_script", "non_latin_script"):  # the text, no English rules
        # but its dateline is read ("ISLAMABAD, July 3 (APP):", "新华社北京4月24日电")
        dateline, _ = _find_dateline(paragraphs)
        body = "\n".join(p for p in paragraphs if p)
        parsed = _empty(bad, detect_language(body), body)
        if dateline is not None:
            parsed.dateline, parsed.agency = dateline, dateline.agency
        return parsed

    headline = None
    if title and paragraphs and _norm(paragraphs[0]) == _norm(title):
        headline = paragraphs.pop(0)
    dateline, dateline_idx = _find_dateline(paragraphs)

    removed: list[tuple[str, str]] = []  # (kind, text) removed before the body proper
    subheadline = None
    lead_from = 0
    preamble: list[str] = []  # lines above the dateline: headline, bylines, photo credits
    if dateline_idx is not None:
        preamble = paragraphs[:dateline_idx]
        kept: list[str] = []
        for line in paragraphs[:dateline_idx]:
            kind = _preamble_kind(line)
            if kind:
                removed.append((kind, line))
                if kind == "timestamp" and dateline.time is None:
                    clock = find_time(line)
                    if clock:
                        dateline.time, dateline.zone = clock[0].strftime("%H:%M"), clock[1]
            elif headline is None and title is None and not kept and _heading_like(line):
                headline = line
            else:
                kept.append(line)
        subheadline = kept[0] if kept else None
        paragraphs = kept + [p for p in paragraphs[dateline_idx:] if p]
        lead_from = len(kept)
    elif title is None and len(paragraphs) > 2 and _heading_like(paragraphs[0]) \
            and len(paragraphs[0].split()) >= 3 and len(paragraphs[1]) > len(paragraphs[0]):
        headline = paragraphs.pop(0)

    split = split_boilerplate(paragraphs)
    main_after = [p for i, p in zip(split.main_index, split.main, strict=True) if i >= lead_from]
    lead = main_after[0] if main_after else (split.main[0] if split.main else None)
    body_main = "\n".join(split.main)

    items = removed + split.items
    kinds: list[str] = []
    for kind, _ in items:
        if kind not in kinds:
            kinds.append(kind)

    agency = dateline.agency if dateline else None
    if agency is None:
        bylines = [t for k, t in removed if k == "byline"] + paragraphs[:2]
        trailers = ([p for p in paragraphs if len(p) <= _SHORT_CREDIT]
                    + split.main[-_TRAILER_PARAS:]
                    + [t for _, t in split.items if len(t) <= _CREDIT_LINE])
        # "... on Sunday. WAM" ends the lead (or the paragraph after a headline read as it)
        agency = find_agency_credit(bylines, trailers, preamble, leads=main_after[:2])
        if agency and dateline is None:
            dateline = Dateline(raw=None, location=None, city=None, region=None,
                                country=None, date=None, agency=agency)
        elif agency and dateline is not None:
            dateline.agency = agency

    tickers = find_ticker_details(text)
    contacts = find_contacts([t for k, t in split.items if k == "contacts"])
    known = [d["company"] for d in tickers if d["company"]]
    for kind, para in split.items:
        m = _ABOUT_NAME_RE.match(para) if kind == "about" else None
        if m:
            known.append(m["name"].strip().rstrip("."))
    known += [c.organisation for c in contacts if c.organisation]
    entities, mentions = find_entities(body_main, known)

    status = "ok"
    if dateline is None or dateline.raw is None:
        first = paragraphs[0] if paragraphs else ""
        status = "unknown_dateline_style" if _NEAR_DATELINE_RE.match(first) else "no_dateline"
    if truncated:
        status = "truncated"
    elif bad == "mixed_scripts":
        status = "mixed_scripts"

    return ParsedRelease(
        dateline=dateline,
        agency=agency,
        tickers=[d["ticker"] for d in tickers],
        lead=lead,
        body_main=body_main,
        boilerplate="\n".join(t for _, t in items),
        boilerplate_kinds=kinds,
        headline=headline or title,
        subheadline=subheadline,
        paragraphs=main_after[1:],
        boilerplate_blocks=[{"kind": k, "text": t} for k, t in items],
        ticker_details=tickers,
        contacts=[c.to_dict() for c in contacts],
        entities=[e.to_dict() for e in entities],
        mentions=[m.to_dict() for m in mentions],
        language=detect_language(body_main or text),
        parse_status=status,
    )
