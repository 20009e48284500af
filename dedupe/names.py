"""A name as dedupe sees it: surname, given name and patronymic keys that agree across orders,
scripts, short forms, ё/е and grammatical case, whatever form the record wrote the name in.

Roles and dictionary forms come from the lexicon's name reader (the same one the spiders use);
Latin spellings are read after a best-guess transliteration to Cyrillic; the keys are
cross-script phonetic keys, so Aleksandr, Alexander, Oleksandr and Александр agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from lexicon import foreign_spelling, translit
from lexicon import names as lex
from lexicon.name_endings import NOUN_ENDINGS, SURNAME_ENDINGS
from lexicon.name_forms import (
    NameParts,
    parse_name_field,
    patronymic_readings,
    split_name_tokens,
)
from lexicon.name_readings import TEGIN, tegin
from lexicon.text import clean, fold

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
    given_options: tuple[str, ...] = ()  # other full names a short form may stand for

    @property
    def full(self) -> str:
        return " ".join(x for x in (self.surname, self.given, self.patronymic) if x)


def _to_cyrillic(text: str) -> str:
    """Each Latin word in Russian letters (best guess); initials keep their letter. A source
    writes a whole name in one language's spelling: beside words only French writes
    («Ioulian Ievguenievitch»), a surname whose letters say nothing («CHABANOV») is read the
    French way too (Шабанов, not Чабанов)."""
    tokens = split_name_tokens(text)
    french = _french_name(tokens)
    out = []
    for token in tokens:
        if not _LATIN.search(token):
            out.append(token)
        elif token.endswith("."):
            out.append(translit.latin_to_cyrillic(token[:-1]) + ".")
        elif french and _READ_APART.search(token.lower()) and not lex.full_forms_by_sound(token):
            out.append(foreign_spelling.to_cyrillic(fold(token), "french").capitalize())
        else:
            out.append(
                translit.latin_to_cyrillic(token).title()
                if token.isupper()
                else translit.latin_to_cyrillic(token)
            )
    return " ".join(out)


# the letters French and English read apart (ch: ш or ч; j: ж or й/дж)
_READ_APART = re.compile("ch|j")


def _french_name(tokens: list[str]) -> bool:
    """Some word of the name is spelt the French way and none another foreign way."""
    spellings = {
        foreign_spelling.spelling_of(fold(t))
        for t in tokens
        if _LATIN.search(t) and not t.endswith(".")
    }
    return "french" in spellings and spellings <= {"french", None}


@lru_cache(maxsize=500_000)
def _given_keys(token: str) -> tuple[str, ...]:
    """Keys of the full given names a token may stand for, likeliest first: «Саша» is
    Александр; «Слава» is Вячеслав, Владислав, Станислав or Ярослав."""
    forms = lex.full_forms_by_sound(token)
    male = [f for f in forms if lex.name_gender(f) != "f"] or list(forms)
    keys = [translit.name_key(f) for f in male] or [translit.name_key(token)]
    return tuple(dict.fromkeys(keys))


def _given_key(token: str) -> str:
    return _given_keys(token)[0]


# the Russian ending a father's name takes after its last letter («Парвиз» → «Парвизович»,
# «Муса» → «Мусаевич», «Али» → «Алиевич», «Гусейн» → «Гусейнович», «Игорь» → «Игоревич»)
_RUSSIAN_ENDING = {"й": "евич", "ь": "евич", "а": "аевич", "я": "яевич", "и": "иевич",
                   "о": "оевич", "у": "уевич", "е": "евич"}  # fmt: skip


@lru_cache(maxsize=200_000)
def patronymic_key(patronymic: str) -> str:
    """The key of a patronymic in either of its forms: the Turkic «Парвиз уулу», «Талант угли»,
    «Рамиз оглы» (a father's name and a word) is keyed as its Russian form («Парвизович»,
    «Талантович», «Рамизович»): registers write one man's patronymic both ways."""
    turkic = tegin(patronymic)
    if turkic is not None and turkic[1] == "m":
        father = turkic[0].split(" ")[0]
        if father.lower().endswith(TEGIN):  # «Мамедоглы», written as one word
            father = father[: -len(next(t for t in TEGIN if father.lower().endswith(t)))]
        last = father[-1:].lower()
        ending = _RUSSIAN_ENDING.get(last, "ович")
        stem = father[:-1] if last in _RUSSIAN_ENDING else father
        patronymic = stem + ending if len(father) > 1 else patronymic
    return translit.name_key(patronymic)


_PATR_NOM = re.compile(
    r"^[А-ЯЁ][а-яё]+(?:ович|евич|ьич|ич)$|^[А-ЯЁ][а-яё]+(?:-?оглы|-?угли|-?улы)$"
)
_INITIALS = re.compile(r"^[А-ЯЁA-Z]\.$")
_PATR_OBLIQUE = re.compile(r"^[А-ЯЁ][а-яё]+(?:ович|евич|ьич|ич)(?:а|у|ем|е)$")
_SURNAME_OBLIQUE = re.compile(r"(?:ов|ев|ёв|ин|ын)(?:а|у|ым|е)$")
# surname forms the endings alone cannot read back: an adjective's (Донского is Донской's) or a
# double surname's; an instrumental in -ым, -им is an -ов's and an adjective's alike (Ивановым,
# Яровым: `_sure_surname`)
_UNSURE_SURNAME = re.compile(r"(?i)(?:ого|его|ому|ему|ом)$|-")
_INSTRUMENTAL = re.compile(r"(?i)(?:ым|им)$")


def _sure_surname(word: str) -> bool:
    """Whether the endings alone read this declined surname back: not an adjective's case nor a
    double surname, and an instrumental only where the surname table knows the -ов form and no
    adjective (Григорьевым is Григорьев; Яровым may be Яровой, the full reader decides)."""
    if _UNSURE_SURNAME.search(word):
        return False
    if not _INSTRUMENTAL.search(word):
        return True
    stem = word[:-2]
    return lex.surname_weight(stem) > 0 and not any(
        lex.surname_weight(stem + end) > 0 for end in ("ой", "ий", "ый")
    )


@lru_cache(maxsize=200_000)
def _given_as_written(token: str) -> bool:
    """A given name (full or short form) already in the nominative."""
    if _LATIN.search(token):
        return bool(lex.full_forms_by_sound(token))
    return lex.given_name(token) is not None or (
        # ё folded: «Серега» is the short form «Серёга» written without its dots
        bool(lex.full_forms(token)) and fold(token) in {fold(f) for f in _short_forms(token)}
    )


def _short_forms(token: str) -> tuple[str, ...]:
    return tuple(
        d
        for name in lex.full_forms(token)
        for d in (lex.given_name(name).diminutives if lex.given_name(name) else ())
    )


def _fast_parts(tokens: list[str]) -> NameParts | None:
    """The common case without morphology: a name already in dictionary form, in one of the
    orders registers and sites use (Surname Given [Patronymic], Given [Patronymic] Surname,
    Surname I. [P.]). None when the words say otherwise (a declined form goes the slow way)."""
    words = [t.title() if t.isupper() and len(t) > 1 else t for t in tokens]
    if (
        len(words) >= 2
        and all(_INITIALS.match(w) for w in words[1:])
        and not _INITIALS.match(words[0])
    ):
        return NameParts(
            surname=nominative_surname(words[0]),
            given=None,
            patronymic=None,
            given_initial=words[1],
            patronymic_initial=words[2] if len(words) > 2 else None,
        )
    if (
        2 <= len(words) <= 3
        and all(_INITIALS.match(w) for w in words[:-1])
        and not _INITIALS.match(words[-1])
        and not _LATIN.search(words[-1])
    ):
        return NameParts(
            surname=nominative_surname(words[-1]),
            given=None,
            patronymic=None,
            given_initial=words[0],
            patronymic_initial=words[1] if len(words) > 2 else None,
        )
    if len(words) == 3 and not _LATIN.search("".join(words)):
        # «Олега Глебовича Степанова», and registers' order «Степанову Олегу Глебовичу» unless
        # the surname may be an adjective's (Яровым, Донского: Яровой, Донской) or double: the
        # full reader knows those
        for (g, p, s), surname_first in ((words, False), ((*words[1:], words[0]), True)):
            if _PATR_OBLIQUE.match(p) and (not surname_first or _sure_surname(s)):
                declined = _declined(g, s, p)
                if declined is not None:
                    return declined
        # «Орловым Николаем В.», «Орлову Николаю В.»: a sentence's case and the patronymic's
        # initial (the «Лаптев Тимур Ю.» shape declined)
        s, g, p = words
        if (
            _INITIALS.match(p)
            and _SURNAME_OBLIQUE.search(s)
            and _sure_surname(s)
            and not _given_as_written(g)
        ):
            declined = _declined(g, s, None)
            if declined is not None:
                return replace(declined, patronymic_initial=p)
    if len(words) == 2 and not _LATIN.search("".join(words)):
        g, s = words  # a double surname («Куликове-Сорокине») is the full reader's
        if (
            not _given_as_written(g)
            and _SURNAME_OBLIQUE.search(s)
            and not _UNSURE_SURNAME.search(s)
        ):
            declined = _declined(g, s, None)
            if declined is not None:
                return declined
    if len(words) == 3:
        s, g, p = words
        if _given_as_written(g) and _PATR_NOM.match(p) and not _given_as_written(s):
            return NameParts(surname=s, given=g, patronymic=p, gender="m")
        g, p, s = words
        if _given_as_written(g) and _PATR_NOM.match(p) and not _given_as_written(s):
            return NameParts(surname=s, given=g, patronymic=p, gender="m")
        s, g, p = words  # «Лаптев Тимур Ю.»: the patronymic's initial alone
        if _INITIALS.match(p) and _given_as_written(g) and not _given_as_written(s):
            return NameParts(surname=s, given=g, patronymic=None, patronymic_initial=p)
        return None
    if len(words) == 2:
        a, b = words
        a_given, b_given = _given_as_written(a), _given_as_written(b)
        given, surname = (a, b) if a_given else (b, a)
        # a woman's surname is read the slow way (the ending of «Вова» is no woman's)
        if a_given != b_given and not _FEMININE.search(surname):
            nominative = nominative_surname(surname)  # «Саша Истоминым», «Али Алиевым»
            if (nominative == surname and surname.endswith(("ым", "им"))) or (
                lex.name_gender(given) == "f"
            ):
                return None  # «Евгения Шелеста», «Петром Лысым»: a declined form
            return NameParts(surname=nominative, given=given, patronymic=None)
    return None


# a surname beside initials in a sentence's case: «Беловым Р.Д.», «Иванову И.И.», «о Петрове
# П.П.», «Ковальскому А.»; the genitive («Белова») is also a woman's form (`masculine_surname`)
_SURNAME_CASES = re.compile(
    r"^(?P<stem>\w{2,}(?:ов|ев|ёв|ин|ын))(?:у|ым|е)$|^(?P<sk>\w{2,}[сц]к)(?:ого|ому|им|ом)$"
)


def nominative_surname(word: str) -> str:
    """A surname of the -ов/-ин/-ский kinds back in the nominative from the dative, the
    instrumental or the prepositional; any other word as it is."""
    match = _SURNAME_CASES.match(word)
    if not match:
        return word
    if match.group("stem"):
        return match.group("stem")
    return match.group("sk") + ("ий" if word[-1].islower() else "ИЙ")


def _declined_given(word: str, case: str) -> str | None:
    """The given name a word is in `case`, by the noun endings alone: «Олега» → Олег."""
    low = word.lower()
    for ending, repl, c in NOUN_ENDINGS:
        if c == case and ending and low.endswith(ending) and len(word) - len(ending) >= 2:
            candidate = word[: len(word) - len(ending)] + repl
            if lex.is_given_name(candidate) and lex.name_gender(candidate) != "f":
                return candidate
    return None


def _declined_surname(word: str, case: str) -> str | None:
    """The masculine surname a word of the -ов/-ев/-ин/-ский kinds is in `case`."""
    low = word.lower()
    for ending, repl, c in SURNAME_ENDINGS:
        if c == case and low.endswith(ending) and len(low) > len(ending) + 1:
            return word[: len(word) - len(ending)] + repl
    return None


@lru_cache(maxsize=200_000)
def _declined(given: str, surname: str, patronymic: str | None) -> NameParts | None:
    """A man's name in one of the oblique cases a report writes it in («Олега Глебовича
    Степанова», «Игорю Иванову», «Алексеем Смирновым»), when the endings leave one reading;
    None otherwise (the full reader decides)."""
    cases = (
        {c for _, c, g in patronymic_readings(patronymic) if g == "m"}
        if patronymic
        else {"gent", "datv", "ablt", "loct"}
    )
    found = set()
    for case in cases - {"nomn"}:
        g, sur = _declined_given(given, case), _declined_surname(surname, case)
        if g and sur:
            nom = None
            if patronymic:
                nom = next((n for n, c, _ in patronymic_readings(patronymic) if c == case), None)
                if not nom:
                    continue
            found.add((g, sur, nom))
    if len(found) != 1:
        return None
    g, sur, nom = found.pop()
    return NameParts(surname=sur, given=g, patronymic=nom, gender="m")


_FEMININE = re.compile(r"(?:ова|ева|ёва|ина|ына|ая|ova|eva|ina|aya)$")


@lru_cache(maxsize=1_000_000)
def read_parts(full_name: str) -> NameParts | None:
    """Roles of a name written any way: «Ивана Петрова», «ПЕТРОВ И.С.», «Petrov Aleksandr»."""
    text = clean(full_name or "")
    if not text:
        return None
    tokens = split_name_tokens(text)
    if len(tokens) > 4:
        tokens = tokens[:4]
    fast = _fast_parts(tokens) if len(tokens) > 1 else None
    if fast is not None:
        return fast
    if _LATIN.search(text):
        tokens = split_name_tokens(_to_cyrillic(text))
        # «Aleksandr Dmitrievich Makarov» in Cyrillic is most often a name the fast reader knows
        fast = _fast_parts(tokens) if len(tokens) > 1 else None
        if fast is not None:
            return fast
    if len(tokens) == 1:
        word = tokens[0]
        return (
            NameParts(surname=None, given=word, patronymic=None)
            if lex.is_given_name(word)
            else NameParts(
                surname=word.title() if word.isupper() else word, given=None, patronymic=None
            )
        )
    # the dead counted here are men: of two readings, the man's
    parts = parse_name_field(" ".join(tokens), gender="m")
    if parts is None or not parts.surname:
        return parts
    # «Игор Маркову»: with a slip in the given name the reader cannot tell the case, and keeps
    # the surname as written
    return replace(parts, surname=nominative_surname(parts.surname))


@lru_cache(maxsize=1_000_000)
def name_key(full_name: str) -> NameKey:
    parts = read_parts(full_name or "")
    if parts is None:
        return NameKey("", "", "", "", "", None, False)
    surname = lex.masculine_surname(parts.surname) if parts.surname else ""
    s_key = translit.name_key(surname) if surname else ""
    g_key = _given_key(parts.given) if parts.given else ""
    p_key = patronymic_key(parts.patronymic) if parts.patronymic else ""
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
        given_options=_given_keys(parts.given)[1:4] if parts.given else (),
    )
