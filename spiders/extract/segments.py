"""Each dead man's parts of a text, to read his facts from: the sentences that name him and those
after them until another man is named; a sentence naming several is cut at each name."""

from __future__ import annotations

import re

from spiders.extract.homes import dwellers
from spiders.extract.men import Man, back_references

# The words before a name that are his: «и 21-летним Рустамом», «, рядовым Андреем».
_LEAD_IN = re.compile(
    r"(?:(?:\d{1,3}\s*-?\s*летн\w+|гвардии|(?:младш|старш|главн)\w+|"
    r"(?:рядов|ефрейтор|сержант|лейтенант|капитан|майор|подполковник|полковник|матрос|"
    r"мичман|прапорщик|старшин|private|sergeant|lieutenant|captain|major)\w*)\s+)+$",
    re.IGNORECASE,
)


def _lead_in(text: str, start: int, at: int) -> int:
    """Where a name's own words begin: before his age, rank and dweller's word («и
    назаровце Сергее Кашанском»)."""
    m = _LEAD_IN.search(text, start, at)
    at = m.start() if m else at
    word = re.search(r"([а-яё-]+)\s+$", text[start:at])
    if word and any(d.start == 0 for d in dwellers(word.group(1))):
        at = start + word.start(1)
    # «…, 51-летний стрелок-радиотелефонист Александр Яковлев»: what a list says of a man
    # stands between the comma (or «и») and his name
    words = re.search(
        r"(?:[,;]|\sи)\s+((?:[\d]+-?[а-яё]*|[а-яё-]+)(?:\s+(?:[\d]+-?[а-яё]*|[а-яё-]+)){0,5})\s+$",
        text[start:at],
    )
    if words:
        at = start + words.start(1)
    return at


def segments(
    text: str,
    spans: list[tuple[int, int]],
    dead: list[Man],
    title_end: int,
    others: list[Man] = (),  # type: ignore[assignment]
) -> tuple[list[list[tuple[int, int]]], list[tuple[int, int]], list[list[tuple[int, int]]]]:
    """Each dead man's parts of the text. A sentence that names one man is his, and so are the
    sentences after it until another man is named; a sentence that names several is cut at each
    name (a rank or «Private» before a name goes with the name). Sentences before any man is
    named (a headline, an introduction) belong to nobody. Third: each man's parts that name
    him (his home is read there, not in the sentences that merely follow). The `others` (men
    not counted) cut a sentence too, so that no one else's age or dates are read as his, but
    the sentences after them go on with the dead man before."""
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for k, man in enumerate(dead):
        for m in man.mentions:
            by_sentence.setdefault(m.sentence, []).append((m.start, k))
    for man in others:
        for m in man.mentions:
            if m.sentence in by_sentence:
                by_sentence[m.sentence].append((m.start, -1))
    for index, (a, b) in enumerate(spans):
        if index not in by_sentence and a >= title_end:
            refs = back_references(text, a, b, dead)
            if refs:
                by_sentence[index] = refs
    parts: list[list[tuple[int, int]]] = [[] for _ in dead]
    named: list[list[tuple[int, int]]] = [[] for _ in dead]
    loose: list[tuple[int, int]] = []
    current = None
    for index, (a, b) in enumerate(spans):
        here = sorted(by_sentence.get(index, []))
        if a < title_end and len(dead) > 1:
            loose.append((a, b))  # a headline naming one of several men says little about him
            continue
        if not here:
            (parts[current] if current is not None else loose).append((a, b))
            continue
        cuts = [a] + [_lead_in(text, a, pos) for pos, _ in here[1:]] + [b]
        owners = [k for _, k in here]
        for i, (start, end) in enumerate(zip(cuts, cuts[1:], strict=False)):
            # the words after a man not counted lead to the next name: «глава района X
            # сообщил о гибели 37-летнего Y» — they are Y's
            k = next((j for j in owners[i:] if j >= 0), -1)
            if k >= 0:
                parts[k].append((start, end))
                named[k].append((start, end))
        # the body goes on from the man it names; a headline that names him does not speak
        # for the introduction under it
        last = [k for _, k in here if k >= 0]
        current = last[-1] if last and a >= title_end else None
    # his own sentences in the body first, then the headline
    for own in parts:
        own.sort(key=lambda seg: (seg[0] < title_end, seg[0]))
    return parts, loose, named
