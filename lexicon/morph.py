"""One shared pymorphy3 analyser with a cache: the same name is parsed thousands of times."""

from __future__ import annotations

from functools import cache, lru_cache

import pymorphy3


@cache
def analyser() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def parses(word: str) -> tuple:
    return tuple(analyser().parse(word))
