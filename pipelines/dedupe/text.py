"""What near-duplicate detection compares: the body without dateline or boilerplate."""

from __future__ import annotations

import re
import unicodedata

# A heading that starts the closing boilerplate; everything from it on is dropped.
_TAIL = re.compile(
    r"^(?:about\s+\S.{0,80}|contacts?:?|media\s+(?:contacts?|enquiries|inquiries|relations)"
    r".{0,40}|investor\s+(?:contacts?|relations).{0,40}|forward[- ]looking\s+statements?.{0,30}"
    r"|safe\s+harbou?r.{0,40}|source:.*|###|-\s*ends\s*-|for\s+further\s+information.{0,40})$",
    re.IGNORECASE)
# Boilerplate paragraphs that may sit anywhere.
_DISCLAIMER = re.compile(
    r"^(?:statements in this (?:press )?release that are not historical|this (?:press )?release "
    r"contains forward-looking|certain statements in this)", re.IGNORECASE)
# A leading dateline: PLACE[, Date] /AGENCY/ --, PLACE--(AGENCY)--, PLACE, Date (AGENCY) --
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'’\- ]{1,40}(?:,[^/()\n]{0,70}?)?\s*"
    r"(?:/[^/\n]{1,30}/|--\([^)\n]{1,30}\)--|\([^)\n]{1,30}\))\s*(?:--|[-–—])?\s*")
# A sign-off line: "— DNA —", "-30-", "(ends)", "###".
_SIGNOFF = re.compile(r"^[\s\-–—#*(]*(?:[A-Z]{2,12}|\d{2}|ends?)[\s\-–—#*)]*$", re.IGNORECASE)


def strip_boilerplate(text: str) -> str:
    """The body of a release: leading dateline, About/contact tail and disclaimers removed.

    The parse stage already excludes boilerplate from ``body_main``; this is a cheap second
    line of defence so a shared About section never makes two releases look alike.
    """
    kept: list[str] = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if kept and _TAIL.match(line) and len(line.split()) <= 14 and not line.endswith("."):
            break
        if _DISCLAIMER.match(line) or (len(line) <= 24 and _SIGNOFF.match(line)):
            continue
        kept.append(line)
    if kept:
        kept[0] = _DATELINE.sub("", kept[0], count=1) or kept[0]
    return "\n".join(kept)


def normalise(text: str) -> str:
    """NFKC and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()
