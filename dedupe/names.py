"""A name as dedupe sees it: surname, given name and patronymic keys that agree across orders,
scripts, short forms, ё/е and case, whatever form the record wrote the name in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lexicon import names as lex
from lexicon import translit
from lexicon.text import clean

_TOKEN = re.compile(r"[^\W\d_]\.|[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_LATIN = re.compile(r"[A-Za-z]")
_PATR_CYR = re.compile(r"(?:ович|евич|ьич|ич|овна|евна|ична|инична|оглы|кызы|улы)$")
_PATR_LAT = re.compile(r"(?:ovich|evich|yevich|ich|ovna|evna|ichna|ogly|kyzy)$")
_SURNAME_HINT = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ский|цкий|ской|енко|ук|юк|ых|их|ова|ева|ина|ская|ov|ev|in|yn|sky|skiy|"
    r"skii|enko|uk|yuk)$"
)


@dataclass(frozen=True)
class NameKey:
    surname: str          # cross-script key of the masculine surname ("" unknown)
    given: str            # key of the full given name a short form stands for
    patronymic: str
    given_initial: str    # first letter of the given name's key (also from "И.")
    patronymic_initial: str
    gender: str | None
    usable: bool          # a surname and something of the given name: enough to merge on

    @property
    def full(self) -> str:
        return " ".join(x for x in (self.surname, self.given, self.patronymic) if x)


def _is_initial(token: str) -> bool:
    return len(token) == 2 and token.endswith(".") or len(token) == 1


def _cyr(token: str) -> str:
    """A Latin token in Russian letters (best guess); Cyrillic stays."""
    return translit.latin_to_cyrillic(token) if _LATIN.search(token) else token


@lru_cache(maxsize=500_000)
def _given_key(token: str) -> str:
    forms = lex.full_forms(_cyr(token))
    male = [f for f in forms if lex.name_gender(f) != "f"] or list(forms)
    return translit.name_key(male[0] if male else token)


@lru_cache(maxsize=500_000)
def _surname_key(token: str) -> str:
    return translit.name_key(lex.masculine_surname(_cyr(token).title()))


@lru_cache(maxsize=500_000)
def _patronymic_key(token: str) -> str:
    return translit.name_key(_cyr(token))


def _looks_given(token: str) -> bool:
    return bool(lex.full_forms(_cyr(token)))


def _looks_patronymic(token: str) -> bool:
    low = token.lower()
    return bool(_PATR_LAT.search(low) if _LATIN.search(low) else _PATR_CYR.search(low)) and len(low) > 5


def split_roles(full_name: str) -> tuple[str | None, str | None, str | None, list[str]]:
    """(surname, given, patronymic, initials) from a name in any order."""
    tokens = _TOKEN.findall(clean(full_name or ""))
    initials = [t[0].upper() for t in tokens if _is_initial(t)]
    words = [t for t in tokens if not _is_initial(t)]
    if not words:
        return None, None, None, initials
    patronymic = next((w for w in words if _looks_patronymic(w)), None)
    rest = [w for w in words if w is not patronymic]
    caps = [w for w in rest if w.isupper() and len(w) > 1]
    surname = given = None
    if len(rest) == 1:
        only = rest[0]
        if _looks_given(only) and (initials or patronymic) and not caps and not _SURNAME_HINT.search(only.lower()):
            given = only
        else:
            surname = only
    elif rest:
        if caps:
            surname = caps[0]
        elif patronymic is not None:
            # «Иван Сергеевич Петров» or «Петров Иван Сергеевич»: the given name sits before the patronymic
            at = words.index(patronymic)
            before = words[at - 1] if at > 0 else None
            surname_candidates = [w for w in rest if w is not before]
            if before is not None and before in rest:
                given = before
                surname = surname_candidates[0] if surname_candidates else None
        if surname is None or (given is None and len(rest) > 1):
            first, last = rest[0], rest[-1]
            if given is None and surname is not None:
                given = next((w for w in rest if w is not surname), None)
            elif _looks_given(first) and not _looks_given(last):
                given, surname = first, last
            elif _looks_given(last) and not _looks_given(first) or _SURNAME_HINT.search(first.lower()) and not _SURNAME_HINT.search(last.lower()):
                surname, given = first, last
            elif _SURNAME_HINT.search(last.lower()):
                given, surname = first, last
            else:
                surname, given = first, last  # registers write the surname first
    return surname, given, patronymic, initials


@lru_cache(maxsize=1_000_000)
def name_key(full_name: str) -> NameKey:
    surname, given, patronymic, initials = split_roles(full_name or "")
    s_key = _surname_key(surname) if surname else ""
    g_key = _given_key(given) if given else ""
    p_key = _patronymic_key(patronymic) if patronymic else ""
    g_init = g_key[:1] or (translit.name_key(initials[0])[:1] if initials else "")
    p_init = p_key[:1] or (translit.name_key(initials[1])[:1] if len(initials) > 1 else "")
    gender = None
    if given:
        gender = lex.name_gender(_cyr(given))
    if patronymic and gender is None:
        gender = "f" if patronymic.lower().endswith(("на", "na", "кызы", "kyzy")) else "m"
    return NameKey(
        surname=s_key,
        given=g_key,
        patronymic=p_key,
        given_initial=g_init,
        patronymic_initial=p_init,
        gender=gender,
        usable=bool(s_key and (g_key or g_init)),
    )
