"""The inbox: WARC archives dropped into ``data/inbox/`` by another crawler (or taken from
Common Crawl's news crawl) become manifest-like records, so they go through the same
clean → parse → dedupe → load path as our own crawls.

Nothing here knows Dagster or DuckDB: ``claim`` moves loose archives into the raw landing,
``warc_records`` reads one archive into the records a crawl's ``manifest.jsonl`` holds,
``day_records`` does it for every archive of a day, one bad archive or record never
costing the others, and ``import_inbox`` does all of it and writes the day's manifest.

Delivery: write an archive elsewhere (or under a hidden name, ``.name.warc.gz``) and
rename it into the inbox when it is complete. As a guard against a producer that writes
in place, a file is claimed only once it has not changed for
``$WIREDESK_INBOX_SETTLE_SECONDS`` (30 by default). A symbolic link in the inbox is never
followed: it is moved aside (``raw/inbox/<day>/refused/``) and recorded with reason
``inbox_symlink``. The data folder itself, or ``data/raw``, may be a symlink.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawlers.archive import WarcScan, iter_responses
from crawlers.records import CrawlRun, ManifestRecord
from crawlers.registry import Source
from crawlers.runinfo import MANIFEST_NAME, STATS_NAME, new_run_id

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml")
INBOX_SOURCE = "inbox"
TRUNCATED = "warc_truncated"
NO_TARGET = "no_target_uri"
BAD_TARGET = "bad_target_uri"
SYMLINK = "inbox_symlink"
UNREADABLE_ARCHIVE = "warc_unreadable"
REFUSED_DIR = "refused"
SETTLE_ENV = "WIREDESK_INBOX_SETTLE_SECONDS"
SETTLE_SECONDS = 30.0


def settle_seconds() -> float:
    """How long an inbox file must stay unchanged before it is claimed."""
    return float(os.environ.get(SETTLE_ENV, SETTLE_SECONDS))


def is_warc(path: Path) -> bool:
    """True for an archive file by its name (``*.warc`` or ``*.warc.gz``, not hidden)."""
    return not path.name.startswith(".") and path.name.endswith(WARC_SUFFIXES)


def _entries(inbox_dir: Path | str) -> list[Path]:
    folder = Path(inbox_dir)
    return [p for p in folder.iterdir() if is_warc(p)] if folder.is_dir() else []


def symlinks(inbox_dir: Path | str) -> list[Path]:
    """Archive names in the inbox that are symbolic links (refused, never followed)."""
    return sorted(p for p in _entries(inbox_dir) if p.is_symlink())


def pending(inbox_dir: Path | str, settle: float | None = None) -> list[Path]:
    """Archives ready to claim, oldest first (then by name): regular files (not symlinks)
    unchanged for ``settle`` seconds (default :func:`settle_seconds`)."""
    settle = settle_seconds() if settle is None else settle
    now = time.time()
    files = []
    for path in _entries(inbox_dir):
        try:
            st = path.lstat()
        except FileNotFoundError:
            continue
        if path.is_symlink() or not path.is_file():
            continue
        if now - st.st_mtime >= settle:
            files.append((st.st_mtime, path.name, path))
    return [p for _, _, p in sorted(files)]


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in a stream (never whole into memory)."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def move_in(src: Path, dest: Path) -> None:
    """Move ``src`` to ``dest`` so that ``dest`` never exists half-written: a rename, or
    across file systems (a symlinked ``data/raw``) a copy to a hidden name renamed into
    place, then ``src`` removed."""
    try:
        os.rename(src, dest)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        with open(src, "rb") as fin, open(tmp, "wb") as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)
            fout.flush()
            os.fsync(fout.fileno())
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    src.unlink()


def claim(inbox_dir: Path | str, landing: Path | str, settle: float | None = None
          ) -> list[Path]:
    """Move every settled archive of the inbox into ``landing`` (the raw archive, immutable
    from then on) and symlinked entries into ``landing/refused/``; return all archives in
    ``landing``. A name already landed gets a content-hash suffix."""
    landing = Path(landing)
    landing.mkdir(parents=True, exist_ok=True)
    links = symlinks(inbox_dir)
    if links:
        (landing / REFUSED_DIR).mkdir(exist_ok=True)
    for link in links:
        target = landing / REFUSED_DIR / link.name
        if target.exists() or target.is_symlink():
            target = target.with_name(f"{link.name}.{time.time_ns()}")
        shutil.move(str(link), target)  # the link itself, never what it points to
    for src in pending(inbox_dir, settle):
        dest = landing / src.name
        if dest.exists():
            stem, _, rest = src.name.partition(".warc")
            dest = landing / f"{stem}-{file_sha256(src)[:8]}.warc{rest}"
        move_in(src, dest)
    return sorted(p for p in landing.iterdir() if is_warc(p) and p.is_file()
                  and not p.is_symlink())


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


def target_host(url: str | None) -> tuple[str | None, str | None]:
    """``(host, reason)`` of a record's target URI: the reason is ``no_target_uri`` or
    ``bad_target_uri`` (it does not parse as a URL, e.g. ``http://[::1/x``)."""
    if not url or not url.strip():
        return None, NO_TARGET
    try:
        return (urlsplit(url).hostname or "").lower(), None
    except ValueError:
        return None, BAD_TARGET


def relative_to_data(path: Path | str, data_dir: Path | str) -> str:
    """``path`` relative to the data folder, by name: symlinks (a data folder or a
    ``data/raw`` on another disk) are not resolved, so both sides stay comparable."""
    return os.path.relpath(os.path.abspath(path), os.path.abspath(data_dir))


def _record(run_id: str, rel_file: str, url: str, source: Source | None, **fields: Any
            ) -> ManifestRecord:
    """The manifest record of an inbox response (``fields`` fill or override the
    defaults)."""
    return ManifestRecord(**{
        "source_id": source.id if source else INBOX_SOURCE, "run_id": run_id, "url": url,
        "role": "release", "discovered_via": "inbox", "discovered_from": rel_file,
        "warc_file": rel_file, **fields,
    })


def warc_records(
    warc_path: Path | str, data_dir: Path | str, run_id: str, sources: Iterable[Source] = ()
) -> Iterator[ManifestRecord]:
    """One manifest record per complete response in the archive.

    Hosts of known sources keep their source id and release URL pattern; any other host
    is the ``inbox`` source, and its HTML pages are taken as releases. A record that is
    wrong on its own keeps its reason and the walk goes on: ``no_target_uri``,
    ``bad_target_uri``, ``bad_http_status`` (not a three-digit code),
    ``decoded_body_too_large``. An archive that ends in a torn record (its writer died
    mid-record) keeps its complete records, and the torn tail becomes one more record with
    reason ``warc_truncated`` (so it is counted).
    """
    rel_file = relative_to_data(warc_path, data_dir)
    by_host = host_sources(sources)
    scan = WarcScan(str(warc_path))
    for offset, raw in iter_responses(warc_path, scan):
        host, bad_target = target_host(raw.url)
        url = raw.url if raw.url and raw.url.strip() else f"{rel_file}#offset={offset}"
        source = by_host.get(host or "")
        content_type = raw.headers.get("content-type", "")
        reason = raw.error or bad_target
        role = "release"
        if reason is None:
            role, reason = _role_and_reason(source, url, raw.status, content_type, raw.body)
        yield _record(
            run_id, rel_file, url, source, final_url=url, role=role,
            status=raw.status or None, content_type=content_type or None,
            fetched_at=raw.warc_date, warc_offset=offset,
            sha256=hashlib.sha256(raw.body).hexdigest(), size=len(raw.body), reason=reason,
            host=host or None)
    if not scan.complete:
        yield _torn_tail(scan, rel_file, run_id, by_host)


def _torn_tail(scan: WarcScan, rel_file: str, run_id: str, by_host: dict[str, Source]
               ) -> ManifestRecord:
    """The record of an archive's torn tail: where it starts, and its URL if readable."""
    host, bad = target_host(scan.torn_url)
    url = scan.torn_url if host is not None and not bad else f"{rel_file}#offset={scan.torn_at}"
    source = by_host.get(host or "")
    release = source is None or source.is_release_path(urlsplit(url).path or "/")
    return _record(run_id, rel_file, url, source, role="release" if release else "discovery",
                   warc_offset=scan.torn_at, reason=TRUNCATED, flags=(scan.reason,),
                   host=host or None)


def day_records(files: Iterable[Path], landing: Path, data_dir: Path, run_id: str,
                sources: Iterable[Source] = ()) -> list[ManifestRecord]:
    """The records of every archive of one inbox day, and one per refused entry. An
    archive that cannot be read at all becomes one record with reason
    ``warc_unreadable:<error>``; the other archives load."""
    sources = list(sources)
    records: list[ManifestRecord] = []
    for path in files:
        try:
            records.extend(warc_records(path, data_dir, run_id, sources))
        except Exception as exc:  # noqa: BLE001 - one archive never blocks the day
            rel_file = relative_to_data(path, data_dir)
            records.append(_record(run_id, rel_file, rel_file, None,
                                   reason=f"{UNREADABLE_ARCHIVE}:{type(exc).__name__}"))
    refused = landing / REFUSED_DIR
    for link in sorted(refused.iterdir()) if refused.is_dir() else []:
        rel_file = relative_to_data(link, data_dir)
        records.append(_record(run_id, rel_file, rel_file, None, warc_file=None,
                               reason=SYMLINK))
    return records


def import_inbox(inbox_dir: Path | str, data_dir: Path | str, day: str,
                 sources: Iterable[Source] = ()) -> CrawlRun:
    """Claim the archives waiting in ``inbox_dir`` into ``raw/inbox/<day>/`` and write a
    manifest (and stats) of every archive claimed that day, as a crawl run would."""
    data_dir = Path(data_dir).absolute()  # by name: data/raw may be a symlink
    landing = data_dir / "raw" / INBOX_SOURCE / day
    started = datetime.now(UTC)
    run_id = new_run_id()
    files = claim(inbox_dir, landing)
    records = day_records(files, landing, data_dir, run_id, sources)
    with open(landing / MANIFEST_NAME, "w", encoding="utf-8") as fh:
        fh.writelines(r.to_line() for r in records)
    stats = {
        "finish_reason": "inbox",
        "downloader/response_count": len(records),
        "wiredesk/records/release": sum(r.role == "release" for r in records),
        "warc_files": [str(f.relative_to(data_dir)) for f in files],
    }
    (landing / STATS_NAME).write_text(json.dumps(stats))
    return CrawlRun(INBOX_SOURCE, run_id, str(landing), started.isoformat(),
                    datetime.now(UTC).isoformat(), 0, stats)
