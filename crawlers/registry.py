"""The source registry: typed view of ``crawlers/sources/*.yaml`` (one file per source).

Every entry is validated when the registry loads: its shape against the schema of
:class:`Source` (pydantic, ``extra="forbid"``: a misspelt or unknown key such as
``timezon:`` is refused by name, never ignored), its kind, network and discovery
endpoints, its cron (as Dagster reads one: five fields, a day that exists), its time zone
(an IANA name zoneinfo knows), its allowed domains (host names, none empty) and its
release URL pattern (:mod:`crawlers.patterns`: matched in linear time, or refused). At
run time (:func:`registry`) one bad entry disables that source only: it is left out,
logged as an error naming its file, and listed by :func:`registry_problems`; every other
source, and the Dagster code location, still load. :func:`load_registry` is the strict
reader (the first problem raises), used to check a folder.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
import reprlib
from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from croniter import croniter
from pydantic import ConfigDict, TypeAdapter, ValidationError, with_config
from pydantic_core import ErrorDetails

from crawlers.patterns import PatternError, compile_pattern

REGISTRY_DIR = Path(__file__).with_name("sources")
# Further registry folders, separated by os.pathsep (e.g. the hostile input corpus's).
EXTRA_DIRS_ENV = "WIREDESK_EXTRA_SOURCES"
DISCOVERY_KINDS = {"rss", "atom", "sitemap", "robots", "listing", "archive"}
NETWORKS = {"simulated", "live"}
SOURCE_KINDS = {"wire", "agency", "issuer", "outlet"}
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
log = logging.getLogger(__name__)


class RegistryError(ValueError):
    """The registry file is malformed."""


# The registry's schema: the dataclasses below, validated by pydantic; no key beyond them.
_SCHEMA = ConfigDict(extra="forbid")


@with_config(_SCHEMA)
@dataclass(frozen=True)
class Discovery:
    """One discovery endpoint of a source (a feed, a sitemap, a listing...)."""

    kind: str
    url: str                   # archive: a template such as ``https://x/{date:%Y/%m/%d}/``
    next: str | None = None    # listing/archive: CSS selector of the next-page link
    links: str | None = None   # listing/archive: CSS of the release links (within ``item``)
    item: str | None = None    # listing/archive: CSS of one entry (pairs a link with its date)
    date: str | None = None    # listing/archive: CSS of the entry's date, within ``item``


@with_config(_SCHEMA)
@dataclass(frozen=True)
class Checked:
    """What a live entry's structure was checked against, and when."""

    against: str
    on: date


@with_config(_SCHEMA)
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
    checked: Checked | None = None

    def is_release_path(self, path: str) -> bool:
        """True if a URL path looks like one of this source's release pages."""
        if not self.release_url_pattern:
            return True
        return compile_pattern(self.release_url_pattern).search(path) is not None

    @property
    def is_local(self) -> bool:
        """Served from this machine (the simulator or an explicitly local source)."""
        return self.local if self.local is not None else self.network == "simulated"


def cron_problem(cron: Any) -> str | None:
    """Why ``cron`` is not a schedule Dagster accepts, or None: five fields, each valid,
    and not a day that never comes (30 or 31 February)."""
    if not isinstance(cron, str) or len(cron.split()) != 5 or not croniter.is_valid(cron):
        return f"schedule {cron!r} is not a five-field cron"
    fields = croniter.expand(cron)[0]
    if fields[3] == [2] and len(fields[2]) == 1 and fields[2][0] in (30, 31):
        return f"schedule {cron!r} names a day February never has"
    return None


def timezone_problem(name: Any) -> str | None:
    """Why ``name`` is not an IANA time zone zoneinfo knows, or None."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        return f"timezone {name!r} is not an IANA time zone"
    return None


def domain_problem(domain: Any) -> str | None:
    """Why an ``allowed_domains`` entry is not a host name (``''``, ``'.'``, a trailing
    dot, a scheme, a path, a port or a wildcard are refused), or None."""
    if not isinstance(domain, str):
        return f"allowed domain {domain!r} is not a host name"
    try:
        ascii_name = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return f"allowed domain {domain!r} is not a host name"
    if domain != domain.strip().lower() or not all(
            _LABEL.match(label) for label in ascii_name.split(".")):
        return f"allowed domain {domain!r} is not a host name (lower case, no dots at the " \
               "ends, no scheme, path, port or wildcard)"
    return None


_SOURCE_SCHEMA = TypeAdapter(Source)
_NESTED = {"discovery": Discovery, "checked": Checked}


def _schema_problem(error: ErrorDetails) -> str:
    """One pydantic error in the registry's words: where in the entry, and what is wrong."""
    loc = error["loc"]
    if error["type"] == "invalid_key":   # YAML reads a bare on/yes/no key as a boolean
        loc = loc[:-1]
    where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)
    where = where.lstrip(".")
    if error["type"] == "invalid_key":
        return (f"key {error['input']!r} in {where or 'the entry'} is not a string (quote a "
                "key such as 'on', which YAML reads as a boolean)")
    if error["type"] == "unexpected_keyword_argument":
        owner = _NESTED.get(str(loc[0]), Source) if len(loc) > 1 else Source
        close = difflib.get_close_matches(str(loc[-1]), [f.name for f in fields(owner)], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown key {where!r}{hint}"
    if error["type"] == "missing":
        return f"missing key {where!r}"
    return f"{where}: {error['msg']} (got {reprlib.repr(error['input'])})"


def _source_from_dict(raw: dict[str, Any]) -> Source:
    if not isinstance(raw, dict):
        raise RegistryError(f"not a mapping of fields but {type(raw).__name__}")
    domains = raw.get("allowed_domains")
    if not isinstance(domains, list) or not domains:
        raise RegistryError(f"source {raw.get('id')!r}: allowed_domains must be a non-empty "
                            "list of host names")
    try:
        src = _SOURCE_SCHEMA.validate_python(raw)
    except ValidationError as exc:
        found = "; ".join(_schema_problem(e) for e in exc.errors())
        raise RegistryError(f"source {raw.get('id')!r}: {found}") from exc
    problems = [
        f"unknown kind {src.kind!r}" if src.kind not in SOURCE_KINDS else None,
        f"unknown network {src.network!r}" if src.network not in NETWORKS else None,
        cron_problem(src.schedule), timezone_problem(src.timezone),
        *(domain_problem(d) for d in src.allowed_domains),
    ]
    for d in src.discovery:
        if d.kind not in DISCOVERY_KINDS:
            problems.append(f"unknown discovery kind {d.kind!r}")
        if d.kind == "archive" and "{date" not in d.url:
            problems.append("archive url needs a {date:...} field")
    if src.release_url_pattern:
        try:
            compile_pattern(src.release_url_pattern)
        except PatternError as exc:
            problems.append(f"release_url_pattern: {exc}")
    found = [p for p in problems if p]
    if found:
        raise RegistryError(f"source {src.id!r}: {'; '.join(found)}")
    return src


def source_from_file(path: Path) -> Source:
    """One registry file, validated; a problem raises :class:`RegistryError` naming it."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        src = _source_from_dict(raw)
    except (yaml.YAMLError, UnicodeError, OSError, RegistryError) as exc:
        raise RegistryError(f"{path}: {exc}") from exc
    if src.id != path.stem:
        raise RegistryError(f"{path}: id {src.id!r} does not match the file name")
    return src


def read_registry(folder: Path | str = REGISTRY_DIR) -> tuple[dict[str, Source], list[str]]:
    """Every valid ``<id>.yaml`` in the folder as ``{source_id: Source}``, and one message
    (naming the file) per entry left out."""
    sources: dict[str, Source] = {}
    problems: list[str] = []
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            src = source_from_file(path)
        except RegistryError as exc:
            problems.append(str(exc))
            continue
        sources[src.id] = src
    return sources, problems


def load_registry(folder: Path | str = REGISTRY_DIR) -> dict[str, Source]:
    """Read every ``<id>.yaml`` in the folder into ``{source_id: Source}``, strictly: any
    bad entry raises :class:`RegistryError` (naming its file)."""
    sources, problems = read_registry(folder)
    if problems:
        raise RegistryError("; ".join(problems))
    return sources


_PROBLEMS: list[str] = []


@lru_cache(maxsize=1)
def registry() -> dict[str, Source]:
    """The project's registry, read once per process, with the sources of any folder
    named by ``WIREDESK_EXTRA_SOURCES`` (which may not redefine a project source). A bad
    entry disables that source only: it is left out and logged as an error naming its
    file (:func:`registry_problems`)."""
    sources, problems = read_registry()
    for folder in filter(None, os.environ.get(EXTRA_DIRS_ENV, "").split(os.pathsep)):
        extra, more = read_registry(folder)
        problems += more
        for source_id in sorted(set(extra) & set(sources)):
            problems.append(f"{folder}: source {source_id!r} is already defined")
            del extra[source_id]
        sources.update(extra)
    _PROBLEMS[:] = problems
    for problem in problems:
        log.error("source registry: entry disabled: %s", problem)
    return sources


def registry_problems() -> list[str]:
    """Why entries of the registry were left out (one message naming the file each)."""
    registry()
    return list(_PROBLEMS)


def enabled_sources(network: str | None = None) -> list[Source]:
    """Enabled sources, optionally only those on one network (``simulated`` or ``live``)."""
    return [
        s for s in registry().values() if s.enabled and (network is None or s.network == network)
    ]
