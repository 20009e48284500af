"""Text folding shared by every lookup: one place decides what "the same spelling" means.

``clean`` and ``fold`` make lookup keys and may change a text's length. The matchers that report
spans (ranks, units, categories) scan ``unify_same_length`` or ``fold_same_length`` instead:
every character stays where it was, so a match in the copy is a span of the original.
"""

from __future__ import annotations

import re
import unicodedata

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "«»„“”‟‘’‚‛`´"), '"')
_SPACES = re.compile(r"\s+")
# One character for one: what clean() and fold() unify that does not move the characters after it.
_SAME_LENGTH = str.maketrans({**_DASHES, **_QUOTES, "ё": "е", "Ё": "Е", "\u00a0": " "})
_TOKEN = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+(?:[-'][0-9A-Za-zА-Яа-яЁё]+)*")


_PLAIN = re.compile(r"[0-9A-Za-zА-Яа-яЁё.,()-]+(?: [0-9A-Za-zА-Яа-яЁё.,()-]+)*\Z")


def clean(text: str) -> str:
    """Unicode NFC, one kind of dash and quote, single spaces, no soft hyphens or zero widths."""
    if _PLAIN.match(text):  # the common case: nothing to change
        return text
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    text = text.translate(_DASHES).translate(_QUOTES).replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower case, ё→е, dashes and quotes unified, spaces collapsed: the key for lookups."""
    return clean(text).lower().replace("ё", "е")


def unify_same_length(text: str) -> str:
    """One kind of dash and of quote, ё→е, no-break spaces as spaces, letter case kept; the
    result is as long as ``text`` and its spans are the spans of ``text``."""
    return text.translate(_SAME_LENGTH)


def fold_same_length(text: str) -> str:
    """``unify_same_length`` in lower case: fold() that keeps every character's position. A
    character whose lower case is longer (İ) is left as it is."""
    out = unify_same_length(text)
    lower = out.lower()
    if len(lower) == len(out):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in out)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Word tokens (letters, digits, inner hyphens and apostrophes) with their spans."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
