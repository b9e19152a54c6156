"""Language and script of a release, and the checks that give a parse status."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["detect_language", "script_profile"]

_SAMPLE = 2000  # characters read for script: cost independent of length
_LANG_SAMPLE = 600  # characters read for language
_WORD_RE = re.compile(r"[a-z]+")
_ENGLISH = frozenset("the and of to in said for on with is was a that by at as it from has".split())
_NON_LETTERS_RE = re.compile(r"[\W\d_]+")


@lru_cache(maxsize=1)
def _identifier():  # noqa: ANN202 - py3langid's own type
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid's bundled model), or None."""
    sample = text[:_LANG_SAMPLE]
    if len(_NON_LETTERS_RE.sub("", sample)) < 20:
        return None
    if sample.isascii():  # fast path: plain ASCII dense with English function words
        words = _WORD_RE.findall(sample.lower())
        if len(words) >= 20 and sum(w in _ENGLISH for w in words) >= 0.2 * len(words):
            return "en"
    lang, prob = _identifier().classify(sample)
    return lang if prob >= 0.5 else None


def _script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    if ord(ch) < 0x250:
        return "latin"
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0].lower() if name else None


def script_profile(text: str) -> dict[str, float]:
    """Share of each script among the letters of the text's first characters."""
    counts: dict[str, int] = {}
    for ch in text[:_SAMPLE]:
        script = _script(ch)
        if script:
            counts[script] = counts.get(script, 0) + 1
    total = sum(counts.values())
    return {k: v / total for k, v in sorted(counts.items(), key=lambda kv: -kv[1])} if total else {}
