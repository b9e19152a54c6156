"""Decode fetched HTML bytes to text, honouring HTTP, BOM and meta charsets; scrub text
of what no stored string may hold (control characters, lone surrogates)."""

from __future__ import annotations

import codecs
import re
from typing import Any

from w3lib.encoding import html_to_unicode

__all__ = ["decode_body", "scrub", "scrub_text"]

# C0 controls but tab, newline and carriage return; DEL; C1 controls (0x9b is a CSI)
_CONTROLS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATES_RE = re.compile(r"[\ud800-\udfff]")
# a numeric character reference; _bad_ref decides if its code point is one no parser takes
_CHAR_REF_RE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")


def _bad_ref(m: re.Match[str]) -> str:
    """U+FFFD for a reference to NUL, a C0 control, a surrogate, U+FFFE/U+FFFF or a
    code point past U+10FFFF; the reference itself otherwise. lxml refuses a whole
    document over one of them (readability fails on it): one hostile entity would cost
    a page its text."""
    digits, base = (m[1], 16) if m[1] else (m[2], 10)
    digits = digits.lstrip("0") or "0"
    if len(digits) > 7:
        return "\ufffd"
    cp = int(digits, base)
    if (cp < 0x20 and cp not in (9, 10, 13)) or 0xD800 <= cp <= 0xDFFF \
            or cp in (0xFFFE, 0xFFFF) or cp > 0x10FFFF:
        return "\ufffd"
    return m[0]


def scrub_text(text: str) -> str:
    """``text`` without control characters (tab, newline and carriage return kept) and
    with each lone surrogate (which UTF-8, and so DuckDB, cannot hold) as U+FFFD."""
    if text.isascii():
        return _CONTROLS_RE.sub("", text) if not text.isprintable() else text
    return _SURROGATES_RE.sub("\ufffd", _CONTROLS_RE.sub("", text))


def scrub(value: Any) -> Any:
    """:func:`scrub_text` applied to every string in a row (dicts and lists walked)."""
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(scrub(v) for v in value)
    return value


def decode_body(body: bytes, content_type: str | None) -> tuple[str, str]:
    """Decode an HTTP body to ``(text, encoding_used)``.

    Precedence is w3lib's (as browsers do): a BOM, then the charset in
    ``content_type``, then ``<meta charset>`` / ``<meta http-equiv>``, then a
    guess (UTF-8, else cp1252). Latin-1 labels decode as cp1252, like browsers.
    Undecodable bytes are replaced, never raised. Raw control characters stay (they
    tell binary from text; lxml drops them), but character references to forbidden code
    points (``&#0;``, ``&#27;``, ``&#xFFFE;``)
    become U+FFFD, as a browser shows them (``&#150;`` stays: HTML reads it as cp1252).
    """
    if not body:
        return "", "utf-8"
    header = content_type if content_type else None
    encoding, text = html_to_unicode(header, body)
    try:
        encoding = codecs.lookup(encoding).name
    except LookupError:
        pass
    return _CHAR_REF_RE.sub(_bad_ref, text), encoding
