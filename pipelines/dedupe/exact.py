"""Exact-text dedupe: a hash of the normalised body groups identical copies."""

from __future__ import annotations

import hashlib
import re

from pipelines.dedupe.text import normalise

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise_text(text: str) -> str:
    """Case-folded, NFKC, punctuation and whitespace collapsed: what 'identical' means."""
    return _NON_WORD.sub(" ", normalise(text or "")).strip()


def content_hash(text: str) -> str:
    """Stable hash of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
