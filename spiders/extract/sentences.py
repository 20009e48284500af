"""Sentences of Russian and English text: where one ends, so that a cue word and the date,
name or place it belongs to are read together. Initials and abbreviations do not end one."""

from __future__ import annotations

import re

# Sentence ends: terminal punctuation before a capital or digit, or a line break; abbreviations
# («ул.», «с.», initials, «фев.») are filtered out in code.
SENT_END = re.compile(r"[.!?…\n](?:(?<=\n)|[.!?…]*[\"»”’)\]]*(?=\s+[\"«„“(\[]?[A-ZА-ЯЁ0-9]))")
WORD_BEFORE = re.compile(r"(\w+)$")
_DIGIT_BEFORE = re.compile(r"\d\s*$")
ABBREVIATIONS = frozenset({
    "ул", "пос", "пгт", "им", "ст", "обл", "кв", "пер", "просп", "пр", "мкр", "св", "рис", "см",
    "тыс", "млн", "руб", "дер", "мл", "серж", "лейт", "ряд", "ефр", "род", "рожд", "ум", "кап",
    "сел", "гор", "янв", "фев", "февр", "мар", "апр", "июн", "июл", "авг", "сен", "сент", "окт",
    "ноя", "нояб", "дек", "mr", "mrs", "ms", "dr", "st", "lt", "sgt", "col", "gen", "capt", "cpl",
    "pvt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "vs", "расстр", "губ", "уезд",
})  # fmt: skip


def sentence_ends(text: str) -> list[int]:
    """Offsets of the punctuation (or line break) that ends each sentence."""
    ends = []
    for m in SENT_END.finditer(text):
        i = m.start()
        if text[i] == "." and (w := WORD_BEFORE.search(text, max(0, i - 12), i)):
            word = w[1].lower()
            if word in ABBREVIATIONS:
                continue
            # «с. Ивановка», «И. Петров» go on; «2024 г. Похоронен» ends a sentence.
            if len(word) == 1 and not (
                word == "г" and _DIGIT_BEFORE.search(text, max(0, w.start() - 6), w.start())
            ):
                continue
        ends.append(i)
    return ends


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank sentence, the end after its closing punctuation."""
    spans, start = [], 0
    for end in [*sentence_ends(text), len(text)]:
        stop = min(end + 1, len(text))
        if text[start:stop].strip():
            lead = len(text[start:stop]) - len(text[start:stop].lstrip())
            spans.append((start + lead, stop))
        start = stop
    return spans
