"""Tests for the parse stage: datelines, tickers, boilerplate, agency credits."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from pipelines.parse import (
    PARSER_VERSION,
    ParsedRelease,
    find_tickers,
    parse_dateline,
    parse_release,
)

HINT = date(2026, 7, 30)

# (text, raw, location, city, region, country, date, agency)
DATELINES: list[tuple[str, str, str, str, str | None, str | None, str | None, str | None]] = [
    ("NEW YORK, July 8, 2026 /PRNewswire/ -- Acme said",
     "NEW YORK, July 8, 2026 /PRNewswire/ --", "NEW YORK", "New York", None, "US",
     "2026-07-08", "PR Newswire"),
    ("SAN FRANCISCO--(BUSINESS WIRE)--Acme said",
     "SAN FRANCISCO--(BUSINESS WIRE)--", "SAN FRANCISCO", "San Francisco", None, "US",
     None, "Business Wire"),
    ("AUSTIN, Texas--(BUSINESS WIRE)--Acme said",
     "AUSTIN, Texas--(BUSINESS WIRE)--", "AUSTIN, Texas", "Austin", "Texas", "US",
     None, "Business Wire"),
    ("TORONTO, July 08, 2026 (GLOBE NEWSWIRE) -- Maple said",
     "TORONTO, July 08, 2026 (GLOBE NEWSWIRE) --", "TORONTO", "Toronto", None, "CA",
     "2026-07-08", "GlobeNewswire"),
    ("ISLAMABAD, JUL 29 /DNA/ \u2013 The ministry said",
     "ISLAMABAD, JUL 29 /DNA/ \u2013", "ISLAMABAD", "Islamabad", None, "PK",
     "2026-07-29", "DNA"),
    ("KARACHI, July 29 (APP): The port said",
     "KARACHI, July 29 (APP):", "KARACHI", "Karachi", None, "PK", "2026-07-29", "APP"),
    ("LONDON (Reuters) - Shares fell",
     "LONDON (Reuters) -", "LONDON", "London", None, "GB", None, "Reuters"),
    ("WASHINGTON (AP) \u2014 The Senate voted",
     "WASHINGTON (AP) \u2014", "WASHINGTON", "Washington", None, "US", None, "AP"),
    ("BEIJING, July 29 (Xinhua) -- Officials said",
     "BEIJING, July 29 (Xinhua) --", "BEIJING", "Beijing", None, "CN", "2026-07-29", "Xinhua"),
    ("NEW DELHI, Jul 29 (PTI) The government said",
     "NEW DELHI, Jul 29 (PTI)", "NEW DELHI", "New Delhi", None, "IN", "2026-07-29", "PTI"),
    ("MIAMI, July 8, 2026 /ACCESS Newswire/ - Sunfish said",
     "MIAMI, July 8, 2026 /ACCESS Newswire/ -", "MIAMI", "Miami", None, "US",
     "2026-07-08", "ACCESS Newswire"),
    ("DUBLIN, July 8, 2026 (EIN Presswire) -- A startup said",
     "DUBLIN, July 8, 2026 (EIN Presswire) --", "DUBLIN", "Dublin", None, "IE",
     "2026-07-08", "EIN Presswire"),
    ("Vancouver, British Columbia--(Newsfile Corp. - July 8, 2026) - Northern said",
     "Vancouver, British Columbia--(Newsfile Corp. - July 8, 2026) -",
     "Vancouver, British Columbia", "Vancouver", "British Columbia", "CA",
     "2026-07-08", "Newsfile"),
    # lowercase, odd spacing and dash variants
    ("new york, july 8, 2026 /prnewswire/ -- lower case copy",
     "new york, july 8, 2026 /prnewswire/ --", "new york", "New York", None, "US",
     "2026-07-08", "PR Newswire"),
    ("ST. LOUIS, Mo. ,  July 8, 2026   /PRNewswire/\u2014Gateway said",
     "ST. LOUIS, Mo. ,  July 8, 2026   /PRNewswire/\u2014", "ST. LOUIS, Mo.", "St. Louis",
     "Missouri", "US", "2026-07-08", "PR Newswire"),
    ("WASHINGTON, D.C. \u2013 (BUSINESS WIRE) \u2013 Capitol said",
     "WASHINGTON, D.C. \u2013 (BUSINESS WIRE) \u2013", "WASHINGTON, D.C.", "Washington",
     "District of Columbia", "US", None, "Business Wire"),
    ("CHICAGO , July 8 , 2026 /PRNewswire/ \u2013 Lakeside said",
     "CHICAGO , July 8 , 2026 /PRNewswire/ \u2013", "CHICAGO", "Chicago", None, "US",
     "2026-07-08", "PR Newswire"),
    ("Lahore, Pakistan, July 29 (APP) - Punjab officials said",
     "Lahore, Pakistan, July 29 (APP) -", "Lahore, Pakistan", "Lahore", None, "PK",
     "2026-07-29", "APP"),
    ("New Delhi [India], July 29 (ANI): Officials said",
     "New Delhi [India], July 29 (ANI):", "New Delhi", "New Delhi", None, "IN",
     "2026-07-29", "ANI"),
    ("RIO DE JANEIRO, Aug. 3, 2026 /PRNewswire/ -- Samba said",
     "RIO DE JANEIRO, Aug. 3, 2026 /PRNewswire/ --", "RIO DE JANEIRO", "Rio de Janeiro",
     None, "BR", "2026-08-03", "PR Newswire"),
    ("Toronto, Ontario, July 8, 2026 /CNW/ - Maple said",
     "Toronto, Ontario, July 8, 2026 /CNW/ -", "Toronto, Ontario", "Toronto", "Ontario",
     "CA", "2026-07-08", "CNW"),
    ("SINGAPORE, July 8, 2026 /PRNewswire/ -- Lion said",
     "SINGAPORE, July 8, 2026 /PRNewswire/ --", "SINGAPORE", "Singapore", None, "SG",
     "2026-07-08", "PR Newswire"),
    ("PARIS, 8 July 2026 (AFP) - France said",
     "PARIS, 8 July 2026 (AFP) -", "PARIS", "Paris", None, "FR", "2026-07-08", "AFP"),
    ("Kuala Lumpur, July 29 (Bernama) -- Malaysia said",
     "Kuala Lumpur, July 29 (Bernama) --", "Kuala Lumpur", "Kuala Lumpur", None, "MY",
     "2026-07-29", "Bernama"),
    ("Houston, TX, July 8, 2026 (GLOBE NEWSWIRE) -- Oil said",
     "Houston, TX, July 8, 2026 (GLOBE NEWSWIRE) --", "Houston, TX", "Houston", "Texas",
     "US", "2026-07-08", "GlobeNewswire"),
    ("DALLAS--(BUSINESS WIRE)--July 8, 2026--Lone Star said",
     "DALLAS--(BUSINESS WIRE)--July 8, 2026--", "DALLAS", "Dallas", None, "US",
     "2026-07-08", "Business Wire"),
    ("BOSTON -- ( Business Wire ) -- Harbor said",
     "BOSTON -- ( Business Wire ) --", "BOSTON", "Boston", None, "US", None, "Business Wire"),
    ("SEATTLE, Wash., July 8, 2026 /PRNewswire-FirstCall/ -- Rain said",
     "SEATTLE, Wash., July 8, 2026 /PRNewswire-FirstCall/ --", "SEATTLE, Wash.", "Seattle",
     "Washington", "US", "2026-07-08", "PR Newswire"),
    ("ZARAGOZA, Spain, July 8, 2026 /PRNewswire/ -- Iberia said",
     "ZARAGOZA, Spain, July 8, 2026 /PRNewswire/ --", "ZARAGOZA, Spain", "Zaragoza", None,
     "ES", "2026-07-08", "PR Newswire"),
    ("SMALLVILLE, July 8, 2026 /PRNewswire/ -- Nowhere said",
     "SMALLVILLE, July 8, 2026 /PRNewswire/ --", "SMALLVILLE", "Smallville", None, None,
     "2026-07-08", "PR Newswire"),
    ("PESHAWAR, July 29 (Online) - Unknown agency in slashes or parens is printed",
     "PESHAWAR, July 29 (Online) -", "PESHAWAR", "Peshawar", None, "PK", "2026-07-29",
     "Online"),
    ("LAHORE: The provincial cabinet approved",
     "LAHORE:", "LAHORE", "Lahore", None, "PK", None, None),
    ("ISLAMABAD, July 29: The Senate met",
     "ISLAMABAD, July 29:", "ISLAMABAD", "Islamabad", None, "PK", "2026-07-29", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "raw", "location", "city", "region", "country", "iso", "agency"), DATELINES
)
def test_dateline_table(
    text: str,
    raw: str,
    location: str,
    city: str,
    region: str | None,
    country: str | None,
    iso: str | None,
    agency: str | None,
) -> None:
    got = parse_dateline(text, HINT)
    assert got is not None
    assert (got.raw, got.location, got.city, got.region, got.country, got.date, got.agency) == (
        raw, location, city, region, country, iso, agency)
    assert got.month_day == (iso[5:] if iso else None)


def test_dateline_table_is_big_enough() -> None:
    assert len(DATELINES) >= 25


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("ISLAMABAD, DEC 31 /DNA/ - Year end", date(2027, 1, 2), "2026-12-31"),
        ("ISLAMABAD, JAN 2 /DNA/ - New year", date(2026, 12, 30), "2027-01-02"),
        ("ISLAMABAD, JUL 29 /DNA/ - Mid year", date(2025, 7, 30), "2025-07-29"),
        ("ISLAMABAD, JUL 29 /DNA/ - No hint", None, None),
        ("ISLAMABAD, Feb 29 /DNA/ - Leap day", date(2028, 3, 1), "2028-02-29"),
        ("TORONTO, July 08, 2025 (GLOBE NEWSWIRE) -- Printed year wins", date(2026, 7, 1),
         "2025-07-08"),
    ],
)  # fmt: skip
def test_year_less_dates_use_hint(text: str, hint: date | None, expected: str | None) -> None:
    got = parse_dateline(text, hint)
    assert got is not None
    assert got.date == expected


@pytest.mark.parametrize(
    "text",
    [
        "Acme Corp (NYSE: ACME) today announced a new product line.",
        "The company said on Tuesday that profits rose.",
        "In a statement issued today, the ministry (APP) - said nothing new.",
        "Harbourline Robotics Unveils Tidewater Dock Automation Suite",
        "NOTE: this is not a dateline",
        "",
    ],
)
def test_not_a_dateline(text: str) -> None:
    assert parse_dateline(text, HINT) is None


# --- tickers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme Inc. (NYSE: ACME) said", ["NYSE:ACME"]),
        ("Beta Corp. (Nasdaq: XYZ) said", ["NASDAQ:XYZ"]),
        ("Gamma (NYSE:GAM) and Gamma again (NYSE: GAM)", ["NYSE:GAM"]),
        ("listed on NYSE American: ABC since 2019", ["NYSEAMERICAN:ABC"]),
        ("Delta Mining (TSX-V: DLM) (OTCQB: DLMNF)", ["TSXV:DLM", "OTCQB:DLMNF"]),
        ("Epsilon (TSX: EPS; NYSE: EPSI)", ["TSX:EPS", "NYSE:EPSI"]),
        ("Oil and Gas Development (PSX: OGDC) said", ["PSX:OGDC"]),
        ("Zeta Holdings (NasdaqGS: ZETA) said", ["NASDAQ:ZETA"]),
        ("Eta Gold (TSX Venture: ETA.H) said", ["TSXV:ETA.H"]),
        ("Theta (OTCQX: THTAF) and Iota (TSX: IOT.U)", ["OTCQX:THTAF", "TSX:IOT.U"]),
        ("Kappa Motors (NYSE: F) said", ["NYSE:F"]),
        ("FRANKFURT: A consortium said", []),
        ("the Nasdaq: markets fell", []),
        ("No tickers here at all.", []),
    ],
)
def test_tickers(text: str, expected: list[str]) -> None:
    assert find_tickers(text) == expected


# --- full releases -------------------------------------------------------------

GLOBE_RELEASE = """\
Ridgeback Minerals Reports Drill Results at Copper Hollow
Photo courtesy of Ridgeback Minerals
TORONTO, July 08, 2026 (GLOBE NEWSWIRE) -- Ridgeback Minerals Corp. (TSX: RDG) (OTCQB: RDGMF) \
today reported assay results from twelve holes at its Copper Hollow project in northern Ontario.
The best interval returned 1.8 percent copper over 41 metres, starting 60 metres below surface. \
Drilling will continue through the autumn with two rigs.
"These holes extend the mineralised zone by roughly 300 metres to the east," said Odile \
Brankovic, vice president of exploration.
About Ridgeback Minerals Corp.
Ridgeback Minerals explores for copper and zinc in Ontario and Quebec.
Cautionary Note Regarding Forward-Looking Information
This news release includes forward-looking information about drilling plans. Readers should \
not place undue reliance on it.
Neither the TSX nor its regulation services provider accepts responsibility for this release.
For further information, please contact:
Odile Brankovic
+1 416-555-0123
info@ridgeback.example
-30-"""

AGENCY_RELEASE = """\
KARACHI, July 29 (APP): The provincial fisheries department on Wednesday opened a \
registration drive for small-boat owners along the coast, officials said.
The drive will run for thirty days, and registered owners will receive safety kits and \
access to a subsidised fuel scheme.
A spokesman said mobile teams would visit eight fishing villages so that owners did not \
have to travel to the city.
Photo - https://images.example.test/fisheries-drive.jpg
The department said it expected to register about four thousand boats."""

ACCESS_RELEASE = """\
By Staff Writer
MIAMI, FL / ACCESS Newswire / July 8, 2026 / Sunfish Labs, Inc. (NASDAQ: SFSH) today \
launched a water-testing kit for home aquariums that reports results to a phone app.
The kit measures six readings, including ammonia and nitrate, in under five minutes.
Sunfish expects the kit to be available in pet stores across the United States by September.
Forward-Looking Statements
This press release contains forward-looking statements within the meaning of the Private \
Securities Litigation Reform Act of 1995.
Contact:
Rosa Delgado-Whitfield
rosa@sunfish.example
SOURCE: Sunfish Labs, Inc.
View the original press release on ACCESS Newswire
# # #"""


def test_globe_release() -> None:
    parsed = parse_release(
        GLOBE_RELEASE,
        title="Ridgeback Minerals Reports Drill Results at Copper Hollow",
        published_hint=datetime(2026, 7, 8, 13, 0, tzinfo=UTC),
    )
    assert isinstance(parsed, ParsedRelease)
    assert parsed.dateline is not None
    assert parsed.dateline.raw == "TORONTO, July 08, 2026 (GLOBE NEWSWIRE) --"
    assert parsed.dateline.date == "2026-07-08"
    assert parsed.agency == "GlobeNewswire"
    assert parsed.tickers == ["TSX:RDG", "OTCQB:RDGMF"]
    assert parsed.lead is not None
    assert parsed.lead.startswith("Ridgeback Minerals Corp. (TSX: RDG)")
    assert "TORONTO" not in parsed.body_main
    assert "Drilling will continue" in parsed.body_main
    assert "Odile\nBrankovic" not in parsed.body_main
    assert parsed.body_main.endswith("said Odile Brankovic, vice president of exploration.")
    for gone in ["About Ridgeback", "undue reliance", "TSX nor its regulation",
                 "416-555-0123", "-30-", "Photo courtesy"]:  # fmt: skip
        assert gone not in parsed.body_main, gone
        assert gone in parsed.boilerplate, gone
    assert parsed.headline == "Ridgeback Minerals Reports Drill Results at Copper Hollow"
    assert "Reports Drill Results" not in parsed.body_main + parsed.boilerplate
    assert parsed.boilerplate_kinds == [
        "photo_credit", "about", "forward_looking", "contacts", "end_marker",
    ]  # fmt: skip
    assert parsed.ticker_details[0]["company"] == "Ridgeback Minerals Corp."
    assert parsed.contacts == [{"name": "Odile Brankovic", "organisation": None, "role": None,
                                "email": "info@ridgeback.example", "phone": "+1 416-555-0123"}]
    people = [e for e in parsed.entities if e["kind"] == "person"]
    assert [p["name"] for p in people] == ["Odile Brankovic"]
    assert people[0]["extra"]["role"] == "vice president of exploration"
    assert parsed.language == "en" and parsed.parse_status == "ok"
    assert parsed.parser_version == PARSER_VERSION


def test_agency_release_keeps_body_and_drops_media_line() -> None:
    parsed = parse_release(AGENCY_RELEASE, published_hint=date(2026, 7, 30))
    assert parsed.dateline is not None
    assert parsed.dateline.agency == parsed.agency == "APP"
    assert parsed.dateline.date == "2026-07-29"
    assert parsed.lead == (
        "The provincial fisheries department on Wednesday opened a registration drive for "
        "small-boat owners along the coast, officials said."
    )
    assert parsed.body_main.endswith("expected to register about four thousand boats.")
    assert "Photo - https" not in parsed.body_main
    assert parsed.boilerplate_kinds == ["media"]
    assert parsed.tickers == []


def test_access_release_with_byline_and_slash_date() -> None:
    parsed = parse_release(ACCESS_RELEASE, published_hint=date(2026, 7, 8))
    assert parsed.dateline is not None
    assert parsed.dateline.location == "MIAMI, FL"
    assert parsed.dateline.region == "Florida"
    assert parsed.dateline.agency == "ACCESS Newswire"
    assert parsed.dateline.date == "2026-07-08"
    assert parsed.tickers == ["NASDAQ:SFSH"]
    assert parsed.lead is not None and parsed.lead.startswith("Sunfish Labs, Inc.")
    assert parsed.body_main.split("\n")[-1].startswith("Sunfish expects the kit")
    assert parsed.boilerplate_kinds == [
        "byline", "forward_looking", "contacts", "source", "view_original", "end_marker",
    ]  # fmt: skip
    assert "rosa@sunfish.example" in parsed.boilerplate


def test_release_to_dict_round_trip() -> None:
    data = parse_release(AGENCY_RELEASE, published_hint=date(2026, 7, 30)).to_dict()
    assert data["dateline"]["city"] == "Karachi"
    assert data["agency"] == "APP"
    assert data["parser_version"] == PARSER_VERSION
    assert set(data) >= {
        "dateline", "agency", "tickers", "lead", "body_main", "boilerplate",
        "boilerplate_kinds", "parser_version", "headline", "subheadline", "contacts",
        "entities", "mentions", "language", "parse_status",
    }  # fmt: skip
    assert data["dateline"]["month_day"] == "07-29"


def test_headline_and_subheadline_before_dateline() -> None:
    text = (
        "Harbour Co. Unveils Modular Crane\n"
        "Modular cranes aim to cut dwell time at smaller ports\n"
        "NEW YORK, July 8, 2026 /PRNewswire/ -- Harbour Co. unveiled a crane.\n"
        "It ships in the autumn."
    )
    for title in (None, "Harbour Co. Unveils Modular Crane"):
        parsed = parse_release(text, title=title)
        assert parsed.dateline is not None and parsed.dateline.city == "New York"
        assert parsed.headline == "Harbour Co. Unveils Modular Crane"
        assert parsed.subheadline == "Modular cranes aim to cut dwell time at smaller ports"
        assert parsed.lead == "Harbour Co. unveiled a crane."
        assert parsed.paragraphs == ["It ships in the autumn."]
        assert parsed.body_main.split("\n")[0].startswith("Modular cranes")


# --- agency credits outside the dateline -------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By PTI\nNEW DELHI: The cabinet approved a rail corridor on Wednesday.\nMore follows.",
         "PTI"),
        ("By Reuters Staff\nShares in the lender rose sharply after results.", "Reuters"),
        ("The cabinet approved a new rail corridor on Wednesday.\n"
         "Work will begin next year, the minister said. (ANI)", "ANI"),
        ("The cabinet approved a new rail corridor on Wednesday.\n"
         "Work will begin next year, the minister said. \u2014 APP", "APP"),
        ("The cabinet approved a new rail corridor on Wednesday.\n"
         "Work will begin next year.\n-- Xinhua", "Xinhua"),
    ],
)  # fmt: skip
def test_agency_from_byline_or_trailer(text: str, expected: str) -> None:
    parsed = parse_release(text)
    assert parsed.agency == expected
    assert parsed.dateline is None or parsed.dateline.agency is None


@pytest.mark.parametrize(
    "text",
    [
        "LAHORE: The provincial cabinet approved a budget for schools.\nIt meets again Monday.",
        "Acme Corp. today announced quarterly results.\nRevenue rose (unaudited) - see tables.",
        "The city council met on Tuesday.\nMembers discussed the APP programme for tenants.",
        "",
    ],
)
def test_agency_none_when_nothing_credits_one(text: str) -> None:
    parsed = parse_release(text)
    assert parsed.agency is None


def test_empty_release() -> None:
    parsed = parse_release("")
    assert parsed.dateline is None and parsed.lead is None
    assert parsed.body_main == "" and parsed.boilerplate == "" and parsed.tickers == []
