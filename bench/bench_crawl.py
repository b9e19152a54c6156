"""Benchmark: the real release spider (archiving on) against a bare Scrapy spider.

    .venv/bin/python bench/bench_crawl.py --releases 2000 [--repeat 3]

Both crawl the simulated wire network on loopback with politeness at zero delay and the
same per-domain concurrency, one source at a time, in the same run: first the real
spider (discovery, robots.txt, address guard, conditional GET, WARC archive, manifest),
then a bare ``scrapy.Spider`` that only fetches the very URLs the real one fetched.
Pages per second come from each crawl's own Scrapy stats (``elapsed_time_seconds``), so
interpreter start-up is left out of both. Figures are medians over ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawlers.registry import enabled_sources  # noqa: E402
from pipelines.crawl import SIMULATED_SETTINGS, run_crawl  # noqa: E402
from pipelines.manifest import read_manifest  # noqa: E402
from simulator import SimulatorServer, WireNetwork  # noqa: E402
from simulator.registry import use_simulated_sources  # noqa: E402

use_simulated_sources()  # the simulated sources, for this process and its crawls

ZERO_DELAY = {**SIMULATED_SETTINGS, "AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0",
              "LOG_LEVEL": "WARNING"}


def bare_crawl(urls_file: Path, proxy: str, out: Path) -> None:
    """(Subprocess) fetch every URL of the file with a bare spider; write its stats."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    urls = urls_file.read_text().split()

    class Bare(scrapy.Spider):
        name = "bare"

        async def start(self):  # noqa: ANN202
            for url in urls:
                yield scrapy.Request(url, meta={"proxy": proxy}, dont_filter=True)

        def parse(self, response):  # noqa: ANN001, ANN201
            return None

    process = CrawlerProcess({
        "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": False, "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False, "HTTPERROR_ALLOW_ALL": True,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": int(ZERO_DELAY["CONCURRENT_REQUESTS_PER_DOMAIN"]),
        "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False,
        "RETRY_TIMES": int(ZERO_DELAY["RETRY_TIMES"]), "DOWNLOAD_FAIL_ON_DATALOSS": False,
    })
    crawler = process.create_crawler(Bare)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats()
    out.write_text(json.dumps({"responses": stats.get("downloader/response_count", 0),
                               "seconds": stats.get("elapsed_time_seconds", 0.0)}))


def fetched_urls(manifest: Path) -> list[str]:
    """Every URL the real spider downloaded (as requested), robots.txt included."""
    urls = [r.url for r in read_manifest(manifest) if r.status is not None]
    hosts = {u.split("/", 3)[2] for u in urls}
    return [f"http://{h}/robots.txt" for h in sorted(hosts)] + urls


def one_run(proxy: str, work: Path) -> dict[str, float]:
    """Each simulated source crawled by both spiders; totals of responses and seconds."""
    totals = {"real_pages": 0, "real_s": 0.0, "bare_pages": 0, "bare_s": 0.0}
    for source in enabled_sources(network="simulated"):
        run = run_crawl(source.id, work / "data", proxy=proxy, settings=ZERO_DELAY)
        totals["real_pages"] += run.stats.get("downloader/response_count", 0)
        totals["real_s"] += run.stats.get("elapsed_time_seconds", 0.0)
        urls = work / f"{source.id}.urls"
        urls.write_text("\n".join(fetched_urls(run.manifest)))
        out = work / f"{source.id}.bare.json"
        subprocess.run([sys.executable, __file__, "--bare", str(urls), "--proxy", proxy,
                        "--out", str(out)], check=True, cwd=ROOT)
        bare = json.loads(out.read_text())
        totals["bare_pages"] += bare["responses"]
        totals["bare_s"] += bare["seconds"]
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--bare", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--proxy", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare_crawl(args.bare, args.proxy, args.out)
        return
    runs = []
    with SimulatorServer(WireNetwork(n_releases=args.releases, seed=args.seed)) as sim:
        for i in range(args.repeat):
            with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
                runs.append(one_run(sim.proxy_url, Path(tmp)))
            print(f"  run {i + 1}: real {runs[-1]['real_pages']} pages "
                  f"in {runs[-1]['real_s']:.1f}s, bare {runs[-1]['bare_pages']} pages "
                  f"in {runs[-1]['bare_s']:.1f}s", flush=True)
    real = statistics.median(r["real_pages"] / r["real_s"] for r in runs)
    bare = statistics.median(r["bare_pages"] / r["bare_s"] for r in runs)
    ratio = statistics.median((r["real_pages"] / r["real_s"]) / (r["bare_pages"] / r["bare_s"])
                              for r in runs)
    print(f"crawl, {args.releases} releases, {os.cpu_count()} cores, "
          f"median of {args.repeat} runs")
    print(f"  real spider + WARC archive: {real:8.1f} pages/s")
    print(f"  bare scrapy spider:         {bare:8.1f} pages/s")
    print(f"  ratio:                      {ratio:8.1%}  (target >= 80%)")


if __name__ == "__main__":
    main()
