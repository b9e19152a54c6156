"""From a crawl run's manifest to warehouse rows: pages, articles and releases.

Plain functions over plain dicts; the Dagster assets call them in order, and so can
anyone replaying an archive by hand.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawlers.archive import read_record
from pipelines.clean.decode import decode_body
from pipelines.clean.extract import EXTRACTOR_VERSION, CleanResult, clean_html
from pipelines.dedupe.exact import content_hash
from pipelines.dedupe.stories import stable_id
from pipelines.dedupe.urls import canonical_url, normalise_url
from pipelines.parallel import parallel_map
from pipelines.parse.release import parse_release
from pipelines.published import as_date, parse_timestamp, reconcile_published


def read_manifest(path: Path | str) -> list[dict[str, Any]]:
    """The manifest's records; a torn last line (crash mid-write) is skipped."""
    records = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return records


def page_rows(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One ``pages`` row per manifest record, with outcome and reason."""
    rows: dict[str, dict[str, Any]] = {}
    for rec in records:
        key = rec.get("sha256") or rec.get("reason") or ""
        page_id = stable_id(rec["source_id"], rec["url"], rec.get("final_url") or "", key)
        outcome = "ok"
        if rec.get("reason"):
            outcome = "skipped" if rec.get("status") is None else "error"
        rows[page_id] = {
            "page_id": page_id,
            "source_id": rec["source_id"],
            "run_id": rec["run_id"],
            "url": rec["url"],
            "final_url": rec.get("final_url"),
            "canonical_url": None,
            "role": rec.get("role") or "release",
            "discovered_via": rec.get("discovered_via"),
            "discovered_from": rec.get("discovered_from"),
            "feed_published": rec.get("feed_published"),
            "feed_title": rec.get("feed_title"),
            "status": rec.get("status"),
            "content_type": rec.get("content_type"),
            "encoding": None,
            "fetched_at": parse_timestamp(rec.get("fetched_at")) or datetime.now(UTC),
            "warc_file": rec.get("warc_file"),
            "warc_offset": rec.get("warc_offset"),
            "warc_length": rec.get("warc_length"),
            "sha256": rec.get("sha256"),
            "size": rec.get("size"),
            "outcome": outcome,
            "reason": rec.get("reason"),
        }
    return list(rows.values())


def fail(page: dict[str, Any], reason: str) -> None:
    """Mark a page as unusable, keeping the first reason given."""
    page["outcome"] = "error"
    page["reason"] = page.get("reason") or reason


def _read_and_clean(task: tuple[str, int, str]) -> tuple[str | None, CleanResult | str]:
    """Worker: read one archived response, decode it and clean it.

    Returns ``(encoding, result)``, or ``(None, reason)`` if the record cannot be read.
    """
    path, offset, url = task
    try:
        raw = read_record(path, offset)
        html, encoding = decode_body(raw.body, raw.headers.get("content-type"))
    except Exception as exc:  # noqa: BLE001 - one bad record never stops the run
        return None, f"warc_unreadable:{type(exc).__name__}"
    return encoding, clean_html(html, url)


def clean_pages(pages: Sequence[dict[str, Any]], data_dir: Path, workers: int | None = None
                ) -> list[dict[str, Any]]:
    """Read each fetched release page from the archive and clean it, in parallel.

    Returns ``articles`` rows; pages that cannot be read or cleaned get a reason.
    """
    todo = [p for p in pages if p["role"] == "release" and p["outcome"] == "ok"]
    tasks = [(str(data_dir / p["warc_file"]), int(p["warc_offset"]),
              p.get("final_url") or p["url"]) for p in todo]
    articles = []
    for page, (encoding, result) in zip(todo, parallel_map(_read_and_clean, tasks, workers),
                                        strict=True):
        if isinstance(result, str):
            fail(page, result)
            continue
        page["encoding"] = encoding
        base_url = page.get("final_url") or page["url"]
        page["canonical_url"] = canonical_url(base_url, result.canonical_url)
        if not result.ok or not result.body_text:
            fail(page, result.reason or "no_text_extracted")
            continue
        articles.append({
            "article_id": page["page_id"],
            "page_id": page["page_id"],
            "source_id": page["source_id"],
            "url": base_url,
            "canonical_url": page["canonical_url"],
            "title": result.title or page.get("feed_title"),
            "author": result.author,
            "page_date": result.date,
            "page_published": result.published,
            "sitename": result.sitename,
            "language": result.language,
            "description": result.description,
            "body_text": result.body_text,
            "extractor": result.extractor,
            "extractor_version": result.extractor_version,
        })
    return articles


def release_rows(
    articles: Sequence[dict[str, Any]], pages: Sequence[dict[str, Any]], carrier: str
) -> list[dict[str, Any]]:
    """Parse each article and collapse copies within the source into releases.

    Pages sharing a canonical URL, or whose main text is identical, are one release:
    the earliest fetched page represents it, and every URL is kept in ``urls``.
    """
    by_page = {p["page_id"]: p for p in pages}
    parsed_rows = []
    for art in articles:
        page = by_page[art["page_id"]]
        hint = (parse_timestamp(page.get("feed_published"))
                or parse_timestamp(art.get("page_published"))
                or parse_timestamp(art["page_date"]))
        parsed = parse_release(art["body_text"], title=art["title"], published_hint=hint)
        dl = parsed.dateline
        published_at, offset, evidence = reconcile_published(
            page.get("feed_published"), art.get("page_published") or art["page_date"],
            dl.date if dl else None,
        )
        body_main = parsed.body_main or art["body_text"]
        parsed_rows.append({
            "release_id": stable_id(page["source_id"], art["canonical_url"]),
            "article_id": art["article_id"],
            "source_id": page["source_id"],
            "run_id": page["run_id"],
            "canonical_url": art["canonical_url"],
            "urls": [page["url"]],
            "page_ids": [page["page_id"]],
            "title": art["title"],
            "dateline_raw": dl.raw if dl else None,
            "dateline_location": dl.location if dl else None,
            "dateline_city": dl.city if dl else None,
            "dateline_region": dl.region if dl else None,
            "dateline_country": dl.country if dl else None,
            "dateline_date": as_date(dl.date) if dl else None,
            "agency": parsed.agency,
            "carrier": carrier,
            "tickers": parsed.tickers,
            "lead": parsed.lead,
            "body_main": body_main,
            "boilerplate": parsed.boilerplate,
            "content_hash": content_hash(body_main),
            "published_at": published_at,
            "published_offset": offset,
            "published_from": evidence,
            "first_seen_at": page["fetched_at"],
            "warc_file": page["warc_file"],
            "warc_offset": page["warc_offset"],
            "extractor_version": art["extractor_version"] or EXTRACTOR_VERSION,
            "parser_version": parsed.parser_version,
        })
    return collapse(parsed_rows)


def collapse(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge rows that share a canonical URL or a content hash (union of both)."""
    rows = sorted(rows, key=lambda r: (r["first_seen_at"], r["canonical_url"]))
    kept: list[dict[str, Any]] = []
    index: dict[str, dict[str, Any]] = {}
    for row in rows:
        keys = ["url:" + normalise_url(row["canonical_url"]), "hash:" + row["content_hash"]]
        target = next((index[k] for k in keys if k in index), None)
        if target is None:
            kept.append(row)
            target = row
        else:
            target["urls"] = sorted(set(target["urls"]) | set(row["urls"]))
            target["page_ids"] = sorted(set(target["page_ids"]) | set(row["page_ids"]))
        for key in keys:
            index.setdefault(key, target)
    return kept


def reason_counts(pages: Iterable[dict[str, Any]]) -> dict[str, int]:
    """How many pages ended with each reason (``ok`` for usable ones)."""
    counts: dict[str, int] = {}
    for page in pages:
        key = page["reason"] or "ok"
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))
