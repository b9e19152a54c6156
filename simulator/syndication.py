"""How real outlets carry a release, and how look-alikes resemble it (issue 14).

Copy variants added to the original seven (each a function of the release's paragraphs,
deterministic from the seed, the release and the carrying site):

* ``chrome``: per-outlet page chrome left in by the extractor ("Advertisement", a related
  teaser, a comment prompt, share buttons) between and after paragraphs;
* ``teaser``: a truncated teaser: the first paragraph cut mid-sentence, "Read more";
* ``padded``: the outlet adds background paragraphs of its own after the release;
* ``reordered``: paragraphs merged, split and two of them swapped;
* ``respelled``: British spellings, straight quotes and dashes changed;
* ``byline``: headline, byline and agency tag added on top;
* ``condensed``: an editor keeps the first sentence of every paragraph (facts in order);
* ``corrected_repost``: re-posted at another URL with one figure corrected.

Look-alikes (the release after a template twin, see ``generator.is_lookalike``) take one of
three forms by index: the issuer's recurring release with new figures (as before), a
follow-up on the same event, or another story quoting the twin's statement word for word.
"""

from __future__ import annotations

import random
import re

REAL_VARIANTS: tuple[str, ...] = ("chrome", "teaser", "padded", "reordered", "respelled",
                                  "byline", "condensed", "corrected_repost")

_CHROME = ("Advertisement", "Share this article", "Read more: Markets close higher on Friday",
           "Related: Port authority names new chief", "Comments (12)",
           "Leave a comment", "Follow us on social media", "Sponsored content")
_BACKGROUND = (
    "{short} has operated in {city} for many years and is regularly covered by this outlet, "
    "which has reported on several of its earlier announcements and on the wider sector.",
    "Analysts who follow the {sector} sector said developments of this kind are closely "
    "watched by investors, regulators and rival firms across the region this season.",
    "Readers can find our earlier coverage of {short} and of the {sector} industry in the "
    "business section, together with interviews and market commentary from our desk.",
)
_SPELLING = (("organization", "organisation"), ("program", "programme"), ("center", "centre"),
             ("favor", "favour"), ("labor", "labour"), ("analyze", "analyse"),
             ("“", '"'), ("”", '"'), ("’", "'"), (" - ", " – "))


def _rng(seed: int, release: int, site: str, what: str) -> random.Random:
    return random.Random(f"{seed}:{release}:{site}:{what}")


def chrome(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Chrome lines between paragraphs and after the last."""
    out = [rng.choice(_CHROME)]
    for para in paragraphs:
        out.append(para)
        if rng.random() < 0.5:
            out.append(rng.choice(_CHROME))
    return out + ["Leave a comment", "Share this article"]


def teaser(paragraphs: list[str], rng: random.Random) -> list[str]:
    """The first paragraph (and the second, when the first is short) cut mid-sentence."""
    words = " ".join(paragraphs[:2] if len(paragraphs[0].split()) < 40 else paragraphs[:1]
                     ).split()
    keep = max(24, int(len(words) * rng.uniform(0.7, 0.9)))
    return [" ".join(words[:keep]) + " …", "Read more"]


def padded(paragraphs: list[str], rng: random.Random, fields: dict[str, str]) -> list[str]:
    """The release followed by two background paragraphs of the outlet's own."""
    extra = rng.sample(_BACKGROUND, 2)
    return paragraphs + [p.format(**fields) for p in extra]


def reordered(paragraphs: list[str], rng: random.Random) -> list[str]:
    """First two paragraphs merged, the longest split at a sentence, two later ones swapped."""
    out = list(paragraphs)
    if len(out) >= 2:
        out[:2] = [out[0] + " " + out[1]]
    longest = max(range(len(out)), key=lambda i: len(out[i]))
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", out[longest], maxsplit=1)
    if len(parts) == 2:
        out[longest:longest + 1] = parts
    if len(out) >= 4:
        i = rng.randrange(1, len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]
    return out


def respelled(paragraphs: list[str]) -> list[str]:
    """British spellings, straight quotes, en dashes."""
    out = []
    for para in paragraphs:
        for old, new in _SPELLING:
            para = para.replace(old, new)
        out.append(para)
    return out


def byline(paragraphs: list[str], headline: str, agency: str) -> list[str]:
    """Headline, byline and agency tag on top of the release."""
    return [headline, f"By Staff Reporter ({agency})", *paragraphs]


def condensed(paragraphs: list[str]) -> list[str]:
    """The first sentence of every paragraph (quotes kept whole)."""
    out = []
    for para in paragraphs:
        if "“" in para:
            out.append(para)
            continue
        out.append(re.split(r"(?<=[.!?])\s+(?=[A-Z])", para, maxsplit=1)[0])
    return out


def one_figure_corrected(paragraphs: list[str]) -> list[str]:
    """One figure (a percentage, or else the first number) raised by one."""
    out = list(paragraphs)
    for pattern in (r"(\d+)(?=%)", r"(?<![\d.,])(\d+)(?![\d.,])"):
        for i, para in enumerate(out):
            fixed = re.sub(pattern, lambda m: str(int(m.group(1)) + 1), para, count=1)
            if fixed != para:
                out[i] = fixed
                return out
    return out


def carry(variant: str, paragraphs: list[str], seed: int, release: int, site: str,
          headline: str, fields: dict[str, str]) -> list[str]:
    """The paragraphs an outlet prints for one of :data:`REAL_VARIANTS`."""
    rng = _rng(seed, release, site, variant)
    if variant == "chrome":
        return chrome(paragraphs, rng)
    if variant == "teaser":
        return teaser(paragraphs, rng)
    if variant == "padded":
        return padded(paragraphs, rng, fields)
    if variant == "reordered":
        return reordered(paragraphs, rng)
    if variant == "respelled":
        return respelled(paragraphs)
    if variant == "byline":
        return byline(paragraphs, headline, site.upper())
    if variant == "condensed":
        return condensed(paragraphs)
    if variant == "corrected_repost":
        return one_figure_corrected(paragraphs)
    raise ValueError(variant)


LOOKALIKE_FORMS = ("template", "follow_up", "quoted_statement")


def lookalike_form(index: int) -> str:
    """Which kind of look-alike release ``index`` is (when it is one)."""
    return LOOKALIKE_FORMS[(index // 7) % len(LOOKALIKE_FORMS)]


def follow_up(own: list[str], twin_headline: str, short: str) -> list[str]:
    """A follow-up: its own news and figures, opening on the earlier announcement."""
    return [f"{short} gave an update on Thursday on its earlier announcement, "
            f"“{twin_headline}”, and said work was progressing as planned.", *own]


def quoted_statement(own: list[str], twin: list[str]) -> list[str]:
    """Another story that quotes the twin's statement (its quote paragraph) word for word."""
    quote = next((p for p in twin if "“" in p), twin[-1])
    return [*own[:2], quote, *own[2:]]
