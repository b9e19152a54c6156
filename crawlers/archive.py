"""The raw archive: WARC files written as responses arrive, and read back by offset.

Nothing here depends on Scrapy, so the clean stage and the inbox sensor can replay
archives written by any crawler.

Crash safety. A record is built in memory and appended to an unbuffered file with plain
writes, and its location is only returned (so a manifest line can point at it) once every
byte is written; a write that fails (disk full) is cut back off the file, which then
takes no more records. A process killed mid-record leaves a *torn tail*:
:func:`verify_warc` finds it (and where it starts), :func:`iter_responses` stops cleanly
before it, and a resumed run never appends to an existing file (it starts the next
index). Reading back is bounded: a body whose decoded size passes
:data:`MAX_DECODED_BYTES` (a gzip or brotli bomb) is not expanded, only flagged.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import brotli
from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.recordloader import ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from plumbing.faults import crash_point

# Hop-by-hop framing that no longer describes the stored payload.
_DROP_HEADERS = {"transfer-encoding"}
# Reading back never expands a body past this (a bit above DOWNLOAD_MAXSIZE, 20 MiB).
MAX_DECODED_BYTES = 64 * 1024 * 1024
TOO_LARGE = "decoded_body_too_large"
_BLOCK = 64 * 1024
_PIECE = 1024 * 1024  # decoded bytes produced per step


class ArchiveWriteError(OSError):
    """Writing the archive failed (typically: disk full); ``filename`` names the file."""


@dataclass(frozen=True)
class WarcLocation:
    """Where one record sits: file (relative to the data dir), byte offset and length."""

    file: str
    offset: int
    length: int
    sha256: str
    size: int


@dataclass
class RawResponse:
    """A response read back from the archive, with its payload decoded of transfer codings.

    ``error`` is set when the body could not be read back whole: ``decoded_body_too_large``
    (it would decode past :data:`MAX_DECODED_BYTES`; ``body`` is then empty).
    """

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    warc_date: str | None = None
    error: str | None = None


class WarcArchiveWriter:
    """Append-only WARC writer for one crawl run, rotating files past ``max_bytes``.

    Files are named ``<prefix>-<index>.warc.gz``. A writer opened on a folder that already
    holds some (a resumed run) starts at the next index: it never appends to a file an
    earlier process may have left torn. After a failed write it refuses further records.
    """

    def __init__(self, run_dir: Path, data_dir: Path, prefix: str, max_bytes: int) -> None:
        self.run_dir = run_dir
        self.data_dir = data_dir
        self.prefix = prefix
        self.max_bytes = max_bytes
        self._fh: io.FileIO | None = None
        self._size = 0
        self.failed: ArchiveWriteError | None = None
        run_dir.mkdir(parents=True, exist_ok=True)
        earlier = existing_warcs(run_dir, prefix)
        self._index = max(earlier) if earlier else -1
        self.files: list[str] = [str(earlier[i].relative_to(data_dir)) for i in sorted(earlier)]

    def _open_next(self) -> None:
        self.close()
        self._index += 1
        path = self.run_dir / f"{self.prefix}-{self._index:05d}.warc.gz"
        self._fh = open(path, "xb", buffering=0)  # noqa: SIM115 - kept open for the run
        self._size = 0
        self.files.append(str(path.relative_to(self.data_dir)))
        info = WARCWriter(None, gzip=True).create_warcinfo_record(
            path.name, {"software": "wiredesk", "format": "WARC File Format 1.1"}
        )
        self._append(_serialise(info))

    def _append(self, data: bytes) -> int:
        """Write ``data`` at the end of the current file; return its offset. A failed write
        is cut back off (best effort) and the writer refuses further records."""
        assert self._fh is not None
        offset = self._size
        try:
            view, half = memoryview(data), len(data) // 2
            write_all(self._fh, view[:half])
            crash_point("warc.mid_record")
            write_all(self._fh, view[half:])
        except OSError as exc:
            self._fail(exc, offset)
        self._size = offset + len(data)
        return offset

    def _fail(self, exc: OSError, offset: int) -> None:
        assert self._fh is not None
        path = self.data_dir / self.files[-1]
        try:
            os.ftruncate(self._fh.fileno(), offset)
        except OSError:
            pass
        self._fh.close()
        self._fh = None
        if offset == 0:  # nothing of this file was kept: leave no empty file behind
            path.unlink(missing_ok=True)
            self.files.pop()
        self.failed = ArchiveWriteError(exc.errno, exc.strerror or str(exc), str(path))
        raise self.failed from exc

    def write_response(
        self,
        url: str,
        status: int,
        reason: str,
        headers: list[tuple[str, str]],
        body: bytes,
        protocol: str = "HTTP/1.1",
        extra: dict[str, str] | None = None,
    ) -> WarcLocation:
        """Archive one HTTP response as received and return where it landed (only once
        the whole record is written). Raises :class:`ArchiveWriteError` if it cannot be."""
        if self.failed is not None:
            raise self.failed
        if self._fh is None or self._size >= self.max_bytes:
            self._open_next()
        kept = [(k, v) for k, v in headers if k.lower() not in _DROP_HEADERS]
        http_headers = StatusAndHeaders(f"{status} {reason}".strip(), kept, protocol=protocol)
        warc_headers = {"WARC-Date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")}
        for key, value in (extra or {}).items():
            warc_headers[f"WARC-Wiredesk-{key}"] = value
        record = WARCWriter(None, gzip=True).create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        data = _serialise(record)
        offset = self._append(data)
        crash_point("warc.after_record")
        return WarcLocation(
            file=self.files[-1],
            offset=offset,
            length=len(data),
            sha256=hashlib.sha256(body).hexdigest(),
            size=len(body),
        )

    def close(self) -> None:
        """Flush the current file to disk and close it."""
        if self._fh is not None:
            try:
                os.fsync(self._fh.fileno())
            finally:
                self._fh.close()
                self._fh = None


def existing_warcs(run_dir: Path, prefix: str) -> dict[int, Path]:
    """The WARC files a writer with ``prefix`` already left in ``run_dir``, by index."""
    pattern = re.compile(re.escape(prefix) + r"-(\d+)\.warc\.gz$")
    found = {}
    for path in run_dir.glob(f"{prefix}-*.warc.gz"):
        match = pattern.match(path.name)
        if match:
            found[int(match.group(1))] = path
    return found


def _serialise(record: Any) -> bytes:
    """One record as the bytes of its own gzip member."""
    buf = io.BytesIO()
    WARCWriter(buf, gzip=True).write_record(record)
    return buf.getvalue()


def write_all(fh: io.FileIO, data: bytes | memoryview) -> None:
    """Write all of ``data`` to an unbuffered file (a raw write may take only part)."""
    view = memoryview(data)
    while view:
        written = fh.write(view)
        view = view[written or 0:]


# -- reading back -----------------------------------------------------------------------


class _Decoder:
    """Bounded streaming decoder of one Content-Encoding (gzip, deflate or br)."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._tail = b""
        self._fresh = True
        self._br = brotli.Decompressor() if coding == "br" else None
        wbits = 16 + zlib.MAX_WBITS if coding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._z = None if self._br else zlib.decompressobj(wbits)

    def pending(self) -> bool:
        """Decoded output is waiting: call :meth:`decode` with no new input."""
        if self._br is not None:
            return not self._br.can_accept_more_data()
        return bool(self._tail)

    def decode(self, data: bytes, room: int) -> bytes:
        """Decode ``data`` (after anything pending), returning at most about ``room`` bytes."""
        if self._br is not None:
            return self._br.process(data, output_buffer_limit=room)
        assert self._z is not None
        data = self._tail + data
        try:
            out = self._z.decompress(data, room)
        except zlib.error:
            if self.coding != "deflate" or not self._fresh:
                raise
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, no zlib header
            out = self._z.decompress(data, room)
        self._fresh = False
        self._tail = self._z.unconsumed_tail
        if self._z.eof and self._z.unused_data and self.coding != "deflate":
            self._tail = self._z.unused_data  # another gzip member follows
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        return out


def _read_capped(stream: Any, cap: int, start: bytes = b"") -> tuple[bytes, str | None]:
    body = start + stream.read(cap + 1 - len(start))
    return (b"", TOO_LARGE) if len(body) > cap else (body, None)


def decoded_payload(record: Any, cap: int = MAX_DECODED_BYTES) -> tuple[bytes, str | None]:
    """A response record's payload with chunked framing and gzip/deflate/br content coding
    undone, never holding more than ``cap`` decoded bytes: ``(body, None)``, or
    ``(b"", "decoded_body_too_large")`` past the cap. A coding that fails to decode gives
    the payload as stored (bounded the same way)."""
    http = record.http_headers
    stream = record.raw_stream
    if http is None:
        return _read_capped(stream, cap)
    if (http.get_header("transfer-encoding") or "").lower() == "chunked":
        stream = ChunkedDataReader(stream)
    coding = (http.get_header("content-encoding") or "").strip().lower()
    if coding not in ("gzip", "x-gzip", "deflate", "br"):
        return _read_capped(stream, cap)
    decoder = _Decoder(coding)
    pieces: list[bytes] = []
    size = 0
    consumed = bytearray()  # the stored bytes read so far, for the fallback
    try:
        while size <= cap:
            room = min(_PIECE, cap + 1 - size)
            if decoder.pending():
                piece = decoder.decode(b"", room)
            else:
                chunk = stream.read(_BLOCK)
                if not chunk:
                    break
                if len(consumed) <= cap:
                    consumed += chunk
                piece = decoder.decode(chunk, room)
            pieces.append(piece)
            size += len(piece)
    except (zlib.error, brotli.error):
        pieces.clear()
        return _read_capped(stream, cap, bytes(consumed)) if len(consumed) <= cap \
            else (b"", TOO_LARGE)
    return (b"", TOO_LARGE) if size > cap else (b"".join(pieces), None)


BAD_STATUS = "bad_http_status"
BAD_HEADERS = "bad_http_headers"
UNREADABLE_RECORD = "record_unreadable"


def http_status(http: Any) -> int | None:
    """The record's HTTP status code, or None if it is missing, not a number or not a
    three-digit code (a status line such as ``99999999999 OK`` or ``abc OK``)."""
    try:
        code = int(http.get_statuscode()) if http else None
    except (TypeError, ValueError):
        return None
    return code if code is not None and 100 <= code <= 999 else None


def _to_raw(record: Any, cap: int = MAX_DECODED_BYTES) -> RawResponse:
    """One response record, decoded; a record whose status or payload cannot be read keeps
    its reason in ``error`` (``bad_http_status``, ``record_unreadable:<error>``) instead of
    stopping the walk, so one bad record never costs its neighbours."""
    http = record.http_headers
    headers = {k.lower(): v for k, v in http.headers} if http else {}
    status = http_status(http)
    url = record.rec_headers.get_header("WARC-Target-URI")
    when = record.rec_headers.get_header("WARC-Date")
    if http is not None and status is None:
        return RawResponse(url=url, status=0, headers=headers, body=b"", warc_date=when,
                           error=BAD_STATUS)
    try:
        body, error = decoded_payload(record, cap)
    except (ValueError, EOFError, OSError) as exc:
        body, error = b"", f"{UNREADABLE_RECORD}:{type(exc).__name__}"
    return RawResponse(url=url, status=status or 0, headers=headers, body=body,
                       warc_date=when, error=error)


@dataclass(frozen=True)
class RecordInfo:
    """One complete record of a WARC file."""

    offset: int
    length: int
    rec_type: str
    url: str | None


@dataclass
class WarcScan:
    """What :func:`verify_warc` (or a finished :func:`iter_responses`) found in a file.

    ``records`` are the complete records in order. ``torn_at`` is the offset where an
    incomplete or unreadable tail starts (``None`` if the file ends cleanly), ``reason``
    says why: ``record_truncated`` (payload shorter than its Content-Length),
    ``gzip_member_incomplete`` (the record's gzip member has no end), ``trailing_bytes``
    (bytes that are no record) or ``unreadable:<error>``.
    """

    path: str
    size: int = 0
    records: list[RecordInfo] = field(default_factory=list)
    torn_at: int | None = None
    reason: str | None = None
    torn_url: str | None = None  # the torn record's target URI, if its headers were read

    @property
    def complete(self) -> bool:
        return self.torn_at is None

    @property
    def responses(self) -> list[RecordInfo]:
        return [r for r in self.records if r.rec_type == "response"]


def _record_complete(it: ArchiveIterator, record: Any) -> str | None:
    """After ``it.read_to_end()``: why the current record is incomplete, or None."""
    if getattr(record.raw_stream, "limit", 0) > 0:
        return "record_truncated"
    decompressor = it.reader.decompressor if it.reader else None
    if decompressor is not None and not getattr(decompressor, "eof", True):
        return "gzip_member_incomplete"
    return None


_HTTP_LOADER = ArcWarcRecordLoader()


def _parse_http(record: Any) -> str | None:
    """Read a record's HTTP status line and headers (as warcio would, but per record: a
    response with no target URI, or a status line warcio cannot parse, would otherwise
    stop the whole walk). Returns the reason the record is unreadable, or None."""
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    try:
        record.http_headers = _HTTP_LOADER.load_http_headers(
            record.rec_type, uri, record.raw_stream, record.length)
    except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on bad headers
        return f"{BAD_HEADERS}:{type(exc).__name__}"
    return None


def _walk(path: Path | str, scan: WarcScan, decode: bool
          ) -> Iterator[tuple[RecordInfo, RawResponse | None]]:
    """Complete records of a WARC file (decoded responses if ``decode``); fills ``scan``.
    A record whose HTTP part is unreadable comes back with that reason in ``error``."""
    with open(path, "rb") as fh:
        scan.size = os.fstat(fh.fileno()).st_size
        end = 0
        it = ArchiveIterator(fh, no_record_parse=True)
        try:
            for record in it:
                bad = _parse_http(record)
                raw = None
                if decode and record.rec_type == "response":
                    raw = _to_raw(record) if bad is None else RawResponse(
                        url=record.rec_headers.get_header("WARC-Target-URI"), status=0,
                        headers={}, body=b"",
                        warc_date=record.rec_headers.get_header("WARC-Date"), error=bad)
                it.read_to_end()
                offset, length = it.get_record_offset(), it.get_record_length()
                url = record.rec_headers.get_header("WARC-Target-URI")
                why = _record_complete(it, record)
                if why:
                    scan.torn_at, scan.reason, scan.torn_url = offset, why, url
                    return
                end = offset + length
                info = RecordInfo(offset, length, record.rec_type, url)
                scan.records.append(info)
                yield info, raw
        except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on a torn file
            scan.torn_at, scan.reason = end, f"unreadable:{type(exc).__name__}"
            return
        if end < scan.size and not _blank_tail(fh, end, scan.size):
            scan.torn_at, scan.reason = end, "trailing_bytes"


def _blank_tail(fh: Any, start: int, size: int) -> bool:
    """True if an uncompressed WARC's last bytes are only the blank lines after a record."""
    if size - start > 16:
        return False
    fh.seek(start)
    return not fh.read().strip(b"\r\n")


def verify_warc(path: Path | str) -> WarcScan:
    """Walk a WARC file: its complete records, and whether (and where) a torn tail starts."""
    scan = WarcScan(str(path))
    for _ in _walk(path, scan, decode=False):
        pass
    return scan


def read_record(path: Path | str, offset: int) -> RawResponse:
    """Read the complete response record that starts at ``offset`` in a WARC file."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        it = ArchiveIterator(fh)
        for record in it:
            if record.rec_type != "response":
                break
            raw = _to_raw(record)
            it.read_to_end()
            why = _record_complete(it, record)
            if why:
                raise ValueError(f"incomplete WARC record at {path}:{offset} ({why})")
            return raw
    raise ValueError(f"no WARC response record at {path}:{offset}")


def iter_responses(path: Path | str, scan: WarcScan | None = None
                   ) -> Iterator[tuple[int, RawResponse]]:
    """Every complete response record of a WARC file with its offset (for replay and inbox
    imports). Stops cleanly at a torn tail; pass ``scan`` to learn where it starts."""
    for info, raw in _walk(path, scan if scan is not None else WarcScan(str(path)), True):
        if raw is not None:
            yield info.offset, raw
