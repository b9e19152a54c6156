"""Media and investor contacts from a release's contact block."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from .boilerplate import CONTACT_HEAD_RE, EMAIL_RE, MORE_INFO_RE

__all__ = ["Contact", "find_contacts"]

PHONE_RE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,3}\b"
    r"(?:\s*(?:x|ext\.?)\s*\d{1,5})?"
)
_LABEL_RE = re.compile(
    r"^(?:tel|telephone|phone|ph|mobile|mob|cell|direct|office|fax|e-?mail|email|web|website"
    r"|t|m|e|p|w)\s*\.?\s*[:.]\s*",
    re.I,
)
# a contact block's heading, stripped from the front of a line
_HEAD_RE = re.compile(rf"(?:{MORE_INFO_RE.pattern}|{CONTACT_HEAD_RE.pattern})\s*:?\s*", re.I)
_ROLE_WORDS = re.compile(
    r"\b(?:relations|communications|spokes(?:person|man|woman)|director|manager|officer|head"
    r"|president|chief|ceo|cfo|coo|vice|vp|media|press|investor|secretary|adviser|advisor"
    r"|specialist|coordinator|lead|partner|associate|executive|chairman|founder|analyst)\b",
    re.I,
)
_ORG_WORDS = re.compile(
    r"\b(?:inc|corp|corporation|ltd|llc|plc|group|agency|partners|company|co|pr|communications"
    r"|associates|institute|ministry|university|bank|holdings|limited|foundation|council"
    r"|strategies|media|consulting|advisors|capital|labs?)\b\.?",
    re.I,
)
_SUFFIX_RE = re.compile(r"\b(?:inc|corp|ltd|llc|plc|group|limited|agency|partners)\b", re.I)
_NAME_RE = re.compile(
    r"^(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+)?[A-Z][a-zA-Z'’-]+(?:\s+[A-Z]\.)?"
    r"(?:\s+(?:van|von|de|da|del|bin|al|el|la|le|di)?\s*[A-Z][a-zA-Z'’-]+){1,3}$"
)


@dataclass
class Contact:
    """One contact person or desk."""

    name: str | None = None
    organisation: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None

    def empty(self) -> bool:
        """True when nothing was recorded."""
        return not any((self.name, self.organisation, self.role, self.email, self.phone))

    def to_dict(self) -> dict[str, Any]:
        """Plain dict."""
        return asdict(self)


def _segments(paragraphs: list[str]) -> list[str]:
    out: list[str] = []
    for para in paragraphs:
        for piece in re.split(r"\s*(?:\||;|\t|•|·)\s*|,\s+(?=[\w.+-]+@)|,\s+(?=\+?\(?\d)", para):
            piece = piece.strip(" ,")
            if piece:
                out.append(piece)
    return out


def _name_like(text: str) -> bool:
    if not _NAME_RE.match(text) or _ORG_WORDS.search(text) or _ROLE_WORDS.search(text):
        return False
    return len(text.split()) <= 5


def find_contacts(paragraphs: list[str]) -> list[Contact]:
    """Contacts in order: a new contact starts at each name (or e-mail after a full one)."""
    contacts: list[Contact] = []
    cur = Contact()

    def flush() -> None:
        nonlocal cur
        if cur.email or cur.phone or cur.name:
            contacts.append(cur)
        cur = Contact()

    for seg in _segments(paragraphs):
        seg = _HEAD_RE.sub("", seg, count=1).strip(" :,") if _HEAD_RE.match(seg) else seg
        if not seg:
            continue
        seg = _LABEL_RE.sub("", seg).strip()
        email = EMAIL_RE.search(seg)
        if email:
            if cur.email:
                flush()
            cur.email = email.group(0).rstrip(".")
            rest = seg.replace(email.group(0), "").strip(" ,:-")
            if rest and _name_like(rest) and not cur.name:
                cur.name = rest
            continue
        phone = PHONE_RE.search(seg)
        if phone and sum(c.isdigit() for c in phone.group(0)) >= 7:
            if cur.phone and (cur.email or cur.name):
                flush()
            cur.phone = cur.phone or phone.group(0).strip()
            continue
        if len(seg) > 80:
            continue
        head, _, tail = seg.partition(", ")
        if tail and _name_like(head) and not _name_like(tail):
            if cur.name or cur.email or cur.phone:
                flush()
            cur.name = head
            seg = tail
        if _name_like(seg) and cur.name and not (cur.email or cur.phone) \
                and cur.organisation is None:
            cur.organisation = seg  # "Jane Roe" then "Acme Labs"
        elif _name_like(seg):
            if cur.name or cur.email or cur.phone:
                flush()
            cur.name = seg
        elif _ROLE_WORDS.search(seg) and cur.role is None and not _SUFFIX_RE.search(seg):
            cur.role = seg
        elif cur.organisation is None and (_ORG_WORDS.search(seg) or cur.name):
            cur.organisation = seg
    flush()
    return [c for c in contacts if c.email or c.phone]
