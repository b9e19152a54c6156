"""A demo warehouse: the whole pipeline materialised over the simulated wire network, plus a
few entity rows of our own so entity queries have something to count before the parser
stage fills ``entities`` and ``mentions``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import local_pipeline, materialise_simulated
from warehouse.db import connect
from warehouse.load import fetch_dicts, insert_new_entities, insert_rows
from warehouse.publish import publish, read_copy_path

# Invented organisations; real country names. Ids are prefixed so they never collide.
ENTITIES = [
    {"entity_id": "t:org:harbour", "kind": "organisation", "name": "Harbour Trade Council",
     "acronym": "HTC", "country": "PK"},
    {"entity_id": "t:org:northfield", "kind": "organisation", "name": "Northfield Analytics",
     "acronym": None, "country": "US"},
    {"entity_id": "t:country:pk", "kind": "country", "name": "Pakistan", "acronym": None,
     "country": "PK"},
    {"entity_id": "t:country:ir", "kind": "country", "name": "Iran", "acronym": None,
     "country": "IR"},
]


def seed_mentions(db: Path) -> int:
    """Mentions for up to three releases per source: agency releases name Pakistan, Iran and
    the Harbour Trade Council; the others Northfield Analytics and Pakistan."""
    con = connect(db)
    try:
        releases = fetch_dicts(con, """
            SELECT release_id, partition_key, source_id FROM releases
            QUALIFY row_number() OVER (PARTITION BY source_id ORDER BY release_id) <= 3""")
        picks = {"dnanews": ["t:org:harbour", "t:country:pk", "t:country:ir"]}
        names = {e["entity_id"]: e for e in ENTITIES}
        rows = []
        for rel in releases:
            for k, entity_id in enumerate(picks.get(rel["source_id"],
                                                    ["t:org:northfield", "t:country:pk"])):
                rows.append({"release_id": rel["release_id"],
                             "partition_key": rel["partition_key"], "entity_id": entity_id,
                             "kind": names[entity_id]["kind"],
                             "surface": names[entity_id]["name"],
                             "start_offset": 100_000 + 100 * k,
                             "end_offset": 100_000 + 100 * k + len(names[entity_id]["name"])})
        con.execute("DELETE FROM mentions WHERE entity_id LIKE 't:%'")
        insert_new_entities(con, ENTITIES)
        return insert_rows(con, "mentions", rows)
    finally:
        con.close()


@pytest.fixture(scope="session")
def demo(simulator, dagster_home, tmp_path_factory) -> dict[str, Any]:
    """``{"db": warehouse file, "read": published read copy}`` after a full pipeline run."""
    data = tmp_path_factory.mktemp("warehouse-demo")
    db = data / "warehouse.duckdb"
    materialise_simulated(local_pipeline(data, dagster_home, sim_proxy=simulator.proxy_url))
    assert seed_mentions(db) > 0
    publish(db)
    return {"db": db, "read": read_copy_path(db), "data": data}
