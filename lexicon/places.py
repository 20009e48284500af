"""Place gazetteer: federal subjects, towns and villages, rural districts, and where texts name them.

Data live in ``lexicon/data/{regions,settlements,districts}.csv`` and are read once, on first use,
into dictionaries keyed by folded case forms, so a lookup is a handful of dict probes per word.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from lexicon._forms import (
    BLOCKED,
    COMMON_NAMES,
    EN_COMMON,
    EN_PATTERNS,
    LATIN_EXONYMS,
    PREFIXES,
    TOWN_ALIASES,
    district_forms,
    instrumental_forms,
    is_adjective,
    key,
    region_forms,
    settlement_forms,
    word_risk,
)
from lexicon.foreign_spelling import german
from lexicon.place_words import (
    Found,
    Part,
    adjacent,
    cued,
    cut_parts,
    is_latin,
    next_to_given_name,
    noun_follows,
    sentence_start,
    wants_a_town,
)

_DATA = Path(__file__).with_name("data")
_MAX_PARTS = 8
_HINT_DISTANCE = 150
_FEDERAL_CITIES = frozenset({"MOW", "SPE", "UA-40"})
# What may stand between the words of one name: spaces, dashes, dots, brackets, quotes.
_GAP = re.compile(r"[\s.()\"«»\-\u2010-\u2015\u2212]{0,5}")


@dataclass(frozen=True)
class Region:
    code: str
    name_ru: str
    name_en: str
    capital: str | None


@dataclass(frozen=True)
class Settlement:
    name: str
    region_code: str
    kind: str
    population: int
    name_en: str


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    text: str
    kind: str  # "region" | "settlement" | "district"
    region_code: str | None  # None when ambiguous and unresolved
    settlement: str | None  # nominative name for settlement/district matches
    candidates: tuple[str, ...]  # all region codes possible for an ambiguous name


@dataclass(frozen=True)
class _District:
    name: str
    region_code: str
    population: int = 0


def _read(name: str) -> list[dict[str, str]]:
    with (_DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class _Index:
    def __init__(self) -> None:
        self.regions: dict[str, Region] = {}
        self.region_keys: dict[str, str] = {}
        self.generated: dict[str, set[str]] = {}  # English "X Oblast" patterns, lower priority
        self.cased: dict[str, str] = {}  # key -> abbreviation as written (ХМАО, СПб)
        self.exact: dict[str, str] = {}  # whole-string-only names: ISO codes, РБ, РТ
        self.conflicts: dict[str, set[str]] = {}
        self.towns: dict[str, list[Settlement]] = {}
        self.districts: dict[str, list[_District]] = {}
        self.foreign: dict[str, list[Settlement]] = {}  # German spellings, exonyms
        self.instrumental: dict[str, set[Settlement]] = {}  # key -> towns it is the ins. of
        self.blocked = {k for b in BLOCKED for k in region_forms(b)}
        for row in _read("regions.csv"):
            self._add_region(row)
        for k, codes in self.generated.items():
            if len(codes) == 1 and k not in self.region_keys:
                self.region_keys[k] = next(iter(codes))
        by_name: dict[tuple[str, str], Settlement] = {}
        for row in _read("settlements.csv"):
            s = Settlement(
                row["name"],
                row["region_code"],
                row["kind"],
                int(row["population"] or 0),
                row["name_en"],
            )
            by_name[s.name, s.region_code] = s
            forms = settlement_forms(s.name, row["gen"], row["loc"])
            for k in forms | {key(s.name_en)}:
                self.towns.setdefault(k, []).append(s)
            cases = {key(s.name), key(row["gen"]), key(row["loc"])}
            for k in instrumental_forms(s.name, row["gen"], row["loc"]) - cases:
                self.instrumental.setdefault(k, set()).add(s)
        for s in by_name.values():
            if word_risk(key(s.name)) == 2:
                continue  # «von Wladimir Putin»: a German spelling that is a man's name
            for k in {key(" ".join(german(w) for w in s.name.split()))} - self.towns.keys():
                self.foreign.setdefault(k, []).append(s)
        for name, target in LATIN_EXONYMS.items():
            self.foreign.setdefault(key(name), []).append(by_name[target])
        for (nom, gen, loc), target in TOWN_ALIASES.items():
            for k in settlement_forms(nom, gen, loc):
                self.towns.setdefault(k, []).append(by_name[target])
        for row in _read("districts.csv"):
            d = _District(row["name"], row["region_code"])
            for k in district_forms(d.name, row["gen"], row["loc"]):
                self.districts.setdefault(k, []).append(d)
        for table in (self.towns, self.districts):
            for k, places in table.items():
                table[k] = sorted(dict.fromkeys(places), key=lambda p: -p.population)
        for k in self.conflicts:
            del self.region_keys[k]

    def _add_region(self, row: dict[str, str]) -> None:
        code = row["code"]
        self.regions[code] = Region(code, row["name_ru"], row["name_en"], row["capital"] or None)
        self.exact[code] = code
        names_ru = [row["name_ru"], *filter(None, row["aliases_ru"].split("|"))]
        names_en = [row["name_en"], *filter(None, row["aliases_en"].split("|"))]
        for name in names_ru + names_en:
            if len(name) == 2 and name.isupper() and not is_latin(name.lower()):
                self.exact[name] = code  # РБ, РТ: too short to trust inside running text
                continue
            forms = region_forms(name) if name in names_ru else {key(name)}
            abbreviation = any(sum(c.isupper() for c in w) >= 2 for w in re.split(r"[\s\-]", name))
            for k in forms:
                if self.region_keys.setdefault(k, code) != code:
                    self.conflicts.setdefault(k, {self.region_keys[k]}).add(code)
                if abbreviation:
                    self.cased[k] = name
        for name in names_en:
            if not re.search(r"(?i)\b(oblast|krai|region|republic|okrug|city|territory)\b", name):
                for pattern in EN_PATTERNS:
                    self.generated.setdefault(key(pattern.format(name)), set()).add(code)

    def scan(self, text: str, mode: str) -> list[PlaceMatch]:
        """Leftmost-longest matches. mode: "text" (all checks), "field" (a short place
        value: no cue needed), "region" (regions only)."""
        parts = cut_parts(text)
        found: list[Found] = []
        i = 0
        while i < len(parts):
            hit = self._longest(text, parts, i, mode) if parts[i].first else None
            if hit is None:
                i += 1
                continue
            if hit.kind != "blocked":
                found.append(hit)
            i = hit.j + 1
        anchors = [f for f in found if f.kind in ("region", "district")]
        out = []
        for f in found:
            # a name that may be a word or a man's needs a region of its own beside it
            if f.needs_anchor and not any(
                adjacent(text, parts, f, a) and _codes(a) & _codes(f) for a in anchors
            ):
                continue
            out.append(self._match(text, parts, f))
        return _resolve(out)

    def _longest(self, text: str, parts: list[Part], i: int, mode: str) -> Found | None:
        keys = [parts[i].fold]
        for j in range(i + 1, min(len(parts), i + _MAX_PARTS)):
            if not _GAP.fullmatch(text, parts[j - 1].end, parts[j].start):
                break
            keys.append(keys[-1] + " " + parts[j].fold)
        for n in range(len(keys) - 1, -1, -1):
            if parts[i + n].last:
                hit = self._classify(keys[n], text, parts, i, i + n, mode)
                if hit is not None:
                    return hit
        return None

    def _classify(self, k: str, text: str, parts: list[Part], i: int, j: int, mode: str):
        if k in self.blocked:
            return Found(i, j, "blocked", ())
        code = self.region_keys.get(k)
        towns = self.towns.get(k, []) if mode != "region" else []
        if code and (mode != "text" or self._region_ok(k, parts, i, j, text)):
            same = [t for t in towns if t.region_code == code]
            if is_latin(k) and same and code not in _FEDERAL_CITIES:
                return Found(i, j, "settlement", (same[0],))
            return Found(i, j, "region", (code,))
        if mode == "region":
            return None
        if k in self.districts:
            return Found(i, j, "district", tuple(self.districts[k]))
        if (
            i
            and parts[i - 1].fold in ("в", "во")
            and text[parts[i - 1].end : parts[i].start] == " "
        ):
            # «в Новочеркасском»: not the instrumental of Новочеркасск, a village's locative
            towns = [t for t in towns if t not in self.instrumental.get(k, ())]
        if len(towns) > 1 and i:
            # «г. Починок» is the town in Smolensk oblast, not the genitive of the village
            # Починки: a word of kind before the name keeps the towns of that kind
            town = wants_a_town(parts[i - 1].fold)
            if town is not None:
                towns = [t for t in towns if (t.kind == "город") == town] or towns
        if not towns and is_latin(k) and k in self.foreign and parts[i].orig[:1].isupper():
            # «aus Sabaikalsk», «Dorf Apalicha»: a German spelling, only where a word says so
            return Found(i, j, "settlement", tuple(self.foreign[k]), not cued(text, parts, i))
        if not towns:
            return None
        if mode == "field":
            return Found(i, j, "settlement", tuple(towns))
        return self._town(k, towns, text, parts, i, j)

    def _town(
        self, k: str, towns: list[Settlement], text: str, parts: list[Part], i: int, j: int
    ) -> Found | None:
        """Accept a settlement name in running text, or ask for a region next to it (anchor).

        Names that are also people's names, adjectives or listed everyday words need a cue
        word before them («в», «жителя», «села»); ones that are only rare common nouns need a
        capital letter away from the start of a sentence."""
        capital = parts[i].orig[:1].isupper()
        if i != j or is_latin(k):
            if not capital:
                return None
            strict = i == j and (k in EN_COMMON or re.search(r"(ov|ev|in|yov|sky)$", k))
            return Found(
                i, j, "settlement", tuple(towns), bool(strict) and not cued(text, parts, i)
            )
        adjective = any(is_adjective(key(t.name)) for t in towns)
        risk = word_risk(k)
        strict = (
            len(k) <= 2 or adjective or risk == 2 or any(key(t.name) in COMMON_NAMES for t in towns)
        )
        if not strict and risk == 0:
            if next_to_given_name(parts, i, text) and not cued(text, parts, i):
                return None  # «Кашин Сергей Романович»: a surname like a town
            return Found(i, j, "settlement", tuple(towns))
        if not capital or (adjective and noun_follows(text, parts, i)):
            return None
        if cued(text, parts, i):
            return Found(i, j, "settlement", tuple(towns))
        if next_to_given_name(parts, i):  # «Сергей Калуга», «Иваново Михаил»: a person
            return None
        loose = not strict and not sentence_start(text, parts[i].start)
        return Found(i, j, "settlement", tuple(towns), not loose)

    def _region_ok(self, k: str, parts: list[Part], i: int, j: int, text: str) -> bool:
        written = self.cased.get(k)
        if written:
            abbrevs = [w for w in re.split(r"[\s\-()]", written) if sum(map(str.isupper, w)) >= 2]
            seen = [p.orig for p in parts[i : j + 1]]
            return all(
                any(s == a or (s.isupper() and s.lower() == a.lower()) for s in seen)
                for a in abbrevs
            )
        if i != j:
            return True
        # One-word names that are also words («коми», «камчатка») need a capital; ones that
        # are also people's names («Питер», «Vladimir») need a cue word too.
        risk = 2 if k in EN_COMMON else 1 if is_latin(k) else word_risk(k)
        if risk and not parts[i].orig[:1].isupper():
            return False
        return risk < 2 or cued(text, parts, i)

    def _match(self, text: str, parts: list[Part], f: Found) -> PlaceMatch:
        start, end = parts[f.i].start, parts[f.j].end
        if text.count("(", start, end) > text.count(")", start, end) and text[end : end + 1] == ")":
            end += 1
        if f.kind == "region":
            code = f.places[0]
            return PlaceMatch(start, end, text[start:end], "region", code, None, (code,))
        codes = tuple(dict.fromkeys(p.region_code for p in f.places))
        code = codes[0] if len(codes) == 1 else None
        return PlaceMatch(start, end, text[start:end], f.kind, code, f.places[0].name, codes)


def _codes(f: Found) -> set[str]:
    return {p if isinstance(p, str) else p.region_code for p in f.places}


def _resolve(matches: list[PlaceMatch]) -> list[PlaceMatch]:
    """Give an ambiguous settlement or district the region named nearest to it, if any; failing
    that, the one of its regions the text names anywhere (a region, or a district or town of
    one region only): «жителей Нижегородской области … похоронят в Ардатове» (Ардатов is in
    Mordovia and in Nizhny Novgorod oblast)."""
    hints = [m for m in matches if m.region_code and m.kind in ("region", "district")]
    named = {m.region_code for m in matches if m.region_code and len(m.candidates) == 1}
    out = []
    for m in matches:
        if m.region_code is None:
            near = [
                (max(h.start - m.end, m.start - h.end), h.region_code)
                for h in hints
                if h.region_code in m.candidates
            ]
            near = [n for n in near if n[0] <= _HINT_DISTANCE]
            anywhere = named.intersection(m.candidates)
            if near:
                m = _with_region(m, min(near)[1])
            elif len(anywhere) == 1:
                m = _with_region(m, anywhere.pop())
        out.append(m)
    return out


def _with_region(m: PlaceMatch, code: str) -> PlaceMatch:
    idx = _index()
    table = idx.districts if m.kind == "district" else idx.towns
    name = next(p.name for p in table[key(m.text)] if p.region_code == code)
    return PlaceMatch(m.start, m.end, m.text, m.kind, code, name, m.candidates)


@functools.cache
def _index() -> _Index:
    return _Index()


def all_regions() -> list[Region]:
    """Every federal subject, including Crimea, Sevastopol and the four annexed regions."""
    return list(_index().regions.values())


def region_by_code(code: str) -> Region:
    """The region with this code; KeyError if there is none."""
    return _index().regions[code]


def find_region(text: str) -> Region | None:
    """The one region a short string names (any case, alias, abbreviation, English, code)."""
    idx = _index()
    exact = idx.exact.get(text.strip())
    if exact:
        return idx.regions[exact]
    codes = {m.region_code for m in idx.scan(text, "region")}
    return idx.regions[codes.pop()] if len(codes) == 1 else None


def find_settlements(name: str) -> list[Settlement]:
    """Settlements a short string names, in any case form, with «г.», «с.», «в» and the like."""
    parts = key(name).split()
    while len(parts) > 1 and parts[0] in PREFIXES:
        parts = parts[1:]
    return list(_index().towns.get(" ".join(parts), []))


def resolve_place(text: str) -> str | None:
    """Region code for a short place value (region, settlement or district); None if unknown
    or ambiguous. A region named outright wins over what a settlement name suggests."""
    idx = _index()
    exact = idx.exact.get(text.strip())
    if exact:
        return exact
    matches = idx.scan(text, "field")
    regions = {m.region_code for m in matches if m.kind == "region"}
    local = [set(m.candidates) for m in matches if m.kind != "region"]
    if len(regions) == 1:
        return regions.pop()
    if regions:
        narrowed = regions.intersection(*local) if len(local) == 1 else set()
        return narrowed.pop() if len(narrowed) == 1 else None
    common = set.intersection(*local) if local else set()
    return common.pop() if len(common) == 1 else None


def find_places(text: str) -> list[PlaceMatch]:
    """Regions, districts and settlements named in running text, with spans into ``text``."""
    return _index().scan(text, "text")
