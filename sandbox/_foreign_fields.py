"""How a report writes the dates, the places, the unit and the category of a man.

Each writer takes the true value and a random.Random and returns the string the report carries
(or None). The forms are the ones seen on Russian obituary pages, grave photographs, regional
books of memory and in the foreign press.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import cache

from sandbox._foreign_latin import latin
from sandbox._foreign_lexicon import Region, Settlement, Unit

MONTHS_GEN = ("января", "февраля", "марта", "апреля", "мая", "июня",
              "июля", "августа", "сентября", "октября", "ноября", "декабря")  # fmt: skip
MONTHS_NOM = ("январь", "февраль", "март", "апрель", "май", "июнь",
              "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь")  # fmt: skip
MONTHS_LOC = ("январе", "феврале", "марте", "апреле", "мае", "июне",
              "июле", "августе", "сентябре", "октябре", "ноябре", "декабре")  # fmt: skip
MONTHS_EN = ("January", "February", "March", "April", "May", "June",
             "July", "August", "September", "October", "November", "December")  # fmt: skip
SEASONS = ("зимой", "зимой", "весной", "весной", "весной", "летом", "летом", "летом", "осенью",
           "осенью", "осенью", "зимой")  # fmt: skip
EPOCH = date(1970, 1, 1)
DAY_MONTH_SWAP = 0.015  # day and month exchanged (07.04 read as 04.07), where both fit
YEAR_SLIP = 0.01  # one digit of the year wrong, the nearer year (2023 for 2024)
SETTLEMENT_PREFIX = {"город": ("г. ", "г.", "город "), "село": ("с. ", "село "),
                     "пгт": ("пгт ", "п. ", "пос. ", "р.п. "), "посёлок": ("пос. ", "п. ", "посёлок "),
                     "станица": ("ст-ца ", "ст. ", "станица "), "аул": ("аул ", "а. ")}  # fmt: skip
CATEGORY_WORDS = {
    "mobilized": ("мобилизованный", "мобилизован", "по мобилизации", "мобилизованный боец",
                  "призван по частичной мобилизации", "мобик"),
    "volunteer": ("доброволец", "добровольно", "ушёл добровольцем", "добровольцем",
                  "добровольческий отряд"),
    "contract": ("контрактник", "по контракту", "служил по контракту", "контрактная служба",
                 "заключил контракт"),
    "pmc": ("боец ЧВК «Вагнер»", "ЧВК «Вагнер»", "вагнеровец", "ЧВК", "штурмовик ЧВК"),
    "prisoner": ("Шторм Z", "Шторм-Z", "заключённый", "осуждённый", "бывший заключённый",
                 "из колонии", "помилован"),
    "regular": ("кадровый военный", "профессиональный военный", "военнослужащий",
                "кадровый офицер"),
    "conscript": ("срочник", "срочная служба", "по призыву"),
    "rosgvardia": ("росгвардеец", "Росгвардия", "ОМОН"),
}  # fmt: skip
CATEGORY_EN = {"mobilized": ("mobilized", "mobilised", "mobilized reservist"),
               "volunteer": ("volunteer", "volunteered"), "contract": ("contract soldier",),
               "pmc": ("Wagner mercenary", "Wagner Group", "PMC"),
               "prisoner": ("Storm-Z convict", "prisoner", "convict", "Storm Z"),
               "regular": ("career soldier", "career officer"), "conscript": ("conscript",),
               "rosgvardia": ("Rosgvardia", "National Guard")}  # fmt: skip
CATEGORY_CODES = {"mobilized": "MOB", "volunteer": "VOL", "contract": "CON", "pmc": "PMC",
                  "prisoner": "PRIS", "regular": "REG", "conscript": "CNS", "rosgvardia": "RG"}  # fmt: skip
# what a report calls a man by mistake: the categories that pass for one another
CONFUSED = {"volunteer": "contract", "contract": "volunteer", "mobilized": "volunteer",
            "prisoner": "pmc", "pmc": "prisoner", "regular": "contract", "conscript": "contract",
            "rosgvardia": "contract"}  # fmt: skip


@cache
def day_parts(day: int) -> tuple[int, int, int]:
    when = EPOCH + timedelta(days=day)
    return when.year, when.month, when.day


def write_date(rng: random.Random, day: int, form: str, english: bool) -> str:
    """One date in one written form; a few get the day and month swapped or a year slipped."""
    y, m, d = day_parts(day)
    if d <= 12 and d != m and rng.random() < DAY_MONTH_SWAP:
        d, m = m, d
    if rng.random() < YEAR_SLIP:
        y += -1 if rng.random() < 0.5 else 1
    if english and form in ("words", "month"):
        if form == "month":
            return f"{MONTHS_EN[m - 1]} {y}"
        return (
            f"{MONTHS_EN[m - 1]} {d}, {y}" if rng.random() < 0.6 else f"{d} {MONTHS_EN[m - 1]} {y}"
        )
    if form == "iso":
        return f"{y:04d}-{m:02d}-{d:02d}"
    if form == "dots":
        return f"{d:02d}.{m:02d}.{y}"
    if form == "dots_short":
        return f"{d}.{m:02d}.{y}" if rng.random() < 0.5 else f"{d:02d}.{m:02d}.{y % 100:02d}"
    if form == "words":
        tail = (" г.", " года", "", " г")[rng.randrange(4)]
        return f"{d} {MONTHS_GEN[m - 1]} {y}{tail}"
    if form == "slash":
        return f"{m}/{d}/{y}" if english else f"{d}/{m}/{y}"
    if form == "month":
        return f"{MONTHS_NOM[m - 1]} {y}" if rng.random() < 0.6 else f"в {MONTHS_LOC[m - 1]} {y} г."
    if form == "season":
        return f"{SEASONS[m - 1]} {y}"
    return f"{y}" if rng.random() < 0.7 else f"{y} г."


def _abbreviation(adjective: str) -> str:
    """Свердловская → Свердл., Московская → Моск., Челябинская → Челяб."""
    vowels, seen = "аеёиоуыэюя", 0
    for i, ch in enumerate(adjective):
        if ch.lower() in vowels:
            seen += 1
        elif seen and i + 1 < len(adjective) and adjective[i + 1] in vowels and i >= 2:
            return adjective[: i + 1] + "."
    return adjective[:5] + "."


def _genitive_region(name: str) -> str:
    words = name.split()
    out = []
    for w in words:
        if w.endswith("ая"):
            out.append(w[:-2] + "ой")
        elif w.endswith(("ий", "ый")):
            out.append(w[:-2] + "ого")
        elif w == "область":
            out.append("области")
        elif w == "край":
            out.append("края")
        elif w == "Республика":
            out.append("Республики")
        elif w == "округ":
            out.append("округа")
        else:
            out.append(w)
    return " ".join(out)


def write_region(rng: random.Random, region: Region, form: str) -> str:
    words = region.name.split()
    if form == "alias" and region.aliases:
        return region.aliases[rng.randrange(len(region.aliases))]
    if form == "short" and len(words) > 1 and words[-1] in ("область", "край"):
        return (
            words[0]
            if rng.random() < 0.6
            else f"{words[0]} {'обл.' if words[-1] == 'область' else 'кр.'}"
        )
    if form == "abbrev" and len(words) > 1 and words[-1] in ("область", "край"):
        return f"{_abbreviation(words[0])} {'обл.' if words[-1] == 'область' else 'край'}"
    if form == "genitive":
        return _genitive_region(region.name)
    if form == "english":
        pick = rng.random()
        if region.aliases_en and pick < 0.4:
            return region.aliases_en[rng.randrange(len(region.aliases_en))]
        kind = " Oblast" if "область" in region.name else " region" if pick < 0.7 else ""
        return region.name_en + kind
    if form == "iso":
        return region.code if region.code.startswith("UA") else f"RU-{region.code}"
    return region.name


def write_settlement(
    rng: random.Random, town: Settlement | None, name: str, form: str, english: bool
) -> str:
    """A town as written: bare, with its kind, declined after «в»/«из», or in Latin."""
    if english:
        if town and town.latin:
            return town.latin
        return latin(name, ("bgn", "icao")[rng.randrange(2)])
    if town is None:
        return name
    if form == "prefixed":
        options = SETTLEMENT_PREFIX.get(town.kind, ("",))
        return options[rng.randrange(len(options))] + town.name
    if form == "locative" and town.loc:
        return f"в {town.loc}"
    if form == "genitive" and town.gen:
        return f"из {town.gen}" if rng.random() < 0.6 else town.gen
    return town.name


def write_unit(
    rng: random.Random, unit: Unit | None, category: str, form: str, english: bool
) -> str | None:
    if category == "pmc":
        if english:
            return ("Wagner Group", "Wagner PMC", "Wagner")[rng.randrange(3)]
        return ("ЧВК «Вагнер»", "ЧВК Вагнер", 'ЧВК "Вагнер"', "ЧВК «Wagner»")[rng.randrange(4)]
    storm = category == "prisoner" and rng.random() < 0.5
    if storm:
        if english:
            return "Storm-Z unit"
        return ("отряд «Шторм Z»", "штурмовой отряд «Шторм-Z»", "Шторм Z", "отряд Шторм-Z")[
            rng.randrange(4)
        ]
    if unit is None:
        return None
    if english:
        if form == "vch":
            return f"military unit {unit.vch}"
        return (
            unit.english
            if rng.random() < 0.7
            else f"{unit.number}th {unit.english.split()[-1].lower()}"
        )
    if form == "vch":
        return ("в/ч {}", "войсковая часть {}", "в/ч № {}", "воинская часть {}", "в/ч{}")[
            rng.randrange(5)
        ].format(unit.vch)
    if form == "short":
        ending = unit.full.split()[0].split("-")[-1] if "-" in unit.full.split()[0] else ""
        abbr = unit.abbr.upper() if rng.random() < 0.3 else unit.abbr
        return (
            f"{unit.number}-{ending} {abbr}"
            if ending and rng.random() < 0.5
            else f"{unit.number} {abbr}"
        )
    if form == "genitive" and unit.gen:
        number = unit.number + ("-й" if rng.random() < 0.7 else "")
        return f"в составе {number} {unit.gen}"
    return unit.full


def write_category(
    rng: random.Random, category: str, form: str, english: bool, confused: float
) -> str | None:
    if category == "unknown":
        return None
    if rng.random() < confused:
        category = CONFUSED[category]
    if form == "code":
        return CATEGORY_CODES[category]
    words = CATEGORY_EN[category] if english else CATEGORY_WORDS[category]
    return words[rng.randrange(len(words))]
