"""What the raw page says about a piece of text: is it a link, does it sit in a page widget,
which text blocks does the page print, in what order and laid out how?

Extractors return plain paragraphs; these answers come from the page they were cut
from, so a paragraph can be judged without knowing the true body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml.etree import XPath
from lxml.html import HtmlElement

WORD_RE = re.compile(r"\w+")

# Elements that hold page furniture rather than the article, by tag or by class/id.
_WIDGET_TAGS = frozenset({"figcaption", "figure", "aside", "nav", "footer", "header", "form",
                          "button"})
# Widget tags that never wrap an article, whatever their size.
_ALWAYS_WIDGET_TAGS = frozenset({"figcaption", "aside", "nav", "footer", "button"})
_WIDGET_ATTR_RE = re.compile(
    r"caption|credit|related|promo|newsletter|share|social|subscribe|widget|sidebar|comment"
    r"|byline|breadcrumb|footer|header|nav|menu|banner|advert|cookie|recirc|trending"
    r"|popular|more-",
    re.IGNORECASE,
)
# Elements whose text is one paragraph of the page (and divs holding no blocks).
_TEXT_BLOCK_TAGS = frozenset({"p", "li", "blockquote", "pre", "td", "dd"})
_BLOCK_TAGS = frozenset({"p", "div", "ul", "ol", "li", "table", "section", "article",
                         "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "dl"})
# Text blocks shorter than this (characters) are not indexed.
BLOCK_MIN_CHARS = 60
# A block with at least this share of its characters in link text is a link list.
BLOCK_MAX_LINK_SHARE = 0.5
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg"})
_VISIBLE_TEXT = XPath(".//text()[not({})]".format(
    " or ".join(f"ancestor::{tag}" for tag in sorted(_SKIPPED_TAGS))))
# A block that ends like a sentence (full stop, ? or !, perhaps inside quotes or brackets).
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")
# A widget container holding more than this share of the page's text is a layout
# wrapper around the article (a "main-header-layout" div), not a widget.
WIDGET_MAX_SHARE = 0.25


_NON_WORD_RE = re.compile(r"[^\w\n]+")
_EDGE_SPACE_RE = re.compile(r" *\n *")


def norm_words(text: str) -> str:
    """Lower-cased words joined by single spaces: the key paragraphs are compared by."""
    return " ".join(WORD_RE.findall(text.lower()))


def _joined_keys(texts: list[str]) -> str:
    """``|key|key|...|`` for many texts at once (one regex pass instead of one per text)."""
    flat = _NON_WORD_RE.sub(" ", "\n".join(t.replace("\n", " ") for t in texts).lower())
    return "|" + _EDGE_SPACE_RE.sub("|", flat).strip(" ") + "|"


@dataclass(frozen=True)
class PageIndex:
    """Normalised texts of the page's links and widget containers, ``|``-separated."""

    links: str
    widgets: str
    text_chars: int
    blocks: tuple[str, ...] = ()   # text blocks outside links and widgets, as keys, in order
    free: str = ""                 # text runs outside links and widgets
    prose: tuple[bool, ...] = ()   # for each block: it ends like a sentence
    texts: tuple[str, ...] = ()    # each block's text, spaces collapsed
    shapes: tuple[str, ...] = ()   # each block's tag and class, and its parent's

    def is_link(self, key: str) -> bool:
        """The paragraph is link text (a teaser, a menu entry) and nothing else prints it."""
        return bool(key) and key in self.links and key not in self.free

    def in_widget(self, key: str) -> bool:
        """The paragraph sits in a caption, related box, footer... and nowhere else."""
        return bool(key) and key in self.widgets and key not in self.free


def _is_link(el: HtmlElement) -> bool:
    """An ``<a>`` that leads elsewhere (mailto/tel links are contacts: content)."""
    href = (el.get("href") or "").lstrip()[:7].lower()
    return not href.startswith(("mailto:", "tel:"))


def _block_text(el: HtmlElement) -> str | None:
    """Visible text of a text block (scripts and styles left out), None if it is too short
    or mostly link text."""
    if next(el.iter(*_SKIPPED_TAGS), None) is not None:
        text = "".join(_VISIBLE_TEXT(el))
    else:
        text = el.text_content()
    if len(text.strip()) < BLOCK_MIN_CHARS:
        return None
    linked = sum(len(a.text_content()) for a in el.iter("a") if _is_link(a))
    return text if linked < BLOCK_MAX_LINK_SHARE * len(text) else None


def _shape(el: HtmlElement | None, parent: HtmlElement | None) -> str:
    """Tag and class of a block and of its parent: paragraphs of one body share a shape."""
    own = "" if el is None else f"{el.tag}.{el.get('class') or ''}"
    return own if parent is None else f"{parent.tag}.{parent.get('class') or ''}>{own}"


def page_index(tree: HtmlElement) -> PageIndex:
    """Index the links (mailto/tel excepted: contacts are content), widgets and text blocks
    of a page.

    A text block is a paragraph-like element (``p``, ``li``, a ``div`` holding no blocks...)
    or, outside those, a run of text straight inside a container (text split by ``<br>``).
    """
    body = tree.find(".//body")
    root = body if body is not None else tree
    total = len(root.text_content())
    links: list[str] = []
    widgets: list[str] = []
    blocks: list[str] = []
    shapes: list[str] = []
    free: list[str] = []
    # (element, inside a text block) or (None, (a run of text, its container)), page order
    stack: list[tuple[Any, Any]] = [(root, False)]
    while stack:
        el, state = stack.pop()
        if el is None:
            text, parent = state
            if len(text.strip()) >= BLOCK_MIN_CHARS:
                blocks.append(text)
                shapes.append(_shape(None, parent))
            continue
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIPPED_TAGS:
            continue
        if tag == "a":
            if _is_link(el):
                links.append(el.text_content())
            continue
        if tag in _WIDGET_TAGS or _WIDGET_ATTR_RE.search(
                f"{el.get('class') or ''} {el.get('id') or ''}"):
            text = el.text_content()
            if tag in _ALWAYS_WIDGET_TAGS or len(text) < WIDGET_MAX_SHARE * total:
                # Its links and inner widgets are covered by its own text.
                widgets.append(text)
                continue
        free.append(el.text or "")
        free.extend(child.tail or "" for child in el)
        in_block = bool(state)
        if not in_block and (tag in _TEXT_BLOCK_TAGS or (tag == "div" and not any(
                isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el))):
            in_block = True
            text = _block_text(el)
            if text is not None:
                blocks.append(text)
                shapes.append(_shape(el, el.getparent()))
        if in_block:
            stack.extend((child, True) for child in reversed(el))
            continue
        for child in reversed(el):  # children and the text between them, in page order
            if child.tail:
                stack.append((None, (child.tail, el)))
            stack.append((child, False))
        if el.text and len(el.text.strip()) >= BLOCK_MIN_CHARS:
            blocks.append(el.text)
            shapes.append(_shape(None, el))
    keys = tuple(_joined_keys(blocks)[1:-1].split("|")) if blocks else ()
    texts = tuple(" ".join(t.split()) for t in blocks)
    return PageIndex(_joined_keys(links), _joined_keys(widgets), total, keys,
                     _joined_keys([t for t in free if t.strip()]),
                     tuple(bool(_SENTENCE_END_RE.search(t)) for t in texts), texts,
                     tuple(shapes))
