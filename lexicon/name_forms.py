"""Men's names: telling the surname, given name and patronymic apart in any order and case,
and turning them into the dictionary form (nominative, masculine).

«Простились с Иваном Сергеевичем Петровым», «Петрова И. С.», «ПЕТРОВ Иван Сергеевич»,
«Айдыса Монгуша» all come out as surname/given/patronymic in the nominative. Known given names
come from pymorphy3 and the lexicon's table (which knows Bashkir, Buryat, Tuvan, Caucasian
names pymorphy3 does not); surnames pymorphy3 cannot place are undone by the school-grammar
endings for the case the given name or patronymic shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lexicon import names as lex
from lexicon import translit
from lexicon.morph import parses
from lexicon.name_endings import (
    ENGLISH_WORDS,
    FEMININE_SURNAME,
    INDECLINABLE,
    NOUN_ENDINGS,
    SURNAME_ENDINGS,
)

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.$")

_LATIN = re.compile(r"^[A-Za-z]")


@dataclass(frozen=True)
class NameParts:
    surname: str | None
    given: str | None
    patronymic: str | None
    given_initial: str | None = None
    patronymic_initial: str | None = None
    case: str = "nomn"
    gender: str | None = None
    score: float = 0.0

    @property
    def full_name(self) -> str:
        """«Петров Иван Сергеевич», «Петров И. С.»: surname first, as registers write it."""
        given = self.given or self.given_initial
        patronymic = self.patronymic or self.patronymic_initial
        return " ".join(p for p in (self.surname, given, patronymic) if p)


def titlecase(word: str) -> str:
    """ПЕТРОВ → Петров, АЛДЫН-ООЛ → Алдын-оол (Tuvan compounds keep the second part lower)."""
    if not word.isupper() or len(word) < 2:
        return word
    head, sep, tail = word.partition("-")
    tail = (
        tail.lower() if tail.lower() in {"оол", "оолович", "кыс", "оглы", "кызы"} else tail.title()
    )
    return head.title() + (sep + tail if sep else "")


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


@lru_cache(maxsize=100_000)
def given_readings(word: str) -> tuple[tuple[str, str, float], ...]:
    """(nominative, case, confidence) for a token that may be a given name in some case."""
    word = titlecase(word)
    if _LATIN.match(word):
        # English-language pages: names do not decline; the dictionary form is as written
        forms = lex.full_forms_by_sound(word) if word not in ENGLISH_WORDS else ()
        if forms and lex.name_gender(forms[0]) != "f":
            return ((word, "nomn", 0.9),)
        return ()
    found: dict[tuple[str, str], float] = {}
    for p in parses(word):
        if "Name" in p.tag and p.tag.case in CASES and p.tag.number != "plur":
            nom = _cap(p.normal_form)
            if lex.name_gender(nom) != "f" or "femn" in p.tag:
                # pymorphy3 tags some Tuvan surnames (Монгуш) as names; the lexicon knows better
                conf = 0.9 if lex.is_given_name(nom) else 0.45 + p.score * 0.25
                found[(nom, p.tag.case)] = max(found.get((nom, p.tag.case), 0), conf)
    low = word.lower()
    for ending, repl, case in NOUN_ENDINGS:
        if ending and not low.endswith(ending):
            continue
        stem = word[: len(word) - len(ending)] if ending else word
        if len(stem) < 2:
            continue
        candidate = stem + repl
        if lex.is_given_name(candidate):
            key = (_cap(candidate), case)
            found[key] = max(found.get(key, 0), 0.95 if ending == "" else 0.85)
    if low.endswith(("о", "е", "и", "у", "э", "ю")) and lex.is_given_name(word):
        for case in CASES:  # Мунко, Доржи do not decline: any case is theirs
            found.setdefault((_cap(word), case), 0.8)
    return tuple((nom, case, conf) for (nom, case), conf in found.items())


_PATR = re.compile(
    r"^(?P<stem>[А-ЯЁ][а-яё-]+?(?:ович|евич|ич|овн|евн|ичн|иничн))"
    r"(?P<end>|а|у|ем|е|ы|ой|ою)$"
)
_PATR_CASES = {
    ("m", ""): "nomn",
    ("m", "а"): "gent",
    ("m", "у"): "datv",
    ("m", "ем"): "ablt",
    ("m", "е"): "loct",
    ("f", "а"): "nomn",
    ("f", "ы"): "gent",
    ("f", "е"): "datv",
    ("f", "у"): "accs",
    ("f", "ой"): "ablt",
    ("f", "ою"): "ablt",
}


@lru_cache(maxsize=100_000)
def patronymic_readings(word: str) -> tuple[tuple[str, str, str], ...]:
    """(nominative, case, gender) for a token that looks like a patronymic."""
    word = titlecase(word)
    if _LATIN.match(word):
        low = word.lower()
        if len(low) > 6 and low.endswith(("ovich", "evich", "ich")):
            return ((word, "nomn", "m"),)
        if len(low) > 6 and low.endswith(("ovna", "evna", "ichna")):
            return ((word, "nomn", "f"),)
        return ()
    if word.lower().endswith(("оглы", "улы", "кызы")):
        return ((word, "nomn", "f" if word.lower().endswith("кызы") else "m"),)
    match = _PATR.match(word)
    if not match:
        return ()
    stem, end = match.group("stem"), match.group("end")
    gender = "f" if stem.endswith(("овн", "евн", "ичн")) else "m"
    out = []
    case = _PATR_CASES.get((gender, end))
    if case:
        nom = stem + ("а" if gender == "f" else "")
        out.append((nom, case, gender))
        if case == "gent" and gender == "m":
            out.append((nom, "accs", gender))
    return tuple(out)


@lru_cache(maxsize=200_000)
def surname_readings(word: str) -> tuple[tuple[str, str, float], ...]:
    """(nominative masculine, case, confidence) for a token that may be a surname."""
    word = titlecase(word)
    if len(word) < 2 or not word[0].isupper():
        return ()
    if _LATIN.match(word):
        if word in ENGLISH_WORDS or lex.full_forms(word):
            return ()
        known = lex.surname_weight(translit.latin_to_cyrillic(word)) > 0
        return ((word, "nomn", 0.85 if known else 0.5),)
    found: dict[tuple[str, str], float] = {}
    common_word = False
    for p in parses(word):
        if "Surn" in p.tag and p.tag.case in CASES and p.tag.number != "plur":
            if "femn" in p.tag and "masc" not in p.tag:
                nom = lex.masculine_surname(_cap(p.normal_form))
                key = (nom, "nomn_f")
            else:
                key = (_cap(p.normal_form), p.tag.case)
            found[key] = max(found.get(key, 0), 0.6 + 0.4 * p.score)
        elif (
            p.tag.POS == "ADJF"
            and p.tag.case in CASES
            and p.tag.number == "sing"
            and p.tag.gender in ("masc", None)
            and p.normal_form.endswith(("ый", "ий", "ой"))
        ):
            # adjectival surnames: Белого → Белый, Толстым → Толстой
            key = (_cap(p.normal_form), p.tag.case)
            found[key] = max(found.get(key, 0), 0.55)
        elif p.is_known and p.score > 0.3 and {"Name", "Patr", "Surn"}.isdisjoint(p.tag.grammemes):
            common_word = True
    low = word.lower()
    for ending, repl, case in SURNAME_ENDINGS:
        if low.endswith(ending) and len(low) > len(ending) + 1:
            key = (word[: len(word) - len(ending)] + repl, case)
            found[key] = max(found.get(key, 0), 0.7)
    if low.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий")):
        found[(word, "nomn")] = max(found.get((word, "nomn"), 0), 0.8)
    if low.endswith(INDECLINABLE) and not low.endswith(
        ("ову", "еву", "ёву", "ину", "ыну", "ому", "ему")
    ):
        for case in CASES:
            found.setdefault((word, case), 0.5)
    # Any other word declines like a noun; weak evidence, but it keeps Монгуша and Ооржаку.
    base = 0.25 if common_word else 0.45
    for ending, repl, case in NOUN_ENDINGS:
        if ending and low.endswith(ending) and len(low) > len(ending) + 2:
            key = (word[: len(word) - len(ending)] + repl, case)
            found.setdefault(key, base)
    found.setdefault((word, "nomn"), base + 0.05)
    for key, conf in list(found.items()):
        if lex.surname_weight(key[0]) > 0:
            found[key] = min(conf + 0.35, 1.0)
    return tuple((nom, case, conf) for (nom, case), conf in found.items())


def is_initial(token: str) -> bool:
    return bool(_INITIAL.match(token))


def _best(readings, case: str) -> tuple[str, float] | None:
    best = None
    for nom, c, conf in readings:
        if c == case and (best is None or conf > best[1]):
            best = (nom, conf)
    return best


# order patterns: s = surname, g = given, p = patronymic, i = initial
PATTERNS = ("gps", "sgp", "gp", "gs", "sg", "sii", "iis", "si", "is", "g", "s")


def read_name(tokens: list[str], gender: str | None = None) -> NameParts | None:
    """The best reading of a few consecutive tokens as one person's name, or None. With
    `gender`, a reading of that gender wins over any other: «Евгения Афонина» in a list of
    men is Евгений Афонин in the genitive, not a woman."""
    n = len(tokens)
    best: NameParts | None = None
    for pattern in PATTERNS:
        if len(pattern) != n:
            continue
        for case in CASES:
            parts = _fit(tokens, pattern, case)
            if parts is None:
                continue
            if best is None or _rank(parts, gender) > _rank(best, gender):
                best = parts
    return best


def _rank(parts: NameParts, gender: str | None) -> tuple:
    if gender is None:
        return (parts.score,)
    return (parts.gender in (gender, None), parts.score)


def _fit(tokens: list[str], pattern: str, case: str) -> NameParts | None:
    surname = given = patronymic = None
    initials: list[str] = []
    score = 0.0
    gender = None
    for token, role in zip(tokens, pattern, strict=True):
        if role == "i":
            if not is_initial(token):
                return None
            initials.append(token.upper())
            score += 0.5
        elif role == "g":
            hit = _best(given_readings(token), case)
            if hit is None:
                return None
            given, conf = hit
            score += conf + 0.2
        elif role == "p":
            hits = [r for r in patronymic_readings(token) if r[1] == case]
            if not hits:
                return None
            patronymic, _, gender = hits[0]
            score += 1.0
        elif role == "s":
            readings = surname_readings(token)
            hit = _best(readings, case)
            if hit is None and case == "nomn":
                hit = _best(readings, "nomn_f")
                gender = gender or "f"
            if hit is None:
                return None
            surname, conf = hit
            score += conf
    if case == "nomn":
        score += 0.15  # the nominative is the commonest reading of an ambiguous form
    if given and gender is None:
        gender = lex.name_gender(given)
    if case == "nomn" and gender == "m" and surname and surname.lower().endswith(FEMININE_SURNAME):
        return None  # «Данила Гусева» is Данил Гусев in the genitive, not a man called Гусева
    if pattern in ("g", "s"):
        score -= 1.0  # a lone word is a back-reference at best
    return NameParts(
        surname=surname,
        given=given,
        patronymic=patronymic,
        given_initial=initials[0] if initials else None,
        patronymic_initial=initials[1] if len(initials) > 1 else None,
        case=case,
        gender=gender,
        score=score,
    )


def parse_name_field(text: str, gender: str | None = None) -> NameParts | None:
    """A name written alone in a field («Петров Иван Сергеевич», «И.С. Петров», «ПЕТРОВ И.С.»);
    `gender` prefers readings of that gender."""
    tokens = split_name_tokens(text)
    if not 1 < len(tokens) <= 4:
        return None
    return read_name(tokens, gender)


_SPLIT = re.compile(r"[А-ЯЁA-Z]\.|[A-Za-zА-Яа-яЁё]+(?:[-'’][A-Za-zА-Яа-яЁё]+)*")


def split_name_tokens(text: str) -> list[str]:
    """«И.С.Петров» → ['И.', 'С.', 'Петров']."""
    return _SPLIT.findall(text)
