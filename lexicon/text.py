"""Text folding shared by every lookup: one place decides what "the same spelling" means."""

from __future__ import annotations

import re
import unicodedata

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "«»„“”‟‘’‚‛`´"), '"')
_SPACES = re.compile(r"\s+")
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


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Word tokens (letters, digits, inner hyphens and apostrophes) with their spans."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
