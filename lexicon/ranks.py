"""Military ranks in running text (Russian in any case form, English), and their seniority.

``find_ranks`` finds «гвардии младшего сержанта», «старшим лейтенантом», «капитана 3 ранга»,
«капитан III ранга», «старшины 2-й статьи», «ст. сержант», «мл. лейтенант», «гв. рядовой»,
«ст. л-т», «Junior Sergeant», «Captain 3rd Rank». «гвардии»/«гв.»/«Guards» set ``guards``; a
following «полиции», «юстиции», «внутренней службы», «медицинской службы» is kept in the span
but the rank is the military one («майор полиции» -> «майор»).

Choices about false positives (documented because they are deliberate):

* Russian rank words match in lower case anywhere, in ALL CAPS anywhere (grave captions), and
  capitalised only at the start of a text, line or sentence (after . ! ? … : ; quote, dash or
  bracket). A capitalised «Майор» or «Капитан» in mid-sentence is taken for a surname or a ship
  name and skipped; «Майоров», «капитанский» never match (whole words only).
* «рядовой случай», «капитан команды» do match: the cost is low and the context cannot tell.
* English ranks must be in title case («Junior Sergeant», «Major») or all caps: «a major role»
  and «private company» are not ranks.
* «генерал» alone is not a rank (no grade) and is not matched.
* English: ефрейтор is «lance corporal» (data); «corporal» is accepted as an alias of it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from lexicon.text import unify_same_length

_DATA = Path(__file__).parent / "data"

_ADJ = r"(?:ий|ый|ой|ого|его|ому|ему|ым|им|ом|ем)"
_SHORT_ADJ = {"младш": r"мл\.", "старш": r"ст\.", "главн": r"гл\."}
_SHORT_NOUN = {"лейтенант": "л-т", "сержант": "с-т", "полковник": "п-к", "подполковник": "п/п-к"}
# Abbreviations books of memory and grave captions use for the head word («гв. ряд.», «ефр.»)
_ABBR = {
    "рядовой": r"ряд\.",
    "ефрейтор": r"ефр\.",
    "лейтенант": r"лейт\.",
    "сержант": r"серж\.",
    "капитан": r"(?:кап\.|к-н)",
    "майор": r"м-р",
    "прапорщик": r"(?:прап\.|пр-к)",
    "старшина": r"ст-на",
    "полковник": r"полк\.",
    "подполковник": r"(?:подп\.|подполк\.)",
    "матрос": r"мат\.",
}
_COMPLEMENT = {"ранга", "статьи", "армии", "флота", "российской", "федерации"}
_ORD_RU = {
    ("1", "ранга"): r"(?:1(?:-?(?:го|ого))?|первого|I)",
    ("2", "ранга"): r"(?:2(?:-?(?:го|ого))?|второго|II)",
    ("3", "ранга"): r"(?:3(?:-?(?:го|его))?|третьего|III)",
    ("1", "статьи"): r"(?:1(?:-?(?:й|ой))?|первой|I)",
    ("2", "статьи"): r"(?:2(?:-?(?:й|ой))?|второй|II)",
}
_ORD_EN = {"1st": r"(?:1st|first|I)", "2nd": r"(?:2nd|second|II)", "3rd": r"(?:3rd|third|III)"}
_EN_ALIASES = {
    "corporal": "ефрейтор",
    "staff sergeant": "старший сержант",
    "starshina": "старшина",
    "ensign": "прапорщик",
    "senior ensign": "старший прапорщик",
    "army general": "генерал армии",
    "lieutenant commander": "капитан-лейтенант",
    "midshipman": "мичман",
    "senior midshipman": "старший мичман",
    "master chief petty officer": "главный корабельный старшина",
}
_GUARDS_RU = r"(?P<guards>гвардии\s+|гв\.\s*|гв\s+)?"
_SERVICE = r"(?:\s+(?:полиции|юстиции|внутренней\s+службы|медицинской\s+службы))?"
_SENTENCE_END = set('.!?…:;"(-')


@dataclass(frozen=True)
class RankMatch:
    start: int
    end: int
    text: str
    rank: str
    is_officer: bool
    guards: bool


@dataclass(frozen=True)
class Rank:
    rank: str
    rank_en: str
    order: int
    is_officer: bool
    branch: str


@cache
def ranks() -> dict[str, Rank]:
    """ranks.csv by canonical nominative rank."""
    with open(_DATA / "ranks.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return {
        r["rank"]: Rank(
            r["rank"], r["rank_en"], int(r["order"]), r["is_officer"] == "true", r["branch"]
        )
        for r in rows
    }


def _noun_re(word: str) -> str:
    if word.endswith("а"):
        forms = re.escape(word[:-1]) + r"(?:а|ы|е|у|ой|ою)"
    else:
        forms = re.escape(word) + r"(?:а|у|ом|е)?"
        short = _SHORT_NOUN.get(word)
        if short:
            forms = f"(?:{forms}|{re.escape(short)}(?:а|у|ом|е)?)"
    abbr = _ABBR.get(word)
    return f"(?:{forms}|{abbr})" if abbr else forms


def _ru_re(rank: str) -> str:
    """One rank in every case form: adjectives and head noun decline, complements do not."""
    words = rank.lower().split()
    out = ""
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        last = not nxt
        if (w, nxt) in _ORD_RU:
            piece = _ORD_RU[(w, nxt)]
        elif w in _COMPLEMENT:
            piece = re.escape(w)
        elif w.endswith(("ий", "ый", "ой")):
            stem = w[:-2]
            short = _SHORT_ADJ.get(stem)
            if short and not last:
                out += rf"(?:{re.escape(stem)}{_ADJ}\s+|{short}\s*)"
                continue
            piece = re.escape(stem) + _ADJ
            if last and w in _ABBR:
                piece = f"(?:{piece}|{_ABBR[w]})"
        elif "-" in w:
            head, tail = w.rsplit("-", 1)
            piece = re.escape(head) + "-" + _noun_re(tail)
        else:
            piece = _noun_re(w)
        out += piece + ("" if last else r"\s+")
    return out


def _en_re(phrase: str) -> str:
    words = [_ORD_EN.get(w, re.escape(w)) for w in phrase.lower().split()]
    rx = r"\s+".join(words)
    return re.sub(r"^captain\\s\+", r"captain\\s+(?:of\\s+the\\s+)?", rx)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], list[str], list[str]]:
    ru = sorted(ranks(), key=lambda r: (-len(r.split()), -len(r)))
    ru_alts = "|".join(f"(?P<r{i}>{_ru_re(r)})" for i, r in enumerate(ru))
    ru_rx = re.compile(rf"(?<![\w/-]){_GUARDS_RU}(?:{ru_alts}){_SERVICE}(?![\w-])", re.I)
    en_map = {r.rank_en: r.rank for r in ranks().values()} | _EN_ALIASES
    en = sorted(en_map, key=lambda p: (-len(p.split()), -len(p)))
    en_alts = "|".join(f"(?P<e{i}>{_en_re(p)})" for i, p in enumerate(en))
    en_rx = re.compile(rf"(?<![\w-])(?P<guards>guards\s+)?(?:{en_alts})(?![\w-])", re.I)
    return ru_rx, en_rx, ru, [en_map[p] for p in en]


def _ru_case_ok(text: str, start: int, span: str) -> bool:
    letters = re.sub(r"\b[IVX]+\b|российской\s+федерации", "", span, flags=re.I)
    if letters == letters.lower() or letters == letters.upper():
        return True
    if not (letters[0].isupper() and letters[1:] == letters[1:].lower()):
        return False
    before = text[:start]
    stripped = before.rstrip()
    return not stripped or stripped[-1] in _SENTENCE_END or "\n" in before[len(stripped) :]


def _en_case_ok(span: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z0-9]+", span) if w not in ("of", "the")]
    return span == span.upper() or all(w[0].isupper() or w[0].isdigit() for w in words)


def _scan(text: str, check_case: bool) -> list[RankMatch]:
    prepped = unify_same_length(text)
    ru_rx, en_rx, ru_names, en_names = _patterns()
    found: list[RankMatch] = []
    for rx, prefix, names in ((ru_rx, "r", ru_names), (en_rx, "e", en_names)):
        for m in rx.finditer(prepped):
            span = m.group(0)
            if check_case and not (
                _ru_case_ok(prepped, m.start(), span) if prefix == "r" else _en_case_ok(span)
            ):
                continue
            i = next(i for i in range(len(names)) if m.group(f"{prefix}{i}") is not None)
            rank = names[i]
            found.append(
                RankMatch(
                    m.start(),
                    m.end(),
                    text[m.start() : m.end()],
                    rank,
                    ranks()[rank].is_officer,
                    m.group("guards") is not None,
                )
            )
    found.sort(key=lambda r: (r.start, -r.end))
    result: list[RankMatch] = []
    for r in found:
        if not result or r.start >= result[-1].end:
            result.append(r)
    return result


def find_ranks(text: str) -> list[RankMatch]:
    """Every rank mention in running text, in order, with spans into the original text."""
    return _scan(text, check_case=True)


@lru_cache(maxsize=4_096)
def leading_rank(text: str) -> int:
    """Where a rank that opens the text ends («гвардии рядовой Иванов», «private Ivanov», in any
    case: a list's cell is no sentence), 0 when the text opens with none. Remembered: dedupe
    asks it of a name's cell twice, for the rank and for the name without it."""
    start = len(text) - len(text.lstrip())
    if not text[start:] or text[start:].split(None, 1)[0][:4].lower() not in rank_openings():
        return 0
    prepped = unify_same_length(text)
    ru_rx, en_rx, _, _ = _patterns()
    ends = [m.end() for rx in (ru_rx, en_rx) if (m := rx.match(prepped, start))]
    return max(ends, default=0)


@cache
def rank_openings() -> frozenset[str]:
    """The first four letters, lower case, of every word a rank can open with (and «гвардии»,
    «guards»): a quick test of which texts may open with a rank at all."""
    words = {"гвард", "guard", "гв.", "гв", "мл.", "ст.", "ряд."}  # and shortened: «мл. сержант»
    for rank in ranks().values():
        words.add(rank.rank.split()[0].split("-")[0].lower())
        words.add(rank.rank_en.split()[0].lower())
    words |= {alias.split()[0] for alias in _EN_ALIASES}
    return frozenset(w[:4] for w in words)


def normalize_rank(text: str) -> str | None:
    """A short rank string in any case form or in English -> canonical nominative rank."""
    found = _scan(text, check_case=False)
    return found[0].rank if found else None


def rank_info(rank: str) -> tuple[int, bool]:
    """(order, is_officer) for a rank in any form; KeyError when it is not a rank.

    ``order`` is comparable across branches: матрос = рядовой = 1, капитан 3 ранга = майор = 13.
    """
    key = rank if rank in ranks() else normalize_rank(rank)
    if key is None:
        raise KeyError(rank)
    info = ranks()[key]
    return info.order, info.is_officer
