"""``wiredesk demo`` and ``wiredesk simulate``: the simulated wire network."""

from __future__ import annotations

import typer


def demo(
    releases: int = typer.Option(300, help="Size of the simulated network."),
    seed: int = typer.Option(7, help="Seed of the simulated network."),
    proxy: str = typer.Option("", help="Crawl a simulator already serving at this URL "
                              "(built with the same --releases and --seed) instead of "
                              "starting one."),
) -> None:
    """Run the whole pipeline over the simulated wire network and show what landed."""
    from pipelines.demo import run_demo

    run_demo(releases=releases, seed=seed, proxy=proxy or None)


def simulate(
    releases: int = typer.Option(300, help="Number of releases."),
    seed: int = typer.Option(7, help="Seed: the same seed gives the same network."),
    port: int = typer.Option(8765, help="Port on 127.0.0.1."),
) -> None:
    """Serve the simulated wire network on 127.0.0.1 until Ctrl-C."""
    import time

    from simulator import SimulatorServer, WireNetwork

    with SimulatorServer(WireNetwork(n_releases=releases, seed=seed), port=port) as sim:
        typer.echo(f"simulated wire network: proxy {sim.proxy_url} (Ctrl-C stops)")
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass


def register(app: typer.Typer) -> None:
    app.command()(demo)
    app.command()(simulate)
