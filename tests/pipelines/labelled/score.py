"""Score the parser against the labelled sets: accuracy, precision, recall per field.

Run: ``.venv/bin/python tests/pipelines/labelled/score.py``. The test suite calls
:func:`score_all` and checks the thresholds of issue 4.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2]))

from pipelines.parse import parse_release  # noqa: E402

DATELINE_FIELDS = ("location", "city", "region", "country", "date", "month_day", "agency")


@dataclass
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, expected: set[str], got: set[str], where: str) -> None:
        self.tp += len(expected & got)
        self.fp += len(got - expected)
        self.fn += len(expected - got)
        if expected != got:
            self.errors.append(f"{where}: missing {sorted(expected - got)} "
                               f"extra {sorted(got - expected)}")

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _none(value: str) -> str | None:
    value = value.strip()
    return None if value == "-" else value


def load_datelines() -> list[dict[str, Any]]:
    """The labelled datelines as dicts (``\\|`` is a "|" in the text, ``\\n`` a break)."""
    rows = []
    for line in (HERE / "datelines.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip().replace("\\|", "|") for p in re.split(r" (?<!\\)\| ", line)]
        style, text, loc, city, region, country, printed, agency = parts[:8]
        printed_date = _none(printed)
        rows.append({"style": style, "text": text.replace("\\n", "\n"), "expected": {
            "location": _none(loc), "city": _none(city), "region": _none(region),
            "country": _none(country),
            "date": printed_date if printed_date and len(printed_date) == 10 else None,
            "month_day": printed_date[-5:] if printed_date else None,
            "agency": _none(agency)}})
    return rows


def score_datelines() -> dict[str, Any]:
    """Exact-match accuracy of each dateline field over the labelled datelines (the
    dateline of the whole parse, so credits in bylines and trailers count)."""
    rows = load_datelines()
    right = dict.fromkeys(DATELINE_FIELDS, 0)
    errors: list[str] = []
    for row in rows:
        got = parse_release(row["text"]).dateline
        for name in DATELINE_FIELDS:
            value = getattr(got, name) if got else None
            if value == row["expected"][name]:
                right[name] += 1
            else:
                errors.append(f"[{row['style']}] {row['text'][:50]!r} {name}: "
                              f"{value!r} != {row['expected'][name]!r}")
    n = len(rows)
    return {"n": n, "styles": len({r["style"] for r in rows}),
            "accuracy": {k: right[k] / n for k in DATELINE_FIELDS}, "errors": errors}


# -- whole releases -------------------------------------------------------------------

_BOILER_MARK = "§ "


def load_releases() -> list[dict[str, Any]]:
    """Labelled releases: a JSON header line, then the text; ``§ `` marks boilerplate."""
    docs = []
    raw = (HERE / "releases.txt").read_text(encoding="utf-8")
    for block in re.split(r"^=== ", raw, flags=re.M)[1:]:
        header, _, body = block.partition("\n")
        meta = json.loads(header)
        lines = [ln for ln in body.strip("\n").split("\n") if ln.strip()]
        boiler = {ln[len(_BOILER_MARK):].strip() for ln in lines if ln.startswith(_BOILER_MARK)}
        text = "\n".join(ln[len(_BOILER_MARK):] if ln.startswith(_BOILER_MARK) else ln
                         for ln in lines)
        docs.append({**meta, "text": text, "boilerplate": boiler})
    return docs


def _org_names(entities: list[dict[str, Any]]) -> set[str]:
    return {_okey(e["name"]) for e in entities if e["kind"] == "organisation"}


def _okey(name: str) -> str:
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name)
    name = re.sub(r"[^\w\s]", " ", name.lower().replace("’s", "").replace("'s", ""))
    name = re.sub(r"\b(?:the|inc|corp|corporation|ltd|llc|plc|limited|co)\b", " ", name)
    return re.sub(r"\s+", " ", name).strip()


def score_releases() -> dict[str, Any]:
    """Precision/recall of tickers, boilerplate paragraphs, contacts, orgs, people."""
    docs = load_releases()
    fields = {k: Counts() for k in ("tickers", "ticker_company", "boilerplate", "contacts",
                                    "organisations", "people", "places", "agency",
                                    "headline", "lead")}
    for doc in docs:
        parsed = parse_release(doc["text"], title=doc.get("title"))
        did = doc["id"]
        fields["tickers"].add(set(doc.get("tickers", [])), set(parsed.tickers), did)
        fields["ticker_company"].add(
            {f"{t}={_okey(c)}" for t, c in doc.get("ticker_companies", {}).items()},
            {f"{d['ticker']}={_okey(d['company'] or '')}" for d in parsed.ticker_details
             if d["ticker"] in doc.get("ticker_companies", {})}, did)
        got_boiler = {b["text"].strip() for b in parsed.boilerplate_blocks}
        fields["boilerplate"].add(doc["boilerplate"], got_boiler, did)
        fields["contacts"].add(
            {c.lower() for c in doc.get("contacts", [])},
            {(c["email"] or c["phone"] or "").lower() for c in parsed.contacts}, did)
        fields["organisations"].add({_okey(o) for o in doc.get("orgs", [])},
                                    _org_names(parsed.entities), did)
        fields["people"].add({p.lower() for p in doc.get("people", [])},
                             {e["name"].lower() for e in parsed.entities
                              if e["kind"] == "person"}, did)
        if "places" in doc:
            fields["places"].add({p.lower() for p in doc["places"]},
                                 {e["name"].lower() for e in parsed.entities
                                  if e["kind"] in ("country", "city")}, did)
        fields["agency"].add({doc["agency"]} if doc.get("agency") else set(),
                             {parsed.agency} if parsed.agency else set(), did)
        if doc.get("headline"):
            fields["headline"].add({doc["headline"]}, {parsed.headline or ""}, did)
        if doc.get("lead"):
            fields["lead"].add({doc["lead"]}, {(parsed.lead or "")[: len(doc["lead"])]}, did)
    return {"n": len(docs), "fields": fields}


def score_all() -> dict[str, Any]:
    """Both sets."""
    return {"datelines": score_datelines(), "releases": score_releases()}


def main() -> None:
    """Print the figures (and the misses with ``-v``)."""
    verbose = "-v" in sys.argv
    result = score_all()
    dl = result["datelines"]
    print(f"datelines: {dl['n']} across {dl['styles']} house styles")
    for name, acc in dl["accuracy"].items():
        print(f"  {name:<12} accuracy {acc:.3f}")
    rel = result["releases"]
    print(f"releases: {rel['n']}")
    for name, c in rel["fields"].items():
        if not c.tp + c.fp + c.fn:
            continue
        print(f"  {name:<15} precision {c.precision:.3f}  recall {c.recall:.3f}  "
              f"F1 {c.f1:.3f}  (tp {c.tp}, fp {c.fp}, fn {c.fn})")
    if verbose:
        for err in dl["errors"]:
            print("  DL", err)
        for name, c in rel["fields"].items():
            for err in c.errors:
                print(f"  {name}: {err}")


if __name__ == "__main__":
    main()
