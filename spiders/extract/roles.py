"""What one sentence says of each man it names: his office, whether he speaks, whether a cue of
death, of life or of another war speaks of him.

A cue speaks of the nearest name it can point at: «о гибели» of the name after it, «погиб» of
the subject before it (or after it: «погиб житель Уфы Иван Петров»). A name with an office
(«глава района», «губернатор») or one that speaks («сообщил», «— написал Андрей Чибис») is
passed over, unless the cue comes before the office («о гибели командира СОБРа Константина
Огия»: the office is the dead man's). A cue that speaks of one name of a list speaks of all:
«погибли: Никита Ильин, Павел Обрежа …», «рядовые Анас Исмагилов, Руслан Краснов и Сергей Носов».
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lexicon.morph import parses
from spiders.extract import cues as cue
from spiders.extract.mentions import Mention

_TOKEN = re.compile(r"[\w.’'-]+")
_BOUNDARY = re.compile(r"[;:!?«»\"()\n,—–]|\s-\s")
_FORWARD_REACH = 14  # words from a cue to the name it points at
_BACKWARD_REACH = 16
_NEGATION = re.compile(
    r"\b(?:опроверг\w*|не\s+подтвержд\w*|не\s+был[аи]?\s+подтвержд\w*|считали)\b", re.I
)


@dataclass
class Clues:
    """What his sentence says of one mention."""

    office: str | None = None  # the word of a living man's office or calling
    office_at: int | None = None  # where that word stands (before the name)
    speaks: bool = False
    kin: bool = False
    credit: bool = False
    namesake: bool = False
    soldier: bool = False
    death: bool = False  # a cue of death points at him
    near_death: bool = False  # a cue of death in his sentence points at someone else
    alive: bool = False  # wounded, missing, captive
    denied: bool = False  # a report of his death denied («опровергли информацию о гибели»)
    attends: bool = False  # among those who came to a ceremony
    family_of: bool = False  # his family is spoken of («родственники Даниила Чистякова»)
    awarded: bool = False  # an award, not said to be posthumous, in his sentence
    dear: bool = False  # named as someone's son, brother or husband
    other_war: bool = False

    @property
    def living(self) -> bool:
        return bool(self.office) or self.speaks or self.credit or self.attends


def _words(text: str) -> int:
    return len(_TOKEN.findall(text))


def _finite_verb(word: str) -> bool:
    found = parses(word.lower())
    return bool(found) and found[0].tag.POS == "VERB" and found[0].score > 0.4


def _before(text: str, s_start: int, m: Mention, prev_end: int) -> tuple[str, int]:
    """The words before the name that may describe him, from the last clause boundary (or
    the one before, when the name follows a comma: «Der Bürgermeister von Bratsk, Sergej»)."""
    start = max(s_start, prev_end, m.start - 90)
    window = text[start : m.start]
    cut = [b for b in _BOUNDARY.finditer(window)]
    if cut:
        last = cut[-1]
        enclosed = text[m.end : m.end + 2].lstrip().startswith(",")
        if last.group(0) == "," and enclosed and not window[last.end() :].strip():
            # «Der Bürgermeister von Bratsk, Sergej Serebrennikow, gab …»: an apposition
            begin = cut[-2].end() if len(cut) > 1 else 0
            return window[begin:], start + begin
        start += last.end()
    return text[start : m.start], start


def _describe(text: str, s_start: int, s_end: int, m: Mention, prev_end: int) -> Clues:
    clues = Clues()
    before, at = _before(text, s_start, m, prev_end)
    tokens = list(_TOKEN.finditer(before))
    for k in range(len(tokens) - 1, max(-1, len(tokens) - 11), -1):
        word = tokens[k].group(0)
        word = word if word == "им." else word.strip(".-’'")
        if _finite_verb(word):
            break
        if cue.OFFICE.fullmatch(word):
            clues.office, clues.office_at = word.lower(), at + tokens[k].start()
            break
        if cue.KIN.fullmatch(word) and not clues.soldier:
            clues.kin = True
        elif cue.SOLDIER.fullmatch(word) and not clues.kin:
            clues.soldier = True
    if not clues.office and cue.AGENT.search(text[max(s_start, m.start - 50) : m.start]):
        clues.office = "agent"  # «по приказу Владимира Путина»
    if clues.office:
        clues.kin = clues.soldier = False
    clues.dear = bool(cue.DEAR.search(text[max(s_start, m.start - 20) : m.start]))
    if cue.CREDIT.search(text[max(s_start, m.start - 40) : m.start]):
        clues.credit = True
    if cue.NAMESAKE.search(text[max(s_start, m.start - 12) : m.start]):
        clues.namesake = True
    after = text[m.end : s_end]
    apposition = re.match(r"\s*(?:[,—–-]|\()\s*([\w.-]+)", after)
    if apposition and not clues.office:
        word = apposition.group(1)
        if cue.OFFICE.fullmatch(word):
            clues.office = word.lower()
        elif cue.KIN.fullmatch(word):
            clues.kin = True
    nominative = m.parts.case == "nomn"
    if text[s_start : m.start].rstrip().endswith(",") and after.lstrip().startswith(","):
        after = after.lstrip()[1:]  # the comma that closes an apposition
    if nominative and (
        cue.SPEAKS_AFTER.search(after[:90])
        or cue.SPEAK_TOGETHER.search(after[:120])
        or cue.SPEAKS_BEFORE.search(text[max(s_start, m.start - 60) : m.start])
    ):
        clues.speaks = True
    if nominative and cue.ATTENDS.search(text, s_start, m.start):
        clues.attends = True
    if m.parts.case in ("gent", "accs") and cue.FAMILY_OF.search(
        text[max(s_start, m.start - 40) : m.start]
    ):
        clues.family_of = True
    return clues


def lists(text: str, mentions: list[Mention]) -> list[list[int]]:
    """Indexes of mentions that stand in one list (commas, «и», ranks and soldiers' words and
    brackets between them)."""
    groups: list[list[int]] = []
    for k, m in enumerate(mentions):
        if k and _glued(text[mentions[k - 1].end : m.start]):
            groups[-1].append(k)
        else:
            groups.append([k])
    return groups


def _glued(gap: str) -> bool:
    if not re.search(r"[,;―—–]|\bи\b|\band\b|\bund\b|\bа\b", gap):
        return False  # two names side by side with nothing between are not a list
    gap = re.sub(r"\d+\s*-?\s*летн\w*", " ", gap)  # «и 21-летним Рустамом …»
    # «…, а в Балашове – Владимира Киселева», «…, в деревне Раздолье ― Матвея Вахитова»
    gap = re.sub(r",\s*(?:а\s+)?(?:в|во|на)\s[^,;]{1,60}?\s[―—–-]\s*", " ", gap)
    # «Сергей Попов, служивший номером расчета, и Захар Яценко»
    gap = re.sub(r",[^,;.]{1,50},(?=\s*(?:и|а\s+также|and|und)\s)", " ", gap)
    rest = cue.LIST_GLUE.sub(" ", gap)
    return all(cue.SOLDIER.fullmatch(w) or w.lower() in _RANK_WORDS for w in rest.split())


_RANK_WORDS = frozenset(
    [
        "младший",
        "младшего",
        "младшему",
        "младшим",
        "младшие",
        "младших",
        "старший",
        "старшего",
        "старшему",
        "старшим",
        "старшие",
        "старших",
        "главный",
        "главного",
        "гвардии",
        "гв.",
        "ряд.",
        "мл.",
        "ст.",
        "серж.",
        "лейт.",
        "кап.",
    ]
)


def read_sentence(
    text: str, s_start: int, s_end: int, mentions: list[Mention]
) -> tuple[list[Clues], list[list[int]]]:
    """The clues of each mention of one sentence (the mentions in text order), and its lists."""
    described = []
    prev: Mention | None = None
    window = s_start
    for m in mentions:
        # a brother's mention («супруги Наталья и Игорь Кульневы») ends after the next one
        # starts: the words before the first describe them all
        if prev is not None and prev.end <= m.start:
            window = prev.end
        described.append(_describe(text, s_start, s_end, m, window))
        prev = m
    groups = lists(text, mentions)
    group_of = {k: g for g in groups for k in g}
    for group in groups:
        if any(described[k].soldier for k in group):  # «рядовые A, B и C»
            for k in group:
                described[k].soldier = not described[k].living
        nominative = all(mentions[k].parts.case == "nomn" for k in group)
        if (
            nominative and described[group[-1]].speaks
        ):  # «Игорь Тума и Ксенофонт Васильев рассказали»
            for k in group:
                described[k].speaks = True
    sentence = text[s_start:s_end]
    negated = bool(_NEGATION.search(sentence))
    for kind, pattern in (("before", cue.DEATH_BEFORE), ("after", cue.DEATH_AFTER)):
        for c in pattern.finditer(text, s_start, s_end):
            if _feminine(c.group(0)):
                continue  # «семье погибшей женщины-военнослужащей»
            k = _nearest(text, mentions, described, c.start(), c.end(), kind)
            if k is None:
                continue
            for j in group_of[k]:
                if j != k and described[j].living:
                    continue
                if negated:
                    described[j].denied = True
                else:
                    described[j].death = True
    for c in cue.ALIVE.finditer(text, s_start, s_end):
        k = _nearest(text, mentions, described, c.start(), c.end(), "any", reach=10)
        if k is not None and not _fatal_wound(text, c.start(), c.end()):
            for j in group_of[k]:
                described[j].alive = True
    for c in cue.OTHER_WAR.finditer(text, s_start, s_end):
        k = _nearest(text, mentions, described, c.start(), c.end(), "any", reach=20, skip=False)
        if k is not None:
            for j in group_of[k]:
                described[j].other_war = True
    cued = bool(cue.DEATH_BEFORE.search(sentence) or cue.DEATH_AFTER.search(sentence))
    awarded = bool(cue.AWARD.search(sentence)) and not cue.POSTHUMOUS.search(sentence)
    for clues in described:
        clues.near_death = cued and not clues.death and not negated
        clues.awarded = awarded and not clues.death
    return described, groups


def _feminine(word: str) -> bool:
    word = word.lower()
    if not word.endswith(("шей", "шая", "шую", "ла", "лась")):
        return False
    found = parses(word)
    return bool(found) and found[0].tag.gender == "femn" and found[0].tag.number == "sing"


def _fatal_wound(text: str, start: int, end: int) -> bool:
    around = text[max(0, start - 40) : end + 40].lower()
    return bool(re.search(r"смертельн|скончал|от\s+(?:полученных\s+)?ранени|умер", around))


def _nearest(
    text: str,
    mentions: list[Mention],
    described: list[Clues],
    start: int,
    end: int,
    kind: str,
    reach: int | None = None,
    skip: bool = True,
) -> int | None:
    """The mention a cue at [start, end) points at, or None."""
    best: tuple[float, int] | None = None
    for k, m in enumerate(mentions):
        if m.end <= start:
            gap_text, forward = text[m.end : start], False
        elif m.start >= end:
            gap_text, forward = text[end : m.start], True
            if kind == "after" and re.search(r"[,;—–]|\s-\s", gap_text):
                continue  # «погибло несколько человек, а господин Огий … смогли уйти»
        else:
            return k  # the cue is inside the name's words («Памяти Ивана»)
        gap = _words(gap_text)
        limit = reach or (_FORWARD_REACH if forward else _BACKWARD_REACH)
        if gap > limit:
            continue
        office_at = described[k].office_at
        # «о гибели командира СОБРа Константина Огия»: the office is the dead man's
        owned = (
            office_at is not None
            and forward
            and office_at >= end
            and _words(text[end:office_at]) <= 2
            and not any(_finite_verb(w) for w in _TOKEN.findall(text[end:office_at]))
        )
        if skip and described[k].living and not owned:
            continue
        penalty = {"before": 0 if forward else 4, "after": 3 if forward else 0}.get(kind, 0)
        score = gap + penalty
        if best is None or score < best[0]:
            best = (score, k)
    return best[1] if best else None
