"""Decode fetched HTML bytes to text, honouring HTTP, BOM and meta charsets."""

from __future__ import annotations

import codecs

from w3lib.encoding import html_to_unicode

__all__ = ["decode_body"]


def decode_body(body: bytes, content_type: str | None) -> tuple[str, str]:
    """Decode an HTTP body to ``(text, encoding_used)``.

    Precedence is w3lib's (as browsers do): a BOM, then the charset in
    ``content_type``, then ``<meta charset>`` / ``<meta http-equiv>``, then a
    guess (UTF-8, else cp1252). Latin-1 labels decode as cp1252, like browsers.
    Undecodable bytes are replaced, never raised.
    """
    if not body:
        return "", "utf-8"
    header = content_type if content_type else None
    encoding, text = html_to_unicode(header, body)
    try:
        encoding = codecs.lookup(encoding).name
    except LookupError:
        pass
    return text, encoding
