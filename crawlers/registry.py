"""The source registry: typed view of ``crawlers/sources/*.yaml`` (one file per source)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

REGISTRY_DIR = Path(__file__).with_name("sources")
# Further registry folders, separated by os.pathsep (e.g. the hostile input corpus's).
EXTRA_DIRS_ENV = "WIREDESK_EXTRA_SOURCES"
DISCOVERY_KINDS = {"rss", "atom", "sitemap", "robots", "listing", "archive"}
NETWORKS = {"simulated", "live"}
SOURCE_KINDS = {"wire", "agency", "issuer", "outlet"}


class RegistryError(ValueError):
    """The registry file is malformed."""


@dataclass(frozen=True)
class Discovery:
    """One discovery endpoint of a source (a feed, a sitemap, a listing...)."""

    kind: str
    url: str                   # archive: a template such as ``https://x/{date:%Y/%m/%d}/``
    next: str | None = None    # listing/archive: CSS selector of the next-page link
    links: str | None = None   # listing/archive: CSS of the release links (within ``item``)
    item: str | None = None    # listing/archive: CSS of one entry (pairs a link with its date)
    date: str | None = None    # listing/archive: CSS of the entry's date, within ``item``


@dataclass(frozen=True)
class Source:
    """One configured source: where to find its releases and how to read them."""

    id: str
    name: str
    homepage: str
    kind: str
    allowed_domains: tuple[str, ...]
    discovery: tuple[Discovery, ...]
    release_url_pattern: str | None = None
    agency: str | None = None
    country: str | None = None
    language: str = "en"
    timezone: str = "UTC"
    schedule: str = "0 * * * *"
    enabled: bool = True
    network: str = "live"
    # Served from this machine: the address guard lets it through. Unset, simulated sources
    # are local; ``local: false`` makes the guard treat a simulated source as remote.
    local: bool | None = None
    priority: int = 50
    spider: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def is_release_path(self, path: str) -> bool:
        """True if a URL path looks like one of this source's release pages."""
        if not self.release_url_pattern:
            return True
        return re.search(self.release_url_pattern, path) is not None

    @property
    def is_local(self) -> bool:
        """Served from this machine (the simulator or an explicitly local source)."""
        return self.local if self.local is not None else self.network == "simulated"


def _source_from_dict(raw: dict[str, Any]) -> Source:
    known = set(Source.__dataclass_fields__) - {"extra", "discovery", "allowed_domains"}
    try:
        discovery = tuple(Discovery(**d) for d in raw.get("discovery", []))
        src = Source(
            **{k: v for k, v in raw.items() if k in known},
            allowed_domains=tuple(raw.get("allowed_domains", [])),
            discovery=discovery,
            extra={k: v for k, v in raw.items()
                   if k not in known | {"discovery", "allowed_domains"}},
        )
    except TypeError as exc:
        raise RegistryError(f"source {raw.get('id')!r}: {exc}") from exc
    if src.kind not in SOURCE_KINDS:
        raise RegistryError(f"source {src.id!r}: unknown kind {src.kind!r}")
    if src.network not in NETWORKS:
        raise RegistryError(f"source {src.id!r}: unknown network {src.network!r}")
    for d in src.discovery:
        if d.kind not in DISCOVERY_KINDS:
            raise RegistryError(f"source {src.id!r}: unknown discovery kind {d.kind!r}")
        if d.kind == "archive" and "{date" not in d.url:
            raise RegistryError(f"source {src.id!r}: archive url needs a {{date:...}} field")
    if src.release_url_pattern:
        re.compile(src.release_url_pattern)
    return src


def load_registry(folder: Path | str = REGISTRY_DIR) -> dict[str, Source]:
    """Read every ``<id>.yaml`` in the folder into ``{source_id: Source}``, validated."""
    sources: dict[str, Source] = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        src = _source_from_dict(raw)
        if src.id != path.stem:
            raise RegistryError(f"{path.name}: id {src.id!r} does not match the file name")
        sources[src.id] = src
    return sources


@lru_cache(maxsize=1)
def registry() -> dict[str, Source]:
    """The project's registry, read once per process, with the sources of any folder
    named by ``WIREDESK_EXTRA_SOURCES`` (which may not redefine a project source)."""
    sources = load_registry()
    for folder in filter(None, os.environ.get(EXTRA_DIRS_ENV, "").split(os.pathsep)):
        extra = load_registry(folder)
        if clash := sorted(set(extra) & set(sources)):
            raise RegistryError(f"{folder}: sources {clash} are already defined")
        sources.update(extra)
    return sources


def enabled_sources(network: str | None = None) -> list[Source]:
    """Enabled sources, optionally only those on one network (``simulated`` or ``live``)."""
    return [
        s for s in registry().values() if s.enabled and (network is None or s.network == network)
    ]
