"""Russian phrases the stand-in pages are written with: places, units, ranks, categories."""

from __future__ import annotations

import random
from functools import cache

import pymorphy3

from sandbox.grammar import decline_given, decline_name, years_word
from sandbox.world import Person


@cache
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@cache
def _settlement_row(name: str, region: str) -> dict | None:
    import csv
    from importlib import resources

    with resources.files("lexicon").joinpath("data/settlements.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["name"] == name and row["region_code"] == region:
                return row
    return None


def settlement_gen(person: Person) -> str:
    row = _settlement_row(person.settlement, person.region)
    return (row or {}).get("gen") or person.settlement


def settlement_loc(person: Person) -> str:
    row = _settlement_row(person.settlement, person.region)
    return (row or {}).get("loc") or person.settlement


_KIND_GEN = {
    "село": "села",
    "посёлок": "посёлка",
    "пгт": "посёлка",
    "деревня": "деревни",
    "станица": "станицы",
    "аул": "аула",
}
_KIND_LOC = {
    "село": "селе",
    "посёлок": "посёлке",
    "пгт": "посёлке",
    "деревня": "деревне",
    "станица": "станице",
    "аул": "ауле",
}


def from_place(person: Person) -> str:
    """«Стерлитамака» or «села Бураево»: the words after «житель» / «из»."""
    kind = _KIND_GEN.get(person.settlement_kind)
    return f"{kind} {person.settlement}" if kind else settlement_gen(person)


def in_place(person: Person) -> str:
    """«Стерлитамаке» or «селе Бураево»: the words after «в»."""
    kind = _KIND_LOC.get(person.settlement_kind)
    return f"{kind} {person.settlement}" if kind else settlement_loc(person)


def region_gen(code: str) -> str:
    from lexicon.places import region_by_code

    return inflect_phrase(region_by_code(code).name_ru, "gent")


def region_name(code: str) -> str:
    from lexicon.places import region_by_code

    return region_by_code(code).name_ru


def _recase(original: str, new: str) -> str:
    """Give `new` the capitals of `original`, hyphen part by hyphen part (Ханты-Мансийском)."""
    old_parts, new_parts = original.split("-"), new.split("-")
    if len(old_parts) != len(new_parts):
        return new[0].upper() + new[1:] if original[0].isupper() else new
    return "-".join(
        n[0].upper() + n[1:] if o[:1].isupper() else n
        for o, n in zip(old_parts, new_parts, strict=True)
    )


def inflect_phrase(phrase: str, case: str) -> str:
    """A place or unit phrase (Тверская область, Республика Бурятия, Ханты-Мансийский
    автономный округ - Югра) in a case: adjectives agree up to the head noun, and what follows
    the head stays as written («в Республике Бурятия», «в округе - Югра»)."""
    out, stop = [], False
    for word in phrase.split():
        if stop or not word[0].isalpha():
            out.append(word)
            continue
        parses = [
            p
            for p in _morph().parse(word)
            if p.tag.case == "nomn" and p.tag.POS in ("ADJF", "NOUN")
        ]
        parses.sort(key=lambda p: p.tag.POS != "ADJF")
        form = parses[0].inflect({case}) if parses else None
        out.append(_recase(word, form.word) if form else word)
        stop = bool(parses) and parses[0].tag.POS == "NOUN"
    return " ".join(out)


def unit_phrase(rng: random.Random, canonical: str) -> str:
    """How an article names a unit: «36-й отдельной гвардейской мотострелковой бригаде» or
    «36 омсбр» or «в/ч 06705»; always after «в» / «в составе» as the template says."""
    from lexicon.units import unit_full_name

    if canonical in ("шторм-z",):
        return "отряда «Шторм Z»"
    if canonical in ("чвк вагнер",):
        return "ЧВК «Вагнер»"
    number, _, abbr = canonical.partition(" ")
    full = unit_full_name(canonical)
    roll = rng.random()
    if roll < 0.35:
        # armies and corps (оа, та, ак) are written in capitals; the rest either way
        return canonical.upper() if abbr in ("оа", "та", "ак") or rng.random() < 0.3 else canonical
    words = full.split()
    # ordinal "36-я" / "247-й": the number's ending follows the noun's gender in the case.
    rest = inflect_phrase(" ".join(words[1:]), "gent")
    noun_gender = _gender_of_last_noun(words[1:])
    ordinal = f"{number}-й" if noun_gender == "femn" else f"{number}-го"
    return f"{ordinal} {rest}"


def _gender_of_last_noun(words: list[str]) -> str:
    for word in reversed(words):
        for p in _morph().parse(word):
            if p.tag.POS == "NOUN" and p.tag.case == "nomn":
                return p.tag.gender or "masc"
    return "masc"


def rank_phrase(rank: str, case: str, guards: bool) -> str:
    text = inflect_phrase(rank, case) if case != "nomn" else rank
    return f"гвардии {text}" if guards else text


CATEGORY_SENTENCES = {
    "volunteer": [
        "В {month} {year} года {given} заключил контракт с Минобороны и ушёл на СВО добровольцем.",
        "{given} ушёл добровольцем в зону специальной военной операции.",
        "Мужчина подписал контракт и отправился на фронт добровольцем.",
    ],
    "mobilized": [
        "{given} был мобилизован в сентябре 2022 года.",
        "Мужчину призвали в ходе частичной мобилизации.",
        "Осенью 2022 года {given} был мобилизован.",
    ],
    "prisoner": [
        "Боец воевал в составе отряда «Шторм Z».",
        "До войны {given} отбывал наказание в колонии, откуда ушёл на фронт.",
    ],
    "regular": [
        "{given} был кадровым военным и служил по контракту с {early} года.",
        "Он выпускник военного училища, кадровый офицер.",
    ],
    "conscript": [
        "{given} проходил срочную службу.",
        "Молодой человек был призван на срочную службу весной.",
    ],
    "pmc": [
        "{given} воевал в составе ЧВК «Вагнер».",
    ],
    "rosgvardia": [
        "{given} служил в Росгвардии.",
        "Мужчина проходил службу в войсках национальной гвардии.",
    ],
    "fsb": [
        "{given} служил в пограничной службе ФСБ.",
    ],
}


def category_sentence(rng: random.Random, person: Person) -> str:
    from sandbox.grammar import MONTHS_LOC

    template = rng.choice(CATEGORY_SENTENCES[person.category])
    return template.format(
        given=person.given,
        month=MONTHS_LOC[rng.randrange(12)],
        year=max(2022, person.death.year - 1),
        early=person.death.year - rng.randrange(3, 10),
    )


def age_sentence(rng: random.Random, person: Person) -> str:
    age = person.age
    return rng.choice(
        [
            f"Ему было {age} {years_word(age)}.",
            f"{decline_given(person.given, 'datv')} было {age} {years_word(age)}.",
            f"Погибшему было {age} {years_word(age)}.",
        ]
    )


def name(person: Person, case: str, order: str) -> str:
    return decline_name(person.surname, person.given, person.patronymic, case, order)
