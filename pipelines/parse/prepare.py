"""Release text as the parser reads it.

Feeds and news APIs deliver leads with HTML tags and entities, Markdown links and bold, CRLF line
ends, soft hyphens, no-break and zero-width spaces; scraped pages join paragraphs with
``###``. All of that is undone here, once, before anything is parsed.
"""

from __future__ import annotations

import html
import re

__all__ = ["prepare_text"]

_BLOCK_TAG_RE = re.compile(
    r"<\s*(?:br|/?p|/?div|/?li|/?h[1-6]|/?tr|/?blockquote|/?section|/?article|/?dd|/?dt)"
    r"\b[^<>]{0,300}>",
    re.I,
)
_TAG_RE = re.compile(
    r"<\s*/?\s*(?:a|b|i|u|em|strong|span|font|small|sup|sub|abbr|cite|time|img|ul|ol|table"
    r"|tbody|td|th|thead|figure|figcaption|header|footer|main|nav|meta|link|html|body|head"
    r"|title|script|style|location|chron|dateline|byline|hl1|hl2|media|block)\b[^<>]{0,500}>"
    r"|<!--.{0,2000}?-->",
    re.I | re.S,
)
_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_MD_LINK_RE = re.compile(r"\[([^\[\]\n]{1,120})\]\((?:https?://|www\.)[^()\s]{1,300}\)")
_EMPHASIS_RE = re.compile(r"\*\*|(?<!\w)__|__(?!\w)")  # Markdown bold: "**NEW YORK, ...**"
_JOINED_RE = re.compile(r"[ \t]+#{3}[ \t]+")  # "By Reuters ### March 3, 2026 ### OSLO —"
_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
                         "\u2002": " ", "\u2003": " ", "\u3000": " ", "\u200b": "",
                         "\u2060": "", "\ufeff": "", "\u00ad": "", "\r": "\n", "\t": " ",
                         "\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n"})


def prepare_text(text: str) -> str:
    """Plain text with one paragraph per line: tags, entities and odd spaces undone."""
    if "<" in text and (_BLOCK_TAG_RE.search(text) or _TAG_RE.search(text)):
        text = _BLOCK_TAG_RE.sub("\n", text)
        text = _TAG_RE.sub("", text)
    if "&" in text and _ENTITY_RE.search(text):
        text = html.unescape(text)
    if "](" in text:
        text = _MD_LINK_RE.sub(r"[\1]", text)
    if "###" in text:
        text = _JOINED_RE.sub("\n", text)
    if "**" in text or "__" in text:
        text = _EMPHASIS_RE.sub("", text)
    return text.replace("\r\n", "\n").translate(_SPACES)
