"""The extractors the clean stage runs on every page, each giving one candidate body.

trafilatura (precision settings, no fallback: readability-lxml below plays that part)
also gives the page's metadata; readability-lxml gives a second, independent body.
"""

from __future__ import annotations

import logging
import re
from copy import deepcopy
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

import trafilatura
from lxml.etree import Comment, ProcessingInstruction, strip_elements
from lxml.html import HtmlElement, fragment_fromstring
from readability import Document
from readability.readability import REGEXES, Unparseable
from trafilatura.core import Document as TrafilaturaDocument

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
# cross-document dedup: identical copies of a release must each come out whole.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "with_metadata": True,
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


@dataclass
class Candidate:
    """One extractor's body: paragraphs as lines, '' when it found nothing."""

    name: str
    version: str
    text: str
    error: str | None = None


def run_trafilatura(tree: HtmlElement, url: str | None
                    ) -> tuple[Candidate, TrafilaturaDocument | None]:
    """trafilatura's body and its metadata document (None if it found nothing)."""
    doc = trafilatura.bare_extraction(tree, url=url, **TRAFILATURA_OPTIONS)
    if doc is None:
        return Candidate(TRAFILATURA, TRAFILATURA_VERSION, ""), None
    return Candidate(TRAFILATURA, TRAFILATURA_VERSION, doc.text or ""), doc


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
