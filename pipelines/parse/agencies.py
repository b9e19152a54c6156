"""Wires, news agencies and outlets that credit copy, with their printed forms.

One row per credit: the canonical name, its home country (ISO, for reading ambiguous
places and zones) and the forms it is printed in. Forms are compared folded (lowercase
letters and digits only), so ``GLOBE NEWSWIRE``, ``GlobeNewswire`` and
``globenewswire`` are one. Names in other scripts are compared as printed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "AGENCY_ALIASES", "agency_country", "canonical_agency", "carrier", "credit_name",
    "is_known_agency",
    "starts_agency", "wire_like",
]

# (canonical, home country, printed forms besides the canonical name)
_AGENCIES: tuple[tuple[str, str | None, tuple[str, ...]], ...] = (
    # press-release wires and distribution services
    ("PR Newswire", None, ("PRNewswire", "PRN", "PRNewswire-FirstCall", "PR Newswire UK",
                           "PRNewswire-USNewswire", "PR Newswire Asia",
                           "PRNewswire-HISPANIC PR WIRE", "Cision PR Newswire",
                           "PR Newswire APAC", "PRNewswire-PRWeb")),
    ("PRWeb", None, ()),
    ("US Newswire", None, ("U.S. Newswire", "USNewswire")),
    ("Business Wire", None, ("BUSINESS WIRE", "BusinessWire")),
    ("Business Wire India", "IN", ()),
    ("GlobeNewswire", None, ("GLOBE NEWSWIRE", "Globe Newswire", "GlobeNewswire Inc",
                             "GlobeNewsire")),
    ("CNW", "CA", ("CNW Group", "CNW Telbec", "Canada NewsWire", "Newswire.ca",
                   "Cision Canada")),
    # brands kept apart as printed: a wire's later or earlier brand is not its alias
    ("Marketwired", "CA", ()),
    ("Marketwire", "CA", ("Market Wire",)),
    ("CCNMatthews", "CA", ("CCN Matthews",)),
    ("ACCESS Newswire", None, ("ACCESSWIRE", "Access Wire", "ACCESS Newswire")),
    ("EIN Presswire", None, ("EINPresswire", "EINPresswire.com", "EIN News")),
    ("Newsfile", "CA", ("Newsfile Corp", "Newsfile Corp.")),
    ("NewMediaWire", None, ("New Media Wire",)),
    ("NetworkNewsWire", None, ()),
    ("InvestorBrandNetwork", None, ()),
    ("24-7 Press Release", None, ("24-7PressRelease", "24-7 Press Release Newswire")),
    ("Send2Press", None, ("SEND2PRESS NEWSWIRE", "Send2Press Newswire")),
    ("PRLog", None, ()),
    ("openPR", None, ()),
    ("PR.com", None, ()),
    ("Newswire.com", None, ()),
    ("TheNewswire", "CA", ()),
    ("Issuewire", None, ("IssueWire",)),
    ("PRUnderground", None, ()),
    ("EZ Newswire", None, ()),
    ("ZEX PR WIRE", None, ()),
    ("King Newswire", None, ()),
    ("Globe PR Wire", None, ()),
    ("JCN Newswire", "JP", ()),
    ("ACN Newswire", None, ()),
    ("Media OutReach Newswire", None, ("Media OutReach",)),
    ("Kyodo JBN", "JP", ()),
    ("AsiaNet", None, ()),
    ("Newsworthy.ai", None, ()),
    ("News Direct", None, ()),
    ("PRISM MediaWire", None, ()),
    ("Noticias Newswire", None, ()),
    ("Qwoted Newswire", None, ()),
    ("PR Karma", None, ()),
    ("NewsUSA", None, ()),
    ("NewsVoir", "IN", ()),
    ("Pressat", "GB", ()),
    ("APA-OTS", "AT", ()),
    ("ots", None, ()),
    ("news aktuell", "DE", ()),
    # news agencies
    ("Reuters", None, ("Reuter", "Thomson Reuters", "Reuters Staff", "Reuters Breakingviews",
                       "Reuters Health")),
    ("AP", None, ("Associated Press", "The Associated Press", "AP News")),
    ("AFP", None, ("Agence France-Presse", "Agence France Presse", "AFP News")),
    ("UPI", None, ("United Press International",)),
    ("Bloomberg", None, ("Bloomberg News",)),
    ("Dow Jones", None, ("Dow Jones Newswires", "DJ Newswires")),
    ("dpa", "DE", ("Deutsche Presse-Agentur",)),
    ("dpa-AFX", "DE", ()),
    ("epd", "DE", ("Evangelischer Pressedienst",)),
    ("KNA", None, ("Katholische Nachrichten-Agentur", "Kenya News Agency")),
    ("SID", "DE", ("Sport-Informations-Dienst",)),
    ("APA", None, ("Austria Presse Agentur", "African Press Agency")),
    ("Keystone-SDA", "CH", ()),
    ("Keystone-ATS", "CH", ()),
    ("SDA", "CH", ()),
    ("ATS", "CH", ()),
    ("ANSA", "IT", ()),
    ("AGI", "IT", ("Agenzia Italia",)),
    ("Adnkronos", "IT", ()),
    ("askanews", "IT", ()),
    ("LaPresse", "IT", ()),
    ("EFE", "ES", ("Agencia EFE",)),
    ("Europa Press", "ES", ()),
    ("Lusa", "PT", ()),
    ("Agência Brasil", "BR", ("Agencia Brasil",)),
    ("Agência Estado", "BR", ()),
    ("Notimex", "MX", ()),
    ("Télam", "AR", ("Telam",)),
    ("Prensa Latina", "CU", ("PL",)),
    ("Belga", "BE", ()),
    ("ANP", "NL", ()),
    ("Ritzau", "DK", ()),
    ("TT", "SE", ("TT Nyhetsbyrån",)),
    ("NTB", "NO", ()),
    ("STT", "FI", ()),
    ("PAP", "PL", ("Polska Agencja Prasowa",)),
    ("CTK", "CZ", ("ČTK",)),
    ("MTI", "HU", ()),
    ("TASR", "SK", ()),
    ("STA", "SI", ()),
    ("HINA", "HR", ()),
    ("Tanjug", "RS", ()),
    ("BTA", "BG", ()),
    ("Agerpres", "RO", ()),
    ("ANA-MPA", "GR", ("Athens-Macedonian News Agency",)),
    ("ANA", "GR", ("Athens News Agency",)),
    ("CNA", None, ("Central News Agency", "Cyprus News Agency")),
    ("Ukrinform", "UA", ()),
    ("UNIAN", "UA", ()),
    ("Interfax", "RU", ()),
    ("Interfax-Ukraine", "UA", ()),
    ("TASS", "RU", ()),
    ("ITAR-TASS", "RU", ("Itar Tass", "ITAR TASS")),
    ("RIA Novosti", "RU", ("RIA",)),
    ("Sputnik", "RU", ()),
    ("BelTA", "BY", ()),
    ("Anadolu", "TR", ("Anadolu Agency", "AA", "Anadolu Ajansi", "Anadolu Ajansı")),
    ("DHA", "TR", ("Demiroren News Agency",)),
    ("IHA", "TR", ()),
    ("IRNA", "IR", ("Islamic Republic News Agency",)),
    ("ISNA", "IR", ()),
    ("MNA", "IR", ("Mehr News Agency",)),
    ("Mehr", "IR", ("Mehr News",)),
    ("Tasnim", "IR", ("Tasnim News Agency",)),
    ("Fars", "IR", ("Fars News Agency",)),
    ("WAM", "AE", ("Emirates News Agency",)),
    ("SPA", "SA", ("Saudi Press Agency",)),
    ("KUNA", "KW", ("Kuwait News Agency",)),
    ("QNA", "QA", ("Qatar News Agency",)),
    ("BNA", "BH", ("Bahrain News Agency",)),
    ("ONA", "OM", ("Oman News Agency",)),
    ("Petra", "JO", ("Jordan News Agency",)),
    ("MENA", "EG", ("Middle East News Agency",)),
    ("SANA", "SY", ("Syrian Arab News Agency",)),
    ("NNA", "LB", ("National News Agency",)),
    ("INA", "IQ", ("Iraqi News Agency",)),
    ("WAFA", "PS", ()),
    ("Saba", "YE", ("Saba News Agency",)),
    ("MAP", "MA", ("Maghreb Arabe Presse",)),
    ("APS", "DZ", ("Algerie Presse Service",)),
    ("TAP", "TN", ("Tunis Afrique Presse",)),
    ("ENA", "ET", ("Ethiopian News Agency",)),
    ("NAN", "NG", ("News Agency of Nigeria",)),
    ("GNA", "GH", ("Ghana News Agency",)),
    ("SAnews", "ZA", ()),
    ("Xinhua", None, ("Xinhua News Agency", "Xinhuanet", "New China News Agency")),
    ("China News Service", "CN", ()),
    ("chinanews.com", "CN", ("Chinanews", "China News Network")),
    ("CGTN", "CN", ()),
    ("Kyodo", "JP", ("Kyodo News",)),
    ("Jiji Press", "JP", ("Jiji",)),
    ("Yonhap", "KR", ("Yonhap News Agency", "Yonhap News")),
    ("Newsis", "KR", ()),
    ("News1", "KR", ()),
    ("KCNA", "KP", ("Korean Central News Agency",)),
    ("Bernama", "MY", ("Malaysian National News Agency",)),
    ("Antara", "ID", ("ANTARA News",)),
    ("PNA", "PH", ("Philippine News Agency",)),
    ("VNA", "VN", ("Vietnam News Agency",)),
    ("BSS", "BD", ("Bangladesh Sangbad Sangstha",)),
    ("UNB", "BD", ("United News of Bangladesh",)),
    ("RSS", "NP", ("Rastriya Samachar Samiti",)),
    ("PTI", "IN", ("Press Trust of India",)),
    ("IANS", "IN", ("Indo-Asian News Service",)),
    ("ANI", "IN", ("Asian News International",)),
    ("UNI", "IN", ("United News of India",)),
    ("APP", "PK", ("Associated Press of Pakistan",)),
    ("PPI", "PK", ("Pakistan Press International", "PPI-OT", "PPI News Agency")),
    ("NNI", "PK", ()),
    ("INP", "PK", ()),
    ("DNA", "PK", ("DNA News", "DNA News Agency")),
    ("Sana News", "PK", ()),
    ("LETA", "LV", ()),
    ("BNS", None, ("Baltic News Service",)),
    ("ELTA", "LT", ()),
    ("AKIpress", "KG", ()),
    ("Andina", "PE", ()),
    ("ABI", "BO", ("Agencia Boliviana de Informacion",)),
    ("LANA", "LY", ("Libyan News Agency",)),
    ("SUNA", "SD", ("Sudan News Agency",)),
    ("ILNA", "IR", ()),
    ("Moldpres", "MD", ()),
    ("MIA", "MK", ("Macedonian Information Agency",)),
    ("FENA", "BA", ()),
    ("SRNA", "BA", ()),
    ("AKP", "KH", ("Agence Kampuchea Presse",)),
    ("KPL", "LA", ("Lao News Agency",)),
    ("Pajhwok", "AF", ("Pajhwok Afghan News",)),
    ("Bakhtar", "AF", ()),
    ("Kazinform", "KZ", ()),
    ("ZANIS", "ZM", ("Zambia News and Information Services",)),
    ("AzerTac", "AZ", ()),
    ("Trend", "AZ", ("Trend News Agency",)),
    ("UzA", "UZ", ()),
    ("Kabar", "KG", ()),
    ("Khovar", "TJ", ()),
    ("Montsame", "MN", ()),
    ("Armenpress", "AM", ()),
    ("AAP", "AU", ("Australian Associated Press",)),
    ("NZPA", "NZ", ("New Zealand Press Association",)),
    ("SAPA", "ZA", ("South African Press Association",)),
    ("ANGOP", "AO", ("Agência Angola Press", "Angola Press")),
    ("AIM", "MZ", ("Agência de Informação de Moçambique",)),
    ("NAMPA", "NA", ("Namibia Press Agency",)),
    ("SPS", "EH", ("Sahara Press Service",)),
    ("BusinessDesk", "NZ", ()),
    ("CP", "CA", ("Canadian Press", "The Canadian Press")),
    ("IPS", None, ("Inter Press Service",)),
    ("RTTNews", None, ()),
    # outlets whose own credit stands in the agency slot
    ("CNN", None, ()),
    ("CNN Business", None, ()),
)

# names printed in other scripts -> canonical
_SCRIPT_NAMES: dict[str, str] = {
    "新华社": "Xinhua", "新華社": "Xinhua", "新华网": "Xinhua", "中新社": "China News Service",
    "中新网": "chinanews.com", "中新網": "chinanews.com", "新華網": "Xinhua",
    "共同": "Kyodo", "共同通信": "Kyodo", "時事": "Jiji Press",
    "時事通信": "Jiji Press", "ロイター": "Reuters", "AFP時事": "AFP", "聯合": "Yonhap",
    "聯合ニュース": "Yonhap", "ブルームバーグ": "Bloomberg", "연합뉴스": "Yonhap",
    "뉴시스": "Newsis", "뉴스1": "News1", "로이터": "Reuters", "ТАСС": "TASS",
    "РИА Новости": "RIA Novosti", "Интерфакс": "Interfax", "Укрінформ": "Ukrinform",
    "Укринформ": "Ukrinform", "اے پی پی": "APP", "پی پی آئی": "PPI", "این این آئی": "NNI",
    "آئی این پی": "INP", "رائٹرز": "Reuters", "اے ایف پی": "AFP", "واس": "SPA", "وام": "WAM",
    "كونا": "KUNA", "قنا": "QNA", "بنا": "BNA", "العمانية": "ONA", "سانا": "SANA",
    "بترا": "Petra", "رويترز": "Reuters", "أ ف ب": "AFP", "الأناضول": "Anadolu",
    "شينخوا": "Xinhua", "إرنا": "IRNA", "ارنا": "IRNA", "ایرنا": "IRNA", "وفا": "WAFA",
    "سبأ": "Saba", "فارس": "Fars", "مهر": "MNA", "تسنيم": "Tasnim", "تسنیم": "Tasnim",
    "أ ش أ": "MENA", "भाषा": "PTI", "आईएएनएस": "IANS", "एएनआई": "ANI",
    "यूएनआई": "UNI", "वार्ता": "UNI", "یو این آئی": "UNI", "یو این بی": "UNB",
    "ایسوسی ایٹڈ پریس": "AP", "اے پی": "AP", "ڈی پی اے": "dpa", "شنہوا": "Xinhua",
    "انادولو": "Anadolu", "د ب أ": "dpa", "أ ب": "AP", "يو بي آي": "UPI", "ومع": "MAP",
    "بيترا": "Petra", "وكالة الأنباء السعودية": "SPA", "وكالة أنباء الإمارات": "WAM",
    "وكالة الأنباء الكويتية": "KUNA", "وكالة الأناضول": "Anadolu",
    "বাসস": "BSS", "ইউএনবি": "UNB", "রয়টার্স": "Reuters", "এএফপি": "AFP", "এপি": "AP",
    "পিটিআই": "PTI", "আইএএনএস": "IANS", "এএনআই": "ANI", "ইউএনআই": "UNI",
    "पीटीआई": "PTI", "रॉयटर्स": "Reuters", "एएफपी": "AFP", "एपी": "AP",
    "واع": "INA", "وكالة الأنباء العراقية": "INA", "وأج": "APS", "وات": "TAP", "سونا": "SUNA",
    "يونهاب": "Yonhap", "كيودو": "Kyodo", "تاس": "TASS", "سبوتنيك": "Sputnik",
    "সিনহুয়া": "Xinhua", "শিনহুয়া": "Xinhua", "ثناء نیوز": "Sana News",
}  # fmt: skip

# letters Arabic-script writers print in several forms (Urdu/Persian/Arabic yeh, kaf, heh;
# alef with hamza or madda), and what a printed name's spelling may leave out or add
_SCRIPT_FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ے": "ي", "ۓ": "ي",
    "ك": "ک", "ه": "ہ", "ة": "ہ", "ھ": "ہ", "ۃ": "ہ", "ؤ": "و", "ئ": "ي",
    "\u0640": None, "\u200c": None, "\u200d": None, " ": None, ".": None, "-": None,
    "\u00b7": None,
})  # fmt: skip


def _script_key(name: str) -> str:
    """A name in a non-Latin script, folded: spelling variants of its letters made one,
    spaces, dots and joiners dropped (``أ.ف.ب`` = ``ا ف ب``; ``یو این آئی`` = ``يواين آئي``)."""
    bare = "".join(c for c in unicodedata.normalize("NFKC", name)
                   if not unicodedata.combining(c))
    return bare.casefold().translate(_SCRIPT_FOLD)


_SCRIPT_KEYS: dict[str, str] = {_script_key(k): v for k, v in _SCRIPT_NAMES.items()}

# credited names that start with a wire's name: "PRNewswire-FirstCall", "EINPresswire.com"
_PREFIXES = (
    ("prnewswire", "PR Newswire"), ("globenewswire", "GlobeNewswire"),
    ("businesswire", "Business Wire"), ("newsfile", "Newsfile"),
    ("einpresswire", "EIN Presswire"), ("accessnewswire", "ACCESS Newswire"),
    ("accesswire", "ACCESS Newswire"), ("anadoluagency", "Anadolu"),
    ("xinhuanewsagency", "Xinhua"), ("yonhapnews", "Yonhap"), ("kyodonews", "Kyodo"),
    ("bernama", "Bernama"), ("emiratesnewsagency", "WAM"),
    ("islamicrepublicnewsagency", "IRNA"), ("indoasiannewsservice", "IANS"),
    ("asiannewsinternational", "ANI"), ("agencefrance", "AFP"), ("mediaoutreach",
                                                                  "Media OutReach Newswire"),
)

_PREFIX_WORDS = 3  # a name credited by its opening is this short

# short names that are ordinary words or letters too: trusted only in a credit's brackets
_WEAK_IN_TEXT = {
    "petra", "antara", "apa", "ina", "spa", "cna", "map", "tap", "aps", "ena", "nan", "tt",
    "sta", "trend", "kabar", "saba", "ots", "ats", "sda", "rss", "sid", "kna",
    "mehr", "mna", "fars", "ips", "ona", "bna",
    "sputnik", "bloomberg", "cnn", "uni", "cp", "sana", "mia", "abi", "andina", "lana",
    "elta", "akp", "ana", "pl", "aim", "sps", "ria",
}

# words that make an unknown name read as a wire's or an outlet's credit
_WIRE_WORDS_RE = re.compile(
    r"(?:news|wire|press|presse|prensa|media|agency|agence|agencia|agentur|ajans|syndicat"
    r"|tv|radio|\.com|\.net|\.org|\.ai|\.io)|\bpr\b",
    re.I,
)

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _key(name: str) -> str:
    if name.isascii():
        return _NON_ALNUM.sub("", name.lower())
    folded = unicodedata.normalize("NFKD", name.lower())
    return _NON_ALNUM.sub("", "".join(c for c in folded if not unicodedata.combining(c)))


def _table() -> tuple[dict[str, str], dict[str, str | None]]:
    aliases: dict[str, str] = {}
    homes: dict[str, str | None] = {}
    for canonical, home, forms in _AGENCIES:
        homes[canonical] = home
        for form in (canonical, *forms):
            aliases.setdefault(_key(form), canonical)
    return aliases, homes


# normalised key (lowercase letters and digits only) -> canonical name
AGENCY_ALIASES, _HOMES = _table()
# first words of every printed form, folded: a credit printed bare must open with one
_FIRST_WORDS = frozenset(
    _key(form.split()[0]) for c, _, forms in _AGENCIES for form in (c, *forms)
) | frozenset(name.split()[0] for name in _SCRIPT_NAMES) \
    | frozenset(_SCRIPT_KEYS) | frozenset(_script_key(n.split()[0]) for n in _SCRIPT_NAMES)


@lru_cache(maxsize=8192)
def starts_agency(word: str) -> bool:
    """True when a known credit may open with ``word`` (``Associated``, ``PRNewswire-``)."""
    key = _key(word)
    return key in _FIRST_WORDS or word.strip(".") in _FIRST_WORDS or any(
        key.startswith(prefix) for prefix, _ in _PREFIXES) or (
        not word.isascii() and _script_key(word) in _FIRST_WORDS)  # "ИНТЕРФАКС"


@lru_cache(maxsize=8192)
def canonical_agency(name: str) -> str | None:
    """Canonical agency for a credited name (``/PRNewswire-FirstCall/`` -> PR Newswire)."""
    printed = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name)).strip(" .-/()[]")
    if printed in _SCRIPT_NAMES:
        return _SCRIPT_NAMES[printed]
    key = _key(name)
    if not key:
        return _SCRIPT_KEYS.get(_script_key(printed)) if not printed.isascii() else None
    if key in AGENCY_ALIASES:
        return AGENCY_ALIASES[key]
    for prefix, canonical in _PREFIXES:
        if key.startswith(prefix) and len(printed.split()) <= _PREFIX_WORDS:
            return canonical  # not "Agence France-Presse confirmed the report": a sentence
    for suffix in _NAME_SUFFIXES:  # "Trend News Agency", "Kazinform News Agency"
        if key.endswith(suffix) and key[: -len(suffix)] in AGENCY_ALIASES:
            stem = key[: -len(suffix)]
            return AGENCY_ALIASES[stem] if stem not in _WEAK_IN_TEXT or len(stem) > 3 else None
    site = _SITE_RE.fullmatch(printed)
    return canonical_agency(site["name"]) if site else None  # "INTERFAX.RU", "tass.com"


# a credit printed as a site's address: "financialwire.net", "INTERFAX.RU"
_SITE_RE = re.compile(r"(?:www\.)?(?P<name>[^\W_][\w-]*)\.(?P<tld>[a-z]{2,4})", re.I)


def credit_name(name: str) -> str:
    """The name a credit printed as a lower-case site address stands for: the site's name
    without its domain (``financialwire.net`` -> ``financialwire``); a name printed with
    capitals (``Variety.com``, ``PanARMENIAN.Net``) is the outlet's brand, kept as printed."""
    site = _SITE_RE.fullmatch(name.strip())
    return site["name"] if site and name.islower() else name


# words a wire's name is printed with or without ("Trend News Agency" is Trend)
_NAME_SUFFIXES = ("newsagency", "pressagency", "agency", "newsservice")


# services that carry other wires' copy under their own tag: never the credited agency
_CARRIERS = frozenset("menafn asianet urdupoint pakistanpointnews newstex contify nnn comtex "
                      "acquiremedia newsedge".split())


# the same carriers in other scripts, folded, as a name's opening ("اُردو پوائنٹ اخبار...")
_SCRIPT_CARRIERS = tuple(_script_key(name) for name in ("اردو پوائنٹ",))


def carrier(name: str) -> bool:
    """True for a service that relays others' copy (``MENAFN``, ``AsiaNet``)."""
    if not name.isascii() and _script_key(name).startswith(_SCRIPT_CARRIERS):
        return True
    return _key(name) in _CARRIERS


def is_known_agency(name: str, *, strict: bool = False) -> bool:
    """True when ``name`` maps to a known agency; ``strict`` drops names that are also
    ordinary words (``Petra``, ``SPA``), for credits printed without brackets."""
    if strict and _key(name) in _WEAK_IN_TEXT:
        return False
    return canonical_agency(name) is not None


def agency_country(name: str | None) -> str | None:
    """Home country (ISO alpha-2) of a canonical agency, when it has one."""
    return _HOMES.get(name) if name else None


def wire_like(name: str) -> bool:
    """An unknown credited name that reads as a wire's or outlet's (``Andes Newswire``)."""
    return bool(_WIRE_WORDS_RE.search(name))
