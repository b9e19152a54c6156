"""``wiredesk parse``: the parse stage on release text from stdin."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

from pipelines.commands import dump_json_line, say


def parsed_json(text: str, title: str | None = None, url: str | None = None,
                published: str | None = None) -> dict[str, Any]:
    """The JSON document printed for one release: every parsed field plus published_at."""
    from crawlers.dates import parse_timestamp
    from pipelines.parse.dates import find_dates
    from pipelines.published import dateline_day, reconcile_published
    from pipelines.releases import parse_guarded

    parsed = parse_guarded(text, title)
    dl = parsed.dateline
    day = None
    if dl is not None:  # a year-less dateline takes its year from the feed, else the text
        hint = parse_timestamp(published) or next(iter(find_dates(text[:600], limit=1)), None)
        day = dateline_day(dl.date, dl.month_day, hint)
    when, offset, evidence = reconcile_published(
        published, None, day, dateline_time=dl.time if dl else None,
        dateline_zone=dl.zone if dl else None, dateline_country=dl.country if dl else None)
    doc = parsed.to_dict()
    return {"url": url, **doc, "published_at": when.isoformat() if when else None,
            "published_offset": offset, "published_from": evidence}


def parse(
    title: str = typer.Option(None, "--title", help="The release's headline, if known."),
    published: str = typer.Option(None, "--published", help="Feed or page timestamp."),
    as_json: bool = typer.Option(False, "--json", help="Print every field as JSON."),
    jsonl: bool = typer.Option(False, "--jsonl", help='Read {"text", "url", "published_at"} '
                               "lines; write one JSON line each."),
) -> None:
    """Parse one release's text from stdin: dateline, time, structure, tickers, entities."""
    if jsonl:
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError:
                dump_json_line({"parse_status": "bad_json_line"})
                continue
            dump_json_line(parsed_json(str(doc.get("text") or ""), doc.get("title"),
                                       doc.get("url"), doc.get("published_at")))
        return
    data = parsed_json(sys.stdin.read(), title, None, published)
    if as_json:
        dump_json_line(data)
        return
    dl = data["dateline"]
    say(f"dateline: {(dl['raw'] if dl else None) or '-'}  [{data['parse_status']}]")
    if dl and dl["raw"]:
        say(f"  city={dl['city']} region={dl['region']} country={dl['country']} "
                   f"date={dl['date']} month_day={dl['month_day']} agency={dl['agency']}")
    say(f"agency: {data['agency'] or '-'}  published_at: {data['published_at'] or '-'}"
               f"  language: {data['language'] or '-'}")
    say(f"tickers: {', '.join(data['tickers']) or '-'}")
    for ent in data["entities"]:
        say(f"  {ent['kind']}: {ent['name']}"
                   + (f" ({ent['acronym']})" if ent["acronym"] else ""))
    say("")
    say(data["body_main"])


def register(app: typer.Typer) -> None:
    app.command()(parse)
