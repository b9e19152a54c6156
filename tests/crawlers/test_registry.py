"""The source registry: every entry loads, validates, and becomes a spider."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawlers.patterns import PatternError, compile_pattern
from crawlers.registry import (
    EXTRA_DIRS_ENV,
    REGISTRY_DIR,
    RegistryError,
    load_registry,
    read_registry,
    registry,
)
from crawlers.spiders import spider_class_for
from simulator.registry import SOURCES_DIR


def test_every_source_loads_and_has_a_spider():
    sources = registry()
    assert {"prwire", "bizwire", "globewire", "dnanews"} <= set(sources)
    for source in sources.values():
        assert source.discovery, source.id
        assert source.allowed_domains, source.id
        cls = spider_class_for(source)
        assert cls.name == source.id


def test_release_url_pattern_filters_paths():
    dna = registry()["dnanews"]
    assert dna.is_release_path("/chenab-textiles-opens-new-plant/")
    assert not dna.is_release_path("/category/press-release/")
    assert not dna.is_release_path("/category/press-release/page/2/")


def test_bad_entries_are_refused(tmp_path):
    (tmp_path / "x.yaml").write_text(
        "id: x\nname: X\nhomepage: http://x.test/\nkind: blog\nallowed_domains: [x.test]\n"
        "discovery: [{kind: rss, url: 'http://x.test/feed'}]\n")
    with pytest.raises(RegistryError, match="unknown kind"):
        load_registry(tmp_path)
    (tmp_path / "x.yaml").write_text(
        "id: y\nname: X\nhomepage: http://x.test/\nkind: wire\nallowed_domains: [x.test]\n"
        "discovery: [{kind: rss, url: 'http://x.test/feed'}]\n")
    with pytest.raises(RegistryError, match="file name"):
        load_registry(tmp_path)


def test_live_sources_cover_the_kinds_and_record_what_they_were_checked_against():
    live = [s for s in registry().values() if s.network == "live"]
    assert len(live) >= 14
    assert {s.kind for s in live} == {"wire", "agency", "issuer", "outlet"}
    for source in live:
        assert source.checked and source.checked.against.strip(), source.id
        assert source.checked.on.year >= 2026, source.id
        assert all(d.url.startswith("https://") for d in source.discovery), source.id
        assert not source.is_local
    assert all(s.is_local for s in registry().values() if s.network == "simulated")


def test_archive_endpoints_need_a_date_template(tmp_path):
    (tmp_path / "x.yaml").write_text(
        "id: x\nname: X\nhomepage: http://x.test/\nkind: agency\nallowed_domains: [x.test]\n"
        "discovery: [{kind: archive, url: 'http://x.test/archive/'}]\n")
    with pytest.raises(RegistryError, match="date"):
        load_registry(tmp_path)


# --- issue 20: one bad entry disables that source only, loudly ------------------------------

GOOD_ENTRY = ("id: {id}\nname: Good\nhomepage: http://wire.test/\nkind: wire\n"
              "allowed_domains: [wire.test]\ndiscovery: [{{kind: rss, url: 'http://wire.test/"
              "feed'}}]\nschedule: '15 * * * *'\ntimezone: Asia/Karachi\n")
# file stem -> (the entry's YAML, words the problem must contain)
BAD_ENTRIES = {
    "cron_minute": (GOOD_ENTRY.replace("'15 * * * *'", "'61 * * * *'"), "schedule"),
    "cron_fields": (GOOD_ENTRY.replace("'15 * * * *'", "'0 0 * * * *'"), "five-field"),
    "cron_words": (GOOD_ENTRY.replace("'15 * * * *'", "'every hour'"), "five-field"),
    "cron_february": (GOOD_ENTRY.replace("'15 * * * *'", "'0 9 30 2 *'"), "February"),
    "tz_unknown": (GOOD_ENTRY.replace("Asia/Karachi", "Mars/Olympus_Mons"), "timezone"),
    "tz_path": (GOOD_ENTRY.replace("Asia/Karachi", "../../etc/passwd"), "timezone"),
    "tz_abbreviation": (GOOD_ENTRY.replace("Asia/Karachi", "PKTT"), "timezone"),
    "domains_empty": (GOOD_ENTRY.replace("[wire.test]", "[]"), "allowed_domains"),
    "domains_blank": (GOOD_ENTRY.replace("[wire.test]", "['']"), "allowed domain"),
    "domains_dot": (GOOD_ENTRY.replace("[wire.test]", "['.']"), "allowed domain"),
    "domains_trailing": (GOOD_ENTRY.replace("[wire.test]", "['wire.test.']"),
                         "allowed domain"),
    "domains_url": (GOOD_ENTRY.replace("[wire.test]", "['http://x.test/']"),
                    "allowed domain"),
    "domains_wild": (GOOD_ENTRY.replace("[wire.test]", "['*.x.test']"),
                     "allowed domain"),
    "domains_missing": (GOOD_ENTRY.replace("allowed_domains: [wire.test]\n", ""),
                        "allowed_domains"),
    "pattern_nested": (GOOD_ENTRY + "release_url_pattern: '^/(?!tag/)([a-z]+-?)+/$'\n",
                       "quantifier"),
    "pattern_broken": (GOOD_ENTRY + "release_url_pattern: '^/(release'\n", "regular"),
    "yaml_broken": ("id: yaml_broken\nname: [unclosed\n", "yaml_broken.yaml"),
    "not_a_mapping": ("- just\n- a list\n", "mapping"),
}


def write_entries(folder, entries: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, text in entries.items():
        (folder / f"{stem}.yaml").write_text(text)


def test_each_bad_entry_is_left_out_naming_its_file(tmp_path):
    entries = {stem: text.format(id=stem) if "{id}" in text else text
               for stem, (text, _) in BAD_ENTRIES.items()}
    entries["fine"] = GOOD_ENTRY.format(id="fine")
    write_entries(tmp_path, entries)
    sources, problems = read_registry(tmp_path)
    assert list(sources) == ["fine"]
    assert len(problems) == len(BAD_ENTRIES)
    for stem, (_, words) in BAD_ENTRIES.items():
        mine = [p for p in problems if f"{stem}.yaml" in p]
        assert len(mine) == 1 and words in mine[0], (stem, mine)
    with pytest.raises(RegistryError, match="cron_minute.yaml"):
        load_registry(tmp_path)


def test_the_shipped_entries_all_validate():
    sources, problems = read_registry()
    assert not problems and len(sources) >= 16


def test_the_production_registry_holds_no_simulated_source():
    """crawlers/sources/ alone (no extra folder): real sources only; the simulator's four
    are registered by its own folder, which the demo and the tests add."""
    production, problems = read_registry(REGISTRY_DIR)
    assert not problems and production
    assert {s.network for s in production.values()} == {"live"}
    simulated, problems = read_registry(SOURCES_DIR)
    assert not problems
    assert sorted(simulated) == ["bizwire", "dnanews", "globewire", "prwire"]
    assert {s.network for s in simulated.values()} == {"simulated"}
    assert not set(simulated) & set(production)


@pytest.mark.slow
def test_only_the_demo_registers_the_simulated_sources(tmp_path):
    """A fresh process sees no simulated source (as ``wiredesk run`` and a deployment do);
    after the demo's :func:`use_simulated_sources` the four are enabled and scheduled."""
    code = ("from crawlers.registry import enabled_sources\n"
            "print(sorted(s.id for s in enabled_sources(network='simulated')))\n"
            "from simulator.registry import use_simulated_sources\n"
            "use_simulated_sources()\n"
            "from pipelines.definitions import defs\n"
            "print(sorted(s.id for s in enabled_sources(network='simulated')))\n"
            "print(sorted(s.name for s in defs.schedules if 'prwire' in s.name))\n")
    env = {k: v for k, v in os.environ.items() if k != EXTRA_DIRS_ENV}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=300, cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0, out.stderr[-3000:]
    before, after, schedules = out.stdout.strip().splitlines()
    assert before == "[]"
    assert after == "['bizwire', 'dnanews', 'globewire', 'prwire']"
    assert schedules == "['ingest_prwire']"


@pytest.mark.slow
def test_a_bad_entry_leaves_the_code_location_loading(tmp_path):
    write_entries(tmp_path, {"extra_good": GOOD_ENTRY.format(id="extra_good"),
                             "extra_bad": BAD_ENTRIES["cron_minute"][0].format(id="extra_bad")})
    code = ("from pipelines.definitions import defs\n"
            "from crawlers.registry import registry_problems\n"
            "names = {s.name for s in defs.schedules}\n"
            "print(sorted(n for n in names if n.startswith('ingest_extra_')))\n"
            "print(len(registry_problems()))\n")
    env = {**os.environ, EXTRA_DIRS_ENV: str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=300, cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0, out.stderr[-3000:]
    scheduled, problems = out.stdout.strip().splitlines()
    assert "extra_good" in scheduled and "extra_bad" not in scheduled
    assert problems == "1"
    assert "entry disabled" in out.stderr and "extra_bad.yaml" in out.stderr


def test_a_fully_qualified_host_is_its_own_host_and_no_empty_host_passes():
    spider = spider_class_for(registry()["dnanews"])()
    assert spider.is_allowed("http://dnanews.test./a/")
    assert spider.is_allowed("http://www.dnanews.test/a/")
    for url in ("http://evil.test./", "http:///nohost", "http://[::1/x", "http://dnanews.test.."
                "/", "http://xdnanews.test/"):
        assert not spider.is_allowed(url), url


NESTED = r"^/news/([a-z0-9]+-?)+\.html$"   # exponential in Python's re


@pytest.mark.slow
def test_a_pattern_with_nested_quantifiers_matches_in_linear_time():
    matcher = compile_pattern(NESTED)
    assert type(matcher).__module__.startswith("re2")
    # Python's re would take longer than the age of the universe on this path; run it in
    # a child so that a regression fails on the timeout instead of hanging the suite.
    code = ("from crawlers.patterns import compile_pattern\n"
            f"m = compile_pattern({NESTED!r})\n"
            "print(m.search('/news/' + 'a1-' * 2000 + '!') is None, "
            "m.search('/news/harbour-fees-rise.html') is not None)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.split() == ["True", "True"], out.stderr


def test_every_release_pattern_of_the_registry_is_linear_or_guarded():
    for source in registry().values():
        if source.release_url_pattern:
            compile_pattern(source.release_url_pattern)   # raises PatternError otherwise
    with pytest.raises(PatternError, match="quantifier"):
        compile_pattern(r"^/(?!tag/)(\w+\s?)*$")
    with pytest.raises(PatternError, match="alternation"):
        compile_pattern(r"^/(?=r)(r|re)*x$")


# --- issue 15: the registry's schema; an unknown key is an error, never a silent default ----

# file stem -> (the entry's YAML, words the problem must contain)
UNKNOWN_KEYS = {
    "typo_pattern": (GOOD_ENTRY + "relase_url_pattern: '^/news/'\n",
                     "unknown key 'relase_url_pattern' (did you mean 'release_url_pattern'?)"),
    "typo_timezone": (GOOD_ENTRY.replace("timezone: Asia/Karachi", "timezon: Asia/Karachi"),
                      "unknown key 'timezon' (did you mean 'timezone'?)"),
    "typo_discovery": (GOOD_ENTRY.replace("url: 'http://wire.test/feed'",
                                          "url: 'http://wire.test/feed', linx: 'a'"),
                       "unknown key 'discovery[0].linx' (did you mean 'links'?)"),
    "typo_checked": (GOOD_ENTRY + "checked: {{against: a mirror, 'on': 2026-11-30, by: me}}\n",
                     "unknown key 'checked.by'"),
    "bare_on": (GOOD_ENTRY + "checked: {{against: a mirror, on: 2026-11-30}}\n",
                "key True in checked is not a string"),
    "wrong_type": (GOOD_ENTRY + "priority: high\n", "priority: Input should be a valid integer"),
}


def test_an_unknown_key_is_refused_naming_the_file_the_source_and_the_key(tmp_path, caplog):
    write_entries(tmp_path, {stem: text.format(id=stem) for stem, (text, _) in
                             UNKNOWN_KEYS.items()} | {"fine": GOOD_ENTRY.format(id="fine")})
    sources, problems = read_registry(tmp_path)
    assert list(sources) == ["fine"]
    assert len(problems) == len(UNKNOWN_KEYS)
    for stem, (_, words) in UNKNOWN_KEYS.items():
        mine = [p for p in problems if p.startswith(str(tmp_path / f"{stem}.yaml"))]
        assert len(mine) == 1, (stem, problems)
        assert f"source '{stem}': " in mine[0] and words in mine[0], mine[0]
    with pytest.raises(RegistryError, match=r"typo_pattern\.yaml: source 'typo_pattern': "
                                            r"unknown key 'relase_url_pattern'"):
        load_registry(tmp_path)


def test_every_key_of_an_entry_is_read_into_the_source(tmp_path):
    write_entries(tmp_path, {"full": GOOD_ENTRY.format(id="full") + (
        "release_url_pattern: '^/news/'\nagency: GW\ncountry: PK\nlanguage: ur\nenabled: false\n"
        "network: simulated\nlocal: false\npriority: 7\nspider: crawlers.spiders.base.X\n"
        "checked: {against: a stored copy, 'on': 2026-11-30}\n")})
    source = load_registry(tmp_path)["full"]
    assert (source.release_url_pattern, source.agency, source.country, source.language) == (
        "^/news/", "GW", "PK", "ur")
    assert (source.timezone, source.schedule, source.enabled, source.network) == (
        "Asia/Karachi", "15 * * * *", False, "simulated")
    assert (source.local, source.priority, source.spider) == (False, 7, "crawlers.spiders.base.X")
    assert source.checked is not None and source.checked.on.isoformat() == "2026-11-30"
    assert source.discovery[0].kind == "rss" and source.allowed_domains == ("wire.test",)
    assert not source.is_release_path("/about/") and source.is_release_path("/news/a-b/")
