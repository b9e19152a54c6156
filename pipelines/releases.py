"""The parse stage over articles: parsed releases, copies within a source collapsed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from crawlers.dates import as_date, parse_timestamp
from crawlers.records import Article, Page
from crawlers.registry import Source
from pipelines.clean.decode import scrub, scrub_text
from pipelines.clean.extract import EXTRACTOR_VERSION
from pipelines.clean.guard import PageTimeout, time_limit
from pipelines.dedupe.exact import content_hash
from pipelines.dedupe.urls import normalise_url
from pipelines.ids import stable_id
from pipelines.parse.release import ParsedRelease, parse_release
from pipelines.published import dateline_day, reconcile_with_notes

# Wall-clock seconds one release may take to parse (the parsers are linear and take well
# under a second on the 200k characters they read; this bounds what was missed).
PARSE_TIME_LIMIT = 20.0


def parse_guarded(text: str | None, title: str | None = None,
                  seconds: float = PARSE_TIME_LIMIT) -> ParsedRelease:
    """:func:`parse_release` within ``seconds``; a release that takes longer comes back
    with its text unparsed and ``parse_status`` ``timeout``, and the run goes on."""
    try:
        with time_limit(seconds):
            return parse_release(text, title=title)
    except PageTimeout:
        return ParsedRelease(dateline=None, agency=None, parse_status="timeout")


def release_rows(
    articles: Sequence[Article], pages: Sequence[Page], carrier: str
) -> list[dict[str, Any]]:
    """Parse each article and collapse copies within the source into releases.

    Pages sharing a canonical URL, or whose main text is identical, are one release:
    the earliest fetched page represents it, and every URL is kept in ``urls``.
    """
    by_page = {p.page_id: p for p in pages}
    parsed_rows = []
    for art in articles:
        page = by_page[art.page_id]
        hint = (parse_timestamp(page.feed_published)
                or parse_timestamp(art.page_published)
                or parse_timestamp(art.page_date))
        first_seen = page.fetched_at
        # stored text holds no control characters or lone surrogates; scrubbed before the
        # parse so that mention offsets point into the stored body
        body_text = scrub_text(art.body_text or "")
        title = scrub_text(art.title) if isinstance(art.title, str) else None
        parsed = parse_guarded(body_text, title)
        dl = parsed.dateline
        published_at, offset, evidence, date_note = reconcile_with_notes(
            page.feed_published, art.page_published or art.page_date,
            dateline_day(dl.date, dl.month_day, hint or first_seen) if dl else None,
            dateline_time=dl.time if dl else None, dateline_zone=dl.zone if dl else None,
            dateline_country=dl.country if dl else None, first_seen=first_seen,
        )
        body_main = parsed.body_main or body_text
        release_id = stable_id(page.source_id, art.canonical_url)
        parsed_rows.append(scrub({
            "release_id": release_id,
            "article_id": art.article_id,
            "source_id": page.source_id,
            "run_id": page.run_id,
            "canonical_url": art.canonical_url,
            "urls": [page.url],
            "page_ids": [page.page_id],
            "title": title,
            "dateline_raw": dl.raw if dl else None,
            "dateline_location": dl.location if dl else None,
            "dateline_city": dl.city if dl else None,
            "dateline_region": dl.region if dl else None,
            "dateline_country": dl.country if dl else None,
            "dateline_date": as_date(dl.date) if dl else None,
            "dateline_month_day": dl.month_day if dl else None,
            "dateline_time": dl.time if dl else None,
            "dateline_zone": dl.zone if dl else None,
            "headline": parsed.headline,
            "ticker_companies": parsed.ticker_details or None,
            "subheadline": parsed.subheadline,
            "language": parsed.language,
            "boilerplate_kinds": parsed.boilerplate_kinds,
            "parse_status": parsed.parse_status,
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
            "published_note": date_note,
            "first_seen_at": page.fetched_at,
            "warc_file": page.warc_file,
            "warc_offset": page.warc_offset,
            "extractor_version": art.extractor_version or EXTRACTOR_VERSION,
            "parser_version": parsed.parser_version,
            **structure_rows(release_id, parsed.to_dict()),
        }))
    return collapse(parsed_rows)


def structure_rows(release_id: str, parsed: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The ``entities``, ``mentions`` and ``contacts`` rows of one parsed release."""
    entities = [{k: e[k] for k in ("entity_id", "kind", "name", "acronym", "country", "extra")}
                for e in parsed["entities"]]
    mentions, seen = [], set()
    for m in parsed["mentions"]:
        key = (m["start"], m["entity_id"])
        if key in seen:
            continue
        seen.add(key)
        mentions.append({"release_id": release_id, "entity_id": m["entity_id"],
                         "kind": m["kind"], "surface": m["surface"], "start_offset": m["start"],
                         "end_offset": m["end"], "title": m["title"], "role": m["role"],
                         "role_org_id": m["role_org_id"]})
    contacts = [{"release_id": release_id, "position": i, **c}
                for i, c in enumerate(parsed["contacts"])]
    return {"entities": entities, "mentions": mentions, "contacts": contacts}


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


def carrier_groups(articles: Sequence[Article], sources: Mapping[str, Source],
                   fallback: str) -> dict[str, list[Article]]:
    """Articles by carrier: the registry source's name, else the page's host (inbox
    pages), else ``fallback``."""
    groups: dict[str, list[Article]] = defaultdict(list)
    for art in articles:
        src = sources.get(art.source_id)
        groups[src.name if src else urlsplit(art.url).hostname or fallback].append(art)
    return groups


def partition_releases(articles: Sequence[Article], pages: Sequence[Page],
                       sources: Mapping[str, Source], fallback: str) -> list[dict[str, Any]]:
    """The releases of one partition: :func:`release_rows` per carrier
    (:func:`carrier_groups`), so copies collapse within a carrier, never across."""
    return [r for carrier, group in carrier_groups(articles, sources, fallback).items()
            for r in release_rows(group, pages, carrier=carrier)]
