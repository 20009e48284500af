"""A region as a list's cell may write it, for the gazetteer (`lexicon.places.resolve_place`):
the ISO code («RU-SVE»), a transliteration («Sverdlovskaya oblast»), abbreviations («Свердл.
обл.», «Респ. Татарстан»), the adjective alone («Нижегородская», «Пермский»)."""

from __future__ import annotations

import re
from functools import lru_cache

_ISO = re.compile(r"^\s*RU-([A-Z]{2,3})\s*$")
_LATIN = re.compile(r"[A-Za-z]")
_WORDS = (
    (re.compile(r"\bобл(?:асть|аст|\.)?(?=\s|$)", re.I), "область"),
    (re.compile(r"\bресп(?:\.|ублика)?(?=\s|$)", re.I), "Республика"),
    (re.compile(r"\bкр(?:\.|ай)?(?=\s|$)", re.I), "край"),
    (re.compile(r"\bавт\.?\s*окр(?:\.|уг)?(?=\s|$)", re.I), "автономный округ"),
)
_ADJECTIVE = re.compile(r"^[А-ЯЁ][а-яё-]+(?:ская|цкая|ский|цкий|ной|ная)$")
_STEM = re.compile(r"^([А-ЯЁ][а-яё-]{2,})\.(.*)$")


@lru_cache(maxsize=10_000)
def resolve_region(text: str) -> str | None:
    """The region code of a cell's value, or None: the gazetteer's reading, then the spellings
    above; a truncated name («Свердл.») only where one region's name starts so."""
    from lexicon.places import resolve_place

    found = resolve_place(text)
    if found or not text.strip():
        return found
    for variant in _spellings(text):
        found = resolve_place(variant)
        if found:
            return found
    return _by_stem(_expanded(text))


def _spellings(text: str):
    if match := _ISO.match(text):
        yield match.group(1)
    if _LATIN.search(text):
        from lexicon.translit import latin_to_cyrillic

        text = latin_to_cyrillic(text)
        yield text
    expanded = _expanded(text)
    if expanded != text:
        yield expanded
    if _ADJECTIVE.match(expanded.strip()):
        yield f"{expanded.strip()} область"
        yield f"{expanded.strip()} край"


def _expanded(text: str) -> str:
    for pattern, word in _WORDS:
        text = pattern.sub(word, text)
    return " ".join(text.split())


def _by_stem(text: str) -> str | None:
    """«Свердл. область» → the one region whose name starts «Свердл»; «Чел. обл.» → the one
    oblast that starts «Чел» (three letters only beside the kind of region: «Красн. край» is
    two krais and stays unknown)."""
    match = _STEM.match(text.strip())
    if not match:
        return None
    from lexicon.places import all_regions

    stem, rest = match.group(1).lower(), match.group(2).strip().lower()
    if len(stem) < 4 and not rest:
        return None  # «Чел. обл.» is one region; «Чел.» alone says too little
    found = {
        r.code
        for r in all_regions()
        if r.name_ru.lower().startswith(stem) and (not rest or rest in r.name_ru.lower())
    }
    return found.pop() if len(found) == 1 else None
