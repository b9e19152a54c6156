"""The extractors the clean stage runs on every page, each giving one candidate body.

trafilatura (precision settings, no fallback: readability-lxml below plays that part)
and readability-lxml give two independent bodies.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from copy import deepcopy
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

import trafilatura
from lxml.etree import Comment, ProcessingInstruction, strip_elements
from lxml.html import HtmlElement, fragment_fromstring
from readability import Document
from readability.readability import REGEXES, Unparseable

__all__ = [
    "READABILITY",
    "READABILITY_VERSION",
    "TRAFILATURA",
    "TRAFILATURA_OPTIONS",
    "TRAFILATURA_VERSION",
    "Candidate",
    "run_readability",
    "run_trafilatura",
]

TRAFILATURA = "trafilatura"
TRAFILATURA_VERSION: str = trafilatura.__version__
READABILITY = "readability-lxml"
READABILITY_VERSION: str = version("readability-lxml")

# Options passed to trafilatura.bare_extraction. favor_precision: the combiner adds back
# what readability-lxml finds and trafilatura missed, so trafilatura's job is to be clean.
# fast: its internal fallbacks are replaced by readability-lxml run here. Never
# cross-document dedup: identical copies of a release must each come out whole. Its
# metadata comes from pagemeta.trafilatura_metadata, without the fields left unused.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "with_metadata": False,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "favor_precision": True,
    "favor_recall": False,
    "fast": True,
    "deduplicate": False,
    "output_format": "python",
}

_LOG = logging.getLogger(__name__)
_BLOCK_TAGS = frozenset({
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "table",
    "ul", "ol", "dl", "dd", "dt", "blockquote", "pre", "section", "article", "header",
    "footer", "figure", "figcaption", "address",
})  # fmt: skip
_SPACE_RE = re.compile(r"\s+")


# What readability-lxml's own cleaner (lxml_html_clean.Cleaner) removes before scoring,
# done here with one strip: the Cleaner also rewrites every link to drop javascript:
# URLs, which costs a third of readability's time and changes no text.
_UNSCORED = ("script", "style", "link", Comment, ProcessingInstruction)
# readability's divToPElementsRe, anchored to a tag name; and the tags it folds into a <p>.
_BLOCK_TAG_RE = re.compile(r"(?:blockquote|dl|div|img|ol|p|pre|table|ul)", re.IGNORECASE)
# readability's unlikelyCandidatesRe (lower-case words) for lower-cased ASCII text.
_UNLIKELY_LOWER_RE = re.compile(REGEXES["unlikelyCandidatesRe"].pattern.lower())
_INLINE_TAGS = frozenset({"a", "b", "cite", "code", "em", "font", "i", "small", "span",
                          "strong", "sub", "sup", "u"})


class _Readability(Document):
    """readability-lxml on an already parsed tree, with a cheaper equivalent cleaning."""

    def _parse(self, input: HtmlElement) -> HtmlElement:  # noqa: A002 - base signature
        for elem in input.xpath("//*[@hidden]"):
            elem.drop_tree()
        for elem in input.xpath("//*[@style]"):
            if REGEXES["displayNoneRe"].search(elem.get("style")):
                elem.drop_tree()
        doc = deepcopy(input)
        strip_elements(doc, *_UNSCORED, with_tail=False)
        return doc

    def remove_unlikely_candidates(self) -> None:
        """The base method's test, run only on elements with a class or id (the others
        cannot match), case-folding ASCII names once instead of matching without case
        (five times faster, same answer), and without formatting a debug description of
        each removal."""
        for elem in self.html.xpath(".//*[@class or @id]"):
            s = f"{elem.get('class', '')} {elem.get('id', '')}"
            if (len(s) >= 2
                    and (_UNLIKELY_LOWER_RE.search(s.lower()) if s.isascii()
                         else REGEXES["unlikelyCandidatesRe"].search(s))
                    and not REGEXES["okMaybeItsACandidateRe"].search(s)
                    and elem.tag not in ("html", "body")
                    and not elem.xpath("ancestor-or-self::pre | ancestor-or-self::code")
                    and not elem.xpath("descendant-or-self::main | descendant-or-self::article"
                                       " | descendant-or-self::math")):
                elem.drop_tree()

    def transform_misused_divs_into_paragraphs(self) -> None:
        """The base method, with its block test done on tag names instead of regex
        searches through serialised subtrees (same answer: its regex can only match the
        start of a tag, every other ``<`` is escaped)."""
        for elem in self.html.findall(".//div"):
            if not _holds_block(elem):
                elem.tag = "p"
        for elem in self.html.findall(".//div"):
            children = list(elem)
            paragraph = None
            if elem.text and elem.text.strip():
                paragraph = fragment_fromstring("<p/>")
                paragraph.text, elem.text = elem.text, None
                elem.insert(0, paragraph)
            for child in children:
                if (child.tag == "br" or child.tag not in _INLINE_TAGS
                        or _holds_block((child,))):
                    paragraph = None
                    continue
                if paragraph is None:
                    paragraph = fragment_fromstring("<p/>")
                    child.addprevious(paragraph)
                paragraph.append(child)
            for pos, child in reversed(list(enumerate(elem))):
                if child.tail and child.tail.strip():
                    p = fragment_fromstring("<p/>")
                    p.text, child.tail = child.tail, None
                    elem.insert(pos + 1, p)
                if child.tag == "br":
                    child.drop_tree()


def _holds_block(elems: Iterable[HtmlElement]) -> bool:
    """True when one of ``elems`` or their descendants has a tag readability's
    ``divToPElementsRe`` finds (a name starting blockquote, dl, div, img, ol, p, ...)."""
    for top in elems:
        for el in top.iter():
            if isinstance(el.tag, str) and _BLOCK_TAG_RE.match(el.tag):
                return True
    return False


@dataclass
class Candidate:
    """One extractor's body: paragraphs as lines, '' when it found nothing."""

    name: str
    version: str
    text: str
    error: str | None = None


def run_trafilatura(tree: HtmlElement, url: str | None) -> Candidate:
    """trafilatura's body ('' if it found nothing)."""
    doc = trafilatura.bare_extraction(tree, url=url, **TRAFILATURA_OPTIONS)
    return Candidate(TRAFILATURA, TRAFILATURA_VERSION, getattr(doc, "text", None) or "")


def _block_text(root: HtmlElement) -> str:
    """Text of an element tree with one line per block element."""
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    lines = (_SPACE_RE.sub(" ", line).strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def run_readability(tree: HtmlElement) -> Candidate:
    """readability-lxml's body. It drops hidden elements from ``tree``: run it last.

    ``url`` is not passed on: making links absolute costs time and changes no text.
    """
    try:
        summary = _Readability(tree).summary(html_partial=True)
    except Unparseable as err:
        return Candidate(READABILITY, READABILITY_VERSION, "", error=repr(err))
    if not summary.strip():
        return Candidate(READABILITY, READABILITY_VERSION, "")
    root = fragment_fromstring(summary, create_parent="div")
    return Candidate(READABILITY, READABILITY_VERSION, _block_text(root))
