"""Military units in running text, Russian or English, and their canonical short forms.

Pages write one unit many ways: «36-я отдельная гвардейская мотострелковая бригада», «36 омсбр»,
«36-й ОМСБр», «в 36-й отдельной гвардейской мотострелковой бригаде», «36th Separate Guards Motor
Rifle Brigade»; bare unit numbers as «в/ч 06705», «войсковая часть 06705», «military unit 06705».

Canonical forms (always lower case):

* ``"<number> <abbr>"`` with ``abbr`` from ``data/unit_types.csv``: ``"36 омсбр"``, ``"76 дшд"``.
  «гвардейская»/«гв.», honorific names («Таманская», «Краснознамённая», «ордена Кутузова») and
  the garrison never change the canonical form.
* «отдельная» changes the abbreviation only when unit_types.csv has both a separate and a plain
  type with the same remaining name (``омсп`` / ``мсп``). Brigades exist in one kind only, so
  «36-я гвардейская мотострелковая бригада», «36 мсбр» and «36 омсбр» all give ``"36 омсбр"``
  (Russian practice calls every brigade «отдельная»). Abbreviation variants (мсбр, тбр, дшбр,
  оабр) are folded into the canonical abbreviation by ``_ABBR_ALIASES``.
* ``"в/ч NNNNN"`` for a bare military unit number (4 or 5 digits; Rosgvardia uses 4).
  ``unit_by_vch`` maps a known number back to ``"<number> <abbr>"``.
* named formations: ``"шторм-z"``, ``"шторм-v"``, ``"чвк вагнер"``, ``"чвк <name>"``,
  ``"<noun> <name>"`` for a quoted name after батальон/бригада/полк/отряд/рота/дивизион/спецназ
  (``"батальон восток"``), ``"штурмовой отряд"``, ``"барс"`` / ``"барс-13"``.

A number with a unit noun but no type («36-я бригада») is too ambiguous and is not matched; the
two-letter abbreviations that are also words (та, оа, ап, ак) need upper case («1 ТА»), an
ordinal ending («58-я оа») or «гв.» («1 гв. та»).
All matching is regular expressions on a same-length copy of the text (ё→е, one dash and quote),
so spans point into the original string; a 3,000-character article scans in about a millisecond.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lexicon.text import fold, unify_same_length

_DATA = Path(__file__).parent / "data"


# Adjective endings of every gender, case and number: the type words agree with the noun.
_A = r"(?:ая|яя|ой|ей|ую|юю|ою|ею|ый|ий|ого|его|ому|ему|ым|им|ом|ем|ые|ие|ых|их|ыми|ими)"
_NUM_RU = r"(?<![\w/.,№-])(?P<num>\d{1,4})(?:\s?-\s?[а-я]{1,3})?"
_NUM_EN = r"(?<![\w/.,-])(?P<num>\d{1,4})(?:st|nd|rd|th)?"
_MOD = (
    rf"(?:(?:отдельн|гвардейск|краснознаменн|горн|арктическ){_A}|казач\w{{1,4}}|гв\.|гв(?=\s)"
    rf"|\((?:горн|арктическ){_A}\))"
)
_HON = r"(?-i:[А-Я][А-Яа-я-]*?(?:ая|ой|ую|ий|ый|ого|ому|ым|ом|ей|ых|ые|ие|их))"
_ORDER = r"(?:ордена\s+(?-i:[А-Я][а-я]+)(?:\s+(?-i:[А-Я][а-я]+))?)"
_GAP_RU = rf"(?:{_MOD}|{_HON}|{_ORDER})"
_GAP_EN = r"(?:Separate|Independent|Guards|Red\s+Banner|(?-i:[A-Z][a-z]+(?:-[A-Z][a-z]+)*))"
_COMPLEMENTS = {"специального назначения": r"(?:специального\s+назначения|спецназа|спецназначения)"}
_EN_ALIASES = {
    "Motor Rifle": r"Motor(?:i[sz]ed)?\s+Rifle",
    "Naval Infantry": r"(?:Naval\s+Infantry|Marine\s+Infantry|Marine)",
    "Special Purpose": r"(?:Special\s+Purpose|Special\s+Forces|Spetsnaz)",
    "Air Assault": r"(?:Air\s+Assault|Airborne\s+Assault)",
    "Parachute": r"(?:Parachute(?:\s+Assault)?|Airborne)",
    "Anti-Aircraft": r"(?:Anti-Aircraft|Air\s+Defen[cs]e)",
    "Machine Gun": r"Machine[\s-]Gun(?:\s+and)?",
}
_ABBR_ALIASES = {"мсбр": "омсбр", "тбр": "отбр", "дшбр": "одшбр", "оабр": "абр"}
# Abbreviations that are also everyday words («3 та самая»): upper case, or after «-я»/«гв.».
_AMBIGUOUS_ABBRS = {"та", "оа", "ап", "ак"}
_NAMED_NOUNS = {
    "батальон": "батальон", "бригад": "бригада", "полк": "полк", "отряд": "отряд",
    "рот": "рота", "дивизион": "дивизион", "спецназ": "спецназ",
}  # fmt: skip
_NAMED_DISPLAY = {
    "шторм-z": "отряд «Шторм-Z»",
    "шторм-v": "отряд «Шторм-V»",
    "чвк вагнер": "ЧВК «Вагнер»",
    "барс": "Боевой армейский резерв страны (БАРС)",
}


@dataclass(frozen=True)
class UnitMatch:
    start: int
    end: int
    text: str
    number: str | None
    abbr: str | None
    canonical: str
    vch: str | None


@dataclass(frozen=True)
class UnitType:
    abbr: str
    full_nom: str
    full_gen: str
    en: str
    kind: str


@dataclass(frozen=True)
class KnownUnit:
    number: str
    abbr: str
    full_nom: str
    honorific: str
    garrison_region_code: str
    vch: str
    en: str

    @property
    def canonical(self) -> str:
        return f"{self.number} {self.abbr}"


def _read(name: str) -> list[dict[str, str]]:
    with open(_DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def unit_types() -> dict[str, UnitType]:
    """unit_types.csv by abbreviation."""
    return {r["abbr"]: UnitType(**r) for r in _read("unit_types.csv")}


@cache
def known_units() -> dict[str, KnownUnit]:
    """known_units.csv by canonical form ``"<number> <abbr>"``."""
    units = (KnownUnit(**r) for r in _read("known_units.csv"))
    return {u.canonical: u for u in units}


@cache
def _by_vch() -> dict[str, str]:
    return {u.vch: c for c, u in known_units().items() if u.vch}


def _noun_re(noun: str) -> str:
    if noun.endswith("ия"):
        return re.escape(noun[:-1]) + r"(?:я|и|ю|ей|ею|ям|ями|ях)"
    if noun.endswith("а"):
        return re.escape(noun[:-1]) + r"(?:а|ы|е|у|ой|ою|ам|ами|ах)?"
    return re.escape(noun) + r"(?:а|у|ом|е|ы|и|ов)?"


def _core_ru(full_nom: str) -> tuple[str, str]:
    """(key, regex) of a type's Russian name without «отдельная»: adjectives, noun, complement."""
    words = [w for w in fold(full_nom).split() if not w.startswith("отдельн")]
    i = next(i for i, w in enumerate(words) if not w.endswith(("ая", "яя", "ый", "ий", "ой")))
    adjs = [re.escape(w[:-2]) + _A for w in words[:i]]
    comp = " ".join(words[i + 1 :])
    rx = r"\s+".join(adjs)
    rx += (rf"(?:\s+{_GAP_RU}){{0,3}}\s+" if adjs else "") + _noun_re(words[i])
    if comp:
        rx += r"\s+" + _COMPLEMENTS.get(comp, r"\s+".join(map(re.escape, comp.split())))
    return " ".join(words), rx


def _core_en(en: str) -> tuple[str, str]:
    core = re.sub(r"\b(?:Separate|Independent)\s+", "", en)
    rx = re.escape(core).replace(r"\ ", " ")
    for plain, alias in _EN_ALIASES.items():
        rx = rx.replace(re.escape(plain).replace(r"\ ", " "), alias)
    return core.lower(), rx.replace(" ", r"\s+")


def _grouped(lang: str) -> tuple[list[tuple[str, str]], dict[str, dict[bool, str]]]:
    """Alternatives (key, regex) longest first, and key -> {separate?: abbr}."""
    groups: dict[str, dict[bool, str]] = {}
    regexes: dict[str, str] = {}
    for t in unit_types().values():
        key, rx = _core_ru(t.full_nom) if lang == "ru" else _core_en(t.en)
        separate = t.full_nom.startswith("отдельн")
        groups.setdefault(key, {})[separate] = t.abbr
        regexes[key] = rx
    return sorted(regexes.items(), key=lambda kv: -len(kv[0])), groups


@cache
def _patterns() -> dict[str, tuple[re.Pattern[str], list[str], dict[str, dict[bool, str]]]]:
    out = {}
    for lang, num, gap, mods in (("ru", _NUM_RU, _GAP_RU, 4), ("en", _NUM_EN, _GAP_EN, 5)):
        alts, groups = _grouped(lang)
        body = "|".join(f"(?P<t{i}>{rx})" for i, (_, rx) in enumerate(alts))
        rx = rf"{num}\s+(?:{gap}\s+){{0,{mods}}}?(?:{body})(?![\w-])"
        out[lang] = (re.compile(rx, re.I), [k for k, _ in alts], groups)
    abbrs = sorted([*unit_types(), *_ABBR_ALIASES], key=len, reverse=True)
    abbr_rx = rf"{_NUM_RU}\s*(?:(?:гв\.?|гвардейск\w*)\s*)?(?P<abbr>{'|'.join(abbrs)})(?![\w-])"
    out["abbr"] = (re.compile(abbr_rx, re.I), [], {})
    return out


_VCH_RE = re.compile(
    r"(?<![\w/])(?:в\s?/\s?ч|в\.\s?ч\.?|вч|(?:войсков|военн|воинск)\w*\s+част\w*|military\s+unit)"
    r"\s*(?:№|no\.?|#)?\s*-?\s*(?P<vch>\d{4,5})(?!\d)",
    re.I,
)
_STORM_RE = re.compile(
    r'(?<![\w-])(?:(?:штурмов\w*\s+)?отряд\w*\s+)?"?(?:шторм|storm)\s*-?\s*(?P<x>[zзv])"?(?!\w)',
    re.I,
)
_WAGNER_RE = re.compile(
    r'(?<![\w-])(?:(?:чвк|pmc|частн\w+\s+военн\w+\s+компани\w+|групп[аыеу]|группой)\s*"?'
    r'(?:вагнер\w*|wagner)"?|wagner\s+(?:group|pmc))(?![\w-])',
    re.I,
)
_PMC_RE = re.compile(
    r'(?<![\w-])(?:чвк|pmc)\s*(?:"(?P<q>[^"]{2,30})"|(?P<w>редут|конвой|патриот)\w{0,2}(?![\w-]))',
    re.I,
)
_QUOTED_RE = re.compile(
    rf'(?<![\w-])(?P<noun>{"|".join(_NAMED_NOUNS)})\w*\s+"(?P<name>[^"]{{2,30}})"', re.I
)
_ASSAULT_RE = re.compile(
    rf"(?<![\w-])штурмов{_A}\s+отряд(?:а|у|ом|е|ы|ов|ам|ами|ах)?(?![\w-])", re.I
)
_BARS_RE = re.compile(
    r"(?<![\w-])(?:(?-i:БАРС)(?:\s*-\s*(?P<n>\d{1,3}))?|боев\w+\s+армейск\w+\s+резерв\w*\s+"
    r"страны)(?![\w-])",
    re.I,
)


def _numbered(num: str, abbr: str) -> tuple[str, str | None]:
    canonical = f"{int(num)} {_ABBR_ALIASES.get(abbr, abbr)}"
    unit = known_units().get(canonical)
    return canonical, (unit.vch or None) if unit else None


def _candidates(text: str, prepped: str) -> list[tuple[int, int, int, UnitMatch]]:
    out: list[tuple[int, int, int, UnitMatch]] = []

    def add(m: re.Match[str], canonical: str, prio: int, number=None, abbr=None, vch=None):
        s, e = m.span()
        out.append((s, e, prio, UnitMatch(s, e, text[s:e], number, abbr, canonical, vch)))

    pats = _patterns()
    for lang in ("ru", "en"):
        rx, keys, groups = pats[lang]
        for m in rx.finditer(prepped):
            key = next(k for i, k in enumerate(keys) if m.group(f"t{i}") is not None)
            kinds = groups[key]
            sep = bool(re.search(r"отдельн|separate|independent", m.group(0), re.I))
            abbr = kinds[sep] if len(kinds) > 1 and sep in kinds else next(iter(kinds.values()))
            canonical, vch = _numbered(m["num"], abbr)
            add(m, canonical, 0, str(int(m["num"])), canonical.split()[1], vch)
    for m in pats["abbr"][0].finditer(prepped):
        between = prepped[m.end("num") : m.start("abbr")]
        if m["abbr"].lower() in _AMBIGUOUS_ABBRS and not (
            m["abbr"].isupper() or "-" in between or "гв" in between.lower()
        ):
            continue
        canonical, vch = _numbered(m["num"], m["abbr"].lower())
        add(m, canonical, 0, str(int(m["num"])), canonical.split()[1], vch)
    for m in _VCH_RE.finditer(prepped):
        add(m, f"в/ч {m['vch']}", 0, vch=m["vch"])
    for m in _STORM_RE.finditer(prepped):
        add(m, "шторм-v" if m["x"].lower() == "v" else "шторм-z", 1)
    for m in _WAGNER_RE.finditer(prepped):
        add(m, "чвк вагнер", 1)
    for m in _PMC_RE.finditer(prepped):
        name = fold(m["q"] or m["w"])
        add(m, "чвк вагнер" if name.startswith("вагнер") else f"чвк {name}", 2)
    for m in _QUOTED_RE.finditer(prepped):
        add(m, f"{_NAMED_NOUNS[m['noun'].lower()]} {fold(m['name'])}", 3)
    for m in _ASSAULT_RE.finditer(prepped):
        add(m, "штурмовой отряд", 4)
    for m in _BARS_RE.finditer(prepped):
        add(m, f"барс-{int(m['n'])}" if m["n"] else "барс", 4)
    return out


def find_units(text: str) -> list[UnitMatch]:
    """Every unit mention in ``text``, in order, without overlaps (longest first at a position)."""
    prepped = unify_same_length(text)
    found = sorted(_candidates(text, prepped), key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
    result: list[UnitMatch] = []
    end = -1
    for s, e, _, match in found:
        if s >= end:
            result.append(match)
            end = e
    return result


def normalize_unit(text: str) -> str | None:
    """A short unit string -> its canonical form («36-й ОМСБр» -> "36 омсбр"); None if none."""
    found = find_units(text)
    return found[0].canonical if found else None


def unit_by_vch(vch: str) -> str | None:
    """A military unit number ("06705", "в/ч 06705") -> "36 омсбр" when known."""
    return _by_vch().get(re.sub(r"\D", "", vch))


def unit_full_name(canonical: str) -> str:
    """Canonical form -> full Russian name in the nominative; unknown forms come back unchanged."""
    canonical = fold(canonical)
    if canonical.startswith("в/ч "):
        known = unit_by_vch(canonical)
        return unit_full_name(known) if known else f"войсковая часть {canonical[4:]}"
    if canonical in known_units():
        return known_units()[canonical].full_nom
    m = re.fullmatch(r"(\d{1,4}) (\S+)", canonical)
    utype = unit_types().get(_ABBR_ALIASES.get(m[2], m[2])) if m else None
    if m and utype:
        ending = "й" if utype.kind in ("regiment", "battalion", "corps") else "я"
        return f"{int(m[1])}-{ending} {utype.full_nom}"
    return _NAMED_DISPLAY.get(canonical, canonical)
