"""The clean stage over the archive: fetched release pages become ``articles`` rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from crawlers.archive import read_record
from crawlers.records import Article, Page
from pipelines.clean.decode import decode_body, scrub
from pipelines.clean.extract import CleanResult, clean_html
from pipelines.dedupe.exact import content_hash
from pipelines.dedupe.urls import declared_canonical, resolve_canonicals
from pipelines.parallel import parallel_map
from plumbing.faults import crash_point


def _read_and_clean(task: tuple[str, int, str]) -> tuple[str | None, CleanResult | str]:
    """Worker: read one archived response, decode it and clean it.

    Returns ``(encoding, result)``, or ``(None, reason)`` if the record cannot be read.
    """
    path, offset, url = task
    crash_point("clean.page")
    try:
        raw = read_record(path, offset)
        if raw.error:  # e.g. decoded_body_too_large: a bomb is refused, not expanded
            return None, raw.error
        html, encoding = decode_body(raw.body, raw.headers.get("content-type"))
    except Exception as exc:  # noqa: BLE001 - one bad record never stops the run
        return None, f"warc_unreadable:{type(exc).__name__}"
    return encoding, clean_html(html, url)


# ``known_texts(canonical URLs)``: ``(canonical_url, body_text)`` of pages already loaded
# under those canonical URLs (the warehouse's, for the host), so that a declared canonical
# shared with an earlier, different page is not trusted either.
KnownTexts = Callable[[list[str]], Iterable[tuple[str, str]]]


def _canonicals(done: list[tuple[Page, CleanResult]], known_texts: KnownTexts | None
                ) -> list[str]:
    """Each cleaned page's canonical URL (:func:`pipelines.dedupe.urls.resolve_canonicals`
    over this batch and what is already loaded)."""
    claims = [(page.base_url, result.canonical_url,
               content_hash(result.body_text) if result.ok and result.body_text else None)
              for page, result in done]
    declared = sorted({c for url, decl, _ in claims if (c := declared_canonical(url, decl))})
    known: dict[str, set[str]] = defaultdict(set)
    if known_texts is not None and declared:
        for canonical, text in known_texts(declared):
            known[canonical].add(content_hash(text or ""))
    return resolve_canonicals(claims, known)


class Cleaned(NamedTuple):
    """What :func:`clean_pages` gives: every page (the fetched ones with what cleaning
    learnt, or a reason) and the ``articles`` rows of those that cleaned."""

    pages: list[Page]
    articles: list[Article]


def clean_pages(pages: Sequence[Page], data_dir: Path, workers: int | None = None,
                known_texts: KnownTexts | None = None) -> Cleaned:
    """Read each fetched release page from the archive and clean it, in parallel.

    Pages that cannot be read or cleaned get a reason. A page's declared canonical URL is
    kept only if no different page (in this batch, or loaded before: ``known_texts``)
    claims it too.
    """
    out = {p.page_id: p for p in pages}
    todo = [p for p in pages if p.fetched]
    tasks = [(str(data_dir / (p.warc_file or "")), int(p.warc_offset or 0), p.base_url)
             for p in todo]
    done: list[tuple[Page, CleanResult]] = []
    for page, (encoding, result) in zip(todo, parallel_map(_read_and_clean, tasks, workers),
                                        strict=True):
        if isinstance(result, str):
            out[page.page_id] = page.failed(result)
            continue
        done.append((replace(page, encoding=encoding), result))
    articles = []
    for (page, result), canonical in zip(done, _canonicals(done, known_texts), strict=True):
        page = out[page.page_id] = replace(page, canonical_url=canonical)
        if not result.ok or not result.body_text:
            out[page.page_id] = page.failed(result.reason or "no_text_extracted")
            continue
        articles.append(Article(**scrub({  # stored text: no control characters, valid UTF-8
            "article_id": page.page_id,
            "page_id": page.page_id,
            "source_id": page.source_id,
            "url": page.base_url,
            "canonical_url": page.canonical_url,
            "title": result.title or page.feed_title,
            "author": result.author,
            "page_date": result.date,
            "page_published": result.published,
            "sitename": result.sitename,
            "language": result.language,
            "description": result.description,
            "body_text": result.body_text,
            "extractor": result.extractor,
            "extractor_version": result.extractor_version,
            "choice_reason": result.choice_reason,
        })))
    return Cleaned(list(out.values()), articles)
