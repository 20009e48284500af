"""The best-known officials (`data/officials.csv`): the president, ministers, the defence
ministry's spokesman, Wagner's founders, governors of the regions that bury the most men. Their
names come up in obituaries as the men who award, condole and announce. A text that ties one of
these names to a death is still read (a namesake may die), so the table only decides when
nothing in the text says he died."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from lexicon.name_forms import NameParts

_DATA = Path(__file__).with_name("data") / "officials.csv"


def _fold(word: str | None) -> str:
    return (word or "").lower().replace("ё", "е")


@cache
def _table() -> dict[str, list[dict[str, str]]]:
    by_surname: dict[str, list[dict[str, str]]] = {}
    with _DATA.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            by_surname.setdefault(_fold(row["surname"]), []).append(row)
    return by_surname


def known_official(parts: NameParts) -> str | None:
    """The office of a well-known official the name is, or None: surname and given name (or
    its initial) agree, and the patronymic when the text gives one."""
    given = _fold(parts.given or parts.given_initial).rstrip(".")
    if not given:
        return None
    for row in _table().get(_fold(parts.surname), []):
        if not _fold(row["given"]).startswith(given) or (
            len(given) > 1 and _fold(row["given"]) != given
        ):
            continue
        if parts.patronymic and _fold(parts.patronymic) != _fold(row["patronymic"]):
            continue
        return row["role"]
    return None
