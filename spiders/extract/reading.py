"""The copy of a text the reader reads: every character where it was, so a span found in the copy
is a span of the original, and the raw values keep what the page wrote.

Pages fighting spam filters write Cyrillic words with Latin look-alikes inside («Mиxaилoм
Xoшxoeвым», «поcмертно»): in a word that holds both alphabets, each look-alike becomes its
Cyrillic letter. A no-break space becomes a space, ё stays ё (names keep it).
"""

from __future__ import annotations

import re

_LOOK_ALIKES = str.maketrans(
    "aceopxyABCEHKMOPTX",
    "асеорхуАВСЕНКМОРТХ",
)
_MIXED = re.compile(r"[A-Za-zА-Яа-яЁё]*(?:[А-Яа-яЁё][A-Za-z]|[A-Za-z][А-Яа-яЁё])[A-Za-zА-Яа-яЁё]*")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " "})


def _unmix(match: re.Match[str]) -> str:
    word = match.group(0)
    if len(_CYRILLIC.findall(word)) * 2 < len(word) - 1:
        return word  # a Latin word with a stray Cyrillic letter stays Latin
    return word.translate(_LOOK_ALIKES)


def reading_copy(text: str) -> str:
    """`text` with look-alike letters unmixed and odd spaces made plain, as long as `text`."""
    out = _MIXED.sub(_unmix, text.translate(_SPACES))
    assert len(out) == len(text)
    return out
