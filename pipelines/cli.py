"""The ``wiredesk`` command: thin doors onto the stages, the demo and the simulator."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Any

import typer

app = typer.Typer(help="wiredesk: press releases from the wires into DuckDB.",
                  no_args_is_help=True, add_completion=False)


def _json_default(value: Any) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _dump(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=_json_default) + "\n")


@app.command()
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
            _dump({"url": doc_url, **result.to_dict()})
        return
    html, _ = decode_body(sys.stdin.buffer.read(), None)
    result = clean_html(html, url)
    if as_json:
        _dump(result.to_dict())
    elif result.ok:
        sys.stdout.write((result.body_text or "") + "\n")
    else:
        typer.echo(f"error: could not clean the page: {result.reason}", err=True)
        raise typer.Exit(1)


@app.command()
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
                _dump(parse_release(doc.get("text") or "", title=doc.get("title")).to_dict())
        return
    parsed = parse_release(sys.stdin.read(), title=title)
    if as_json:
        _dump(parsed.to_dict())
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


@app.command()
def demo(
    releases: int = typer.Option(300, help="Size of the simulated network."),
    seed: int = typer.Option(7, help="Seed of the simulated network."),
) -> None:
    """Run the whole pipeline over the simulated wire network and show what landed."""
    from pipelines.demo import run_demo

    run_demo(releases=releases, seed=seed)


@app.command()
def simulate(
    releases: int = typer.Option(300, help="Number of releases."),
    seed: int = typer.Option(7, help="Seed: the same seed gives the same network."),
    port: int = typer.Option(8765, help="Port on 127.0.0.1."),
) -> None:
    """Serve the simulated wire network on 127.0.0.1 until Ctrl-C."""
    import time

    from crawlers.simulator import SimulatorServer, WireNetwork

    with SimulatorServer(WireNetwork(n_releases=releases, seed=seed), port=port) as sim:
        typer.echo(f"simulated wire network: proxy {sim.proxy_url} (Ctrl-C stops)")
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    app()
