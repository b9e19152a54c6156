"""The raw archive: WARC files written as responses arrive, and read back by offset.

Nothing here depends on Scrapy, so the clean stage and the inbox sensor can replay
archives written by any crawler.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# Hop-by-hop framing that no longer describes the stored payload.
_DROP_HEADERS = {"transfer-encoding"}


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
    """A response read back from the archive, with its payload decoded of transfer codings."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    warc_date: str | None = None


class WarcArchiveWriter:
    """Append-only WARC writer for one crawl run, rotating files past ``max_bytes``."""

    def __init__(self, run_dir: Path, data_dir: Path, prefix: str, max_bytes: int) -> None:
        self.run_dir = run_dir
        self.data_dir = data_dir
        self.prefix = prefix
        self.max_bytes = max_bytes
        self._index = -1
        self._fh: io.BufferedWriter | None = None
        self._writer: WARCWriter | None = None
        self.files: list[str] = []
        run_dir.mkdir(parents=True, exist_ok=True)

    def _open_next(self) -> None:
        self.close()
        self._index += 1
        path = self.run_dir / f"{self.prefix}-{self._index:05d}.warc.gz"
        self._fh = open(path, "ab")  # noqa: SIM115 - kept open for the run
        self._writer = WARCWriter(self._fh, gzip=True)
        self.files.append(str(path.relative_to(self.data_dir)))
        info = self._writer.create_warcinfo_record(
            path.name, {"software": "wiredesk", "format": "WARC File Format 1.1"}
        )
        self._writer.write_record(info)
        self._fh.flush()

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
        """Archive one HTTP response as received and return where it landed."""
        if self._fh is None or self._fh.tell() >= self.max_bytes:
            self._open_next()
        assert self._fh is not None and self._writer is not None
        kept = [(k, v) for k, v in headers if k.lower() not in _DROP_HEADERS]
        http_headers = StatusAndHeaders(f"{status} {reason}".strip(), kept, protocol=protocol)
        warc_headers = {"WARC-Date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")}
        for key, value in (extra or {}).items():
            warc_headers[f"WARC-Wiredesk-{key}"] = value
        record = self._writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        offset = self._fh.tell()
        self._writer.write_record(record)
        self._fh.flush()
        return WarcLocation(
            file=self.files[-1],
            offset=offset,
            length=self._fh.tell() - offset,
            sha256=hashlib.sha256(body).hexdigest(),
            size=len(body),
        )

    def close(self) -> None:
        """Flush and close the current file."""
        if self._fh is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            self._fh = None
            self._writer = None


def _to_raw(record) -> RawResponse:  # noqa: ANN001 - warcio record
    headers = {k.lower(): v for k, v in record.http_headers.headers} if record.http_headers else {}
    status = int(record.http_headers.get_statuscode() or 0) if record.http_headers else 0
    # content_stream() undoes chunked and gzip/deflate/br content codings.
    try:
        body = record.content_stream().read()
    except Exception:  # noqa: BLE001 - a broken coding falls back to the raw payload
        body = record.raw_stream.read()
    return RawResponse(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        status=status,
        headers=headers,
        body=body,
        warc_date=record.rec_headers.get_header("WARC-Date"),
    )


def read_record(path: Path | str, offset: int) -> RawResponse:
    """Read the response record that starts at ``offset`` in a WARC file."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            if record.rec_type == "response":
                return _to_raw(record)
            break
    raise ValueError(f"no WARC response record at {path}:{offset}")


def iter_responses(path: Path | str) -> Iterator[tuple[int, RawResponse]]:
    """Every response record of a WARC file with its offset (for replay and inbox imports)."""
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        for record in it:
            if record.rec_type == "response":
                raw = _to_raw(record)  # read first: get_record_offset() skips the payload
                yield it.get_record_offset(), raw
