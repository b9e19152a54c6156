"""What the raw page says about a piece of text: is it a link, does it sit in a page widget?

Extractors return plain paragraphs; these answers come from the page they were cut
from, so a paragraph can be judged without knowing the true body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg"})
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
    blocks: tuple[str, ...] = ()   # long text blocks outside links and widgets, as keys
    free: str = ""                 # text runs outside links and widgets

    def is_link(self, key: str) -> bool:
        """The paragraph is link text (a teaser, a menu entry) and nothing else prints it."""
        return bool(key) and key in self.links and key not in self.free

    def in_widget(self, key: str) -> bool:
        """The paragraph sits in a caption, related box, footer... and nowhere else."""
        return bool(key) and key in self.widgets and key not in self.free


def page_index(tree: HtmlElement) -> PageIndex:
    """Index the links (mailto/tel excepted: contacts are content) and widgets of a page."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    total = len(root.text_content())
    links: list[str] = []
    widgets: list[str] = []
    blocks: list[str] = []
    free: list[str] = []
    stack = [root]
    while stack:
        el = stack.pop()
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIPPED_TAGS:
            continue
        if tag == "a":
            href = (el.get("href") or "").lstrip()[:7].lower()
            if not href.startswith(("mailto:", "tel:")):
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
        if tag in _TEXT_BLOCK_TAGS or (tag == "div" and not any(
                isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el)):
            text = el.text_content()
            if len(text) >= BLOCK_MIN_CHARS:
                blocks.append(text)
        stack.extend(el)
    return PageIndex(_joined_keys(links), _joined_keys(widgets), total,
                     tuple(_joined_keys(blocks).strip("|").split("|")) if blocks else (),
                     _joined_keys([t for t in free if t.strip()]))
