"""``wiredesk clean``: the clean stage on HTML from stdin."""

from __future__ import annotations

import json
import sys

import typer

from pipelines.commands import dump_json_line


def clean(
    url: str = typer.Option(None, "--url", help="The page's URL (resolves relative links)."),
    as_json: bool = typer.Option(False, "--json", help="Print every field as JSON."),
    jsonl: bool = typer.Option(False, "--jsonl",
                               help='Read {"url": ..., "html": ...} lines; write JSON lines.'),
) -> None:
    """Clean one HTML page from stdin and print its body text."""
    from pipelines.clean.decode import decode_body
    from pipelines.clean.extract import clean_html, clean_many

    if jsonl:
        docs = []
        for line in sys.stdin:
            if line.strip():
                doc = json.loads(line)
                docs.append((doc.get("html") or "", doc.get("url")))
        for (_, doc_url), result in zip(docs, clean_many(docs), strict=True):
            dump_json_line({"url": doc_url, **result.to_dict()})
        return
    html, _ = decode_body(sys.stdin.buffer.read(), None)
    result = clean_html(html, url)
    if as_json:
        dump_json_line(result.to_dict())
    elif result.ok:
        sys.stdout.write((result.body_text or "") + "\n")
    else:
        typer.echo(f"error: could not clean the page: {result.reason}", err=True)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(clean)
