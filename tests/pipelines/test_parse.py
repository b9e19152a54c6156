"""Tests for the parse stage: datelines, tickers, boilerplate, agency credits."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.parse import (
    PARSER_VERSION,
    ParsedRelease,
    find_tickers,
    parse_dateline,
    parse_release,
)
from pipelines.published import dateline_day

# (text, raw, location, city, region, country, date, agency): the date as printed,
# "YYYY-MM-DD" with a year, "MM-DD" without one
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
     "07-29", "DNA"),
    ("KARACHI, July 29 (APP): The port said",
     "KARACHI, July 29 (APP):", "KARACHI", "Karachi", None, "PK", "07-29", "APP"),
    ("LONDON (Reuters) - Shares fell",
     "LONDON (Reuters) -", "LONDON", "London", None, "GB", None, "Reuters"),
    ("WASHINGTON (AP) \u2014 The Senate voted",
     "WASHINGTON (AP) \u2014", "WASHINGTON", "Washington", None, "US", None, "AP"),
    ("BEIJING, July 29 (Xinhua) -- Officials said",
     "BEIJING, July 29 (Xinhua) --", "BEIJING", "Beijing", None, "CN", "07-29", "Xinhua"),
    ("NEW DELHI, Jul 29 (PTI) The government said",
     "NEW DELHI, Jul 29 (PTI)", "NEW DELHI", "New Delhi", None, "IN", "07-29", "PTI"),
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
     "07-29", "APP"),
    ("New Delhi [India], July 29 (ANI): Officials said",
     "New Delhi [India], July 29 (ANI):", "New Delhi [India]", "New Delhi", None, "IN",
     "07-29", "ANI"),
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
     "07-29", "Bernama"),
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
     "PESHAWAR, July 29 (Online) -", "PESHAWAR", "Peshawar", None, "PK", "07-29",
     "Online"),
    ("LAHORE: The provincial cabinet approved",
     "LAHORE:", "LAHORE", "Lahore", None, "PK", None, None),
    ("ISLAMABAD, July 29: The Senate met",
     "ISLAMABAD, July 29:", "ISLAMABAD", "Islamabad", None, "PK", "07-29", None),
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
    got = parse_dateline(text)
    assert got is not None
    printed = iso if iso and len(iso) == 10 else None
    assert (got.raw, got.location, got.city, got.region, got.country, got.date, got.agency) == (
        raw, location, city, region, country, printed, agency)
    assert got.month_day == (iso[-5:] if iso else None)


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
def test_year_less_dates_take_the_year_only_as_publication_evidence(
        text: str, hint: date | None, expected: str | None) -> None:
    got = parse_dateline(text)
    assert got is not None
    assert got.date == (expected if "2025" in text else None)  # a year only when printed
    assert dateline_day(got.date, got.month_day, hint) == expected


# One invented lead per class of lead that real text prints (issue 13):
# (class, text, location, city, country, date, month_day, agency)
LEAD_CLASSES = [
    ("no date, place and dash", "PESHAWAR — Traders shut their shops on Monday.",
     "PESHAWAR", "Peshawar", "PK", None, None, None),
    ("no date, place and colon, mixed case", "Quetta: The provincial cabinet met on Monday.",
     "Quetta", "Quetta", "PK", None, None, None),
    ("no date, credit in brackets", "Lyon (AFP) - Firefighters contained a blaze.",
     "Lyon", "Lyon", "FR", None, None, "AFP"),
    ("lower-case place", "chennai, july 3 (pti) the city's metro extended its hours.",
     "chennai", "Chennai", "IN", None, "07-03", "PTI"),
    ("places joined by &", "OSLO, Norway & AUSTIN, Texas--(BUSINESS WIRE)--Fjordhub said.",
     "OSLO, Norway & AUSTIN, Texas", "Oslo", "NO", None, None, "Business Wire"),
    ("places joined by and", "NEW YORK, PARIS and TOKYO, May 4, 2026 /PRNewswire/ -- Vela said.",
     "NEW YORK, PARIS and TOKYO", "New York", "US", "2026-05-04", "05-04", "PR Newswire"),
    ("places joined by a slash", "PESHAWAR/MARDAN, May 4 (APP): Schools reopened.",
     "PESHAWAR/MARDAN", "Peshawar", "PK", None, "05-04", "APP"),
    ("country in brackets", "NUKUS (Uzbekistan), May 4 (APP): A trade fair opened.",
     "NUKUS (Uzbekistan)", "Nukus", "UZ", None, "05-04", "APP"),
    ("state as a third comma part", "Sparks, Nevada, United States, May 4, 2026 -- Reno Rail said.",
     "Sparks, Nevada, United States", "Sparks", "US", "2026-05-04", "05-04", None),
    ("date first", "May 4, 2026 -- Tucson, AZ -- Saguaro Labs said it would expand.",
     "Tucson, AZ", "Tucson", "US", "2026-05-04", "05-04", None),
    ("no place", "May 4 (Reuters) - Copper prices rose on Monday.",
     None, None, None, None, "05-04", "Reuters"),
    ("numeric date", "Kraków, 04.05.2026 (PAP) - Miasto ogłosiło nowy plan.",
     "Kraków", "Kraków", "PL", "2026-05-04", "05-04", "PAP"),
    ("date split across lines", "GENEVA, May\n4 (Reuters) - Talks resumed on Monday.",
     "GENEVA", "Geneva", "CH", None, "05-04", "Reuters"),
    ("ordinal day in an agency credit",
     "MULTAN, (APP - Cityline / Pakistan Wire - 4th May, 2026 ) :Mango exports rose.",
     "MULTAN", "Multan", "PK", "2026-05-04", "05-04", "APP"),
    ("dash glued to words", "DENVER, May 4, 2026--Front Range Water said it would merge.",
     "DENVER", "Denver", "US", "2026-05-04", "05-04", None),
    ("colon before the credit", "SUKKUR, May 4: (PPI) Flood waters receded on Monday.",
     "SUKKUR", "Sukkur", "PK", None, "05-04", "PPI"),
    ("underscore", "TOPEKA, Kan. (AP) _ Lawmakers adjourned on Friday.",
     "TOPEKA, Kan.", "Topeka", "US", None, None, "AP"),
    ("full stops between parts", "KAZAN. May 4 (Interfax) - The plant resumed output.",
     "KAZAN", "Kazan", "RU", None, "05-04", "Interfax"),
    ("wire inside a carrier's wrapper", "MINSK, May 4 (BelTA/APP): A forum opened.",
     "MINSK", "Minsk", "BY", None, "05-04", "BelTA"),
    ("outlet tag before the dateline",
     "(MENAFN- GlobeNewswire) OSLO, May 04, 2026 (GLOBE NEWSWIRE) -- Fjordhub said.",
     "OSLO", "Oslo", "NO", "2026-05-04", "05-04", "GlobeNewswire"),
    ("byline in front", "By Amal Haddad\nBEIRUT (AP) — Banks reopened on Monday.",
     "BEIRUT", "Beirut", "LB", None, None, "AP"),
    ("photo credit in front", "Photo: A tram in the old town. (Ana Ruiz/Reuters)\n"
     "PORTO, May 4 (Reuters) - Tram fares fell.", "PORTO", "Porto", "PT", None, "05-04",
     "Reuters"),
    ("image file name in front", "tram_0412.jpg\nPORTO (Reuters) - Tram fares fell.",
     "PORTO", "Porto", "PT", None, None, "Reuters"),
    ("subhead in the same text", "Output rises for a third month. LINZ, Austria, May 4, 2026 "
     "/PRNewswire/ -- Donauwerk said.", "LINZ, Austria", "Linz", "AT", "2026-05-04", "05-04",
     "PR Newswire"),
    ("raw HTML and entities", "<p>CAIRO, May 4 (Reuters) &ndash; Egypt&#39;s pound held.</p>",
     "CAIRO", "Cairo", "EG", None, "05-04", "Reuters"),
    ("credit in a byline only", "By REUTERS\nShares in the miner fell on Monday.",
     None, None, None, None, None, "Reuters"),
    ("view original content", "Vela opened a lab.\nIt hires 40 people.\nView original content:"
     "https://www.prnewswire.com/news-releases/vela-lab-302.html", None, None, None, None,
     None, "PR Newswire"),
    ("view source version", "Fjordhub opened a depot.\nView source version on businesswire.com:"
     " https://www.businesswire.com/news/home/2026/en/", None, None, None, None, None,
     "Business Wire"),
    ("source agency line", "Flights resumed at the airport.\nSource: Anadolu Agency", None, None,
     None, None, None, "Anadolu"),
    ("dash trailer", "The court adjourned the hearing.\nIt meets again in June. — IANS", None,
     None, None, None, None, "IANS"),
    ("acronym in the body is not a credit", "The Badminton Federation of Pakistan (BFP) "
     "named a squad.\nThe Press Trust (PTI) of the players said little.", None, None, None,
     None, None, None),
    ("German", "Leipzig (dpa) - Die Messe öffnet am Montag.", "Leipzig", "Leipzig", "DE",
     None, None, "dpa"),
    ("Spanish", "Valencia, 4 may (EFE).- El puerto amplió su horario.", "Valencia",
     "Valencia", "ES", None, "05-04", "EFE"),
    ("Italian", "(ANSA) - TORINO, 4 MAG - La fiera apre lunedì.", "TORINO", "Torino", "IT",
     None, "05-04", "ANSA"),
    ("Urdu", "لاہور (اے پی پی) صوبائی حکومت نے نئی بسیں چلانے کا اعلان کیا", "لاہور", "Lahore",
     "PK", None, None, "APP"),
    ("Japanese", "【大阪共同】大阪府は4日、新しい計画を発表した。", "大阪", "Osaka", "JP",
     None, None, "Kyodo"),
    ("Chinese", "新华社广州5月4日电 广州港货物吞吐量增长。", "广州", "Guangzhou", "CN",
     None, "05-04", "Xinhua"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "text", "location", "city", "country", "printed", "month_day", "agency"),
    LEAD_CLASSES, ids=[row[0] for row in LEAD_CLASSES])
def test_each_class_of_lead(kind: str, text: str, location: str | None, city: str | None,
                            country: str | None, printed: str | None, month_day: str | None,
                            agency: str | None) -> None:
    dl = parse_release(text).dateline
    got = (dl.location, dl.city, dl.country, dl.date, dl.month_day, dl.agency) if dl else (
        None,) * 6
    assert got == (location, city, country, printed, month_day, agency), kind


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
    assert parse_dateline(text) is None


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
        ("Lambda Bio (Cboe CA: LMB) (OTC MARKETS: LMBBF)", ["CBOECA:LMB", "OTCMARKETS:LMBBF"]),
        ("Mu Gold (OTCID: MUGD) and Nu Oil (OTCMKT: NUOL)", ["OTCID:MUGD", "OTCMKT:NUOL"]),
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
    parsed = parse_release(AGENCY_RELEASE)
    assert parsed.dateline is not None
    assert parsed.dateline.agency == parsed.agency == "APP"
    assert (parsed.dateline.date, parsed.dateline.month_day) == (None, "07-29")
    assert parsed.lead == (
        "The provincial fisheries department on Wednesday opened a registration drive for "
        "small-boat owners along the coast, officials said."
    )
    assert parsed.body_main.endswith("expected to register about four thousand boats.")
    assert "Photo - https" not in parsed.body_main
    assert parsed.boilerplate_kinds == ["media"]
    assert parsed.tickers == []


def test_access_release_with_byline_and_slash_date() -> None:
    parsed = parse_release(ACCESS_RELEASE)
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
    data = parse_release(AGENCY_RELEASE).to_dict()
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
    assert parsed.dateline is not None and parsed.dateline.agency == expected


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
