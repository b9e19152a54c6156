"""URL-level dedupe: one canonical URL per page."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from courlan import normalize_url


def normalise_url(url: str) -> str:
    """Lower-case host, default port, fragment and tracking parameters removed (courlan)."""
    try:
        return normalize_url(url, strict=True)
    except Exception:  # noqa: BLE001 - an unparseable URL stays as it was
        return url


def canonical_url(url: str, declared: str | None = None) -> str:
    """The page's canonical URL: its declared rel=canonical/og:url if it stays on the same
    site, else the fetched URL, normalised either way."""
    if declared:
        absolute = urljoin(url, declared.strip())
        if urlsplit(absolute).hostname == urlsplit(url).hostname:
            return normalise_url(absolute)
    return normalise_url(url)
