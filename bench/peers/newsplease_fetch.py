"""news-please over a list of release URLs (run with bench/.peers-venv's Python).

    bench/.peers-venv/bin/python bench/peers/newsplease_fetch.py --urls urls.txt \
        --out bodies.jsonl [--proxy http://127.0.0.1:PORT]

``NewsPlease.from_urls`` downloads every URL in its own thread, then extracts in a process
pool; each article's ``maintext`` is written as one ``{"url", "body"}`` line. Images are
not fetched (nothing outside the simulator answers).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsplease import NewsPlease


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--urls", type=Path, required=True, help="one URL a line")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--proxy", default="")
    args = ap.parse_args()
    urls = [u.strip() for u in args.urls.read_text().splitlines() if u.strip()]
    request_args: dict = {"timeout": 120}
    if args.proxy:
        request_args["proxies"] = {"http": args.proxy}
    articles = NewsPlease.from_urls(urls, request_args=request_args, fetch_images=False)
    with args.out.open("w", encoding="utf-8") as out:
        for url, article in articles.items():
            body = getattr(article, "maintext", None)
            if body:
                out.write(json.dumps({"url": url, "body": body}) + "\n")


if __name__ == "__main__":
    main()
