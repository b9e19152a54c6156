"""The smallest peer: trafilatura's own downloader and extractor over a list of release URLs.

    python bench/peers/trafilatura_fetch.py --urls urls.txt --out bodies.jsonl \
        [--proxy http://127.0.0.1:PORT] [--threads N]

Downloads with ``trafilatura.downloads.buffered_downloads`` (its thread pool, as its
command line does with ``--input-file``, without the per-domain pause), extracts each page
as it arrives and writes one ``{"url", "body"}`` line per page with a body. trafilatura
only speaks SOCKS proxies, so a given HTTP proxy (the simulator) is put in as its pool.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import trafilatura
import urllib3
from trafilatura import downloads
from trafilatura.settings import PARALLEL_CORES, use_config

EXTRACT = {"include_comments": False, "include_tables": True}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--urls", type=Path, required=True, help="one URL a line")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--proxy", default="")
    ap.add_argument("--threads", type=int, default=PARALLEL_CORES)
    args = ap.parse_args()
    config = use_config()
    if args.proxy:
        # the SSRF guard would vet the proxy's loopback address; it is the simulator
        config.set("DEFAULT", "SSRF_PROTECTION", "False")
        downloads.HTTP_POOL = urllib3.ProxyManager(args.proxy, num_pools=50,
                                                   maxsize=args.threads)
    options = trafilatura.settings.Extractor(config=config)
    urls = [u.strip() for u in args.urls.read_text().splitlines() if u.strip()]
    with args.out.open("w", encoding="utf-8") as out:
        for url, html in downloads.buffered_downloads(urls, args.threads, options=options):
            body = trafilatura.extract(html, url=url, config=config, **EXTRACT) if html else None
            if body:
                out.write(json.dumps({"url": url, "body": body}) + "\n")


if __name__ == "__main__":
    main()
