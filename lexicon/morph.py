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


def parses(word: str) -> tuple:
    """pymorphy3's readings of a word; the analyser reads it in lower case whatever the case
    given («Иванов», «ИВАНОВ», «иванов» read alike), so one cache entry serves them all."""
    return _parses(word.lower())


@lru_cache(maxsize=300_000)
def _parses(word: str) -> tuple:
    return tuple(analyser().parse(word))
