"""How a man came to the war, from the words of his obituary: the categories trackers count.

``data/categories.csv`` holds one cue per row: ``category,pattern,weight,lang``. A pattern is
either a phrase in lemma form («подписать контракт», «мобилизованный») or, prefixed ``re:``, a
regular expression matched against the folded text (lower case, ё→е, one kind of dash and of
quote «» -> ``"``). A lemma phrase matches every inflected form of its words (forms come from the
pymorphy3 lexeme of the word's first parse, kept to the same part of speech and voice, so
«заключить» yields «заключил» but not «заключённый», and «мобилизованный» yields
«мобилизованного», «мобилизованных»), in order, with up to two other words between them.

Weights say how sure a cue is; a weight of 0 is a neutraliser («отслужил срочную службу»,
«после срочной службы» — a past conscript, not one at the time of death): overlapping cues are
resolved longest first, so the neutraliser hides the shorter «срочная служба» it contains.

Negation: a cue right after «не», «не был(а)», «не являлся», «not», «never», «was not» is not a
cue («не был мобилизован, а ушёл добровольцем» -> volunteer).

``classify`` precedence, applied in this order:

1. a prisoner cue (Шторм-Z, осуждённый, из колонии, помилован) removes ``pmc`` and ``volunteer``:
   Wagner prisoners and Storm-Z men who "signed a contract" are prisoners;
2. a regular cue (кадровый, a contract or service since a year before 2022, military school)
   removes ``volunteer``;
3. the highest total weight wins; ties go to the more specific category in ``_TIE_ORDER``.

Officer is not a category: it is a property of the rank (see ``lexicon.ranks``).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lexicon.morph import analyser
from lexicon.text import fold_same_length

_DATA = Path(__file__).parent / "data"

CATEGORIES: tuple[str, ...] = (
    "volunteer", "mobilized", "prisoner", "regular", "conscript", "pmc", "rosgvardia", "fsb",
    "militia",
)  # fmt: skip
_TIE_ORDER = (
    "prisoner", "mobilized", "conscript", "rosgvardia", "fsb", "militia", "pmc", "regular",
    "volunteer",
)  # fmt: skip

_GAP = r"(?:\s+[\w-]+){0,2}?\s+"
_NEGATION = re.compile(
    r'(?:^|[^\w-])(?:не(?:\s+(?:был|была|было|были|являлся|являлась))?|not|never|wasn"t|'
    r"was\s+not|had\s+not\s+been|has\s+not\s+been)\s+$"
)
_VERB_POS = {"INFN", "VERB", "GRND"}


@dataclass(frozen=True)
class CategoryMatch:
    start: int
    end: int
    text: str
    category: str
    weight: float


@dataclass(frozen=True)
class _Cue:
    category: str
    pattern: str
    weight: float
    lang: str
    regex: re.Pattern[str]
    left: str  # characters that may not precede a match: "" (any), "w" (word), "w-" (or hyphen)


def _forms(word: str) -> list[str]:
    """Every form of one lemma-pattern word (the word itself when unknown)."""
    forms = {word}
    if re.fullmatch(r"[а-яё]+(?:-[а-яё]+)?", word):
        parse = analyser().parse(word)[0]
        pos = parse.tag.POS
        keep = _VERB_POS if pos == "INFN" else {pos}
        voice = parse.tag.voice
        for f in parse.lexeme:
            if f.tag.POS in keep and (voice is None or f.tag.voice == voice):
                forms.add(f.word)
    return sorted({f.replace("ё", "е") for f in forms})


def _alternation(forms: list[str]) -> str:
    """Forms as common literal prefix + alternatives: the literal lets ``re`` skip ahead fast."""
    prefix = forms[0]
    for f in forms[1:]:
        while not f.startswith(prefix):
            prefix = prefix[:-1]
    rest = sorted({f[len(prefix) :] for f in forms}, key=len, reverse=True)
    return re.escape(prefix) + "(?:" + "|".join(map(re.escape, rest)) + ")"


# A leading look-behind or \b defeats the literal-prefix search of ``re`` (10x slower), so the
# left word boundary of every cue is checked in Python after the match instead.
_LEFT = (("(?<![\\w-])", "w-"), ("(?<!\\w)", "w"), ("\\b", "w"))


def _compile(pattern: str, lang: str) -> tuple[re.Pattern[str], str]:
    if pattern.startswith("re:"):
        rx = pattern[3:]
        for prefix, left in _LEFT:
            if rx.startswith(prefix):
                return re.compile(rx[len(prefix) :]), left
        return re.compile(rx), ""
    words = pattern.lower().replace("ё", "е").split()
    if lang != "ru":
        return re.compile(r"\s+".join(map(re.escape, words)) + r"\b"), "w"
    return re.compile(_GAP.join(_alternation(_forms(w)) for w in words) + r"(?!\w)"), "w"


@cache
def cues() -> tuple[_Cue, ...]:
    """categories.csv, compiled; lemma patterns expanded to all their forms."""
    with open(_DATA / "categories.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return tuple(
        _Cue(
            r["category"],
            r["pattern"],
            float(r["weight"]),
            r["lang"],
            *_compile(r["pattern"], r["lang"]),
        )
        for r in rows
    )


def _left_ok(folded: str, start: int, left: str) -> bool:
    if not left or start == 0:
        return True
    c = folded[start - 1]
    return not (c.isalnum() or c == "_" or (c == "-" and left == "w-"))


def find_categories(text: str) -> list[CategoryMatch]:
    """Every non-negated cue in ``text`` with spans into the original text, in text order.

    Overlapping cues are resolved longest first (then heavier first).
    """
    folded = fold_same_length(text)
    found: list[CategoryMatch] = []
    for cue in cues():
        for m in cue.regex.finditer(folded):
            s, e = m.span()
            if e == s or not _left_ok(folded, s, cue.left):
                continue
            if _NEGATION.search(folded[max(0, s - 30) : s]):
                continue
            found.append(CategoryMatch(s, e, text[s:e], cue.category, cue.weight))
    found.sort(key=lambda c: (-(c.end - c.start), -c.weight, c.start))
    kept: list[CategoryMatch] = []
    for c in found:
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def classify(text: str) -> tuple[str | None, list[CategoryMatch]]:
    """The single best category for one man's text (None without cues), and the cues used."""
    matches = find_categories(text)
    totals: dict[str, float] = defaultdict(float)
    for m in matches:
        totals[m.category] += m.weight
    present = {c for c, w in totals.items() if w > 0}
    if "prisoner" in present:
        present -= {"pmc", "volunteer"}
    if "regular" in present:
        present.discard("volunteer")
    if not present:
        return None, matches
    best = max(present, key=lambda c: (round(totals[c], 6), -_TIE_ORDER.index(c)))
    return best, matches
