"""A man's call sign (позывной), as reports give it: in his name's cell («Иванов Иван "Грач"»,
«Борис Смирнов (Седой)», «…, позывной Монах», «Ivanov Ivan "Grach"»), in the text around his
name («…, с позывным «Грач», погиб…») or in a column of its own (`call_sign`).

Two reports of one man give the same call sign; two namesakes seldom share one. Among a crowd
of one name («Смирнов Борис», «Попов Владислав») it is often the one thing that ties a bare
post to a register, or tells two men of the name apart (the `call_sign` comparison). Call signs
are keyed like names (`lexicon.translit.name_key`): «Ветер», «Veter» and «ВЕТЕР» are one.

What is not a call sign: a short form of a given name in brackets or quotes («Иван (Ваня)»:
the man's own name, which the name comparison already weighs), a unit's name in quotes after
its kind («ЧВК "Вагнер"», «отряд "Шторм"»), a town or region in brackets («(Курск)»), brackets
that hold more than one capitalised word.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lexicon.names import given_name, is_given_name
from lexicon.translit import latin_to_cyrillic, name_key

_WORD = r"([A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё'’-]{1,24})"
_CAPITALISED = r"([A-ZА-ЯЁ][A-Za-zА-Яа-яЁё'’-]{1,24})"
# «позывной Грач», «с позывным "Грач"», «позывной — «грач»», «call sign Grach»; a word in
# lower case only in quotes («позывной был Грач» is no call sign «был»)
_SAID = re.compile(
    r"(?<!\w)(?i:позывн(?:ой|ым|ого|ому)|call\s*-?sign|nom\s+de\s+guerre)\s*[:—–-]?\s*"
    rf"(?:[«\"“„']\s*{_WORD}|{_CAPITALISED})"
)
_QUOTED = re.compile(rf"[«\"“„]\s*{_CAPITALISED}\s*[»\"”“]")
_BRACKETED = re.compile(r"\(\s*([A-ZА-ЯЁ][A-Za-zА-Яа-яЁё'’-]{1,24})\s*\)\s*[.,;:–—-]?\s*$")
# a unit's name in quotes after these words is no man's call sign («ЧВК "Вагнер"», «отряда
# «Шторм»»); a lone «Шторм» after a name is one
_UNIT_BEFORE = re.compile(
    r"(?i)(?:чвк|пвк|pmc|отряд\w*|батальон\w*|бригад\w*|полк\w*|дивизи\w*|подразделени\w*"
    r"|group|unit|battalion|brigade|regiment|detachment)\s*$"
)
# what a cell or a text must hold to be read at all (RE2 through Arrow, a million at once)
_MAY_HOLD = r"(?i)[«\"“„(]|позывн|call\s*-?sign|nom\s+de\s+guerre"
_SAID_ONLY = r"(?i)позывн|call\s*-?sign|nom\s+de\s+guerre"
# how far after a man's name in a text his call sign may stand
WINDOW = 160


def key(word: str) -> str:
    """The call sign's key: one for its spellings in either script and any case."""
    word = word.strip("'’-")
    if len(word) < 2:
        return ""
    return name_key(latin_to_cyrillic(word.capitalize())).rstrip("~")


def in_cell(text: str) -> str:
    """The key of the call sign a name's cell gives, "" if none."""
    if not text:
        return ""
    said = _SAID.search(text)
    if said:
        return key(said.group(1) or said.group(2))
    found = _QUOTED.search(text)
    if found is not None and _UNIT_BEFORE.search(text, 0, found.start()):
        found = None
    if found is None:
        found = _BRACKETED.search(text)
        if found is not None and _place(found.group(1)):
            return ""  # «Иванов Иван (Курск)»: where he was from
    if found is None or _nickname(found.group(1)):
        return ""
    return key(found.group(1))


def _place(word: str) -> bool:
    """A town or a region the gazetteer knows («Курск», «Москва»)."""
    from lexicon.places import find_region, find_settlements

    return bool(find_settlements(word)) or find_region(word) is not None


def in_text(text: str, spans: str | None) -> str:
    """The key of the call sign said («позывной …») just after the man's name in the text his
    record was read from (the name's place from `spans`), "" if none."""
    if not text or not spans:
        return ""
    try:
        where = json.loads(spans).get("full_name")
        start, end = int(where[0]), int(where[1])
    except (ValueError, TypeError, AttributeError, IndexError):
        return ""
    said = _SAID.search(text[start : end + WINDOW])
    return key(said.group(1) or said.group(2)) if said else ""


def _nickname(word: str) -> bool:
    """«Ваня», «Тоша»: a short form of a given name, the man's own name as family call him
    (a full name, «Урал», «Ахмат», is a call sign as often as not)."""
    word = latin_to_cyrillic(word.capitalize())
    return is_given_name(word) and given_name(word) is None


def cells(texts: list[str], column: str = "full_name") -> dict[int, str]:
    """`in_cell` of the texts that give a call sign, by position (of a column `call_sign`, the
    text's first word); only those that may hold one are read."""
    out: dict[int, str] = {}
    if not texts:
        return out
    pattern = r"\S" if column == "call_sign" else _MAY_HOLD
    found = pc.match_substring_regex(pa.array(texts, pa.string()), pattern).fill_null(False)
    for i in np.flatnonzero(found.to_numpy(zero_copy_only=False)).tolist():
        if column == "call_sign":
            words = re.findall(_WORD, texts[i])
            got = key(words[0]) if words else ""
        else:
            got = in_cell(texts[i])
        if got:
            out[i] = got
    return out


def in_texts(texts: pa.ChunkedArray, spans: pa.ChunkedArray) -> dict[int, str]:
    """`in_text` of the records whose text says «позывной» (or «call sign») at all: row → key."""
    found = pc.match_substring_regex(texts, _SAID_ONLY).fill_null(False)
    rows = np.flatnonzero(np.asarray(found.to_numpy())).tolist()
    out = {}
    for row in rows:
        got = in_text(texts[row].as_py(), spans[row].as_py())
        if got:
            out[row] = got
    return out
