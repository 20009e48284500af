"""The dead men of the foreign generator: who they were, before anybody wrote about them.

A population is drawn region first (the regions with most dead per head weigh most), then the
ethnic group from the region, then names from that group's weighted lists, a category of service,
a date of death from a curve with the war's bloody seasons, an age that fits the category, a
unit and a rank. Then the hard cases are planted on top: men who died together on one day in one
unit, brothers, fathers and sons, full namesakes and look-alikes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sandbox._foreign_lexicon import Lexicon, lexicon, patronymic_of
from sandbox._foreign_plants import plant_hard_cases

EPOCH = np.datetime64("1970-01-01", "D")
WAR_START = int((np.datetime64("2022-02-24") - EPOCH).astype(int))
WAR_END = int((np.datetime64("2025-12-31") - EPOCH).astype(int))
BIRTH_FIRST = int((np.datetime64("1960-01-01") - EPOCH).astype(int))
BIRTH_LAST = int((np.datetime64("2005-12-31") - EPOCH).astype(int))

CATEGORIES = ["mobilized", "volunteer", "contract", "pmc", "prisoner", "regular", "conscript",
              "rosgvardia", "unknown"]  # fmt: skip
# the true mix of the named dead 2022–2025: volunteers the largest and growing, prisoners a
# large share from 2023, mobilized since autumn 2022; "unknown" men no report ever classifies
CATEGORY_P = [0.20, 0.30, 0.17, 0.06, 0.12, 0.07, 0.015, 0.015, 0.05]
# mean and spread of the age at death per category (mobilized and volunteers older)
AGE = {"mobilized": (35, 8), "volunteer": (40, 10), "contract": (30, 7), "pmc": (36, 9),
       "prisoner": (37, 9), "regular": (32, 8), "conscript": (19, 1), "rosgvardia": (35, 7),
       "unknown": (36, 10)}  # fmt: skip
# the dates each category fought: Wagner until its mutiny, Storm-Z from 2023, mobilized after 21.09.22
WINDOWS = {"pmc": ("2022-06-01", "2023-06-24"), "prisoner": ("2022-09-01", "2025-12-31"),
           "mobilized": ("2022-10-01", "2025-12-31")}  # fmt: skip
# intensity of killing by period, relative (Mediazona's weekly series, rounded)
SEASONS = [("2022-02-24", 1.6), ("2022-04-01", 0.8), ("2022-09-01", 1.0), ("2023-01-01", 1.7),
           ("2023-06-01", 1.2), ("2023-10-10", 1.8), ("2024-01-01", 2.3), ("2024-08-06", 3.2),
           ("2024-09-20", 2.8), ("2025-01-01", 2.6), ("2025-06-01", 2.2)]  # fmt: skip
MASS_SHARE = 0.08  # men who died in a mass-death event (a strike on a formation, a failed assault)
EVENT_MAX = 250  # the largest event: a little above the deadliest day of the real lists (201)
CALLSIGN_RATE = 0.3  # men whose call sign some report gives
HERO_RATE = 0.004  # Heroes of Russia (posthumous), a handful per thousand
OFFICER_RATE = {
    "regular": 0.35,
    "contract": 0.05,
    "volunteer": 0.03,
    "mobilized": 0.02,
}  # officers per category: career men mostly
SERGEANT_RATE = 0.18  # the sergeant ranks among the non-officers
BURIED_AWAY = 0.02  # buried in another region, where the family moved (a grave far from home)
BURIED_CAPITAL = 0.06  # buried in the regional capital's military plot, not in his village
# call signs men took (animals, places, nicknames), the kind that appear in obituaries
CALLSIGNS = (
    "Медведь", "Тайга", "Шаман", "Лис", "Малой", "Дед", "Сибиряк", "Кедр", "Бурят", "Тувинец",
    "Татарин", "Башкир", "Гром", "Волк", "Барс", "Ворон", "Сокол", "Беркут", "Север", "Урал",
    "Байкал", "Зверь", "Кот", "Тихий", "Док", "Снайпер", "Граф", "Фантом", "Призрак", "Самурай",
    "Казак", "Батя", "Шторм", "Ветер", "Лом", "Танк", "Бизон", "Якут", "Хан", "Абрек", "Горец",
    "Маугли", "Шмель", "Пчела", "Святой", "Монах", "Пират", "Ахмат", "Дикий", "Седой", "Рыжий",
    "Белый", "Чёрный", "Полтинник", "Кнут", "Молот", "Кирпич"
)  # fmt: skip


@dataclass
class Men:
    """One row per man; lists hold strings, arrays hold numbers (days since 1970 for dates)."""

    surname: list[str]
    given: list[str]
    father: list[str]
    patronymic: list[str]
    group: list[str]
    region: np.ndarray
    settlement: list[str]
    district: list[str]
    burial: list[str]
    burial_region: np.ndarray
    birth: np.ndarray
    death: np.ndarray
    category: np.ndarray
    unit: np.ndarray
    rank: list[str]
    callsign: list[str]
    hero: np.ndarray
    event: np.ndarray

    def __len__(self) -> int:
        return len(self.surname)


def _days(text: str) -> int:
    return int((np.datetime64(text) - EPOCH).astype(int))


def death_curve(category: str) -> np.ndarray:
    """Probability of each war day for one category of men."""
    days = np.arange(WAR_START, WAR_END + 1)
    weight = np.zeros(len(days))
    for start, level in SEASONS:
        weight[days >= _days(start)] = level
    if category in WINDOWS:
        first, last = (_days(d) for d in WINDOWS[category])
        weight[(days < first) | (days > last)] = 0.0
    if category == "volunteer":  # volunteers grew from few in 2022 to most of the dead
        weight *= np.linspace(0.4, 1.6, len(days))
    if category == "pmc":  # Wagner's dead were Bakhmut's, winter to spring 2023
        weight[(days >= _days("2022-12-01")) & (days <= _days("2023-05-31"))] *= 4
    return weight / weight.sum()


# names of Russian fathers born 1935–1980, and names hardly given before 1990
SOVIET_NAMES = frozenset((
    "Сергей", "Александр", "Владимир", "Николай", "Виктор", "Юрий", "Игорь", "Олег", "Анатолий",
    "Валерий", "Михаил", "Василий", "Геннадий", "Леонид", "Борис", "Вячеслав", "Виталий",
    "Евгений", "Иван",
))  # fmt: skip
MODERN_NAMES = frozenset((
    "Артём", "Максим", "Даниил", "Никита", "Кирилл", "Егор", "Матвей", "Тимофей", "Данил",
    "Данила", "Владислав", "Ярослав", "Арсений", "Глеб", "Тимур", "Богдан", "Давид", "Марк",
    "Елисей",
))  # fmt: skip


def _father_pool(lex: Lexicon) -> tuple[list[str], np.ndarray]:
    """Slavic fathers were born 1935–1980: the Soviet names up, the names of the 2000s down."""
    pool = lex.given["slavic"]
    weight = np.array(
        [
            p * (3.0 if n in SOVIET_NAMES else 0.15 if n in MODERN_NAMES else 1.0)
            for n, p in zip(pool.names, pool.p, strict=True)
        ]
    )
    return pool.names, weight / weight.sum()


# share of a group's men whose own given name comes from the group's list (the rest Russian)
OWN_GIVEN = {"slavic": 1.0, "tatar_bashkir": 0.85, "buryat_mongolic": 0.6, "tuvan": 0.75,
             "caucasus": 0.95, "central_asian": 0.95, "yakut": 0.5, "altai_khakas": 0.4,
             "other": 0.15}  # fmt: skip
# the same for the father, a generation more Russified
OWN_FATHER = {"slavic": 1.0, "tatar_bashkir": 0.75, "buryat_mongolic": 0.45, "tuvan": 0.55,
              "caucasus": 0.95, "central_asian": 0.95, "yakut": 0.3, "altai_khakas": 0.3,
              "other": 0.1}  # fmt: skip
# how patronymics are written for men of a group: -ович, a Turkic word after the name, or none
NO_PATRONYMIC = {"tuvan": 0.15, "central_asian": 0.15, "buryat_mongolic": 0.04, "yakut": 0.02}
TURKIC_WORD = {
    "caucasus": (0.12, ("оглы",)),
    "central_asian": (0.35, ("угли", "оглы", "уулу", "улы")),
}


def _patronymic(rng: np.random.Generator, father: str, group: str, lex: Lexicon) -> str:
    if rng.random() < NO_PATRONYMIC.get(group, 0.0):
        return ""
    rate, words = TURKIC_WORD.get(group, (0.0, ("",)))
    if rng.random() < rate:
        return f"{father} {words[int(rng.integers(len(words)))]}"
    return patronymic_of(father, lex)


def _names(rng, groups: list[str], lex: Lexicon):
    n = len(groups)
    surname, given, father = [""] * n, [""] * n, [""] * n
    fnames, fp = _father_pool(lex)
    own_given = rng.random(n)
    own_father = rng.random(n)
    for group in sorted(set(groups)):
        idx = [i for i, g in enumerate(groups) if g == group]
        for i, s in zip(idx, lex.surnames[group].draw(rng, len(idx)), strict=True):
            surname[i] = s
        own = lex.given.get(group, lex.given["slavic"])
        drawn_own = own.draw(rng, len(idx))
        drawn_ru = lex.given["slavic"].draw(rng, len(idx))
        drawn_fown = own.draw(rng, len(idx))
        drawn_fru = [fnames[j] for j in rng.choice(len(fnames), size=len(idx), p=fp)]
        for k, i in enumerate(idx):
            mine = own_given[i] < OWN_GIVEN.get(group, 1.0)
            given[i] = drawn_own[k] if mine else drawn_ru[k]
            theirs = own_father[i] < OWN_FATHER.get(group, 1.0) and group != "slavic"
            father[i] = drawn_fown[k] if theirs else drawn_fru[k]
    patronymic = [_patronymic(rng, f, g, lex) for f, g in zip(father, groups, strict=True)]
    return surname, given, father, patronymic


def _events(rng, n: int, lex: Lexicon) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mass-death events: (event id per man or -1, the event's day, the event's unit)."""
    event = np.full(n, -1)
    budget = int(n * MASS_SHARE)
    sizes: list[int] = []
    if n >= 2000:  # 20 Feb 2024, the strike on a parade near Volnovakha: 201 dead, scaled
        sizes.append(max(5, min(201, budget // 10)))
    while sum(sizes) < budget:
        sizes.append(int(min(EVENT_MAX, max(5, n // 400), 4 + rng.pareto(1.4) * 6)))
    days = rng.choice(np.arange(WAR_START, WAR_END + 1), size=len(sizes), p=death_curve("contract"))
    units = rng.integers(len(lex.units), size=len(sizes))
    if n >= 2000:
        days[0] = _days("2024-02-20")
        units[0] = next(
            i for i, u in enumerate(lex.units) if u.number == "36" and u.abbr == "омсбр"
        )
    order = rng.permutation(n)
    start = 0
    for k, size in enumerate(sizes):
        event[order[start : start + size]] = k
        start += size
        if start >= n:
            break
    return event, days, units


def _regions(rng, n: int, event: np.ndarray, event_units: np.ndarray, lex: Lexicon) -> np.ndarray:
    codes = {r.code: i for i, r in enumerate(lex.regions)}
    region = rng.choice(len(lex.regions), size=n, p=lex.region_p)
    for i in np.flatnonzero((event >= 0) & (rng.random(n) < 0.5)):
        garrison = lex.units[event_units[event[i]]].garrison  # half of a unit's dead are local
        region[i] = codes.get(garrison, region[i])
    return region


def _ranks(rng, category: np.ndarray, unit: np.ndarray, lex: Lexicon) -> list[str]:
    officers = [r for r, _, off, b in lex.ranks if off and b == "army"][:6]
    sergeants = ["младший сержант", "сержант", "старший сержант"]
    navy = {i for i, u in enumerate(lex.units) if u.abbr == "обрмп"}
    ranks = []
    roll, pick, private = (
        rng.random(len(category)),
        rng.integers(60, size=len(category)),
        rng.random(len(category)),
    )
    for i, c in enumerate(category):
        officer = OFFICER_RATE.get(CATEGORIES[c], 0.0)
        if roll[i] < officer:
            ranks.append(officers[pick[i] % len(officers)])
        elif roll[i] < officer + SERGEANT_RATE:
            ranks.append(sergeants[pick[i] % 3])
        elif private[i] < 0.8:
            ranks.append("матрос" if unit[i] in navy else "рядовой")
        else:
            ranks.append("ефрейтор")
    return ranks


def _by_region(rng, region: np.ndarray, lex: Lexicon):
    """Each man's ethnic group, home town, district and burial place, drawn region by region."""
    n = len(region)
    groups, settlement, district = [""] * n, [""] * n, [""] * n
    for r in np.unique(region):
        idx = np.flatnonzero(region == r)
        code = lex.regions[r].code
        mix = lex.group_p[code]
        names, p = list(mix), np.array(list(mix.values()))
        drawn = rng.choice(len(names), size=len(idx), p=p / p.sum())
        towns = lex.settlements[code]
        picks = rng.choice(len(towns), size=len(idx), p=lex.settlement_p[code])
        near = lex.districts.get(code) or [("", "")]
        near_picks = rng.integers(len(near), size=len(idx))
        for k, i in enumerate(idx):
            groups[i] = names[drawn[k]]
            town = towns[picks[k]]
            settlement[i] = town.name
            district[i] = near[near_picks[k]][0] if town.kind != "город" else ""
    burial_region = region.copy()
    burial = list(settlement)
    roll = rng.random(n)
    away = rng.choice(len(lex.regions), size=n, p=lex.region_p)
    for i in np.flatnonzero(roll < BURIED_AWAY + BURIED_CAPITAL):
        if roll[i] < BURIED_AWAY:  # buried where his family lives now, another region
            burial_region[i] = away[i]
            towns = lex.settlements[lex.regions[away[i]].code]
            burial[i] = towns[int(roll[i] * 1e6) % len(towns)].name
        elif lex.regions[region[i]].capital:  # buried in the regional capital's war cemetery
            burial[i] = lex.regions[region[i]].capital
    return groups, settlement, district, burial, burial_region


def generate_men(n: int, rng: np.random.Generator) -> Men:
    """Draw n men and plant the hard cases among them."""
    lex = lexicon()
    event, event_days, event_units = _events(rng, n, lex)
    region = _regions(rng, n, event, event_units, lex)
    groups, settlement, district, burial, burial_region = _by_region(rng, region, lex)
    surname, given, father, patronymic = _names(rng, groups, lex)
    category = rng.choice(len(CATEGORIES), size=n, p=CATEGORY_P)
    death = np.zeros(n, dtype=np.int64)
    birth = np.zeros(n, dtype=np.int64)
    for c, name in enumerate(CATEGORIES):
        idx = np.flatnonzero(category == c)
        curve = death_curve(name)
        death[idx] = WAR_START + rng.choice(len(curve), size=len(idx), p=curve)
        mean, spread = AGE[name]
        age = np.clip(rng.normal(mean, spread, len(idx)), 18, 63)
        birth[idx] = death[idx] - (age * 365.25).astype(np.int64)
    hit = event >= 0
    death[hit] = event_days[event[hit]]
    category[hit & np.isin(category, [3, 6, 8])] = 2  # a formation's dead are soldiers of it
    birth = np.clip(birth, BIRTH_FIRST, BIRTH_LAST)
    unit = rng.integers(len(lex.units), size=n)
    unit[hit] = event_units[event[hit]]
    unit[category == 3] = -1  # Wagner men belong to no army unit
    calls = rng.integers(len(CALLSIGNS), size=n)
    men = Men(
        surname=surname, given=given, father=father, patronymic=patronymic, group=groups,
        region=region, settlement=settlement, district=district, burial=burial,
        burial_region=burial_region, birth=birth, death=death, category=category, unit=unit,
        rank=_ranks(rng, category, unit, lex),
        callsign=[CALLSIGNS[c] if r < CALLSIGN_RATE else "" for c, r in zip(calls, rng.random(n), strict=True)],
        hero=rng.random(n) < HERO_RATE, event=event,
    )  # fmt: skip
    plant_hard_cases(men, rng, lex)
    return men
