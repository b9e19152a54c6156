"""The source registry: every entry loads, validates, and becomes a spider."""

import pytest

from crawlers.registry import RegistryError, load_registry, registry
from crawlers.spiders import spider_class_for


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
        checked = source.extra["checked"]
        assert checked["against"].strip() and checked["on"], source.id
        assert all(d.url.startswith("https://") for d in source.discovery), source.id
        assert not source.is_local
    assert all(s.is_local for s in registry().values() if s.network == "simulated")


def test_archive_endpoints_need_a_date_template(tmp_path):
    (tmp_path / "x.yaml").write_text(
        "id: x\nname: X\nhomepage: http://x.test/\nkind: agency\nallowed_domains: [x.test]\n"
        "discovery: [{kind: archive, url: 'http://x.test/archive/'}]\n")
    with pytest.raises(RegistryError, match="date"):
        load_registry(tmp_path)
