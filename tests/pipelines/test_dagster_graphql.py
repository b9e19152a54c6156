"""The real ``dagster dev`` (webserver + daemon): a partitioned materialisation launched
through its GraphQL API, as the UI's "Materialize" on one partition does, lands rows."""

from __future__ import annotations

import pytest

from pipelines.defs.partitions import partition_key
from warehouse.db import connect
from warehouse.publish import read_copy_path

# Every test here starts processes (the slow tier: make test-slow).
pytestmark = pytest.mark.slow

LAUNCH = """
mutation($params: ExecutionParams!) {
  launchRun(executionParams: $params) {
    __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on PythonError { message }
    ... on RunConfigValidationInvalid { errors { message } }
    ... on InvalidSubsetError { message }
  }
}"""
LOCATIONS = """{ repositoriesOrError { ... on RepositoryConnection {
  nodes { name location { name } jobs { name } } } } }"""


def launch_partition(server, job: str, key: str) -> str:
    """launchRun with the partition tags the UI sets for one multi-partition key."""
    repo = next(r for r in server.graphql(LOCATIONS)["repositoriesOrError"]["nodes"]
                if job in {j["name"] for j in r["jobs"]})
    source, day = key.keys_by_dimension["source"], key.keys_by_dimension["day"]
    params = {
        "selector": {"repositoryLocationName": repo["location"]["name"],
                     "repositoryName": repo["name"], "jobName": job},
        "runConfigData": {},
        "executionMetadata": {"tags": [
            {"key": "dagster/partition", "value": str(key)},
            {"key": "dagster/partition/source", "value": source},
            {"key": "dagster/partition/day", "value": day},
        ]},
    }
    result = server.graphql(LAUNCH, {"params": params})["launchRun"]
    assert result["__typename"] == "LaunchRunSuccess", result
    return result["run"]["runId"]


def test_partition_launched_through_graphql_lands_rows(dagster_dev):
    key = partition_key("prwire")
    run_id = launch_partition(dagster_dev, "ingest_source", key)
    status = dagster_dev.wait_for_run(run_id, timeout=300)
    assert status == "SUCCESS", dagster_dev.log.read_text()[-3000:]

    # Rows landed under the day|source key, and analysts see them in the read copy.
    con = connect(read_copy_path(dagster_dev.db), read_only=True)
    try:
        rows = con.execute("SELECT partition_key, source_id, count(*) FROM releases "
                           "GROUP BY ALL").fetchall()
        runs = con.execute("SELECT run_id, partition_key FROM crawl_runs").fetchall()
    finally:
        con.close()
    assert len(rows) == 1 and rows[0][0] == str(key) and rows[0][1] == "prwire"
    assert rows[0][2] > 0
    assert [r[1] for r in runs] == [str(key)]

    # The run is recorded against the partition in Dagster's own storage too.
    data = dagster_dev.graphql("""query($id: ID!) { runOrError(runId: $id) {
        ... on Run { tags { key value } stats { ... on RunStatsSnapshot {
            materializations } } } } }""", {"id": run_id})["runOrError"]
    tags = {t["key"]: t["value"] for t in data["tags"]}
    assert tags["dagster/partition"] == str(key)
    assert data["stats"]["materializations"] == 4
