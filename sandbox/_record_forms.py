"""How one report writes a man's name, region, unit and town: the string-level pieces of
``sandbox.records``, each cached so that a million records cost a few dict probes apiece.

Nothing here draws random numbers: every choice arrives as an integer or a float in [0, 1).
"""

from __future__ import annotations

import csv
from datetime import date
from functools import cache
from importlib import resources

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lexicon.names import given_name
from lexicon.places import region_by_code
from lexicon.translit import to_latin, to_latin_ukrainian
from lexicon.units import known_units, unit_full_name
from sandbox.grammar import decline_name

CYR_LOWER = "абвгдежзийклмнопрстуфхцчшщыьэюя"
LAT_LOWER = "abcdefghijklmnopqrstuvwxyz"
SYSTEMS = ("bgn", "passport", "simple", "ukrainian")  # an English-press site writes one of these

# Region forms, in the order of the ``region_form`` codes of ``sandbox.records``.
R_MISSING, R_CODE, R_OFFICIAL, R_ALIAS, R_ENGLISH = range(5)
# Unit forms.
U_MISSING, U_CANONICAL, U_FULL, U_ENGLISH = range(4)
_NAMED_EN = {"шторм-z": "Storm-Z", "шторм-v": "Storm-V", "чвк вагнер": "Wagner Group"}
# Russian spelling → Ukrainian spelling of a Russian surname (Иванов → Іванов → Ivanov).
_RU_TO_UK = str.maketrans({"и": "і", "ы": "и", "э": "е", "ъ": "'", "ё": "ьо"})
_RU_TO_UK_UPPER = str.maketrans({"И": "І", "Ы": "И", "Э": "Е", "Е": "Є", "Ё": "Йо"})


def _split(value: str | None) -> list[str]:
    return [p.strip() for p in (value or "").split("|") if p.strip()]


@cache
def region_rows() -> dict[str, dict[str, str]]:
    """``lexicon/data/regions.csv`` by code, aliases as written there (pipe-separated)."""
    with resources.files("lexicon").joinpath("data/regions.csv").open(encoding="utf-8") as fh:
        return {r["code"]: r for r in csv.DictReader(fh)}


def region_table(codes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """For the regions ``codes`` (in that order): an object array [region, form, variant] of
    the strings a source writes, and an int array [region, form] of how many variants there are.
    The missing form has one variant, None."""
    rows = region_rows()
    forms: list[list[list[str | None]]] = []
    for code in codes:
        region = region_by_code(code)
        row = rows.get(code, {})
        aliases = [a for a in _split(row.get("aliases_ru")) if a != region.name_ru]
        english = [region.name_en, *_split(row.get("aliases_en"))]
        forms.append([[None], [code], [region.name_ru], aliases or [region.name_ru], english])
    width = max(len(v) for f in forms for v in f)
    table = np.full((len(codes), 5, width), None, dtype=object)
    counts = np.ones((len(codes), 5), dtype=np.int64)
    for i, per_form in enumerate(forms):
        for j, variants in enumerate(per_form):
            table[i, j, : len(variants)] = variants
            counts[i, j] = len(variants)
    return table, counts


def unit_table(canonicals: list[str]) -> np.ndarray:
    """An object array [unit, form]: None, the canonical form, the full Russian name, English."""
    known = known_units()
    table = np.full((len(canonicals), 4), None, dtype=object)
    for i, canonical in enumerate(canonicals):
        unit = known.get(canonical)
        english = unit.en if unit and unit.en else _NAMED_EN.get(canonical, canonical)
        table[i, 1:] = [canonical, unit_full_name(canonical), english]
    return table


def garrisons() -> dict[str, str]:
    """Canonical unit → the region code of its garrison, for the units the lexicon places."""
    return {k: u.garrison_region_code for k, u in known_units().items() if u.garrison_region_code}


@cache
def _settlements_en() -> dict[tuple[str, str], str]:
    path = resources.files("lexicon").joinpath("data/settlements.csv")
    with path.open(encoding="utf-8") as fh:
        return {(r["name"], r["region_code"]): r["name_en"] for r in csv.DictReader(fh)}


def settlement_latin(name: str, region: str) -> str:
    """The English spelling of a town (the gazetteer's, else BGN)."""
    return _settlements_en().get((name, region)) or to_latin(name, "bgn")


def _russian_to_ukrainian(word: str) -> str:
    """A Russian surname as Ukrainian spells it: Иванов → Іванов, Островский → Островський."""
    low, tail = word.lower(), ""
    if low.endswith(("ский", "цкий")):
        word, tail = word[:-3], "ький"
    elif low.endswith(("ий", "ый")):
        word, tail = word[:-2], "ий"
    return word[:1].translate(_RU_TO_UK_UPPER) + word[1:].translate(_RU_TO_UK) + tail


class Namer:
    """Cached spellings of name parts: short forms, Latin in each system, declined names."""

    def __init__(self) -> None:
        self._latin: dict[tuple[str, str, bool], str] = {}
        self._short: dict[str, tuple[str, ...]] = {}
        self._declined: dict[tuple, str] = {}

    def short_forms(self, given: str) -> tuple[str, ...]:
        forms = self._short.get(given)
        if forms is None:
            row = given_name(given)
            forms = self._short[given] = row.diminutives if row else ()
        return forms

    def latin(self, word: str, system: str, is_given: bool) -> str:
        """A name part in Latin letters as a press site writing ``system`` spells it."""
        key = (word, system, is_given)
        out = self._latin.get(key)
        if out is None:
            if system != "ukrainian":
                out = to_latin(word, system)
            elif is_given:
                row = given_name(word)
                out = to_latin_ukrainian(row.ukrainian) if row and row.ukrainian else None
                out = out or to_latin(word, "bgn")
            else:
                out = to_latin_ukrainian(_russian_to_ukrainian(word))
            self._latin[key] = out
        return out

    def declined(self, surname: str, given: str, patronymic: str | None, case: str, order: str):
        key = (surname, given, patronymic, case, order)
        out = self._declined.get(key)
        if out is None:
            out = self._declined[key] = decline_name(surname, given, patronymic, case, order)
        return out


def typo(word: str, op: int, a: float, b: float) -> str:
    """One slip of the pen in ``word``, never on its first letter: 0 a substitution, 1 a
    deletion, 2 an insertion, 3 two adjacent letters swapped, 4 a letter doubled. Letters come
    from the word's own script and case; ``a`` and ``b`` (in [0, 1)) choose the place and the
    letter."""
    n = len(word)
    if n < 2:
        return word
    if op == 4:
        i = 1 + int(a * (n - 1))
        return word[: i + 1] + word[i:]
    latin = word[-1].isascii()
    alphabet = LAT_LOWER if latin else CYR_LOWER
    if op == 1 and n < 4:
        op = 0
    if op == 3 and n < 3:
        op = 0
    if op == 3:
        i = 1 + int(a * (n - 2))
        if word[i] != word[i + 1]:
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        op = 0
    if op == 1:
        i = 1 + int(a * (n - 1))
        return word[:i] + word[i + 1 :]
    if op == 2:
        i = 1 + int(a * n)
        ch = alphabet[int(b * len(alphabet))]
        return word[:i] + (ch.upper() if word[i - 1].isupper() else ch) + word[i:]
    i = 1 + int(a * (n - 1))
    ch = alphabet[int(b * len(alphabet))]
    if ch == word[i].lower():
        ch = alphabet[(alphabet.index(ch) + 1) % len(alphabet)]
    return word[:i] + (ch.upper() if word[i].isupper() else ch) + word[i + 1 :]


def stray(name: str, how: int) -> str:
    """A careless copy: 0 a doubled space, 1 a trailing comma, 2 a trailing period."""
    if how == 0 and " " in name:
        return name.replace(" ", "  ", 1)
    if how == 2 and not name.endswith("."):
        return name + "."
    return name + ","


# --- whole names ------------------------------------------------------------------------------

# Name styles; the Latin ones come last.
SGP, SG, GPS, CAPS_SGP, GS, INITIALS, CAPS_INITIALS, INITIALS_FIRST, ALL_CAPS = range(9)
LAT_GS, LAT_CAPS_SG, LAT_GPS = range(9, 12)


def name_as_written(
    namer: Namer, style: int, site: int, s: str, g: str, p: str | None, slip, slip_with=None
):
    """The name as a report of ``style`` writes it («Петров Иван Сергеевич», «ПЕТРОВ И.С.»,
    «Aleksandr Petrov» …); ``slip`` (op, a, b) puts a typo in the surname as written (with
    ``slip_with``, else ``typo``). An English-press site's number chooses its transliteration
    system."""
    typo_of = slip_with or typo
    if style >= LAT_GS:
        system = SYSTEMS[site % len(SYSTEMS)]
        s, g = namer.latin(s, system, False), namer.latin(g, system, True)
        s = s.upper() if style == LAT_CAPS_SG else s
        s = typo_of(s, *slip) if slip else s
        if style == LAT_GS or (style == LAT_GPS and not p):
            return f"{g} {s}"
        return f"{s} {g}" if style == LAT_CAPS_SG else f"{g} {namer.latin(p, system, False)} {s}"
    if style in (CAPS_SGP, CAPS_INITIALS, ALL_CAPS):
        s = s.upper()
    s = typo_of(s, *slip) if slip else s
    if style in (SGP, CAPS_SGP):
        return f"{s} {g} {p}" if p else f"{s} {g}"
    if style == SG:
        return f"{s} {g}"
    if style == GS:
        return f"{g} {s}"
    if style == GPS:
        return f"{g} {p} {s}" if p else f"{g} {s}"
    if style == ALL_CAPS:
        return f"{s} {g.upper()} {p.upper()}" if p else f"{s} {g.upper()}"
    if style == INITIALS:
        return f"{s} {g[0]}. {p[0]}." if p else f"{s} {g[0]}."
    initials = f"{g[0]}.{p[0]}." if p else f"{g[0]}."
    return f"{initials} {s}" if style == INITIALS_FIRST else f"{s} {initials}"


def _join(*parts, sep=" "):
    return pc.binary_join_element_wise(*parts, sep, null_handling="skip")


def _initial(x: pa.Array) -> pa.Array:
    return pc.binary_join_element_wise(pc.utf8_slice_codeunits(x, 0, 1), ".", "")


def _styled(style: int, s: pa.Array, g: pa.Array, p: pa.Array) -> pa.Array:
    if style in (CAPS_SGP, CAPS_INITIALS, ALL_CAPS):
        s = pc.utf8_upper(s)
    if style == ALL_CAPS:
        g, p = pc.utf8_upper(g), pc.utf8_upper(p)
    if style in (SGP, CAPS_SGP, ALL_CAPS):
        return _join(s, g, p)
    if style in (SG, GS, GPS):
        return _join(s, g) if style == SG else _join(g, s) if style == GS else _join(g, p, s)
    if style == INITIALS:
        return _join(s, _initial(g), _initial(p))
    both = _join(_initial(g), _initial(p), sep="")
    return _join(both, s) if style == INITIALS_FIRST else _join(s, both)


def names_as_written(style: np.ndarray, man: np.ndarray, s: pa.Array, g: pa.Array, p: pa.Array):
    """``name_as_written`` for Cyrillic styles without slips, a style at a time: ``man`` the
    index of each record's man into the columns ``s``, ``g``, ``p`` (a null for no patronymic).
    Returns the names in the order of ``style``."""
    parts, where = [], []
    for st in np.unique(style).tolist():
        rows = np.flatnonzero(style == st)
        at = pa.array(man[rows])
        parts.append(_styled(st, s.take(at), g.take(at), p.take(at)))
        where.append(rows)
    order = np.argsort(np.concatenate(where), kind="stable") if where else np.zeros(0, np.int64)
    return pa.concat_arrays(parts or [pa.array([], pa.string())]).take(pa.array(order))


# --- columns ----------------------------------------------------------------------------------


def digits(values: np.ndarray, width: int) -> np.ndarray:
    """Non-negative integers as zero-padded ASCII digits, one row of uint8 per value."""
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    return (values[:, None] // powers % 10 + 48).astype(np.uint8)


def text(chars: np.ndarray) -> pa.Array:
    """Rows of ASCII bytes (uint8, all of one width) as an Arrow string column, zero-copy."""
    rows, width = chars.shape
    offsets = np.arange(0, rows * width + 1, width, dtype=np.int32)
    data = np.ascontiguousarray(chars)
    return pa.Array.from_buffers(
        pa.string(), rows, [None, pa.py_buffer(offsets), pa.py_buffer(data)]
    )


def dates(ordinals: np.ndarray) -> dict[str, np.ndarray | pa.Array]:
    """ISO day, month and year strings (and the parts as numbers) of proleptic ordinals; each
    distinct day is written once."""
    days, inverse = np.unique(ordinals, return_inverse=True)
    parts = [date.fromordinal(int(day)) for day in days]
    at = pa.array(inverse)
    iso = [d.isoformat() for d in parts]
    swapped = [f"{d.year:04d}-{d.day:02d}-{d.month:02d}" for d in parts]
    return {
        "iso": pa.array(iso).take(at), "month": pa.array([x[:7] for x in iso]).take(at),
        "year": pa.array([x[:4] for x in iso]).take(at), "swapped": pa.array(swapped).take(at),
        "y": np.array([d.year for d in parts])[inverse],
        "m": np.array([d.month for d in parts])[inverse],
        "d": np.array([d.day for d in parts])[inverse], "ord": ordinals,
    }  # fmt: skip
