"""A name with another name in brackets, as lists of the repressed and older books of memory
write it: «Юзефович (Шпинак) Иосиф Сигизмундович» (a surname he also bore), «Петров Иван (Ян)
Карлович» (a given name), «Иванова (урожд. Петрова) Мария …».

The name is read without the bracket, and the bracket's name is kept apart as an alias. A
bracket that is not a name («Иванов (рядовой)», «(1937)», «(Москва)») is no alias: it stays in
place, for the reader to refuse the field with its reason.
"""

from __future__ import annotations

import re

from lexicon.name_readings import given_readings, surname_readings
from lexicon.not_names import non_name_word, place_or_organisation

__all__ = ["alias_spans", "split_alias"]

_WORD = r"[А-ЯЁA-Z][А-ЯЁA-Zа-яёa-z'’]+"
# «(урожд. Петрова)», «(он же Шпинак)», «(наст. фам. Коган)», «(псевд. Ян)»: the words that
# say what the other name is belong to the bracket, not to the name.
_SAYS = (
    r"(?:(?:урожд(?:енн?ая|енн?ый)?|наст\.?\s*фам(?:илия)?|он\s+же|она\s+же|псевд(?:оним)?)\.?\s*)?"
)
_PAREN = rf"\(\s*{_SAYS}(?P<alias>{_WORD}(?:-{_WORD})?)\s*\)"
_BRACKET = re.compile(rf"\s*{_PAREN}", re.IGNORECASE)
# In running text a bracket is an alias only between two words of a name.
_INSIDE = re.compile(
    rf"(?<=[А-ЯЁа-яёA-Za-z])[ \u00a0]+(?P<b>{_PAREN})[ \u00a0]+(?=(?-i:[А-ЯЁA-Z]))", re.IGNORECASE
)


def _is_name(word: str) -> bool:
    """A word the reader takes for a surname or a given name, and for nothing else."""
    if word[0].islower() or non_name_word(word) or place_or_organisation(word):
        return False
    return bool(surname_readings(word) or given_readings(word))


def split_alias(text: str) -> tuple[str, tuple[str, ...]]:
    """The name with every bracket that holds another name taken out, and those names:
    «Юзефович (Шпинак) Иосиф Сигизмундович» → («Юзефович Иосиф Сигизмундович», («Шпинак»,));
    «Иванов (рядовой)» → unchanged, no alias."""
    aliases: list[str] = []

    def take(m: re.Match[str]) -> str:
        alias = m["alias"]
        if not all(_is_name(part) for part in alias.split("-")):
            return m[0]
        aliases.append(alias)
        return ""

    if "(" not in text:
        return text, ()
    rest = _BRACKET.sub(take, text)
    return re.sub(r"\s{2,}", " ", rest).strip(), tuple(aliases)


def alias_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Where running text puts another name in brackets between two words of a name («Юзефович
    (Шпинак) Иосиф»): the spans of those brackets, which the words around read across."""
    if "(" not in text[start:end]:
        return []
    stop = len(text) if end is None else end
    return [
        m.span("b")
        for m in _INSIDE.finditer(text, start, stop)
        if all(_is_name(part) for part in m["alias"].split("-"))
    ]
