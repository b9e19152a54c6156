"""Deterministic release content: issuers, release plans and release text.

Everything here is a pure function of ``(seed, index)``; nothing reads the clock.
All names, places of business, figures and phrasing are invented for the simulator.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from .syndication import REAL_VARIANTS

T = TypeVar("T")

SITE_IDS: tuple[str, ...] = ("prwire", "bizwire", "globewire", "dnanews")
FIRST_VARIANTS: tuple[str, ...] = ("verbatim", "new_intro", "dropped_about", "edited",
                                    "shortened", "new_headline", "rewritten")
# Every variant a carrier may print; the first releases show FIRST_VARIANTS one each, later
# copies draw from all (the draw, and so the calendar, is the same as before issue 14).
COPY_VARIANTS: tuple[str, ...] = FIRST_VARIANTS + REAL_VARIANTS
# Every ``LOOKALIKE_EVERY``-th release (from index 8) is a template look-alike of the one
# before it: same issuer, same kind of news, its own figures and facts.
LOOKALIKE_EVERY = 7


@dataclass(frozen=True, slots=True)
class City:
    """A dateline city; ``region`` is the AP-style state/province/country suffix or ''."""

    name: str
    region: str
    country: str


def _cities(rows: str, country: str) -> tuple[City, ...]:
    out = []
    for row in rows.split(";"):
        name, _, region = row.partition("|")
        out.append(City(name.strip(), region.strip(), country))
    return tuple(out)


CITIES: dict[str, tuple[City, ...]] = {
    "US": _cities(
        "New York;San Francisco;Chicago;Boston;Los Angeles;Seattle;Atlanta;Houston;"
        "Austin|Texas;Denver|Colo.;Raleigh|N.C.;Columbus|Ohio;San Diego|Calif.;"
        "Nashville|Tenn.;Pittsburgh|Pa.;Minneapolis|Minn.;Washington",
        "United States",
    ),
    "CA": _cities(
        "Toronto;Montreal;Vancouver|British Columbia;Calgary|Alberta;Ottawa|Ontario;"
        "Halifax|Nova Scotia;Waterloo|Ontario",
        "Canada",
    ),
    "PK": _cities(
        "Islamabad;Karachi;Lahore;Peshawar;Quetta;Faisalabad;Multan;Rawalpindi;Gwadar",
        "Pakistan",
    ),
    "INT": (
        City("London", "", "United Kingdom"),
        City("Singapore", "", "Singapore"),
        City("Dubai", "United Arab Emirates", "United Arab Emirates"),
        City("Berlin", "Germany", "Germany"),
        City("Geneva", "Switzerland", "Switzerland"),
        City("Tokyo", "", "Japan"),
        City("Istanbul", "Turkey", "Turkey"),
        City("Beijing", "", "China"),
        City("Doha", "Qatar", "Qatar"),
        City("Nairobi", "Kenya", "Kenya"),
    ),
}

_PREFIXES = (
    "Northwind Bluecrest Harborline Quillfield Sableview Tidewater Corvane Amberlake Ironvale "
    "Lumora Westmere Pinebridge Solvantis Keystrel Marrowgate Veridane Oakhaven Brightwell "
    "Cindral Halcyra Nuvelle Redfern Stonecroft Zephyrine Granthorn Fellmark Orvella Trelane "
    "Castaway Driftwell Emberly Galevane Hollowmere Juniper Kestrana Larkspur Meridell Nordaxis "
    "Pellucid Quarryton Rookwood Silverbay Thistle Umberfield Vantorra Wrenfield Yarrowby"
).split()
_PK_PREFIXES = (
    "Margalla Ravi Chenab Potohar Karakoram Thar Mehran Khyber Sutlej Bolan Jhelum Hingol "
    "Kirthar Swat Hunza Neelum Indus Makran Shalimar Tarbela"
).split()
_SECTORS: tuple[tuple[str, str, str], ...] = (
    # (name word, sector noun, what the company does)
    ("Therapeutics", "biotechnology", "develops treatments for rare metabolic disorders"),
    ("Logistics", "freight logistics", "runs cross-border freight and warehousing services"),
    ("Energy", "renewable energy", "builds and operates solar and battery storage projects"),
    ("Robotics", "industrial automation", "designs robots for warehouses and assembly lines"),
    ("Foods", "packaged food", "produces shelf-stable meals and dairy products"),
    ("Semiconductors", "chip design", "designs low-power chips for connected devices"),
    ("Financial", "financial services", "provides payments and small-business lending"),
    ("Analytics", "data analytics", "sells forecasting software to retailers and utilities"),
    ("Materials", "specialty materials", "makes coatings and composites for construction"),
    ("Networks", "telecommunications", "operates fibre and wireless networks"),
    ("Health", "healthcare services", "operates outpatient clinics and diagnostic labs"),
    ("Aerospace", "aerospace", "manufactures components for regional aircraft"),
    ("Mining", "mining", "explores for copper and lithium deposits"),
    ("Software", "enterprise software", "builds cloud tools for finance teams"),
    ("Textiles", "textiles", "spins yarn and manufactures home textiles for export"),
    ("Cement", "construction materials", "produces cement and ready-mix concrete"),
)
_LEGAL = {"US": ("Inc.", "Corp.", "Holdings, Inc.", "Group, Inc."), "CA": ("Inc.", "Corp.", "Ltd."),
          "PK": ("Limited", "(Pvt.) Limited"), "INT": ("plc", "Ltd.", "AG", "Group")}
_EXCHANGES = {"US": ("NYSE", "NASDAQ"), "CA": ("TSX", "TSX"), "PK": ("PSX",), "INT": ("NASDAQ",)}
_THEMES = (
    "Regional Connectivity", "Water Security", "Climate Resilience", "Digital Trade",
    "Energy Transition", "Food Security", "Maritime Cooperation", "Urban Mobility",
    "Skills and Employment", "Public Health Preparedness", "Financial Inclusion",
)
_TANK_FORMS = (
    "Institute for {t} Studies", "Centre for {t}", "Council on {t}", "{p} Policy Forum",
    "Foundation for {t} Research", "{p} Institute of Strategic Studies",
)
_MINISTRY_FORMS = (
    "Ministry of {t}", "Federal Board of {t}", "Ministry of {t} and Special Initiatives",
    "Provincial Department of {t}",
)
_MIN_TOPICS = (
    "Water Stewardship", "Digital Commerce", "Maritime Trade", "Skills Development",
    "Industrial Zones", "Climate Adaptation", "Energy Efficiency", "Overseas Employment",
)
_FIRST = (
    "Olivia Liam Priya Marcus Elena Samuel Hana Daniel Sofia Owen Aisha Ravi Claire Mateo Zoé "
    "Nadia Tobias Grace Julian Leila Henrik Mei Thomas Amara Victor Ingrid Kofi Hélène Omar "
    "Rebecca Farhan Ayesha Bilal Sana Usman Zainab Hamza Mehreen Kamran Saima Tariq Noor Imran "
    "Fatima Asad Hira Faisal Rabia"
).split()
_LAST = (
    "Whitaker Okafor Lindqvist Moreau Castillo Brennan Nakamura Haddad Sorensen Delgado Fischer "
    "Abernathy Ramsay Kovacs Tremblay Gauthier Osei Varga Holloway Park Chen Patel Novak Duarte "
    "Qureshi Malik Siddiqui Chaudhry Hashmi Rana Baig Durrani Awan Khattak Lodhi Zaidi Shah Butt"
).split()
_EXEC_TITLES = (
    "Chief Executive Officer", "President and Chief Executive Officer", "Chief Financial Officer",
    "Chief Operating Officer", "Chief Technology Officer", "Executive Vice President, Strategy",
)
_TANK_TITLES = ("President", "Executive Director", "Senior Research Fellow", "Chairperson")
_MIN_TITLES = ("Federal Minister", "Secretary", "Additional Secretary", "Director General")
_PRODUCTS = (
    "Atlas", "Beacon", "Cobalt", "Delta", "Echo", "Fathom", "Granite", "Harbor", "Ion", "Juno",
    "Keel", "Lattice", "Mosaic", "Nimbus", "Orbit", "Prism", "Quartz", "Relay", "Summit", "Tern",
)
_AUDIENCES = ("Mid-Sized Manufacturers", "Regional Hospitals", "Grocery Chains",
              "Utilities", "Small Businesses", "Freight Carriers", "City Governments")
_FACILITIES = ("Distribution Centre", "Research Campus", "Manufacturing Plant",
               "Regional Headquarters", "Data Centre", "Training Academy")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

TOPICS = {
    "company": ("earnings", "product", "partnership", "acquisition", "appointment",
                "expansion", "contract", "financing"),
    "think_tank": ("report", "dialogue"),
    "ministry": ("programme", "agreement", "dialogue"),
}


@dataclass(frozen=True, slots=True)
class Issuer:
    """An invented issuer (company, ministry or think tank) and its boilerplate."""

    index: int
    name: str
    short: str
    kind: str
    city: City
    tickers: tuple[str, ...]
    home: str
    sector: str
    domain: str
    about: tuple[str, ...]
    contact: tuple[str, ...]
    spokesperson: str
    spokes_title: str

    @property
    def ticker_text(self) -> str:
        """Tickers as printed after the first mention, e.g. ``(NYSE: ACME)``."""
        return " ".join(f"({t.replace(':', ': ')})" for t in self.tickers)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _acronym(name: str) -> str:
    skip = {"of", "for", "and", "the", "on", "in"}
    return "".join(w[0] for w in name.split() if w.lower() not in skip and w[0].isalpha())


def _slug_word(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def _phone(rng: random.Random, region: str) -> str:
    if region == "PK":
        return f"+92 51 {rng.randint(200, 899)} {rng.randint(1000, 9999)}"
    if region in ("US", "CA"):
        return f"+1 ({rng.randint(201, 989)}) 555-{rng.randint(100, 199):04d}"
    return f"+44 20 7946 {rng.randint(100, 999):04d}"


def build_issuers(seed: int, count: int) -> list[Issuer]:
    """Build ``count`` issuers; issuer ``k`` publishes originally on ``SITE_IDS[k % 4]``."""
    rng = random.Random(f"{seed}:issuers")
    issuers: list[Issuer] = []
    used: set[str] = set()
    for k in range(count):
        home = SITE_IDS[k % 4]
        if home == "dnanews":
            region = "PK"
            kind = rng.choice(("company", "company", "ministry", "think_tank"))
        else:
            region = {"prwire": "US", "bizwire": "US", "globewire": "CA"}[home]
            if rng.random() < 0.25:
                region = "INT"
            kind = "think_tank" if rng.random() < 0.15 else "company"
        city = rng.choice(CITIES[region])
        if kind == "company" and region == "PK":
            city = rng.choice(CITIES["PK"][:3] + CITIES["PK"][5:7])
        word, sector, activity = rng.choice(_SECTORS)
        tickers: tuple[str, ...] = ()
        for _ in range(20):
            theme = rng.choice(_THEMES if kind != "ministry" else _MIN_TOPICS)
            if kind == "company":
                prefix = rng.choice(_PK_PREFIXES if region == "PK" else _PREFIXES)
                name = f"{prefix} {word} {rng.choice(_LEGAL[region])}"
                short = f"{prefix} {word}" if rng.random() < 0.5 else prefix
            elif kind == "think_tank":
                prefix = rng.choice(_PK_PREFIXES if region == "PK" else _PREFIXES)
                name = rng.choice(_TANK_FORMS).format(t=theme, p=prefix)
                short = _acronym(name)
            else:
                name = rng.choice(_MINISTRY_FORMS).format(t=theme)
                short = _acronym(name)
            if name not in used and short not in used:
                break
        used.update((name, short))
        if kind == "company" and rng.random() < 0.75:
            exchange = rng.choice(_EXCHANGES[region])
            symbol = "".join(c for c in short.upper() if c.isalpha())[: rng.randint(3, 4)]
            tickers = (f"{exchange}:{symbol}",)
            if exchange == "TSX" and rng.random() < 0.4:
                tickers += (f"NYSE:{symbol}",)
        domain = f"{_slug_word(short)}.example"
        founded = rng.randint(1958, 2019)
        place = f"{city.name}, {city.country}"
        if kind == "company":
            about = (
                f"{name} {activity}. Founded in {founded} and headquartered in {place}, "
                f"the company employs about {rng.randint(2, 95) * 100:,} people and serves "
                f"customers in {rng.randint(3, 48)} countries. Learn more at www.{domain}.",
            )
        elif kind == "think_tank":
            about = (
                f"The {name} ({short}) is an independent, non-partisan research organisation "
                f"based in {place}. Since {founded} it has published research and convened "
                f"dialogues on {theme.lower()}, trade and governance. Visit www.{domain}.",
            )
        else:
            about = (
                f"The {name} is responsible for policy, regulation and programmes on "
                f"{theme.lower()}. It works with provincial governments, development partners "
                f"and the private sector. Official information is available at www.{domain}.",
            )
        if rng.random() < 0.5:
            about += (
                "Statements in this release that are not historical facts are forward-looking "
                "and involve risks and uncertainties that could cause actual results to differ. "
                "Such statements reflect management's current expectations and are based on "
                "information available at the date of this release. Factors that could cause "
                "results to differ include changes in market conditions, competition, supply "
                "chain disruption, regulatory decisions and the other risks described in the "
                "company's filings with securities regulators. The company undertakes no "
                "obligation to update any forward-looking statement, except as required by law.",
            ) if kind == "company" else (
                f"Media enquiries may be directed to the {short} communications office.",
            )
        contact_name = _person(rng)
        contact = (
            contact_name,
            rng.choice(("Media Relations", "Communications Manager", "Press Office",
                        "Investor Relations")),
            f"{_slug_word(contact_name.split()[0])}@{domain}",
            _phone(rng, region),
        )
        spokes = _person(rng)
        titles = {"company": _EXEC_TITLES, "think_tank": _TANK_TITLES, "ministry": _MIN_TITLES}
        issuers.append(Issuer(k, name, short, kind, city, tickers, home, sector, domain, about,
                              contact, spokes, rng.choice(titles[kind])))
    return issuers


@dataclass(slots=True)
class ReleasePlan:
    """What one release says and where it is carried (original first)."""

    index: int
    issuer: Issuer
    topic: str
    headline: str
    subheadline: str
    gap_minutes: int
    copies: list[tuple[str, str, int]]
    facts: Facts


def _region(issuer: Issuer) -> str:
    country = issuer.city.country
    return {"United States": "US", "Canada": "CA", "Pakistan": "PK"}.get(country, "INT")


_HEADLINES: dict[str, tuple[str, ...]] = {
    "earnings": (
        "{short} Reports {Quarter} Quarter 2026 Results; Revenue Rises {pct} to {money}",
        "{short} Posts Record {Quarter} Quarter Revenue of {money}",
        "{short} Announces {Quarter} Quarter 2026 Financial Results",
    ),
    "product": (
        "{short} Launches {product} Platform for {audience}",
        "{short} Unveils {product}, Promising {audience} Savings of Up to {pct}",
        "{short} Introduces {product} to Help {audience} Cut Costs",
    ),
    "partnership": (
        "{short} and {partner} Form Strategic Partnership on {theme}",
        "{short} Partners with {partner} to Expand {theme} Services",
    ),
    "acquisition": (
        "{short} to Acquire {target} for {money}",
        "{short} Completes Acquisition of {target}",
    ),
    "appointment": (
        "{short} Names {person2} {role}",
        "{short} Appoints {person2} as {role}, Effective {when_short}",
    ),
    "expansion": (
        "{short} Opens New {facility} in {place}, Creating {count} Jobs",
        "{short} to Invest {money} in {place} {facility}",
    ),
    "contract": (
        "{short} Awarded {money} Contract by {partner}",
        "{short} Secures Multi-Year Supply Agreement with {partner}",
    ),
    "financing": (
        "{short} Raises {money} in Series {series} Funding",
        "{short} Closes {money} Credit Facility to Support Growth",
    ),
    "report": (
        "{short} Report Finds {theme} Gap Could Cost Region {money} a Year",
        "New {short} Study Calls for Action on {theme}",
    ),
    "dialogue": (
        "{short} Hosts Dialogue on {theme}",
        "Experts at {short} Forum Urge Closer Cooperation on {theme}",
    ),
    "programme": (
        "{short} Launches {money} Programme on {theme}",
        "{short} Announces National Plan for {theme}",
    ),
    "agreement": (
        "{short} Signs Memorandum of Understanding with {partner} on {theme}",
        "{short} and {partner} Agree to Deepen Cooperation on {theme}",
    ),
}

_SUBHEADS: dict[str, tuple[str, ...]] = {
    "earnings": ("Gross margin of {pct2}; full-year outlook raised",
                 "Net income up {pct2}; board declares quarterly dividend"),
    "product": ("{product} will be available from {when_short} in {count} markets",),
    "expansion": ("Site expected to be fully operational by {when_short}",),
    "report": ("Study draws on interviews with {count} officials and business leaders",),
    "dialogue": ("Participants from {count} institutions attend",),
}


_OTHER_CITIES: dict[City, tuple[City, ...]] = {
    c: tuple(o for o in group if o != c) or CITIES["INT"]
    for group in CITIES.values() for c in group
}
_ALL_PREFIXES = tuple(_PREFIXES + _PK_PREFIXES)
_SECTOR_WORDS = tuple(w for w, _, _ in _SECTORS)
_QUARTERS = ("First", "Second", "Third", "Fourth")
_N_DRAWS = 26
_EDITIONS = ("One", "Cloud", "Pro", "X", "360")


def _at(seq: Sequence[T], x: float) -> T:
    return seq[int(x * len(seq))]


class Facts(dict):
    """Facts of one release, computed lazily from a fixed vector of random draws.

    The index only formats headlines (a few keys); rendering calls :meth:`complete`.
    """

    def __init__(self, draws: list[float], issuer: Issuer) -> None:
        super().__init__(short=issuer.short, year_next="2027")
        self._u = draws
        self._region = _region(issuer)
        self._city = issuer.city

    def _money(self, x: float, low: float, high: float) -> str:
        value, unit, region = low + (high - low) * x, "million", self._region
        if region == "PK":
            value *= 280
        decimals = 1
        if value >= 1000:
            value, unit, decimals = value / 1000, "billion", 2
        sym = {"US": "$", "CA": "C$", "PK": "Rs ", "INT": "US$"}[region]
        return f"{sym}{value:,.{decimals}f} {unit}"

    def _compute(self, key: str) -> str:
        u = self._u
        if key in ("Quarter", "quarter"):
            q = _at(_QUARTERS, u[0])
            return q if key == "Quarter" else q.lower()
        if key in ("when_short", "when", "on_when"):
            short = f"{_at(MONTHS[8:], u[23])} {2 + int(u[24] * 27)}"
            return {"when_short": short, "when": f"{short}, 2026",
                    "on_when": f"on {short}, 2026"}[key]
        return _SIMPLE[key](self, u)

    def __missing__(self, key: str) -> str:
        value = self._compute(key)
        self[key] = value
        return value

    def complete(self) -> dict[str, str]:
        """Every fact as a plain dict."""
        for key in ("Quarter", "quarter", "when_short", "when", "on_when", "pct", "pct2",
                    "money", "money2", "count", "product", "audience", "partner", "target",
                    "theme", "person2", "person3", "role", "facility", "place", "series"):
            self[key]  # noqa: B018 - fills the cache
        return dict(self)


_SIMPLE: dict[str, Callable[[Facts, list[float]], str]] = {
    "pct": lambda f, u: f"{4 + int(u[1] * 35)}%",
    "pct2": lambda f, u: f"{12 + int(u[2] * 53)}.{int(u[3] * 10)}%",
    "money": lambda f, u: f._money(u[4], 3, 2400),
    "money2": lambda f, u: f._money(u[5], 1, 90),
    "count": lambda f, u: f"{(2 + int(u[6] * 59)) * 25:,}",
    "product": lambda f, u: f"{_at(_PRODUCTS, u[7])} {_at(_EDITIONS, u[8])}",
    "audience": lambda f, u: _at(_AUDIENCES, u[9]),
    "partner": lambda f, u: f"{_at(_ALL_PREFIXES, u[10])} {_at(_SECTOR_WORDS, u[11])}",
    "target": lambda f, u: f"{_at(_PREFIXES, u[12])} {_at(_SECTOR_WORDS, u[13])}",
    "theme": lambda f, u: _at(_THEMES, u[14]),
    "person2": lambda f, u: f"{_at(_FIRST, u[15])} {_at(_LAST, u[16])}",
    "person3": lambda f, u: f"{_at(_FIRST, u[17])} {_at(_LAST, u[18])}",
    "role": lambda f, u: _at(_EXEC_TITLES, u[19]),
    "facility": lambda f, u: _at(_FACILITIES, u[20]),
    "place": lambda f, u: _at(_OTHER_CITIES[f._city], u[21]).name,
    "series": lambda f, u: _at("ABCD", u[22]),
}


def is_lookalike(index: int) -> bool:
    """Whether release ``index`` is a template look-alike of release ``index - 1``."""
    return index >= 8 and index % LOOKALIKE_EVERY == 1


def plan_release(seed: int, index: int, issuers: list[Issuer]) -> ReleasePlan:
    """Plan release ``index``: issuer, topic, headline, facts, gap and carriers."""
    rng = random.Random(f"{seed}:{index}")
    r = rng.random
    draws = [r() for _ in range(_N_DRAWS)]
    issuer = issuers[index] if index < min(8, len(issuers)) else _at(issuers, draws[25])
    topic = _at(TOPICS[issuer.kind], r())
    if is_lookalike(index):
        twin = plan_release(seed, index - 1, issuers)
        issuer, topic = twin.issuer, twin.topic
    facts = Facts(draws, issuer)
    headline = _at(_HEADLINES[topic], r()).format_map(facts)
    sub = ""
    if topic in _SUBHEADS and r() < 0.6:
        sub = _at(_SUBHEADS[topic], r()).format_map(facts)
    gap = 37 + int(r() * 61)
    copies: list[tuple[str, str, int]] = [(issuer.home, "original", 0)]
    others = [s for s in SITE_IDS if s != issuer.home]
    if index < len(FIRST_VARIANTS):
        copies.append((others[index % 3], FIRST_VARIANTS[index], 5 + int(r() * 236)))
    else:
        x = r()
        for _ in range(0 if x < 0.5 else (1 if x < 0.82 else 2)):
            site = others.pop(int(r() * len(others)))
            copies.append((site, _at(COPY_VARIANTS, r()), 5 + int(r() * 236)))
    return ReleasePlan(index, issuer, topic, headline, sub, gap, copies, facts)


# --- body text ---------------------------------------------------------------------------

_LEADS: dict[str, tuple[str, ...]] = {
    "earnings": (
        "{name} today announced financial results for the {quarter} quarter ended {qend}. "
        "Revenue reached {money}, an increase of {pct} compared with the same period last year.",
        "{name} today announced that revenue for the {quarter} quarter of 2026 grew {pct} "
        "year over year to {money}, driven by demand in its {sector} business.",
    ),
    "product": (
        "{name} today announced the launch of {product}, a new offering built for "
        "{audience_l} that the company says can reduce operating costs by up to {pct}.",
        "{name} today announced {product}, which combines its {sector} expertise with "
        "a simpler pricing model aimed at {audience_l}.",
    ),
    "partnership": (
        "{name} and {partner} today announced a strategic partnership focused on "
        "{theme_l}, beginning with joint pilots in {place} and {city}.",
    ),
    "acquisition": (
        "{name} today announced a definitive agreement to acquire {target} in a transaction "
        "valued at approximately {money}, subject to regulatory approvals.",
        "{name} today announced that it has completed its acquisition of {target}, "
        "adding approximately {count} customers to its {sector} business.",
    ),
    "appointment": (
        "{name} today announced the appointment of {person2} as {role}, effective {when}. "
        "{p2last} succeeds {person3}, who will remain an adviser to the board until year end.",
    ),
    "expansion": (
        "{name} today announced plans to invest approximately {money} in a new {facility_l} "
        "in {place}, which is expected to create about {count} jobs over three years.",
    ),
    "contract": (
        "{name} today announced that it has been awarded a contract worth approximately "
        "{money} by {partner} covering the supply of {sector} services over four years.",
    ),
    "financing": (
        "{name} today announced that it has raised {money} in new funding. The round "
        "included existing investors and will be used to expand its {sector} operations.",
    ),
    "report": (
        "A new report released today by the {name} estimates that gaps in {theme_l} could "
        "cost the region as much as {money} a year if current policies remain unchanged.",
    ),
    "dialogue": (
        "The {name} today convened a dialogue on {theme_l}, bringing together officials, "
        "researchers and business representatives from {count} institutions.",
        "Speakers at a dialogue organised today by the {name} called for closer cooperation "
        "on {theme_l}, noting that progress has been uneven across the region.",
    ),
    "programme": (
        "The {name} today announced a {money} programme on {theme_l}, to be rolled out "
        "in phases from {when}.",
    ),
    "agreement": (
        "The {name} today signed a memorandum of understanding with {partner} on "
        "{theme_l}, setting out joint work over the next three years.",
    ),
}

_DETAILS: dict[str, tuple[str, ...]] = {
    "earnings": (
        "Gross margin for the quarter was {pct2}, and operating cash flow was {money2}. "
        "The company ended the quarter with approximately {count} employees.",
        "For the full year, the company now expects revenue growth of between {pct} and "
        "{pct_hi}, up from its previous outlook.",
        "Management will host a conference call and webcast {on_when} at 8:30 a.m. Eastern "
        "Time to discuss the results. A replay will be available for 90 days.",
    ),
    "product": (
        "{product} was tested with {count} early customers over the past year. Participants "
        "reported average time savings of {pct2} in routine reporting tasks.",
        "Pricing starts at {money2} for enterprise licences, with a reduced tier for "
        "organisations with fewer than 200 employees.",
        "The company also announced that {product} will be available in {place} from "
        "{when}, followed by additional markets in {year_next}.",
    ),
    "partnership": (
        "Under the agreement, the two organisations will share data, staff and testing "
        "facilities. The first results are expected by {when}.",
        "The partnership builds on a two-year pilot that reached approximately {count} "
        "households and reduced delivery times by {pct}.",
    ),
    "acquisition": (
        "The transaction is expected to add to earnings within the first full year and to "
        "generate annual cost savings of approximately {money2}.",
        "{target} employs about {count} people. Its leadership team will join {short} "
        "and continue to operate from {place}.",
    ),
    "appointment": (
        "{p2last} has spent more than {years} years in the {sector} industry, most recently "
        "leading operations across {place} and the surrounding region.",
        "During {person3}'s tenure, annual revenue grew by {pct} and the company entered "
        "{years} new markets.",
    ),
    "expansion": (
        "Construction is scheduled to begin {on_when}. The site will cover about {area} "
        "square metres and serve customers across {place} and neighbouring areas.",
        "Local officials welcomed the investment, which also includes a training programme "
        "with two technical colleges in {place}.",
    ),
    "contract": (
        "Work under the contract is expected to begin {on_when} and will be managed from "
        "the company's {city} office. The agreement includes options for two further years.",
        "The award brings the company's order backlog to approximately {money2} above its "
        "level at the end of the previous quarter.",
    ),
    "financing": (
        "Since its last funding round, the company has grown its customer base by {pct} and "
        "now serves more than {count} organisations.",
        "The company also said it plans to hire about {years}0 engineers in {city} and {place} "
        "over the next twelve months.",
    ),
    "report": (
        "The study, based on interviews with {count} officials, business owners and "
        "researchers, found that only {pct} of planned projects had been completed on time.",
        "It recommends a shared regional fund, common technical standards and an annual "
        "review of progress to be presented to parliament by {when}.",
    ),
    "dialogue": (
        "Participants noted that investment in {theme_l} had risen by {pct} since 2022 but "
        "remained well below the level needed to meet national targets.",
        "{person2}, a senior researcher, said that coordination between federal and "
        "provincial bodies was the most important factor for success.",
        "The session concluded with an agreement to form a working group that will present "
        "recommendations by {when}.",
    ),
    "programme": (
        "The first phase will cover {count} districts and is expected to benefit more than "
        "{years}0,000 people, officials said.",
        "Funding will come from the federal budget and development partners, with {pct} "
        "set aside for monitoring and independent evaluation.",
    ),
    "agreement": (
        "Under the memorandum, both sides will exchange technical experts, hold joint "
        "training sessions and review progress every six months.",
        "Officials said the agreement could unlock investment of up to {money} in {place} "
        "and surrounding areas over the next five years.",
    ),
}

_QUOTES = (
    "“{quote},” said {spokes}, {spokes_title} of {short}.",
    "“{quote},” said {spokes}, {spokes_title}, {short}. “{quote2}.”",
    "{spokes}, {spokes_title} of {short}, said: “{quote}.”",
)
_QUOTE_LINES = (
    "This is an important step for our teams and for the people we serve",
    "We have built this over several years, and the results so far are encouraging",
    "Our focus remains on disciplined execution and long-term value",
    "Cooperation of this kind is essential if we want lasting results",
    "We are grateful to our partners for their confidence and support",
    "The evidence is clear, and the time to act is now",
    "We expect the benefits to become visible within the next twelve months",
    "Nobody can solve this alone, which is why partnerships matter so much",
)
_INTROS = (
    "{name} on {weekday} issued a statement titled “{headline}”, the text of which follows.",
    "{short} has announced new details on {theme_l}, according to a statement released "
    "on {weekday}.",
    "In a statement issued on {weekday}, {name} shared the following announcement.",
)
EDITS: tuple[tuple[str, str], ...] = (
    (" today announced", " announced"), (" approximately ", " about "),
    ("customers", "clients"), (" expected ", " projected "), (" said", " stated"),
)


@dataclass(slots=True)
class ReleaseText:
    """Rendered body text of a release, before a site adds its dateline."""

    paragraphs: list[str]
    contact: list[str]
    about_title: str
    about: list[str]


def release_text(seed: int, plan: ReleasePlan, published: datetime,
                 dateless: bool = False) -> ReleaseText:
    """Write the body of a release deterministically from ``(seed, plan.index)``.

    ``dateless`` words every date vaguely (used for the page that must show no date).
    """
    rng = random.Random(f"{seed}:{plan.index}:body")
    issuer = plan.issuer
    f = plan.facts.complete()
    name = issuer.name + (f" {issuer.ticker_text}" if issuer.tickers else "")
    pct_hi = int(f["pct"].rstrip("%")) + rng.randint(2, 6)
    f.update(
        name=name, sector=issuer.sector, city=issuer.city.name, pct_hi=f"{pct_hi}%",
        theme_l=f["theme"].lower(), audience_l=f["audience"].lower(),
        facility_l=f["facility"].lower(), p2last=f["person2"].split()[-1],
        years=str(rng.randint(3, 9)), area=f"{rng.randint(8, 95) * 1000:,}",
        qend=f"{MONTHS[(['first', 'second', 'third', 'fourth'].index(f['quarter'])) * 3 + 2]} "
             f"{30 if f['quarter'] in ('second', 'third') else 31}, 2026",
        spokes=issuer.spokesperson, spokes_title=issuer.spokes_title,
        weekday=_WEEKDAYS[published.weekday()], headline=plan.headline,
    )
    if dateless:
        f.update(when="the end of the year", when_short="later this year", qend="recently",
                 on_when="later this year",
                 year_next="the following year", weekday="the same day")
    topic = plan.topic
    paras = [rng.choice(_LEADS[topic]).format(**f)]
    details = list(_DETAILS[topic])
    rng.shuffle(details)
    n_details = rng.randint(1, len(details))
    q1, q2 = rng.sample(_QUOTE_LINES, 2)
    quote = rng.choice(_QUOTES).format(quote=q1, quote2=q2, **f)
    paras.extend(d.format(**f) for d in details[:n_details])
    paras.insert(rng.randint(1, len(paras)), quote)
    if rng.random() < 0.5:
        paras.append(
            f"Further details will be shared {f['on_when']}, and a summary will be posted on "
            f"www.{issuer.domain}."
        )
    paras = paras[:7]
    c = issuer.contact
    contact = [c[0], c[1], issuer.short, c[3], c[2]]
    about = list(issuer.about)
    if dateless:
        about = [re.sub(r"Founded in \d{4} and h", "H", re.sub(r"Since \d{4} it", "It", p))
                 for p in about]
    return ReleaseText(paras, contact, f"About {issuer.name}", about)


def agency_intro(seed: int, plan: ReleasePlan, published: datetime) -> str:
    """An added first paragraph for the ``new_intro`` copy variant."""
    rng = random.Random(f"{seed}:{plan.index}:intro")
    return rng.choice(_INTROS).format(
        name=plan.issuer.name, short=plan.issuer.short, weekday=_WEEKDAYS[published.weekday()],
        headline=plan.headline, theme_l=plan.facts["theme"].lower(),
    )


def apply_edits(paragraphs: list[str], limit: int = 2) -> list[str]:
    """Make up to ``limit`` small word edits (the ``edited`` variant)."""
    out = list(paragraphs)
    done = 0
    for old, new in EDITS:
        for i, p in enumerate(out):
            if old in p:
                out[i] = p.replace(old, new, 1)
                done += 1
                break
        if done >= limit:
            break
    if done == 0 and out:
        out[0] = out[0].replace(" the ", " this ", 1)
    return out


# --- hard cases for near-duplicate detection -------------------------------------------------

_REWRITES: tuple[tuple[str, str], ...] = (
    (" today announced the launch of ", " has launched "), (" today announced that ", " said "),
    (" today announced ", " unveiled "), ("compared with the same period last year",
                                          "from a year earlier"),
    (" an increase of ", " up "), (" approximately ", " roughly "), (" about ", " around "),
    (" is expected to ", " should "), (" expected ", " anticipated "), (" said", " added"),
    (" will be ", " is to be "), ("customers", "clients"), (" a new ", " a fresh "),
    (" which ", " that "), (" including ", " among them "), (" over the next ", " in the coming "),
    (" the company ", " the firm "), (" also ", " further "), (" more than ", " over "),
    ("announced", "disclosed"), (" new ", " fresh "), (" with ", " alongside "),
    (" and ", " as well as "), (" in ", " within "), (" to ", " so as to "),
)


def rewrite(paragraphs: list[str]) -> list[str]:
    """An outlet's rewrite: most phrasing changed word by word, every figure, name and quote
    kept in order, and the closing paragraph dropped (the ``rewritten`` variant)."""
    out = []
    for para in paragraphs[: max(2, len(paragraphs) - 1)]:
        if "“" in para:
            out.append(para)  # quotes are carried as printed
            continue
        for old, new in _REWRITES:
            para = para.replace(old, new)
        out.append(para)
    return out


def shorten(paragraphs: list[str], seed: int, index: int) -> list[str]:
    """A shortened carry keeping only the first one to three paragraphs (two at least when
    the first states no figure: one generic sentence alone could be any release's)."""
    keep = 1 + random.Random(f"{seed}:{index}:short").randrange(3)
    if not re.search(r"\d", paragraphs[0]):
        keep = max(keep, 2)
    return paragraphs[: min(keep, max(1, len(paragraphs) - 1))]


def other_headline(plan: ReleasePlan) -> str:
    """A carrier's own headline for the release (the ``new_headline`` variant)."""
    forms = ("{short}: {lead}", "UPDATE: {headline}", "{headline} - statement",
             "{short} news: {lead}")
    words = plan.headline.split()
    lead = " ".join(words[1:]) if len(words) > 3 else plan.headline
    form = forms[plan.index % len(forms)]
    return form.format(short=plan.issuer.short.upper(), lead=lead, headline=plan.headline)


def corrected(paragraphs: list[str]) -> list[str]:
    """The second version of a release: a figure corrected and a correction note added."""
    out = list(paragraphs)
    for i, para in enumerate(out):
        fixed = re.sub(r"(\d+)(?=%)", lambda m: str(int(m.group(1)) + 1), para, count=1)
        if fixed != para:
            out[i] = fixed
            break
    out.append("This release was updated to correct a figure in an earlier version.")
    return out
