"""One shared pymorphy3 analyser with a cache: the same name is parsed thousands of times.

Every reader of the Russian dictionary (name forms, place words, category cues, the stand-in
site's grammar) asks ``analyser()``, so the dictionaries are loaded once per process.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymorphy3


@cache
def analyser() -> pymorphy3.MorphAnalyzer:
    import pymorphy3  # here, not at the top: importing lexicon stays fast until a word is parsed

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def parses(word: str) -> tuple:
    return tuple(analyser().parse(word))
