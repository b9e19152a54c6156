"""The inbox: WARC archives dropped into ``data/inbox/`` by another crawler (or taken from
Common Crawl's news crawl) become manifest-like records, so they go through the same
clean → parse → dedupe → load path as our own crawls.

Nothing here knows Dagster or DuckDB: ``claim`` moves loose archives into the raw landing,
``warc_records`` reads one archive into the records a crawl's ``manifest.jsonl`` holds.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawlers.archive import WarcScan, iter_responses
from crawlers.registry import Source

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml")
INBOX_SOURCE = "inbox"
TRUNCATED = "warc_truncated"


def is_warc(path: Path) -> bool:
    """True for a finished archive file (``*.warc`` or ``*.warc.gz``, not hidden)."""
    return path.is_file() and not path.name.startswith(".") and path.name.endswith(WARC_SUFFIXES)


def pending(inbox_dir: Path | str) -> list[Path]:
    """Archives waiting in the inbox, oldest first (then by name)."""
    folder = Path(inbox_dir)
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir() if is_warc(p)]
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name))


def claim(inbox_dir: Path | str, landing: Path | str) -> list[Path]:
    """Move every waiting archive into ``landing`` (the raw archive, immutable from then on)
    and return all archives there. A name already landed gets a content-hash suffix."""
    landing = Path(landing)
    landing.mkdir(parents=True, exist_ok=True)
    for src in pending(inbox_dir):
        dest = landing / src.name
        if dest.exists():
            stem, _, rest = src.name.partition(".warc")
            digest = hashlib.sha256(src.read_bytes()).hexdigest()[:8]
            dest = landing / f"{stem}-{digest}.warc{rest}"
        shutil.move(str(src), dest)
    return sorted(p for p in landing.iterdir() if is_warc(p))


def host_sources(sources: Iterable[Source]) -> dict[str, Source]:
    """``{host: source}`` for every allowed domain of the given registry sources."""
    return {domain.lower(): s for s in sources for domain in s.allowed_domains}


def _role_and_reason(source: Source | None, url: str, status: int, content_type: str,
                     body: bytes) -> tuple[str, str | None]:
    path = urlsplit(url).path or "/"
    is_html = content_type.split(";")[0].strip().lower().startswith(HTML_TYPES)
    if source is not None:
        role = "release" if source.is_release_path(path) else "discovery"
    else:
        role = "release" if is_html or status >= 300 else "discovery"
    if 300 <= status < 400:
        return "discovery", "redirect"
    if status >= 400:
        return role, f"http_{status}"
    if role == "release" and not body:
        return role, "empty_body"
    if role == "release" and not is_html:
        return "discovery", None
    return role, None


def warc_records(
    warc_path: Path | str, data_dir: Path | str, run_id: str, sources: Iterable[Source] = ()
) -> Iterator[dict[str, Any]]:
    """One manifest-like record per complete response in the archive.

    Hosts of known sources keep their source id and release URL pattern; any other host
    is the ``inbox`` source, and its HTML pages are taken as releases. A body that cannot
    be read back whole keeps its reason (``decoded_body_too_large``). An archive that ends
    in a torn record (its writer died mid-record) keeps its complete records, and the torn
    tail becomes one more record with reason ``warc_truncated`` (so it is counted).
    """
    warc_path = Path(warc_path).resolve()
    rel_file = str(warc_path.relative_to(Path(data_dir).resolve()))
    by_host = host_sources(sources)
    scan = WarcScan(str(warc_path))
    for offset, raw in iter_responses(warc_path, scan):
        host = (urlsplit(raw.url).hostname or "").lower()
        source = by_host.get(host)
        content_type = raw.headers.get("content-type", "")
        role, reason = _role_and_reason(source, raw.url, raw.status, content_type, raw.body)
        yield {
            "source_id": source.id if source else INBOX_SOURCE,
            "run_id": run_id,
            "url": raw.url,
            "final_url": raw.url,
            "role": role,
            "discovered_via": "inbox",
            "discovered_from": rel_file,
            "status": raw.status,
            "content_type": content_type or None,
            "fetched_at": raw.warc_date,
            "warc_file": rel_file,
            "warc_offset": offset,
            "warc_length": None,
            "sha256": hashlib.sha256(raw.body).hexdigest(),
            "size": len(raw.body),
            "reason": raw.error or reason,
            "host": host,
        }
    if not scan.complete:
        yield _torn_tail(scan, rel_file, run_id, by_host)


def _torn_tail(scan: WarcScan, rel_file: str, run_id: str, by_host: dict[str, Source]
               ) -> dict[str, Any]:
    """The record of an archive's torn tail: where it starts, and its URL if readable."""
    url = scan.torn_url or f"{rel_file}#offset={scan.torn_at}"
    host = (urlsplit(url).hostname or "").lower() if scan.torn_url else ""
    source = by_host.get(host)
    release = source is None or source.is_release_path(urlsplit(url).path or "/")
    return {
        "source_id": source.id if source else INBOX_SOURCE, "run_id": run_id, "url": url,
        "final_url": None, "role": "release" if release else "discovery",
        "discovered_via": "inbox", "discovered_from": rel_file, "status": None,
        "content_type": None, "fetched_at": None, "warc_file": rel_file,
        "warc_offset": scan.torn_at, "warc_length": None, "sha256": None, "size": None,
        "reason": TRUNCATED, "flags": [scan.reason], "host": host or None,
    }
