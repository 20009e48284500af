"""The kinds of source that report the dead, each with its own habits.

A regional news obituary names a man in full (often left declined from its headline), gives his
age more often than his birth date, and dates the death by the funeral. A municipal condolence
post puts the rank first and names the district. A relative's social post uses a short name and
gives little else. A memorial wall or a regional book of memory is the most complete; a volunteer's
photograph of a grave gives the name in capitals and two dates, misread here and there. The
foreign press transliterates everything. The shares and rates are one author's reading of those
pages, not measurements.
"""

from __future__ import annotations

from dataclasses import dataclass

from sandbox._foreign_names import Habit

FULL = {"fio": 0.55, "io_f": 0.2, "i_f": 0.12, "initials": 0.05, "caps": 0.05, "diminutive": 0.03}


@dataclass
class Kind:
    """One kind of source: its share of reports, its outlets and its habits field by field."""

    name: str
    share: float  # of all reports
    per_region: int  # outlets of this kind per region (0: national outlets only)
    national: int  # national outlets of this kind
    habit: Habit
    present: dict[str, float]  # chance each field is given at all
    sparse: float  # reports that give the name and a single other field
    death_forms: dict[str, float]
    birth_forms: dict[str, float]
    region_forms: dict[str, float]
    settlement_forms: dict[str, float]
    unit_forms: dict[str, float]
    code: float  # category written as a code (MOB, VOL) rather than in words
    funeral: float  # death date given as the funeral's, days to weeks later
    published: float  # death date given as the report's own date
    confused: float  # category given as a neighbouring one (volunteer for contract)
    wrong_region: float  # region of the unit's garrison or of the grave, not of the home
    district: float  # a village man placed by his district ("Абзелиловский район")
    capital: float  # a village man placed in the regional capital
    url: str


KINDS = (
    Kind("news", 0.30, 4, 20,
         Habit(FULL, oblique=0.2, typo=0.02, ocr=0.1, lookalike=0.003, rank=0.2, callsign=0.15),
         {"birth": 0.3, "death": 0.8, "age": 0.7, "region": 0.65, "settlement": 0.75, "unit": 0.35,
          "category": 0.55}, 0.05,
         {"words": 0.5, "dots": 0.3, "dots_short": 0.05, "month": 0.08, "iso": 0.02, "season": 0.05},
         {"dots": 0.4, "words": 0.2, "year": 0.4},
         {"official": 0.35, "short": 0.15, "genitive": 0.2, "alias": 0.2, "abbrev": 0.1},
         {"plain": 0.4, "locative": 0.2, "genitive": 0.2, "prefixed": 0.2},
         {"full": 0.4, "short": 0.3, "genitive": 0.2, "vch": 0.1},
         0.0, 0.2, 0.08, 0.08, 0.05, 0.2, 0.05,
         "https://news{o}.ru/{y}/{m:02d}/{d:02d}/{n}.html"),
    Kind("condolence", 0.15, 3, 0,
         Habit({"fio": 0.7, "io_f": 0.1, "initials": 0.1, "caps": 0.1}, oblique=0.15, typo=0.015,
               ocr=0.0, lookalike=0.002, rank=0.5, callsign=0.02),
         {"birth": 0.55, "death": 0.6, "age": 0.3, "region": 0.2, "settlement": 0.75, "unit": 0.2,
          "category": 0.45}, 0.05,
         {"dots": 0.5, "words": 0.4, "dots_short": 0.1},
         {"dots": 0.6, "year": 0.3, "words": 0.1},
         {"official": 0.5, "short": 0.3, "alias": 0.2},
         {"plain": 0.4, "prefixed": 0.4, "genitive": 0.2},
         {"vch": 0.4, "full": 0.3, "short": 0.3},
         0.05, 0.25, 0.1, 0.05, 0.01, 0.5, 0.0,
         "https://vk.com/wall-{o}_{n}"),
    Kind("vk-post", 0.18, 0, 30000,
         Habit({"i_f": 0.35, "diminutive": 0.3, "fio": 0.2, "io_f": 0.1, "upper": 0.05},
               oblique=0.1, typo=0.05, ocr=0.0, lookalike=0.01, rank=0.03, callsign=0.5),
         {"birth": 0.15, "death": 0.45, "age": 0.35, "region": 0.1, "settlement": 0.35,
          "unit": 0.15, "category": 0.25}, 0.4,
         {"dots": 0.3, "words": 0.25, "dots_short": 0.15, "month": 0.15, "season": 0.1, "slash": 0.05},
         {"dots": 0.4, "year": 0.5, "dots_short": 0.1},
         {"alias": 0.4, "short": 0.3, "official": 0.2, "abbrev": 0.1},
         {"plain": 0.6, "locative": 0.2, "genitive": 0.2},
         {"short": 0.6, "vch": 0.2, "full": 0.2},
         0.0, 0.15, 0.15, 0.15, 0.03, 0.1, 0.1,
         "https://vk.com/wall{o}_{n}"),
    Kind("memorial", 0.12, 1, 10,
         Habit({"caps": 0.5, "fio": 0.4, "initials": 0.1}, oblique=0.0, typo=0.02, ocr=0.3,
               lookalike=0.003, rank=0.3, callsign=0.1),
         {"birth": 0.85, "death": 0.85, "age": 0.1, "region": 0.8, "settlement": 0.7, "unit": 0.5,
          "category": 0.3}, 0.05,
         {"dots": 0.6, "iso": 0.1, "year": 0.2, "words": 0.1},
         {"dots": 0.6, "year": 0.3, "iso": 0.1},
         {"official": 0.6, "short": 0.2, "iso": 0.05, "abbrev": 0.15},
         {"prefixed": 0.6, "plain": 0.4},
         {"vch": 0.5, "full": 0.3, "short": 0.2},
         0.1, 0.05, 0.0, 0.05, 0.04, 0.2, 0.0,
         "https://memorial{o}.ru/heroes/{n}"),
    Kind("cemetery", 0.10, 2, 0,
         Habit({"caps": 0.4, "upper": 0.4, "fio": 0.2}, oblique=0.0, typo=0.08, ocr=0.7,
               lookalike=0.01, rank=0.1, callsign=0.05),
         {"birth": 0.7, "death": 0.75, "age": 0.02, "region": 0.05, "settlement": 0.4,
          "unit": 0.03, "category": 0.02}, 0.35,
         {"dots": 0.6, "year": 0.4},
         {"dots": 0.6, "year": 0.4},
         {"official": 0.5, "short": 0.5},
         {"plain": 0.7, "prefixed": 0.3},
         {"vch": 0.7, "short": 0.3},
         0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
         "https://graves{o}.org/photo/{n}"),
    Kind("book-of-memory", 0.08, 1, 0,
         Habit({"fio": 0.9, "caps": 0.1}, oblique=0.0, typo=0.01, ocr=0.5, lookalike=0.001,
               rank=0.4, callsign=0.0),
         {"birth": 0.9, "death": 0.95, "age": 0.05, "region": 0.95, "settlement": 0.85,
          "unit": 0.6, "category": 0.6}, 0.02,
         {"iso": 0.4, "dots": 0.6},
         {"iso": 0.4, "dots": 0.6},
         {"official": 0.8, "iso": 0.2},
         {"prefixed": 0.7, "plain": 0.3},
         {"vch": 0.7, "full": 0.3},
         0.4, 0.0, 0.0, 0.03, 0.01, 0.3, 0.0,
         "https://kniga-pamyati-{o}.ru/person/{n}"),
    Kind("press_en", 0.07, 0, 40,
         Habit({"i_f": 0.6, "fio": 0.1, "io_f": 0.2, "caps": 0.1}, oblique=0.0, typo=0.0,
               ocr=0.0, lookalike=0.0, rank=0.25, callsign=0.1, latin=True),
         {"birth": 0.2, "death": 0.6, "age": 0.6, "region": 0.6, "settlement": 0.5, "unit": 0.35,
          "category": 0.5}, 0.1,
         {"words": 0.6, "iso": 0.15, "slash": 0.1, "month": 0.15},
         {"year": 0.6, "words": 0.3, "iso": 0.1},
         {"english": 0.8, "iso": 0.2},
         {"plain": 1.0},
         {"full": 0.7, "vch": 0.3},
         0.0, 0.1, 0.15, 0.1, 0.08, 0.0, 0.15,
         "https://press{o}.com/world/{y}/{m:02d}/{n}"),
)  # fmt: skip
