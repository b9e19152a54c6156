"""Bad input never raises: fields are null and ``parse_status`` says why."""

from __future__ import annotations

import time

import pytest

from pipelines.parse import parse_release
from pipelines.parse.release import MAX_CHARS

BODY = ("NEW YORK, July 8, 2026 /PRNewswire/ -- Quillon Health said it would hire 40 "
        "engineers in Brooklyn.\nThe hiring starts next month.\n")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("", "empty"),
        ("   \n\n  ", "empty"),
        ("%%%% 1234 5678 ### @@@ !!! 99999 0000 ---- ++++ ////", "garbage"),
        ("\x00\x01\x02 ÿþ 0x1F 3.14159 2.71828 1.41421", "garbage"),
        ("حکومت نے منگل کو نئے بجٹ کا اعلان کیا اور کہا کہ ترقیاتی منصوبوں کے لیے رقم "
         "بڑھائی جائے گی۔\nوزیر خزانہ نے کہا کہ مہنگائی کم ہو رہی ہے۔", "rtl_script"),
        ("Правительство объявило новый бюджет во вторник и пообещало новые дороги.",
         "non_latin_script"),
        ("The company opened a new plant on Monday and hired a hundred workers.\n"
         "It plans a second site next year.", "no_dateline"),
        ("SOMEWHERE ~ July 8 ~ Acme said it would open a plant.\nMore text here.",
         "unknown_dateline_style"),
    ],
)
def test_bad_input_status(text: str, status: str) -> None:
    parsed = parse_release(text)
    assert parsed.parse_status == status
    assert parsed.dateline is None and parsed.agency is None and parsed.tickers == []


def test_urdu_text_is_kept_with_its_language() -> None:
    parsed = parse_release("حکومت نے منگل کو نئے بجٹ کا اعلان کیا اور کہا کہ ترقیاتی منصوبوں "
                           "کے لیے رقم بڑھائی جائے گی")
    assert parsed.language == "ur"
    assert parsed.body_main and parsed.entities == []


def test_mixed_scripts_still_parse() -> None:
    text = BODY + "Компания сообщила о новых планах расширения производства в регионе сегодня."
    parsed = parse_release(text)
    assert parsed.parse_status == "mixed_scripts"
    assert parsed.dateline is not None and parsed.dateline.city == "New York"


def test_five_megabytes_is_cut_not_fatal() -> None:
    text = BODY + ("Filler sentence about the plant and its workers. " * 20 + "\n") * 5200
    assert len(text) > 5_000_000
    started = time.perf_counter()
    parsed = parse_release(text)
    assert time.perf_counter() - started < 30  # bounded, not a benchmark
    assert parsed.parse_status == "truncated"
    assert parsed.dateline is not None and len(parsed.body_main) <= MAX_CHARS


def test_none_and_non_text_do_not_raise() -> None:
    assert parse_release(None).parse_status == "empty"  # type: ignore[arg-type]
    assert parse_release(12345).parse_status.startswith("error:")  # type: ignore[arg-type]
