"""Canonical names of wires and news agencies credited in datelines and bylines."""

from __future__ import annotations

import re

__all__ = ["AGENCY_ALIASES", "canonical_agency", "is_known_agency"]

# normalised key (lowercase letters and digits only) -> canonical name
AGENCY_ALIASES: dict[str, str] = {
    # press-release wires
    "prnewswire": "PR Newswire",
    "prnewswirefirstcall": "PR Newswire",
    "prnewswireasia": "PR Newswire",
    "prnewswireapac": "PR Newswire",
    "prnewswireprweb": "PR Newswire",
    "cnw": "CNW",
    "cnwgroup": "CNW",
    "cnwtelbec": "CNW",
    "businesswire": "Business Wire",
    "globenewswire": "GlobeNewswire",
    "globenewsire": "GlobeNewswire",
    "accessnewswire": "ACCESS Newswire",
    "accesswire": "ACCESS Newswire",
    "einpresswire": "EIN Presswire",
    "einnews": "EIN Presswire",
    "newsfile": "Newsfile",
    "newsfilecorp": "Newsfile",
    "prweb": "PRWeb",
    "marketwired": "Marketwired",
    "prlog": "PRLog",
    "openpr": "openPR",
    "jcn": "JCN Newswire",
    "jcnnewswire": "JCN Newswire",
    "acnnewswire": "ACN Newswire",
    "mediaoutreach": "Media OutReach",
    "mediaoutreachnewswire": "Media OutReach",
    # news agencies
    "reuters": "Reuters",
    "thomsonreuters": "Reuters",
    "ap": "AP",
    "associatedpress": "AP",
    "theassociatedpress": "AP",
    "afp": "AFP",
    "agencefrancepresse": "AFP",
    "xinhua": "Xinhua",
    "xinhuanet": "Xinhua",
    "dna": "DNA",
    "app": "APP",
    "associatedpressofpakistan": "APP",
    "pti": "PTI",
    "presstrustofindia": "PTI",
    "ani": "ANI",
    "ians": "IANS",
    "uni": "UNI",
    "bernama": "Bernama",
    "yonhap": "Yonhap",
    "kyodo": "Kyodo",
    "kyodonews": "Kyodo",
    "tass": "TASS",
    "anadolu": "Anadolu",
    "anadoluagency": "Anadolu",
    "aa": "Anadolu",
    "efe": "EFE",
    "ansa": "ANSA",
    "dpa": "dpa",
    "upi": "UPI",
    "irna": "IRNA",
    "wam": "WAM",
    "spa": "SPA",
    "bss": "BSS",
    "antara": "Antara",
    "pna": "PNA",
    "apa": "APA",
    "nnn": "NNN",
    "cna": "CNA",
    "kuna": "KUNA",
    "qna": "QNA",
    "mena": "MENA",
    "petra": "Petra",
    "sana": "SANA",
    "ina": "INA",
    "bna": "BNA",
    "ona": "ONA",
    "ptv": "PTV",
    "nni": "NNI",
    "inp": "INP",
}

# credited names that start with a wire's name: "PRNewswire-FirstCall", "EINPresswire.com"
_PREFIXES = (
    ("prnewswire", "PR Newswire"), ("globenewswire", "GlobeNewswire"),
    ("businesswire", "Business Wire"), ("newsfile", "Newsfile"),
    ("einpresswire", "EIN Presswire"), ("accessnewswire", "ACCESS Newswire"),
    ("accesswire", "ACCESS Newswire"), ("anadoluagency", "Anadolu"),
    ("xinhuanewsagency", "Xinhua"), ("yonhapnews", "Yonhap"), ("kyodonews", "Kyodo"),
    ("bernama", "Bernama"), ("emiratesnewsagency", "WAM"),
    ("islamicrepublicnewsagency", "IRNA"), ("indoasiannewsservice", "IANS"),
    ("asiannewsinternational", "ANI"), ("agencefrance", "AFP"),
)

# acronym-like names that are too common as plain words to trust in a byline
_WEAK_IN_TEXT = {"petra", "antara", "apa", "ina", "spa", "cna"}

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _key(name: str) -> str:
    return _NON_ALNUM.sub("", name.lower())


def canonical_agency(name: str) -> str | None:
    """Canonical agency for a credited name (``/PRNewswire-FirstCall/`` -> PR Newswire)."""
    key = _key(name)
    if not key:
        return None
    if key in AGENCY_ALIASES:
        return AGENCY_ALIASES[key]
    for prefix, name in _PREFIXES:
        if key.startswith(prefix):
            return name
    return None


def is_known_agency(name: str, *, strict: bool = False) -> bool:
    """True when ``name`` maps to a known agency; ``strict`` drops ambiguous words."""
    key = _key(name)
    if strict and key in _WEAK_IN_TEXT:
        return False
    return canonical_agency(name) is not None
