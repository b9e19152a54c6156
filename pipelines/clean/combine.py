"""Combine two extractors' bodies paragraph by paragraph, by agreement and page signals.

Where the two agree, the text is body. Where only one has a paragraph, the page decides:
a paragraph that is the whole text of a link, or sits in a caption, related-links box,
footer or similar widget, is page furniture; a long paragraph that is neither, and
carries no photo-credit marker, is body the other extractor missed. A sentence the page
prints between two body paragraphs, laid out like them, is body both missed. No answer
key is needed, and every choice comes with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipelines.clean.candidates import Candidate
from pipelines.clean.pageindex import WORD_RE, PageIndex

__all__ = ["Choice", "combine", "fill_gaps", "first_suffices"]

# A paragraph is in the other body when this share of its word pairs is found there.
SHARED_MIN = 0.5
# Fewest words for a paragraph only the second extractor found to be taken as body.
ADD_MIN_WORDS = 15
# The first extractor is replaced as the base when it has less than this share of
# the second's words (it latched onto a fragment).
BASE_MIN_SHARE = 0.25
# Photo credits and captions: "Credit: EPA", "Photo by ...", "Image: ...", "(pictured)".
_CAPTION_RE = re.compile(
    r"\b(?:credit|photo|image|photograph|picture)s?\s*(?::|by\b)|getty images|\(pictured\)",
    re.IGNORECASE,
)


@dataclass
class Choice:
    """The chosen body, who produced it (name and version) and why."""

    text: str
    extractor: str
    extractor_version: str
    reason: str


@dataclass
class _Para:
    line: str
    words: list[str]
    pairs: set[tuple[str, str]] | set[str]

    @property
    def key(self) -> str:
        return " ".join(self.words)


def _pairs(words: list[str]) -> set[tuple[str, str]] | set[str]:
    if len(words) > 1:
        return set(zip(words, words[1:], strict=False))
    return set(words)


def _paragraphs(text: str) -> list[_Para]:
    paras = []
    for line in text.split("\n"):
        if line.strip():  # wordless lines ("###", "* * *") go with the body around them
            words = WORD_RE.findall(line.lower())
            paras.append(_Para(line.strip(), words, _pairs(words)))
    return paras


def _all_pairs(paras: list[_Para]) -> set[tuple[str, str] | str]:
    pairs: set[tuple[str, str] | str] = set()
    for para in paras:
        pairs |= para.pairs
    return pairs


def _shared(para: _Para, pairs: set[tuple[str, str] | str]) -> bool:
    return len(para.pairs & pairs) >= SHARED_MIN * len(para.pairs)


def _furniture(para: _Para, index: PageIndex) -> bool:
    return index.is_link(para.key) or index.in_widget(para.key)


def _reads_as_body(para: _Para, index: PageIndex) -> bool:
    return (len(para.words) >= ADD_MIN_WORDS and not _furniture(para, index)
            and not _CAPTION_RE.search(para.line))


def _word_count(paras: list[_Para]) -> int:
    return sum(len(p.words) for p in paras)


@lru_cache(maxsize=2)
def _blocks(index: PageIndex) -> tuple[_Para, ...]:
    """The page's text blocks as paragraphs (shared by the tests on one page)."""
    return tuple(_Para(text, key.split(" "), _pairs(key.split(" ")))
                 for key, text in zip(index.blocks, index.texts, strict=True))


def _held(blocks: tuple[_Para, ...], pairs: set[tuple[str, str] | str]) -> list[bool]:
    """For each block: a body with these word pairs holds it."""
    return [bool(block.key) and _shared(block, pairs) for block in blocks]


def first_suffices(first: Candidate, index: PageIndex) -> bool:
    """True when a second extractor could not change ``first``'s body.

    That is when no paragraph of it is link or widget text (nothing to drop) and no
    text block of the page that :func:`combine` would take as body is missing from it
    (nothing to add). Missing blocks count only when they end like a sentence (body is
    prose, unlike teaser headlines or code) and lie inside the span of the page that the
    body covers or are laid out like its paragraphs (same shape): prose elsewhere, laid
    out otherwise (cookie notices, author bios, promotions), is not the article's.
    """
    paras = _paragraphs(first.text)
    if not _word_count(paras) or any(_furniture(p, index) for p in paras):
        return False
    blocks = _blocks(index)
    held = _held(blocks, _all_pairs(paras))
    inside = [i for i, h in enumerate(held) if h]
    shapes = {index.shapes[i] for i in inside}
    for i, block in enumerate(blocks):
        if (index.prose[i] and not held[i] and _reads_as_body(block, index)
                and (not inside or inside[0] < i < inside[-1]
                     or index.shapes[i] in shapes)):
            return False
    return True


def combine(first: Candidate, second: Candidate, index: PageIndex) -> Choice:
    """One body from two candidates; ``first`` is preferred where they disagree in kind."""
    paras1, paras2 = _paragraphs(first.text), _paragraphs(second.text)
    n1, n2 = _word_count(paras1), _word_count(paras2)
    if not n1 and not n2:
        return Choice("", first.name, first.version, "no extractor found text")
    base, other, base_paras, other_paras = first, second, paras1, paras2
    swapped = n1 < BASE_MIN_SHARE * n2
    if swapped:
        base, other, base_paras, other_paras = second, first, paras2, paras1
    base_pairs, other_pairs = _all_pairs(base_paras), _all_pairs(other_paras)

    kept: list[_Para] = []
    dropped = 0
    agreed_words = 0
    for para in base_paras:
        if _shared(para, other_pairs):
            agreed_words += len(para.words)
            kept.append(para)
        elif _furniture(para, index):
            dropped += 1
        else:
            kept.append(para)

    # Paragraphs only the other extractor found, placed after the base paragraph that
    # matches the nearest shared paragraph before them.
    inserts: dict[int, list[_Para]] = {}
    added_words = 0
    anchor = -1
    for para in other_paras:
        if _shared(para, base_pairs):
            for pos in range(anchor + 1, min(len(kept), anchor + 60)):
                if _shared(para, kept[pos].pairs) or _shared(kept[pos], para.pairs):
                    anchor = pos
                    break
        elif _reads_as_body(para, index):
            inserts.setdefault(anchor, []).append(para)
            added_words += len(para.words)
    out = list(inserts.get(-1, []))
    for pos, para in enumerate(kept):
        out.append(para)
        out.extend(inserts.get(pos, []))
    text = "\n".join(p.line for p in out)
    n_base = _word_count(base_paras)
    if not other_paras:
        agree = f"only {base.name} found text"
    else:
        agree = f"{agreed_words / n_base:.0%} of {base.name}'s words found by {other.name}"
        if swapped:
            agree = (f"{first.name} found under {BASE_MIN_SHARE:.0%} of {second.name}'s "
                     f"words; {agree}")
    if not out:
        return Choice("", base.name, base.version, f"{agree}; all of it link or widget text")
    if not dropped and not added_words:
        extra = f"; {other.name} adds no body" if other_paras else ""
        return Choice(text, base.name, base.version, agree + extra)
    changes = []
    if dropped:
        changes.append(f"dropped {dropped} link or widget paragraphs only {base.name} had")
    if added_words:
        n_added = sum(len(v) for v in inserts.values())
        changes.append(f"added {n_added} paragraphs ({added_words} words) only "
                       f"{other.name} found")
    if not other_paras:  # the page's signals cut the one body; no second extractor's text
        return Choice(text, base.name, base.version, f"{agree}; " + "; ".join(changes))
    return Choice(text, f"{base.name}+{other.name}", f"{base.version}+{other.version}",
                  f"{agree}; " + "; ".join(changes))


def fill_gaps(choice: Choice, index: PageIndex) -> Choice:
    """Add the page's prose blocks that sit between two blocks the body holds.

    A sentence between two body paragraphs of the page, not link or widget text and not
    a caption, is body both extractors dropped (one ending in a link, say); it is put
    after the body paragraph that holds the block before it.
    """
    paras = _paragraphs(choice.text)
    if not paras or len(index.blocks) < 3:
        return choice
    blocks = _blocks(index)
    held = _held(blocks, _all_pairs(paras))
    inserts: dict[int, list[_Para]] = {}
    for i in range(1, len(blocks) - 1):
        block = blocks[i]
        if (held[i] or not held[i - 1] or not held[i + 1] or not index.prose[i]
                or index.shapes[i] not in (index.shapes[i - 1], index.shapes[i + 1])
                or _furniture(block, index) or _CAPTION_RE.search(block.line)):
            continue
        before = blocks[i - 1].pairs
        pos = max(range(len(paras)), key=lambda j: len(paras[j].pairs & before))
        inserts.setdefault(pos, []).append(block)
    if not inserts:
        return choice
    out: list[_Para] = []
    for pos, para in enumerate(paras):
        out.append(para)
        out.extend(inserts.get(pos, []))
    added = [p for group in inserts.values() for p in group]
    return Choice("\n".join(p.line for p in out), choice.extractor, choice.extractor_version,
                  f"{choice.reason}; added {len(added)} paragraphs "
                  f"({_word_count(added)} words) the page prints between body paragraphs")
