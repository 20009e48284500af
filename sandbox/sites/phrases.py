"""Russian phrases the stand-in pages are written with: places, units, ranks, categories."""

from __future__ import annotations

import csv
import random
import re
from functools import cache
from importlib import resources

from lexicon.morph import analyser
from lexicon.names import given_name, surname_gender_form
from lexicon.places import region_by_code
from lexicon.units import known_units, unit_full_name
from sandbox.grammar import MONTHS_LOC, decline_given, decline_name, years_word
from sandbox.world import Person, _tables


@cache
def _settlement_row(name: str, region: str) -> dict | None:
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
    return inflect_phrase(region_by_code(code).name_ru, "gent")


def region_name(code: str) -> str:
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
            for p in analyser().parse(word)
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
        for p in analyser().parse(word):
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
    template = rng.choice(CATEGORY_SENTENCES[person.category])
    return template.format(
        given=person.given,
        month=MONTHS_LOC[rng.randrange(12)],
        year=max(2022, person.death.year - 1),
        early=max(person.birth.year + 18, person.death.year - rng.randrange(3, 10)),
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


# -- regions as people say them, districts, short forms, living people -----------------------
@cache
def _region_rows() -> dict[str, dict]:
    with resources.files("lexicon").joinpath("data/regions.csv").open(encoding="utf-8") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


@cache
def region_aliases(code: str) -> tuple[str, ...]:
    """Colloquial names that name this region alone: Башкирия, Кузбасс, Забайкалье, РБ."""
    rows = _region_rows()
    others = " ".join(r["name_ru"] for c, r in rows.items() if c != code).split()
    return tuple(
        a
        for a in rows.get(code, {}).get("aliases_ru", "").split("|")
        if a
        and " - " not in a
        and a not in others
        and (a.isupper() or not any(w.isupper() for w in re.split(r"[\s-]", a)))
    )


def _alias_case(alias: str, case: str) -> str:
    if alias.isupper():
        return alias  # РБ, ЕАО: never declined
    if alias.endswith("ье") and " " not in alias:  # Приамурье, Забайкалье: neuter in -ье
        ending = {"gent": "я", "datv": "ю", "ablt": "ем"}.get(case)
        return alias[:-1] + ending if ending else alias
    return inflect_phrase(alias, case)


def region_en(code: str) -> str:
    return _region_rows()[code]["name_en"]


def region_said(rng: random.Random, code: str, case: str, colloquial: float = 0.5) -> str:
    """The region in a case, officially («Республике Башкортостан») or as people say it
    («Башкирии», «Кузбассе», «РБ»)."""
    aliases = region_aliases(code)
    if aliases and rng.random() < colloquial:
        return _alias_case(rng.choice(aliases), case)
    return inflect_phrase(region_name(code), case)


@cache
def _districts() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    with resources.files("lexicon").joinpath("data/districts.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["region_code"], []).append(row)
    return out


def district_of(person: Person) -> dict | None:
    """The rural district a village belongs to (name, gen, loc), the same on every site; None
    for towns and for regions without districts in the table."""
    rows = _districts().get(person.region)
    if not rows or not person.settlement or person.settlement_kind == "город":
        return None
    stem = person.settlement.lower()[:5]
    for row in rows:
        if row["name"].lower().startswith(stem):
            return row
    return random.Random(f"district:{person.region}:{person.settlement}").choice(rows)


def any_district(rng: random.Random, region: str) -> dict | None:
    rows = _districts().get(region)
    return rng.choice(rows) if rows else None


def short_given(given: str) -> str:
    """The everyday short form of a given name (Александр → Саша), or the name itself."""
    row = given_name(given)
    return row.diminutives[0] if row and row.diminutives else given


RANK_ABBR = {
    "рядовой": ("ряд.",),
    "ефрейтор": ("ефр.",),
    "младший сержант": ("мл. с-т", "мл. сержант"),
    "сержант": ("с-т", "серж."),
    "старший сержант": ("ст. с-т", "ст. сержант"),
    "старшина": ("ст-на",),
    "прапорщик": ("прап.", "пр-к"),
    "лейтенант": ("л-т",),
    "старший лейтенант": ("ст. л-т", "ст. лейт."),
    "капитан": ("к-н", "капитан"),
    "майор": ("м-р", "майор"),
    "подполковник": ("п/п-к", "подполковник"),
    "полковник": ("п-к", "полковник"),
}


def rank_abbr(rng: random.Random, rank: str, guards: bool) -> str:
    """«гв. мл. с-т», «ряд.», «ст. л-т»: a rank as books of memory and graves shorten it."""
    short = rng.choice(RANK_ABBR.get(rank, (rank,)))
    return f"гв. {short}" if guards else short


def living_man(rng: random.Random, group: str = "slavic") -> tuple[str, str, str]:
    """(surname, given, patronymic) of a living man: an official, a commander, an analyst."""
    t = _tables()
    given = t["given"].get(group, t["given"]["slavic"]).draw(rng)["name"]
    father = t["given"]["slavic"].draw(rng)
    return t["surnames"]["slavic"].draw(rng), given, father["patronymic_m"] or "Иванович"


def living_woman(rng: random.Random, surname: str | None = None) -> tuple[str, str]:
    """(given, surname) of a woman: a poster, a sister, a mother; `surname` in the masculine
    form gives the family's surname in hers."""
    t = _tables()
    given = rng.choice(t["female"]) if t["female"] else "Ольга"
    base = surname or t["surnames"]["slavic"].draw(rng)
    return given, surname_gender_form(base, "f")


def initials(given: str, patronymic: str | None, spaced: bool = True) -> str:
    parts = [given[0] + "."] + ([patronymic[0] + "."] if patronymic else [])
    return (" " if spaced else "").join(parts)


def district_unique(name: str) -> bool:
    """A district name that belongs to one region only (many «Советский район» do not)."""
    return sum(row["name"] == name for rows in _districts().values() for row in rows) == 1


def home_phrase(rng: random.Random, person: Person) -> tuple[str, bool, bool]:
    """«села Бураево Бураевского района» / «Стерлитамака»: the words after «житель» or
    «уроженец», and whether a district and a region (derivable from the district) are named."""
    place = from_place(person)
    district = district_of(person)
    if district and rng.random() < 0.6:
        return f"{place} {district['gen']}", True, district_unique(district["name"])
    return place, False, False


def unit_written(rng: random.Random, unit: str, vch_share: float = 0.3) -> tuple[str, str]:
    """A unit after «в составе» («36-й отдельной … бригады», «36 омсбр», «войсковой части
    06705») and the canonical form of what is written («36 омсбр» or «в/ч 06705»)."""
    known = known_units().get(unit)
    if known and known.vch and rng.random() < vch_share:
        return rng.choice([f"войсковой части {known.vch}", f"в/ч {known.vch}"]), f"в/ч {known.vch}"
    return unit_phrase(rng, unit), unit


def vch_of(unit: str | None) -> str | None:
    """The military unit number of a known unit («36 омсбр» → «06705»), else None."""
    known = known_units().get(unit or "")
    return known.vch if known and known.vch else None


def unit_label(rng: random.Random, unit: str) -> str:
    """A unit as a short label on a card or a grave: «36 омсбр», «36 ОМСБР», «ЧВК Вагнер»."""
    named = {"шторм-z": "Шторм Z", "чвк вагнер": "ЧВК «Вагнер»"}
    if unit in named:
        return named[unit]
    return unit.upper() if rng.random() < 0.4 else unit
