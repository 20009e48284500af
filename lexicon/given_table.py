"""The given-name table and its index: every full, short, Ukrainian and Latin form of a name.

One row per full given name in ``data/given_names.csv``. Every lookup ignores letter case and
treats ё as е; Latin look-alike letters inside an otherwise Cyrillic token («Ивановa») are read
as Cyrillic. Both ``lexicon.names`` (patronymics, genders, names by sound) and
``lexicon.translit`` (the press's spelling, the way back from Latin, name keys) read it; it
reads only the letter-by-letter systems of ``lexicon.romanize``. The table is read once, on
first use.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from lexicon.romanize import romanize, to_latin_ukrainian
from lexicon.text import fold

DATA = Path(__file__).with_name("data") / "given_names.csv"
# buryat_mongolic holds the Kalmyk names too; altai_khakas the Altai, Khakas and Shor ones;
# other the Korean, German, Jewish and Baltic ones
GROUPS = (
    "slavic", "tatar_bashkir", "buryat_mongolic", "tuvan", "yakut", "altai_khakas", "caucasus",
    "central_asian", "other",
)  # fmt: skip
HAS_CYRILLIC = re.compile("[А-Яа-яЁё]")
HAS_LATIN = re.compile("[A-Za-z]")
_HOMOGLYPHS = str.maketrans("aeopcxykmtAEOPCXYKMTHB", "аеорсхукмтАЕОРСХУКМТНВ")


@dataclass(frozen=True)
class GivenName:
    """One full given name and the ways it is written."""

    name: str
    gender: str
    group: str
    weight: float
    diminutives: tuple[str, ...]
    latin: tuple[str, ...]
    ukrainian: str | None
    patronymic_m: str | None
    patronymic_f: str | None


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (value or "").split("|") if p.strip())


def cyrillic(token: str) -> str:
    """The token with Latin look-alikes (a, e, o, p, c, x, …) made Cyrillic if it mixes scripts."""
    if HAS_CYRILLIC.search(token) and HAS_LATIN.search(token):
        return token.translate(_HOMOGLYPHS)
    return token


@functools.lru_cache(maxsize=200_000)
def lookup_key(token: str) -> str:
    """What every lookup compares: Latin look-alikes made Cyrillic, then folded."""
    return fold(cyrillic(token))


@functools.cache
def given_names() -> tuple[GivenName, ...]:
    """Every row of the given-name table, in file order."""
    with DATA.open(encoding="utf-8", newline="") as fh:
        return tuple(
            GivenName(
                name=r["name"].strip(),
                gender=r["gender"].strip(),
                group=r["group"].strip(),
                weight=float(r["weight"]),
                diminutives=_split(r["diminutives"]),
                latin=_split(r["latin"]),
                ukrainian=r["ukrainian"].strip() or None,
                patronymic_m=r["patronymic_m"].strip() or None,
                patronymic_f=r["patronymic_f"].strip() or None,
            )
            for r in csv.DictReader(fh)
        )


def _rank(row: GivenName) -> tuple:
    return (row.gender != "m", -row.weight, row.name)


@functools.cache
def rows_by_rank() -> tuple[GivenName, ...]:
    """The table's rows, men before women, commoner first: who wins a form two rows share."""
    return tuple(sorted(given_names(), key=_rank))


@dataclass(frozen=True)
class TableIndex:
    """The table by folded spelling: full names, every written form, and patronymics."""

    full: dict[str, GivenName]
    forms: dict[str, tuple[GivenName, ...]]
    fathers: dict[str, GivenName]


def _ukrainian_latin(row: GivenName) -> tuple[str, ...]:
    """Spellings the press and passports use beyond the table's own: the Ukrainian national
    system (Oleksandr, Serhii / Serhiy, Dmytro, Oleh, Denys) and each system tally knows
    (Bakhtior, Bakhtiyor)."""
    # the press's spelling reads this table itself, and ISO 9 (with diacritics) is not what the
    # press writes
    out = [romanize(row.name, system) for system in ("bgn", "passport")]
    latin = to_latin_ukrainian(row.ukrainian or row.name)
    out.append(latin)
    if latin.endswith("ii"):
        out += [latin[:-2] + "iy", latin[:-2] + "yi"]
    return tuple(dict.fromkeys(out))


@functools.cache
def table_index() -> TableIndex:
    rows = rows_by_rank()
    full: dict[str, GivenName] = {}
    fathers: dict[str, GivenName] = {}
    forms: dict[str, list[GivenName]] = {}
    for row in rows:
        full.setdefault(fold(row.name), row)
        for patronymic in (row.patronymic_m, row.patronymic_f):
            if patronymic:
                fathers.setdefault(fold(patronymic), row)
        for form in (row.name, *row.diminutives, row.ukrainian, *row.latin, *_ukrainian_latin(row)):
            if form:
                found = forms.setdefault(fold(form), [])
                if row not in found:
                    found.append(row)
    ordered = {
        k: tuple(sorted(v, key=lambda r, k=k: (fold(r.name) != k, *_rank(r))))
        for k, v in forms.items()
    }
    return TableIndex(full, ordered, fathers)


def given_name(name: str) -> GivenName | None:
    """The row of a full given name («Александр», «АЛЕКСАНДР», «Семен» → Семён), else None."""
    return table_index().full.get(lookup_key(name))


def full_forms(token: str) -> tuple[str, ...]:
    """Full names a full, short, Ukrainian or Latin form stands for: «Саша» → (Александр,
    Александра). An exact full name first, then men before women, commoner first; () if unknown."""
    return tuple(r.name for r in table_index().forms.get(lookup_key(token), ()))


def is_given_name(token: str) -> bool:
    """True for a full, short, Ukrainian or Latin form of a known given name."""
    return lookup_key(token) in table_index().forms
