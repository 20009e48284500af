"""A name as dedupe sees it: surname, given name and patronymic keys that agree across orders,
scripts, short forms, ё/е and grammatical case, whatever form the record wrote the name in.

Roles and dictionary forms come from the lexicon's name reader (the same one the spiders use);
Latin spellings are read after a best-guess transliteration to Cyrillic; the keys are
cross-script phonetic keys, so Aleksandr, Alexander, Oleksandr and Александр agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lexicon import names as lex
from lexicon import translit
from lexicon.name_forms import NameParts, parse_name_field, split_name_tokens
from lexicon.text import clean

_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class NameKey:
    surname: str  # cross-script key of the masculine surname ("" unknown)
    given: str  # key of the full given name a short form stands for
    patronymic: str
    given_initial: str  # first letter of the given name's key (also from "И.")
    patronymic_initial: str
    gender: str | None
    usable: bool  # a surname and something of the given name: enough to merge on
    surname_text: str = ""  # the surname in Cyrillic, nominative (for frequency lookups)

    @property
    def full(self) -> str:
        return " ".join(x for x in (self.surname, self.given, self.patronymic) if x)


def _to_cyrillic(text: str) -> str:
    """Each Latin word in Russian letters (best guess); initials keep their letter."""
    out = []
    for token in split_name_tokens(text):
        if not _LATIN.search(token):
            out.append(token)
        elif token.endswith("."):
            out.append(translit.latin_to_cyrillic(token[:-1]) + ".")
        else:
            out.append(
                translit.latin_to_cyrillic(token).title()
                if token.isupper()
                else translit.latin_to_cyrillic(token)
            )
    return " ".join(out)


@lru_cache(maxsize=500_000)
def _given_key(token: str) -> str:
    forms = lex.full_forms(token)
    male = [f for f in forms if lex.name_gender(f) != "f"] or list(forms)
    return translit.name_key(male[0] if male else token)


@lru_cache(maxsize=1_000_000)
def read_parts(full_name: str) -> NameParts | None:
    """Roles of a name written any way: «Ивана Петрова», «ПЕТРОВ И.С.», «Petrov Aleksandr»."""
    text = clean(full_name or "")
    if not text:
        return None
    if _LATIN.search(text):
        text = _to_cyrillic(text)
    tokens = split_name_tokens(text)
    if len(tokens) == 1:
        word = tokens[0]
        return (
            NameParts(surname=None, given=word, patronymic=None)
            if lex.is_given_name(word)
            else NameParts(
                surname=word.title() if word.isupper() else word, given=None, patronymic=None
            )
        )
    if len(tokens) > 4:
        tokens = tokens[:4]
    return parse_name_field(" ".join(tokens))


@lru_cache(maxsize=1_000_000)
def name_key(full_name: str) -> NameKey:
    parts = read_parts(full_name or "")
    if parts is None:
        return NameKey("", "", "", "", "", None, False)
    surname = lex.masculine_surname(parts.surname) if parts.surname else ""
    s_key = translit.name_key(surname) if surname else ""
    g_key = _given_key(parts.given) if parts.given else ""
    p_key = translit.name_key(parts.patronymic) if parts.patronymic else ""
    g_init = g_key[:1] or (
        translit.name_key(parts.given_initial.rstrip("."))[:1] if parts.given_initial else ""
    )
    p_init = p_key[:1] or (
        translit.name_key(parts.patronymic_initial.rstrip("."))[:1]
        if parts.patronymic_initial
        else ""
    )
    return NameKey(
        surname=s_key,
        given=g_key,
        patronymic=p_key,
        given_initial=g_init,
        patronymic_initial=p_init,
        gender=parts.gender,
        usable=bool(s_key and (g_key or g_init)),
        surname_text=surname,
    )
