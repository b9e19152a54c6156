"""The Dagster UI in headless Chromium (Debian's chromium + chromedriver, via Selenium):
open an asset, click Materialize, and watch the run succeed."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from pipelines.defs.partitions import partition_key
from warehouse.db import connect
from warehouse.publish import read_copy_path

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

# Every test here starts processes (the slow tier: make test-slow).
pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000")
MATERIALIZE = ("//button[normalize-space()='Materialize' or "
               ".//*[normalize-space()='Materialize']]")


@pytest.fixture
def browser(tmp_path: Path, request: pytest.FixtureRequest):
    """Headless Chromium with a fresh profile; a screenshot lands in tmp_path on failure."""
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        pytest.skip("chromium and chromium-driver are not installed (.ci/run installs them)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    yield driver
    # The test's report, stored on the item by the hook in tests/conftest.py.
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        shot = tmp_path / "failure.png"
        try:
            driver.save_screenshot(str(shot))
            print(f"screenshot: {shot}")
        except WebDriverException:
            pass
    driver.quit()


def click_if_shown(driver, label: str, within: float = 10) -> None:
    """Click a dialog's button (e.g. the first visit's "Skip", an upstream warning's
    "Confirm") if it shows up within ``within`` seconds."""
    try:
        button = WebDriverWait(driver, within).until(ec.element_to_be_clickable(
            (By.XPATH, f"//button[normalize-space()='{label}']")))
    except WebDriverException:
        return
    button.click()
    WebDriverWait(driver, 10).until(lambda _: gone(button))


def gone(element) -> bool:
    """True once an element is hidden or removed from the page."""
    try:
        return not element.is_displayed()
    except WebDriverException:
        return True


def stories_runs(server) -> list[dict]:
    data = server.graphql("""{ runsOrError(filter: {pipelineName: "__ASSET_JOB"}) {
        ... on Runs { results { runId status assetSelection { path } } } } }""")
    return [r for r in data["runsOrError"]["results"]
            if any(a["path"] == ["stories"] for a in r["assetSelection"] or [])]


def release_urls(db: Path) -> dict[str, list[str]]:
    """``{release_id: fetched urls}`` in the read copy of the warehouse (none before the
    first publish)."""
    if not read_copy_path(db).exists():
        return {}
    con = connect(read_copy_path(db), read_only=True)
    try:
        return dict(con.execute("SELECT release_id, urls FROM releases").fetchall())
    finally:
        con.close()


def test_materialize_an_asset_from_the_ui(dagster_dev, browser, truth):
    from tests.pipelines.test_dagster_graphql import launch_partition

    if not release_urls(dagster_dev.db):  # run alone: give the stories something to group
        run_id = launch_partition(dagster_dev, "ingest_source", partition_key("prwire"))
        assert dagster_dev.wait_for_run(run_id, timeout=300) == "SUCCESS"
    wait = WebDriverWait(browser, 90)
    browser.get(f"{dagster_dev.url}/assets")
    click_if_shown(browser, "Skip")
    stories_link = (By.XPATH, "//a[contains(@href, '/assets/stories')]")
    wait.until(ec.element_to_be_clickable(stories_link)).click()
    wait.until(ec.url_contains("/assets/stories"))
    button = wait.until(ec.element_to_be_clickable((By.XPATH, MATERIALIZE)))
    before = {r["runId"] for r in stories_runs(dagster_dev)}
    button.click()
    click_if_shown(browser, "Confirm", within=5)  # "upstream not materialised yet"

    deadline = time.monotonic() + 60
    new: list[dict] = []
    while not new and time.monotonic() < deadline:
        new = [r for r in stories_runs(dagster_dev) if r["runId"] not in before]
        time.sleep(0.5)
    assert new, "clicking Materialize launched no run"
    run_id = new[0]["runId"]

    # The run's page in the UI shows it succeed.
    browser.get(f"{dagster_dev.url}/runs/{run_id}")
    WebDriverWait(browser, 240, poll_frequency=1).until(
        lambda d: "Success" in d.find_element(By.TAG_NAME, "body").text
        or "Failure" in d.find_element(By.TAG_NAME, "body").text)
    assert dagster_dev.run_status(run_id) == "SUCCESS"
    assert "Success" in browser.find_element(By.TAG_NAME, "body").text

    # One story per release of the simulated network's truth among those loaded (copies of
    # one release on several pages or wires are one story); anything else loaded (such as
    # an invented inbox page) is a story of its own.
    release_of = {page["url"]: page["release_id"] for page in truth["pages"]}
    loaded = release_urls(dagster_dev.db)
    expected = {next((release_of[u] for u in urls if u in release_of), release_id)
                for release_id, urls in loaded.items()}
    con = connect(read_copy_path(dagster_dev.db), read_only=True)
    try:
        stories, members = con.execute(
            "SELECT (SELECT count(*) FROM stories), (SELECT count(*) FROM story_members)"
        ).fetchone()
    finally:
        con.close()
    assert loaded and members == len(loaded)
    assert stories == len(expected)
