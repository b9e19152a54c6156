"""Split a release's paragraphs into main text and boilerplate blocks.

Blocks: ``about`` sections, ``contacts``, ``source`` lines, ``view_original``
lines, ``media`` links, ``end_marker`` (``###``, ``-30-``), ``forward_looking``
disclaimers, ``notes_to_editors``, ``disclaimer`` and ``trailer`` (anything
after an end marker). Sticky blocks run until the next block starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Split", "classify_paragraph", "split_boilerplate"]

_DASH = r"[-‐‑‒–—―−]"
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_RE = re.compile(
    r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}[\s.-]\d{2,4}[\s.-]\d{3,4}\b"
)
_CONTACT_WORDS_RE = re.compile(
    r"^(?:tel|telephone|phone|mobile|cell|fax|e-?mail|web)\b\.?\s*:", re.I
)

_END_RE = re.compile(
    rf"^(?:(?:#\s*){{3,}}|{_DASH}\s*30\s*{_DASH}|{_DASH}*\s*(?:ends?|end of release)\s*{_DASH}*)$",
    re.I,
)
_SOURCE_RE = re.compile(r"^SOURCE\b:?\s+\S")
_SOURCE_SOFT_RE = re.compile(r"^Source\s*:\s*\S")
_VIEW_RE = re.compile(
    r"^(?:view (?:the )?(?:original|source) (?:content|version|press release)"
    r"|to view the (?:original|source) version|original (?:content|press release|source)\b)",
    re.I,
)
_MEDIA_RE = re.compile(
    rf"^(?:photos?|logo|video|images?|multimedia|infographic|audio)\s*(?:{_DASH}|:)\s*"
    r"(?:https?://|www\.)",
    re.I,
)
_ABOUT_RE = re.compile(r"^(?:ABOUT|About)\s+(?:the\s+|The\s+|THE\s+)?(?:[A-Z]|\d+[A-Za-z])[^\n]*$")
_ABBREV_END_RE = re.compile(
    r"(?:\b(?:inc|corp|co|ltd|llc|plc|lp|llp|ag|nv|bv|sa|se|ab|asa|oyj|pte|pty|bhd|gmbh)"
    r"|\b[A-Z](?:\.[A-Z])+)\.$",
    re.I,
)
_ABOUT_INLINE_RE = re.compile(rf"^(?:ABOUT|About)\s+[A-Z][^.:\n]{{1,80}}?\s*(?::|{_DASH})\s+\S")
CONTACT_HEAD_RE = re.compile(
    r"^(?:(?:for\s+)?(?:media|press|investors?|analysts?|company|corporate|agency|pr|news"
    r"|editorial|financial|public|general)(?:\s+and\s+\w+)?\s+)*"
    r"(?:contacts?|relations|inquiries|enquiries|queries)(?:\s+(?:information|details))?"
    r"\s*(?::|$)",
    re.I,
)
_CONTACT_SHORT_RE = re.compile(
    r"^(?:media|press|investors?|analysts?|ir|pr)\s*(?:\(.*\))?\s*:\s*$", re.I
)
MORE_INFO_RE = re.compile(
    r"^for (?:further|more|additional) information(?:,? please)?(?: contact)?\b", re.I
)
_FL_HEAD_RE = re.compile(
    r"^(?:cautionary\s+(?:note|statement|language)s?\b|"
    r"(?:(?:special\s+)?note\s+(?:regarding|on|about|concerning)\s+)?"
    r"forward[-\s]looking\s+(?:statements?|information)\b|safe\s+harbou?r\b)",
    re.I,
)
_FL_TEXT_RE = re.compile(r"forward[-\s]looking", re.I)
_FL_CONTEXT_RE = re.compile(
    r"\b(?:release|announcement|safe harbou?r|securities litigation reform act"
    r"|undue reliance|actual results)\b",
    re.I,
)
_SOCIAL_RE = re.compile(
    r"^(?:(?:visit|follow|connect with|find|join) us on\b.{0,60}"
    r"|(?:facebook|twitter|linkedin|instagram|youtube|x|tiktok|threads|bluesky)\s*:?\s*\S*)$",
    re.I,
)
_SIGNOFF_RE = re.compile(r"^(?:on behalf of (?:the )?board\b|signed\s*:)", re.I)
_CREDIT_RE = re.compile(
    r"^\(?(?:additional )?(?:reporting|writing|editing|compiled|edited|written) by\b.{0,160}$",
    re.I,
)
_ATTACH_RE = re.compile(r"^(?:attachments?|multimedia files?|related (?:images|links))\s*:?$", re.I)
_NOTES_RE = re.compile(r"^notes?\s+(?:to|for)\s+(?:the\s+)?editors?\b", re.I)
_DISCLAIMER_RE = re.compile(r"^disclaimer\b", re.I)

STICKY = {"about", "contacts", "forward_looking", "notes_to_editors", "disclaimer", "trailer",
          "social", "signoff", "attachments"}
_TAIL = 3  # a "Source: X" line counts as boilerplate among the last paragraphs


@dataclass
class Split:
    """Main paragraphs and the boilerplate removed, with its kinds in order."""

    main: list[str] = field(default_factory=list)
    main_index: list[int] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    items: list[tuple[str, str]] = field(default_factory=list)

    def add_boilerplate(self, kind: str, text: str) -> None:
        """Record one removed paragraph under ``kind``."""
        self.boilerplate.append(text)
        self.items.append((kind, text))
        if kind not in self.kinds:
            self.kinds.append(kind)


def _is_contact_line(p: str) -> bool:
    if len(p) > 120 or len(p.split()) > 14:
        return False
    return bool(EMAIL_RE.search(p) or _PHONE_RE.search(p) or _CONTACT_WORDS_RE.match(p))


def _is_heading(p: str, limit: int = 120) -> bool:
    return len(p) <= limit and not p.rstrip().endswith((".", "?", "!", '"', "”"))


def _is_about_heading(p: str) -> bool:
    """``About Acme`` / ``About Ridgeback Minerals Corp.``, not a sentence."""
    if len(p) > 100 or len(p.split()) > 10:
        return False
    return _is_heading(p) or bool(_ABBREV_END_RE.search(p) and ". " not in p)


def classify_paragraph(p: str, state: str | None = None, tail: bool = False) -> str | None:
    """The boilerplate kind that ``p`` starts, or None for ordinary text.

    ``state`` is the sticky block being read; ``tail`` says ``p`` is among the last lines.
    """
    text = p.strip()
    if not text:
        return None
    if _CREDIT_RE.match(text):
        return "credit"
    if _SOCIAL_RE.match(text) and len(text) <= 80:
        return "social"
    if _SIGNOFF_RE.match(text):
        return "signoff"
    if _ATTACH_RE.match(text):
        return "attachments"
    if _END_RE.match(text):
        return "end_marker"
    if _VIEW_RE.match(text):
        return "view_original"
    if _SOURCE_RE.match(text) and len(text) <= 150:
        return "source"
    if (state or tail) and _SOURCE_SOFT_RE.match(text) and len(text) <= 100:
        return "source"
    if _MEDIA_RE.match(text) and len(text) <= 300:
        return "media"
    if (_ABOUT_RE.match(text) and _is_about_heading(text)) or _ABOUT_INLINE_RE.match(text):
        return "about"
    if _FL_HEAD_RE.match(text) and (_is_heading(text) or _FL_TEXT_RE.search(text)):
        return "forward_looking"
    head = _FL_TEXT_RE.search(text[:300])
    if head and _FL_CONTEXT_RE.search(text):
        return "forward_looking"
    if _NOTES_RE.match(text):
        return "notes_to_editors"
    if _DISCLAIMER_RE.match(text) and (_is_heading(text) or ":" in text[:15]):
        return "disclaimer"
    if CONTACT_HEAD_RE.match(text) and len(text) <= 250:
        return "contacts"
    if _CONTACT_SHORT_RE.match(text) or (MORE_INFO_RE.match(text) and len(text) <= 250):
        return "contacts"
    if _is_contact_line(text):
        return "contacts"
    return None


def _short_line(p: str) -> bool:
    return len(p) <= 80 and len(p.split()) <= 8 and not p.rstrip().endswith((".", "?", "!", '"'))


def _contact_tail(paragraphs: list[str]) -> int:
    """Start of an unheaded contact block closing the release (name, firm, e-mail lines)."""
    start = len(paragraphs)
    while start > 0 and _short_line(paragraphs[start - 1]) \
            and classify_paragraph(paragraphs[start - 1]) in (None, "contacts", "social"):
        start -= 1
    block = paragraphs[start:]
    if len(block) >= 2 and start > 0 and any(_is_contact_line(p) for p in block):
        return start
    return len(paragraphs) + 1


def split_boilerplate(paragraphs: list[str]) -> Split:
    """Assign each paragraph to the main text or to a boilerplate block."""
    out = Split()
    state: str | None = None
    tail_from = _contact_tail(paragraphs)
    for i, p in enumerate(paragraphs):
        if i >= tail_from:
            out.add_boilerplate(classify_paragraph(p) or "contacts", p)
            continue
        kind = classify_paragraph(p, state, tail=i >= len(paragraphs) - _TAIL)
        if kind is not None:
            out.add_boilerplate(kind, p)
            if kind in STICKY:
                state = kind
            elif kind == "end_marker":
                state = state or "trailer"
            continue
        if state == "contacts" and len(p) > 250:
            state = None  # a real paragraph ends a contact block
        if state is None:
            out.main.append(p)
            out.main_index.append(i)
        else:
            out.add_boilerplate(state, p)
    return out
