"""URL-level dedupe: one canonical URL per page, merging only URLs that are provably the
same resource.

Normalising keeps every query parameter except known tracking ones (``utm_*``, click ids,
mail-campaign and analytics tags): ``view.php?article=1`` and ``view.php?article=2`` stay
two pages. A page's declared canonical (``<link rel=canonical>``, ``og:url``) is trusted
only when no other, different page claims the same canonical (:func:`resolve_canonicals`):
a CMS that stamps ``<link rel=canonical href="/">`` on every article would otherwise fold
them all into one release.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from courlan import normalize_url

# Query parameters that only say how a reader arrived (campaigns, ads, click ids, mail
# and analytics tags, server sessions), never which content is served; compared
# case-insensitively. Everything else is kept.
TRACKING_PARAMS = frozenset({
    "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "fbclid", "msclkid", "yclid", "twclid",
    "ttclid", "igshid", "igsh", "li_fat_id", "mkt_tok", "srsltid", "_ga", "_gl", "_hsenc",
    "_hsmi", "hsctatracking", "ref_src", "ref_url", "s_cid", "cmpid", "xtor", "at_medium",
    "at_campaign", "ncid", "sr_share", "spm", "phpsessid", "jsessionid", "sessionid",
})
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "mc_", "oly_", "vero_", "ga_", "itm_", "hmb_",
                     "ss_", "_branch")
# Characters left as they are when non-ASCII text and spaces are percent-encoded (UTF-8).
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~"


def is_tracking(key: str) -> bool:
    """True for a query parameter that only tracks the visit (see :data:`TRACKING_PARAMS`)."""
    key = key.lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, default port, dot segments and fragment removed (courlan),
    non-ASCII percent-encoded as UTF-8, tracking parameters removed and the rest sorted.
    Percent-escapes are decoded and re-encoded byte for byte (latin-1), so two different
    values never become one."""
    try:
        parts = urlsplit(quote(url.strip(), safe=_URL_SAFE))
        base = normalize_url(urlunsplit(parts._replace(query="", fragment="")), strict=True)
        pairs = parse_qsl(parts.query, keep_blank_values=True, encoding="latin-1")
        query = urlencode(sorted((k, v) for k, v in pairs if not is_tracking(k)),
                          encoding="latin-1")
        base_parts = urlsplit(base)
        return urlunsplit(base_parts._replace(path=base_parts.path or ("/" if query else ""),
                                              query=query))
    except Exception:  # noqa: BLE001 - an unparseable URL stays as it was
        return url


def declared_canonical(url: str, declared: str | None) -> str | None:
    """The page's declared canonical, absolute and normalised, if it stays on the page's own
    host; else None."""
    if not declared or not declared.strip():
        return None
    try:
        absolute = urljoin(url, declared.strip())
        same_host = urlsplit(absolute).hostname == urlsplit(url).hostname
    except ValueError:
        return None
    return normalise_url(absolute) if same_host else None


def resolve_canonicals(
    pages: Sequence[tuple[str, str | None, str | None]],
    known: Mapping[str, Iterable[str]] | None = None,
) -> list[str]:
    """The canonical URL of each ``(url, declared canonical, content key)``.

    A declared canonical is trusted only if every page claiming it holds the same content:
    the pages declaring it, the page fetched at that URL, and the ``known`` pages
    (``{canonical: content keys}``, e.g. what the warehouse already holds for the host).
    Otherwise (different pages share it, a CMS mistake such as every article declaring
    ``/``) each of them keeps its own normalised URL. A content key of None (a page with
    no text) claims nothing.
    """
    own = [normalise_url(url) for url, _, _ in pages]
    declared = [declared_canonical(url, decl) for url, decl, _ in pages]
    claims: dict[str, set[str]] = defaultdict(set)
    for canonical, key in zip(declared, (p[2] for p in pages), strict=True):
        if canonical and key:
            claims[canonical].add(key)
    for url, key in zip(own, (p[2] for p in pages), strict=True):
        if url in claims and key:
            claims[url].add(key)
    for canonical, keys in (known or {}).items():
        if canonical in claims:
            claims[canonical].update(k for k in keys if k)
    return [decl if decl and len(claims.get(decl, ())) <= 1 else mine
            for decl, mine in zip(declared, own, strict=True)]
