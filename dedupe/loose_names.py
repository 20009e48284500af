"""A second, looser reading of a name the strict reader (`dedupe.names`) gives up on: a slip of
the pen in the given name («Сергет», «Дмитирй», «Ваелрий»), a Latin look-alike letter inside a
Cyrillic word («Киpилл»), the patronymic as an initial after a full given name («Высоцкий Роман
Я.»), the given name first and the patronymic last («Кирилл Фёдоров Степанович»).

The parts are told apart by what each word is: a patronymic by its ending, the given name as the
word that is a given name or one slip from one (the nearest name with the same first letter),
the surname as the word left; with two words of the same kind, registers' order (surname first).
A given name one slip from a known one takes that name's key; a surname keeps its slip, and the
comparison of surnames (`dedupe.comparisons`) weighs it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from dedupe.names import NameKey
from lexicon import names as lex
from lexicon import translit
from lexicon.given_table import cyrillic, table_index
from lexicon.name_forms import split_name_tokens
from lexicon.text import clean, fold

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-z]")
_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.$")
_SURNAME_END = re.compile(r"(?:ов|ев|ёв|ин|ын|ий|ой|ых|их|ко|юк|ук|ян|дзе|швили|ова|ева|ина)$")
_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|ич|овна|евна|ична|инична|оглы|угли|кызы|улы|уулу)$")


@cache
def _given_forms() -> dict[str, list[str]]:
    """Cyrillic forms of the given-name table (full and short) by their first letter."""
    out: dict[str, list[str]] = {}
    for form in table_index().forms:
        if _CYRILLIC.match(form) and len(form) >= 3:
            out.setdefault(form[0], []).append(form)
    return out


def _word(token: str) -> str:
    """One word in Cyrillic, in title case: Latin look-alikes inside a Cyrillic word become
    Cyrillic, a Latin word is transliterated."""
    if _CYRILLIC.search(token) and _LATIN.search(token):
        token = cyrillic(token)
    elif _LATIN.search(token) and not _INITIAL.match(token):
        token = translit.latin_to_cyrillic(token.lower())
    return token[:1].upper() + token[1:].lower() if len(token) > 1 else token.upper()


@cache
def _sound_keys() -> dict[str, list[str]]:
    """The keys of the given names' sounds (`lexicon.names.sound_keys`) by their first letter."""
    out: dict[str, list[str]] = {}
    for key in lex.sound_keys():
        if len(key) >= 4:
            out.setdefault(key[0], []).append(key)
    return out


@cache
def known_given_keys() -> frozenset[str]:
    """The keys of every given name the tables know, full or short, in either script."""
    return frozenset(translit.name_key(form) for form in table_index().forms) | frozenset(
        lex.sound_keys()
    )


def _male(forms) -> str | None:
    male = [f for f in forms if lex.name_gender(f) != "f"]
    return (male or list(forms) or [None])[0]


def _given(word: str) -> str | None:
    """The given name `word` is, or is one slip from (same first letter); None if neither. A
    slip is looked for in the spelling and then in the sound's key, where a Latin spelling
    («Vladmiir», «Dniil») meets the name it misspells."""
    forms = lex.full_forms_by_sound(word)
    if forms:
        return forms[0]
    low = fold(word)
    if len(low) < 3:
        return None
    best = process.extractOne(
        low, _given_forms().get(low[0], []), scorer=OSA.distance, score_cutoff=1
    )
    if best is not None and len(best[0]) >= 4:
        return _male(lex.full_forms(best[0]))
    key = translit.name_key(word)
    if len(key) < 4:
        return None
    best = process.extractOne(
        key, _sound_keys().get(key[0], []), scorer=OSA.distance, score_cutoff=1
    )
    return _male(lex.sound_keys()[best[0]]) if best is not None else None


_PATRONYMIC_SHAPE = re.compile(r"(?:[оеё]в|ич)\w{0,4}$")


def _slipped_patronymic(plain: list[str]) -> str | None:
    """Of three words none of which ends as a patronymic does, the one a slip left shaped like
    one («Мухин Владимир Павловч», «ЧУДИНОВ Никита Анатольёвч»): the word after a given name,
    in registers' order (surname, given name, patronymic) or a sentence's (given name,
    patronymic, surname)."""
    for given, word in ((plain[1], plain[2]), (plain[0], plain[1])):
        if _given(given) is not None and _PATRONYMIC_SHAPE.search(word.lower()):
            return word
    return None


@lru_cache(maxsize=200_000)
def loose_key(full_name: str) -> NameKey | None:
    """The name's key read loosely, or None when even so it is no name with a surname."""
    tokens = split_name_tokens(clean(full_name or ""))[:4]
    words = [_word(t) for t in tokens]
    # «Nikolai Petrov»: a Latin name not in capitals is written given name first (a Cyrillic
    # word with a Latin look-alike letter, «Гoрдеев», is no Latin name)
    latin_order = (
        bool(tokens)
        and bool(_LATIN.search(tokens[0]))
        and not _CYRILLIC.search(tokens[0])
        and not tokens[0].isupper()
    )
    initials = [w for w in words if _INITIAL.match(w)]
    plain = [w for w in words if not _INITIAL.match(w)]
    patronymic = next((w for w in plain[1:] if _PATRONYMIC.search(w.lower())), None)
    if patronymic is None and len(plain) == 3:
        patronymic = _slipped_patronymic(plain)
    rest = [w for w in plain if w is not patronymic]
    if not rest or len(rest) > 2:
        return None
    givens = [_given(w) for w in rest]
    first_given = (
        len(rest) == 2
        and givens[0] is not None
        and (
            givens[1] is None
            # «Алексндр Иосифович Никитн»: a patronymic between two words follows the given name
            or (len(plain) == 3 and plain[1] is patronymic)
            or lex.full_forms_by_sound(rest[0])
            # both one slip from a name: the one shaped like a surname is the surname
            or (latin_order and not lex.full_forms_by_sound(rest[1]))
            or (_SURNAME_END.search(rest[1].lower()) and not _SURNAME_END.search(rest[0].lower()))
        )
    )
    if len(rest) == 1:
        surname, given = rest[0], None
    elif first_given:
        surname, given = rest[1], givens[0]
    elif givens[1] is not None:
        surname, given = rest[0], givens[1]
    else:
        # neither word is a given name or one slip from one («Попов Юар»): of a word shaped
        # like a surname and one that is not, the other word says its initial, no more
        shaped = [bool(_SURNAME_END.search(w.lower())) for w in rest]
        if shaped.count(True) != 1 or not all(w[:1].isupper() and w.isalpha() for w in rest):
            return None
        surname, other = (rest[0], rest[1]) if shaped[0] else (rest[1], rest[0])
        given, initials = None, [other[:1] + ".", *initials]
    s_key = translit.name_key(lex.masculine_surname(surname))
    g_key = translit.name_key(given) if given else ""
    p_key = translit.name_key(patronymic) if patronymic else ""
    g_init = g_key[:1] or (translit.name_key(initials[0][:1])[:1] if initials else "")
    later = initials[1:] if not given else initials
    p_init = p_key[:1] or (translit.name_key(later[0][:1])[:1] if later else "")
    return NameKey(
        surname=s_key,
        given=g_key,
        patronymic=p_key,
        given_initial=g_init,
        patronymic_initial=p_init,
        gender=None,
        usable=bool(s_key and (g_key or g_init)),
        surname_text=surname,
    )
