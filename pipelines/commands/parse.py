"""``wiredesk parse``: the parse stage on release text from stdin."""

from __future__ import annotations

import json
import sys

import typer

from pipelines.commands import dump_json_line


def parse(
    title: str = typer.Option(None, "--title", help="The release's headline, if known."),
    as_json: bool = typer.Option(False, "--json", help="Print every field as JSON."),
    jsonl: bool = typer.Option(False, "--jsonl",
                               help='Read {"text": ...} lines; write JSON lines.'),
) -> None:
    """Parse one release's text from stdin: dateline, agency, tickers, main body."""
    from pipelines.parse.release import parse_release

    if jsonl:
        for line in sys.stdin:
            if line.strip():
                doc = json.loads(line)
                dump_json_line(
                    parse_release(doc.get("text") or "", title=doc.get("title")).to_dict())
        return
    parsed = parse_release(sys.stdin.read(), title=title)
    if as_json:
        dump_json_line(parsed.to_dict())
        return
    dl = parsed.dateline
    typer.echo(f"dateline: {dl.raw if dl else '-'}")
    if dl:
        typer.echo(f"  city={dl.city} region={dl.region} country={dl.country} "
                   f"date={dl.date} agency={dl.agency}")
    typer.echo(f"agency: {parsed.agency or '-'}")
    typer.echo(f"tickers: {', '.join(parsed.tickers) or '-'}")
    typer.echo("")
    typer.echo(parsed.body_main)


def register(app: typer.Typer) -> None:
    app.command()(parse)
