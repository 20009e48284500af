"""How running text is cut into words for place names, and what a word's neighbours say: a cue
before it («в», «жителя», «с.»), a noun after an adjective («Московском военном округе»), a
given name beside it («Сергей Калуга» is a man), the start of a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lexicon._forms import CUES, dictionary_tags
from lexicon.text import tokens

ADJACENT = re.compile(r"[\s,;.()\-\u2010-\u2015\u2212]{1,4}")
CUE_GAP = re.compile(r"[\s.]{1,3}")
ABBREVIATIONS = frozenset({"обл", "респ", "р-н", "г", "с", "п", "пгт", "ао", "кр", "р"})


@dataclass(frozen=True)
class Part:
    fold: str
    start: int
    end: int
    first: bool  # first part of its token (a hyphen splits a token into parts)
    last: bool
    orig: str


@dataclass
class Found:
    i: int
    j: int
    kind: str
    places: tuple  # Region codes (for regions), Settlement or _District objects
    needs_anchor: bool = False


def is_latin(word: str) -> bool:
    return "a" <= word[:1] <= "z"


def cut_parts(text: str) -> list[Part]:
    out = []
    for tok, start, end in tokens(text):
        if tok[-2:] in ("'s", "'S"):
            tok, end = tok[:-2], end - 2
        pieces = tok.split("-")
        pos = start
        for n, piece in enumerate(pieces):
            folded = piece.lower().replace("ё", "е").replace("'", "")
            if folded:
                out.append(Part(folded, pos, pos + len(piece), n == 0, n == len(pieces) - 1, piece))
            pos += len(piece) + 1
    return out


def cued(text: str, parts: list[Part], i: int) -> bool:
    if i == 0:
        return False
    prev = parts[i - 1]
    gap = text[prev.end : parts[i].start]
    if prev.fold in CUES and CUE_GAP.fullmatch(gap) is not None:
        # «с. Ивановка» is a village, «с Ивановым» is «with»: one-letter cues need their dot
        return len(prev.fold) > 1 or prev.fold == "в" or "." in gap
    return False


def adjacent(text: str, parts: list[Part], f: Found, anchor: Found) -> bool:
    first, second = (f, anchor) if anchor.i > f.j else (anchor, f)
    start, end = parts[first.j].end, parts[second.i].start
    if ADJACENT.fullmatch(text, start, end) is None:
        return False
    # a full stop between them ends a sentence unless it closes an abbreviation («обл.»)
    return "." not in text[start:end] or parts[first.j].fold in ABBREVIATIONS


def noun_follows(text: str, parts: list[Part], i: int) -> bool:
    # «в Московском военном округе», «Советской армии»: an adjective naming a unit, not a town.
    nxt = parts[i + 1] if i + 1 < len(parts) else None
    if nxt is None or not nxt.first or not nxt.orig[:1].islower():
        return False
    if not text[parts[i].end : nxt.start].isspace():
        return False
    tags = dictionary_tags(nxt.fold)
    return bool(tags) and tags[0].POS in ("NOUN", "ADJF", "PRTF")


def next_to_given_name(parts: list[Part], i: int, text: str | None = None) -> bool:
    """A given name or patronymic right beside the word («Сергей Калуга»); with `text`, only
    one on the same line with nothing but spaces between («Кашин Сергей Романович»)."""
    return any(
        0 <= n < len(parts)
        and parts[n].orig[:1].isupper()
        and any("Name" in t or "Patr" in t for t in dictionary_tags(parts[n].fold))
        and (
            text is None
            or text[min(parts[n].end, parts[i].end) : max(parts[n].start, parts[i].start)] == " "
        )
        for n in (i - 1, i + 1)
    )


def sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \t\"«»'\u2013\u2014-")
    return not before or before[-1] in ".!?…\n:"


_TOWN_WORDS = frozenset({"г", "гор", "город", "города", "городе", "городом"})
_VILLAGE_WORDS = frozenset(
    {"с", "село", "села", "селе", "д", "дер", "деревня", "деревни", "деревне", "п", "пос",
     "посёлок", "поселок", "посёлка", "поселка", "посёлке", "поселке", "пгт", "ст", "станица",
     "станицы", "станице", "аул", "аула", "ауле"}
)  # fmt: skip


def wants_a_town(word: str) -> bool | None:
    """What a word of kind before a place's name asks for: True a town («г.»), False a
    village or settlement («с.», «пос.»), None when the word says nothing."""
    if word in _TOWN_WORDS:
        return True
    if word in _VILLAGE_WORDS:
        return False
    return None
