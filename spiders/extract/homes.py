"""Where a man came from, among the places a text names near him.

A text names more places than his home: where he fell («погиб под Авдеевкой», «в Херсонской
области»), where he served («служил в Хабаровске»), where the ceremony was. His home is the
place after «житель», «уроженец», «родом из», or a dweller's word («нижегородец», «магаданцев»,
`data/demonyms.csv`); failing that, the first place that is not one of war or service. The
regions of the front (the DPR, the LPR, Zaporizhzhia and Kherson oblasts) are his home only when
the text says so. «Родину» is the motherland, not the village of Родино.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path

from lexicon.places import PlaceMatch, find_places

_DATA = Path(__file__).with_name("data") / "demonyms.csv"
_SUFFIXES = {
    "ец": "ец|ца|цу|цем|цом|це|цы|цев|цам|цами|цах|ка|ки|ке|ку|кой",
    "анин": "анин|анина|анину|анином|анине|ане|ан|анам|анами|анах|анка|анки|анке|анку|анкой",
    "янин": "янин|янина|янину|янином|янине|яне|ян|янам|янами|янах|янка|янки|янке|янку|янкой",
    "чанин": "чанин|чанина|чанину|чанином|чанине|чане|чан|чанам|чанами|чанах|чанка|чанки|чанку",
    "ич": "ич|ича|ичу|ичом|иче|ичи|ичей|ичам|ичами|ичах|ичка|ички|ичке|ичку",
    "як": "як|яка|яку|яком|яке|яки|яков|якам|яками|яках|ячка|ячки|ячку",
    "ский": "ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими",  # «нижегородских военных»
    "abbr": "",  # «пресс-служба Минобрнауки РХ»: as written, in capitals
}
HOME_CUE = re.compile(
    r"\b(?:жител\w*|жительниц\w*|уроженец|уроженц\w*|уроженк\w*|родом|родил\w*|вырос\w*|из|"
    r"жил\w*|прожива\w*|живет|живёт|односельчан\w*|земляк\w*|resident|native|from|aus)"
    r"\W+(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)
# The front, a posting, a hospital, a school far away: places that are not home.
AWAY_CUE = re.compile(
    r"\b(?:погиб\w*|гибел\w*|пал\w*|убит\w*|ранен\w*|ранени\w*|скончал\w*|служил\w*|служит|"
    r"службу|службы|службе|"
    r"проходил\w*|воевал\w*|сражал\w*|выполн\w+|задач\w*|зон\w|ходе|бо[ейяю]\w*|под|"
    r"территори\w+|фронт\w*|направ\w+|отправ\w+|дислоц\w+|командирован\w*|обстрел\w*|"
    r"освобожд\w*|оборон\w*|штурм\w*|госпитал\w*|училищ\w*|окончил\w*|учил\w+|"
    r"работал\w*|переехал\w*|привез\w*|доставил\w*|опознал\w*|контракт\w*|мобилизов\w*|"
    r"призван\w*|военкомат\w*|части|подразделени\w*|near|in\s+the\s+\w+\s+region|bei)"
    r"\W+(?:\w+\W+){0,4}$",
    re.IGNORECASE,
)
FRONT = frozenset({"UA-14", "UA-09", "UA-23", "UA-65"})
CITY_REGIONS = {"MOW": "Москва", "SPE": "Санкт-Петербург", "UA-40": "Севастополь"}


@cache
def _demonyms() -> tuple[dict[str, tuple[str, str, str]], int]:
    """Every dweller's word by its stem: stem → (suffix class, settlement, region); and the
    longest stem."""
    by_stem = {}
    with _DATA.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            by_stem[row["stem"]] = (row["suffix"], row["settlement"], row["region"])
    return by_stem, max(map(len, by_stem))


@cache
def _endings(suffix: str) -> frozenset[str]:
    return frozenset(_SUFFIXES[suffix].split("|"))


_WORD = re.compile(r"(?<![\w(-])(?:[А-ЯЁ]{2,}(?:-А|\(Я\))?(?![а-яё])|[а-яё]+)")


def dwellers(text: str) -> list[PlaceMatch]:
    """Places named by a dweller's word («нижегородца»: Нижний Новгород, «магаданцев»), a
    region's adjective («бурятского села») or abbreviation («РХ»), from `data/demonyms.csv`."""
    by_stem, longest = _demonyms()
    out = []
    for m in _WORD.finditer(text):
        word = m.group(0)
        row = by_stem.get(word) if word.isupper() else None  # an abbreviation, as written
        if row is None and not word.isupper():
            for n in range(min(len(word) - 1, longest), 1, -1):
                hit = by_stem.get(word[:n])
                if hit and word[n:] in _endings(hit[0]):
                    row = hit
                    break
        if row is None or (row[0] == "abbr") != word.isupper():
            continue
        _, settlement, region = row
        kind = "settlement" if settlement else "region"
        out.append(
            PlaceMatch(m.start(), m.end(), word, kind, region, settlement or None, (region,))
        )
    return out


def _motherland(text: str, place: PlaceMatch) -> bool:
    """«защищая свою Родину»: the motherland, not the village of Родино."""
    return place.kind == "settlement" and bool(
        re.match(r"родин[аеуы]", place.text.lower())
        or re.search(
            r"(?:сво\w+|наш\w+|за|защищ\w+)\s+$", text[max(0, place.start - 12) : place.start]
        )
    )


_KIND = re.compile(
    r"\b(?P<kind>сел[аоеу]|деревн[яиюе]|посёлк\w*|поселк\w*|пос\.|пгт|станиц[аеуы]|"
    r"хутор[аеу]?|аул[аеу]?|с\.|д\.|п\.)\s+(?P<name>[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?"
    r"(?:\s+[А-ЯЁ][а-яё]+)?)"
)
_AGREEING = (  # «в селе Кировском», «станицы Павлодольской»: the name agrees with the kind
    ("сел", r"(?:ом|ого|ому)$", "ое"),
    ("ст", r"(?:ой|ую)$", "ая"),
    ("дер", r"(?:ой|ую)$", "ая"),
)


def villages(text: str) -> list[PlaceMatch]:
    """Places the gazetteer does not know, named after «село», «деревня», «посёлок»: «в селе
    Байгул», «деревни Русскино», «станицы Павлодольской» (→ Павлодольская). News keeps most
    such names as they are; an adjective that agrees goes back to the nominative."""
    out = []
    for m in _KIND.finditer(text):
        written, kind = m.group("name"), m.group("kind").lower()
        words = written.split()
        if len(words) == 2 and not re.match(r"(?:Стар|Нов|Верхн|Нижн|Больш|Мал|Красн)", words[0]):
            written = words[0]  # «села Майма Фадеев …»: one word of a village, then a man
        name = written
        for prefix, ending, nominative in _AGREEING:
            if kind.startswith(prefix) and re.search(ending, name):
                name = re.sub(ending, nominative, name)
        start = m.start("name")
        out.append(PlaceMatch(start, start + len(written), written, "settlement", None, name, ()))
    return out


@lru_cache(maxsize=32)
def places_near(text: str) -> tuple[PlaceMatch, ...]:
    """The places a stretch of text names, dwellers' words and unknown villages among them, in
    order (kept for the last texts read: a text's men read their places from it)."""
    found = [p for p in find_places(text) if not _motherland(text, p)]
    found += [d for d in dwellers(text) if not any(p.start <= d.start < p.end for p in found)]
    # «в селе Кировском» is the village Кировское, not the town of Кировск
    agreeing = [v for v in villages(text) if v.settlement != v.text]
    found = [p for p in found if not any((v.start, v.end) == (p.start, p.end) for v in agreeing)]
    found += [v for v in villages(text) if not any(p.start <= v.start < p.end for p in found)]
    return tuple(sorted(found, key=lambda p: p.start))


def places_within(text: str, start: int, end: int) -> list[PlaceMatch]:
    """The places of `text` between `start` and `end`, with spans into `text[start:end]`."""
    return [
        replace(p, start=p.start - start, end=p.end - start)
        for p in places_near(text)
        if start <= p.start and p.end <= end
    ]


# A place named as where he was born or grew up (before it or after it: «в селе Харагун, где он
# родился»), and a place named as where he served («жил на Камчатке, по месту службы»).
BIRTH_CUE = re.compile(
    r"\b(?:уроженец|уроженц\w*|уроженк\w*|родом|родил\w*|вырос\w*|native|born|geboren|stammt\w*)"
    r"\W+(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)
_WHERE = r"^[\s,]{0,3}(?:где|в\s+котор\w+|откуда)\s+(?:\w+\s+){0,2}?"
BIRTH_AFTER = re.compile(_WHERE + r"(?:родил\w*|вырос\w*)\b", re.IGNORECASE)
HOME_AFTER = re.compile(_WHERE + r"(?:жил\w*|прожива\w*)\b", re.IGNORECASE)
AWAY_AFTER = re.compile(
    r"^[\s,]{0,3}по\s+месту\s+(?:службы|несения)|"
    + _WHERE
    + r"(?:служ\w*|проходил\w*|погиб\w*|воевал\w*|лечил\w*|дислоц\w*)",
    re.IGNORECASE,
)
# between two regions of a list: a comma or «и», or a short item the gazetteer does not read
# («Краснодарского края, Ульяновской и Астраханской областей, Кабардино-Балкарии»)
_LISTED = re.compile(r"\s*(?:,|\bи\b|\bили\b)\s*|\s*,[^.!?;:\n]{1,40},\s*")


_BESIDE = 24  # characters between a town and the region written after it


def _in_a_list_of_regions(text: str, place: PlaceMatch, places: Sequence[PlaceMatch]) -> bool:
    """«погибшие из Чечни, Дагестана, Калмыкии»: a region listed with others is nobody's home."""
    return place.kind == "region" and any(
        q.kind == "region"
        and q.region_code != place.region_code
        and _LISTED.fullmatch(text, min(q.end, place.end), max(q.start, place.start))
        for q in places
        if q is not place
    )


def _strength(text: str, p: PlaceMatch, running: bool) -> int:
    """How surely a place is his home: 3 born or grew up there, 2 lived there or came from it
    («житель», «из», a dweller's word), 1 named without a cue, 0 not his home (where he fell,
    served, was treated; a front region; one of a list of regions)."""
    window = re.split(r"[.!?\n]\s", text[max(0, p.start - 50) : p.start])[-1]  # its sentence
    after = text[p.end : p.end + 40]
    if BIRTH_CUE.search(window) or BIRTH_AFTER.match(after):
        return 3
    if not running:
        return 1
    if AWAY_AFTER.match(after):
        return 0
    if HOME_CUE.search(window) or p.text[:1].islower() or HOME_AFTER.match(after):
        return 2
    if AWAY_CUE.search(window) or p.region_code in FRONT:
        return 0
    return 1


def home_and_strength(
    text: str, places: Sequence[PlaceMatch], running: bool = True
) -> tuple[dict[str, tuple[str, PlaceMatch]], int]:
    """A man's settlement and region from the places of one stretch of text, and how surely
    it is his home (`_strength` of the place chosen). The surest place first, a settlement
    before a district (his village, with the district that says which region it is in); an
    ambiguous settlement resolved by a region named with it; a city that is a region (Москва)
    is both. In running text a place of war or service is never his home; a field of a
    memorial card names his home whatever it says."""
    out: dict[str, tuple[str, PlaceMatch]] = {}
    rated = [
        (0 if _in_a_list_of_regions(text, p, places) else _strength(text, p, running), k, p)
        for k, p in enumerate(places)
    ]
    rated = sorted((r for r in rated if r[0]), key=lambda r: (-r[0], r[1]))
    local = [(s, p) for s, _, p in rated if p.kind in ("settlement", "district")]
    regions = [(s, p) for s, _, p in rated if p.kind == "region"]
    towns = [(s, p) for s, p in local if p.kind == "settlement"]
    # his village before the district it is in, when it is named as surely
    chosen = towns[0] if towns and towns[0][0] >= local[0][0] else local[0] if local else None
    if chosen is not None:
        strength, place = chosen
        # a region or a district named with an ambiguous settlement says which one it is
        hint = next((r for _, r in regions if r.region_code in place.candidates), None) or next(
            (d for _, d in local if d.kind == "district" and d.region_code), None
        )
        if place.kind == "settlement" and place.settlement:
            out["settlement"] = (place.settlement, place)
        if place.region_code:
            out["region"] = (place.region_code, place)
        elif hint and (hint.kind == "district" or hint.region_code in place.candidates):
            out["region"] = (hint.region_code, hint)
    elif regions:
        strength, place = regions[0]
        out["region"] = (place.region_code, place)
    else:
        return out, 0
    if "region" not in out and regions and not place.candidates:
        out["region"] = (regions[0][1].region_code, regions[0][1])
    elif "region" not in out and place.kind == "settlement":
        # «Troitsk in the Moscow region», «г. Троицк, Московская обл.»: a region written right
        # after a town the gazetteer places elsewhere is the text's word on a namesake it lacks
        beside = [r for _, r in regions if 0 <= r.start - place.end <= _BESIDE]
        if beside:
            out["region"] = (beside[0].region_code, beside[0])
    if "settlement" not in out and "region" in out and out["region"][0] in CITY_REGIONS:
        out["settlement"] = (CITY_REGIONS[out["region"][0]], out["region"][1])
    return out, strength


def home(
    text: str, places: Sequence[PlaceMatch], running: bool = True
) -> dict[str, tuple[str, PlaceMatch]]:
    """A man's settlement and region from the places named near him (`home_and_strength`)."""
    return home_and_strength(text, places, running)[0]


def best_home(
    text: str, stretches: Sequence[Sequence[tuple[int, int]]]
) -> dict[str, tuple[str, PlaceMatch]]:
    """His home from the stretches of `text` that speak of him, in tiers (his own parts, then
    the parts about nobody in particular): the surest place of the first tier that names one,
    the earliest among equals; what it leaves open (the region of a village the gazetteer does
    not know, the town of a region) from the other places that agree with it. Spans are into
    `text`."""
    rated = []
    for tier, spans in enumerate(stretches):
        for order, (start, end) in enumerate(spans):
            got, strength = home_and_strength(text[start:end], places_within(text, start, end))
            if got:
                moved = {k: (v, replace(m, start=m.start + start, end=m.end + start))
                         for k, (v, m) in got.items()}  # fmt: skip
                rated.append(((tier, -strength, order), moved))
    rated.sort(key=lambda r: r[0])
    if not rated:
        return {}
    best = dict(rated[0][1])
    for _, other in rated[1:]:
        town = best.get("settlement")
        if "region" not in best and "region" in other:
            candidates = town[1].candidates if town else ()
            if not candidates or other["region"][0] in candidates:
                best["region"] = other["region"]
        elif town is None and "settlement" in other:
            if other["settlement"][1].region_code == best["region"][0]:
                best["settlement"] = other["settlement"]
    return best


def region_of_text(text: str) -> PlaceMatch | None:
    """The one region a whole text places its people in, if it names only one (the places of
    war and service aside): «В Мурманской области проводили … Старший сержант Сергей
    Широких …». None when it names several."""
    found = {}
    for p in places_near(text):
        window = re.split(r"[.!?\n]\s", text[max(0, p.start - 50) : p.start])[-1]
        if p.region_code and p.region_code not in FRONT and not AWAY_CUE.search(window):
            found.setdefault(p.region_code, p)
    return next(iter(found.values())) if len(found) == 1 else None
