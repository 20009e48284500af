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
    found += [v for v in villages(text) if not any(p.start <= v.start < p.end for p in found)]
    return tuple(sorted(found, key=lambda p: p.start))


def places_within(text: str, start: int, end: int) -> list[PlaceMatch]:
    """The places of `text` between `start` and `end`, with spans into `text[start:end]`."""
    return [
        replace(p, start=p.start - start, end=p.end - start)
        for p in places_near(text)
        if start <= p.start and p.end <= end
    ]


def home(
    text: str, places: list[PlaceMatch] | tuple[PlaceMatch, ...], running: bool = True
) -> dict[str, tuple[str, PlaceMatch]]:
    """A man's settlement and region from the places named near him: a place after «житель»,
    «уроженец», «из» or a dweller's word first, then any place that is not one of war or
    service (in running text; a field of a memorial card names his home whatever it says);
    an ambiguous settlement resolved by a region named with it; a city that is a region
    (Москва) is both."""
    out: dict[str, tuple[str, PlaceMatch]] = {}

    def before(p: PlaceMatch) -> str:
        window = text[max(0, p.start - 50) : p.start]
        return re.split(r"[.!?\n]\s", window)[-1]  # within its sentence

    cued = [p for p in places if HOME_CUE.search(before(p)) or p.text[:1].islower()]
    other = [
        p
        for p in places
        if p not in cued
        and not (running and (AWAY_CUE.search(before(p)) or p.region_code in FRONT))
    ]
    ordered = cued + other
    settlements = [p for p in ordered if p.kind in ("settlement", "district")]
    regions = [p for p in ordered if p.kind == "region"]
    chosen = settlements[0] if settlements else None
    hint = None
    if chosen is not None:
        # a region or a district named with an ambiguous settlement says which one it is
        hint = next((r for r in regions if r.region_code in chosen.candidates), None) or next(
            (d for d in settlements if d.kind == "district" and d.region_code), None
        )
        if chosen.kind == "settlement" and chosen.settlement:
            out["settlement"] = (chosen.settlement, chosen)
        if chosen.region_code:
            out["region"] = (chosen.region_code, chosen)
        elif hint:
            out["region"] = (hint.region_code, hint)
    if "region" not in out and regions:
        out["region"] = (regions[0].region_code, regions[0])
    if "settlement" not in out and "region" in out and out["region"][0] in CITY_REGIONS:
        out["settlement"] = (CITY_REGIONS[out["region"][0]], out["region"][1])
    return out


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
