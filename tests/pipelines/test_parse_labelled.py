"""The parser against the labelled sets, with the thresholds of issue 4."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "labelled_score", Path(__file__).parent / "labelled" / "score.py")
assert _SPEC and _SPEC.loader
score = importlib.util.module_from_spec(_SPEC)
sys.modules["labelled_score"] = score  # dataclasses look their module up
_SPEC.loader.exec_module(score)


@pytest.fixture(scope="module")
def results() -> dict:
    return score.score_all()


def test_labelled_sets_are_big_enough(results: dict) -> None:
    assert results["datelines"]["n"] >= 250
    assert results["datelines"]["styles"] >= 20
    assert results["releases"]["n"] >= 40


@pytest.mark.parametrize("field", score.DATELINE_FIELDS)
def test_dateline_fields_are_98_percent_exact(results: dict, field: str) -> None:
    acc = results["datelines"]["accuracy"][field]
    misses = [e for e in results["datelines"]["errors"] if f" {field}: " in e]
    assert acc >= 0.98, misses


def test_tickers_f1(results: dict) -> None:
    counts = results["releases"]["fields"]["tickers"]
    assert counts.f1 >= 0.98, counts.errors


def test_boilerplate_f1_by_paragraph(results: dict) -> None:
    counts = results["releases"]["fields"]["boilerplate"]
    assert counts.f1 >= 0.95, counts.errors


@pytest.mark.parametrize("field", ["organisations", "people"])
def test_entities_precision_and_recall(results: dict, field: str) -> None:
    counts = results["releases"]["fields"][field]
    assert counts.precision >= 0.90, counts.errors
    assert counts.recall >= 0.85, counts.errors


def test_contacts_and_agency(results: dict) -> None:
    fields = results["releases"]["fields"]
    assert fields["contacts"].f1 >= 0.9, fields["contacts"].errors
    assert fields["agency"].f1 >= 0.95, fields["agency"].errors
