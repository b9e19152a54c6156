"""Stable ids: the same parts always give the same short id, across runs and machines."""

from __future__ import annotations

import hashlib


def stable_id(*parts: str) -> str:
    """A 16-hex-digit id from its parts (SHA-1 of the parts joined by ``|``)."""
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def file_name(name: str) -> str:
    """``name`` as a safe file name: letters, digits, ``-``, ``_`` and ``.`` kept, anything
    else (``|``, ``/``, spaces) as ``_``."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
