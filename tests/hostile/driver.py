"""Run the whole pipeline over the hostile corpus in this process and report peak memory.

``python -m tests.hostile.driver DATA_DIR`` (with :func:`simulator.hostile.
crawl_env` in the environment, so the ``hostile`` source is registered and crawled through
the simulator): writes the inbox archives, materialises the ``hostile`` and ``inbox``
partitions of today (crawl subprocess → clean workers → parse → load → publish) and prints
one JSON line: each partition's success and the peak RSS (KiB) of this process and of its
largest child (the crawl subprocess, the clean workers).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

from crawlers.archive import WarcArchiveWriter
from simulator.hostile import inbox_pages

SOURCES = ["hostile", "inbox"]
TRUNCATED_WARC = "hostile-truncated.warc.gz"


SYMLINKED_WARC = "linked-from-outside.warc.gz"


def write_inbox(inbox: Path) -> list[Path]:
    """The inbox inputs as two WARC files: every record, and a copy cut off mid-record
    (a half-written archive); and a symbolic link to an archive outside the data folder
    (refused)."""
    inbox.mkdir(parents=True, exist_ok=True)
    tmp = inbox / ".hostile-tmp"
    writer = WarcArchiveWriter(tmp, tmp, "hostile-inbox", max_bytes=1 << 40)
    for _name, url, status, headers, body in inbox_pages():
        writer.write_response(url, status, "OK", headers, body)
    writer.close()
    whole = (tmp / writer.files[0]).read_bytes()
    paths = [inbox / "hostile-inbox.warc.gz", inbox / TRUNCATED_WARC]
    paths[0].write_bytes(whole)
    paths[1].write_bytes(whole[: len(whole) * 2 // 3])
    (tmp / writer.files[0]).unlink()
    tmp.rmdir()
    past = time.time() - 3600  # delivered a while ago: settled, so the inbox claims them
    for path in paths:
        os.utime(path, (past, past))
    outside = inbox.parent.parent / "outside-the-data-folder.warc.gz"
    outside.write_bytes(whole)
    (inbox / SYMLINKED_WARC).symlink_to(outside)
    return paths


def main(data: Path) -> dict:

    import dagster as dg

    from pipelines.definitions import build_defs
    from pipelines.defs.resources import CrawlerResource, WarehouseResource
    from pipelines.defs.runner import launch
    crawler = CrawlerResource(data_dir=str(data), sim_proxy=os.environ["WIREDESK_SIM_PROXY"])
    warehouse = WarehouseResource(data_dir=str(data))
    defs = build_defs({"crawler": crawler, "warehouse": warehouse})
    write_inbox(data / "inbox")
    with dg.DagsterInstance.ephemeral() as instance:
        results = {name: o.success for name, o in
                   launch(defs, SOURCES, stories=False, instance=instance).items()}
    return {
        "results": results,
        "maxrss_self_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "maxrss_children_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]).resolve())), flush=True)
