"""Finding the fallen men in running text, and what the text says about each of them.

An obituary names more people than the dead man: the governor who sends condolences, the
commander who praises him, his mother. A man counts as dead when the text ties him to death
(«погиб», «простились с», the headline) more than to a living role («глава района», «рассказал»).
Facts are read from his part of the text: from his first mention to the next dead man's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz.distance import Levenshtein

from lexicon.name_forms import NameParts, is_initial, parse_name_field, read_name
from lexicon.places import find_places
from spiders.extract.sentences import sentences

_WORD = re.compile(r"[А-ЯЁA-Z]\.|[A-Za-zА-Яа-яЁё]+(?:[-'’][A-Za-zА-Яа-яЁё]+)*")

DEATH_CUES = re.compile(
    r"\b(?:погиб\w*|гибел\w*|простил\w*|прощани\w*|похорон\w*|скончал\w*|умер\w*|"
    r"пал\b|павш\w*|убит\w*|посмертно|скорб\w*|героическ\w*|увековеч\w*|"
    r"не\s+вернул\w*|царстви\w*\s+небесн\w*|покойся|"
    r"died|dead|death|killed|perished|funeral|buried|fallen|memory|mourn\w*|rip)\b"
    # «#ВечнаяПамять» has no word boundary before «Память»; candles and broken hearts mourn
    r"|памят\w*|🕯|💔|🖤|✝|†",
    re.IGNORECASE,
)
ALIVE_ROLES = re.compile(
    r"\b(?:глав\w*|губернатор\w*|мэр\w*|министр\w*|депутат\w*|президент\w*|председател\w*|"
    r"военком\w*|директор\w*|сенатор\w*|руководител\w*|заместител\w*|начальник\w*|"
    r"священник\w*|протоиере\w*|настоятел\w*|корреспондент\w*|журналист\w*|врио|"
    r"governor|mayor|head|minister|spokes\w*)\s*$",
    re.IGNORECASE,
)
# Men who speak about the dead: a commander, a comrade, a teacher. (Relatives are not here:
# «мой брат Саша погиб» names the dead man after a kinship word.)
WEAK_ROLES = re.compile(
    r"\b(?:командир\w*|сослуживц\w*|сослуживец|товарищ\w*|друг\w*|учител\w*|тренер\w*|"
    r"дяд\w*|commander|comrade|friend)\s*$",
    re.IGNORECASE,
)
SPEAKER = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:рассказал\w*|сообщил\w*|отметил\w*|выразил\w*|заявил\w*|"
    r"подчеркнул\w*|написал\w*|поблагодарил\w*|вручил\w*|said|told|wrote)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    parts: NameParts
    sentence: int
    # every given name its words may stand for: «Данила Марченко» is Данила, or Данил in the
    # genitive, and only the rest of the text tells
    readings: frozenset[str] = frozenset()


@dataclass
class Man:
    mentions: list[Mention] = field(default_factory=list)
    score: float = 0.0

    @property
    def best(self) -> Mention:
        """The most complete way the text names him."""

        def completeness(m: Mention) -> tuple:
            p = m.parts
            return (
                bool(p.surname),
                bool(p.given),
                bool(p.patronymic),
                bool(p.given_initial),
                m.parts.case == "nomn",
                p.score,
            )

        return max(self.mentions, key=completeness)

    @property
    def parts(self) -> NameParts:
        return self.best.parts

    @property
    def first(self) -> Mention:
        return min(self.mentions, key=lambda m: m.start)


def _name_like(word: str) -> bool:
    return is_initial(word) or (len(word) > 1 and word[:1].isupper())


def find_mentions(text: str) -> list[Mention]:
    """Every way a man is named in the text, one man's name per mention. Words that name a
    region or district («Средний Урал», «Республики Башкортостан») are not names; a town may
    share its name with a man (Артём, Кашин), so towns are left to the name reader."""
    places = [(p.start, p.end) for p in find_places(text) if p.kind in ("region", "district")]
    mentions = []
    for index, (s_start, s_end) in enumerate(sentences(text)):
        words = [
            (m.group(0), m.start(), m.end())
            for m in _WORD.finditer(text, s_start, s_end)
            if not any(a <= m.start() < b for a, b in places)
        ]
        run: list[tuple[str, int, int]] = []
        for word in [*words, ("", -1, -1)]:
            adjacent = run and word[1] >= 0 and not text[run[-1][2] : word[1]].strip(" \u00a0")
            if word[0] and _name_like(word[0]) and (not run or adjacent):
                run.append(word)
                continue
            mentions.extend(_read_run(run, index))
            run = [word] if word[0] and _name_like(word[0]) else []
    return mentions


def _read_run(run: list[tuple[str, int, int]], sentence: int) -> list[Mention]:
    """Split a run of capitalised words into names: best total score over chunks of 2-4."""
    n = len(run)
    if n < 2:
        return []
    best: list[tuple[float, list[tuple[int, int, NameParts]]]] = [(0.0, [])] * (n + 1)
    for i in range(1, n + 1):
        best[i] = best[i - 1]
        for size in (2, 3, 4):
            j = i - size
            if j < 0:
                continue
            parts = read_name([w for w, _, _ in run[j:i]])
            if parts is None or parts.score < 1.4 + 0.5 * (size - 2):
                continue
            total = best[j][0] + parts.score
            if total > best[i][0]:
                best[i] = (total, [*best[j][1], (j, i, parts)])
    return [
        Mention(run[j][1], run[i - 1][2], parts, sentence, _given_readings(run[j:i]))
        for j, i, parts in best[n][1]
    ]


def _given_readings(run: list[tuple[str, int, int]]) -> frozenset[str]:
    from lexicon.name_forms import given_readings

    return frozenset(g.lower() for word, _, _ in run for g, _, _ in given_readings(word))


def name_in_field(text: str) -> NameParts | None:
    """The man a name field names, also when the field carries more than the name
    («гв. ряд. ПЕТРОВ И. С.», «Сержант Монгуш Айдыс Оолакович (1995–2024)»)."""
    parts = parse_name_field(text)
    if parts is not None and parts.surname:
        return parts
    mentions = [m for m in find_mentions(text) if m.parts.surname]
    if not mentions:
        return parts
    return max(
        mentions,
        key=lambda m: (
            bool(m.parts.given or m.parts.given_initial),
            bool(m.parts.patronymic or m.parts.patronymic_initial),
            m.parts.score,
        ),
    ).parts


def _same_man(x: Mention, y: Mention) -> bool:
    a, b = x.parts, y.parts
    if a.surname and b.surname and _fold(a.surname) != _fold(b.surname):
        # one letter apart, the same given name, one article: a declined form read slightly
        # off («Кежика Кару-Сала» in a headline, «Кежик Кара-Сал» in the text)
        same_given = a.given and b.given and a.given.lower() == b.given.lower()
        if not same_given or Levenshtein.distance(_fold(a.surname), _fold(b.surname)) > 1:
            return False
    if (
        a.given
        and b.given
        and a.given.lower() != b.given.lower()
        and a.given.lower() not in y.readings
        and b.given.lower() not in x.readings
    ):
        return False
    if a.patronymic and b.patronymic and a.patronymic.lower() != b.patronymic.lower():
        return False
    return bool(a.surname and b.surname) or bool(
        a.given and b.given and (a.patronymic or b.patronymic)
    )


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def group_men(mentions: list[Mention]) -> list[Man]:
    men: list[Man] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        for man in men:
            if all(_same_man(m, mention) for m in man.mentions):
                man.mentions.append(mention)
                break
        else:
            men.append(Man([mention]))
    return men


def death_dated_sentences(
    text: str, spans: list[tuple[int, int]], reference: date | None
) -> set[int]:
    """Sentences holding a date read as a death date («12.03.1990 – 20.02.2024» on a grave)."""
    from spiders.extract.dates import find_dates

    starts = [s for s, _ in spans]
    out = set()
    for d in find_dates(text, reference):
        if d.role == "death":
            out.add(max(0, bisect_right(starts, d.start) - 1))
    return out


def score_dead(
    man: Man,
    text: str,
    spans: list[tuple[int, int]],
    title_end: int,
    cues: set[int],
    others: dict[int, int],
) -> float:
    """How strongly the text says this man is one of the dead.

    `cues` are the sentences that speak of death; `others` counts, per sentence, the men named
    there. A cue in his own sentence counts most; one in the next sentence or two counts when
    nobody else is named before it («… Александр Попов родился в Бердске. … Погиб в ноябре»);
    a text that speaks of death at all gives everyone in it a little."""
    if man.parts.gender == "f":
        return -10.0
    score = 1.0 if cues else 0.0
    own = {m.sentence for m in man.mentions}
    for m in man.mentions:
        s_start, s_end = spans[m.sentence]
        before = text[max(s_start, m.start - 40) : m.start]
        after = text[m.end : s_end]
        if m.start < title_end:
            score += 2.0
        if ALIVE_ROLES.search(before):
            score -= 4.0
        elif WEAK_ROLES.search(before):
            score -= 1.5
        if SPEAKER.search(after) or re.search(
            r"[,—–-]\s*(?:—\s*)?(?:рассказал|сообщил|отметил)\w*\s*$", before
        ):
            score -= 2.5
    same = own & cues
    score += 2.0 * min(len(same), 2)
    if not same:
        for sentence in sorted(own):
            ahead = [k for k in (sentence + 1, sentence + 2) if k < len(spans)]
            for k in ahead:
                if others.get(k, 0) > (1 if k in own else 0):
                    break
                if k in cues:
                    score += 1.5
                    break
            else:
                continue
            break
    if man.parts.patronymic:
        score += 0.5
    return score


@dataclass(frozen=True)
class Found:
    """One man the text reports dead: his name, his first and his fullest mention, the parts of
    the text about him, and the parts about nobody in particular (a headline, an introduction)
    to read what his own parts do not say."""

    name: NameParts
    mention: Mention
    best: Mention
    segments: tuple[tuple[int, int], ...]
    score: float
    fallback: tuple[tuple[int, int], ...] = ()
    # what the fallback may give: everything for the only man of a text; for one of several
    # men only the region («В Хабаровском крае похоронили двух участников СВО»)
    fallback_fields: tuple[str, ...] | None = None


def _anchor(man: Man, title_end: int) -> Mention:
    """His first mention in the body (the title's mention when the body never names him)."""
    body = [x for x in man.mentions if x.start >= title_end]
    return min(body or man.mentions, key=lambda x: x.start)


def find_dead(text: str, title_end: int = 0, reference: date | None = None) -> list[Found]:
    """The dead men of a text (title first, then body), each with his parts of the text."""
    spans = sentences(text)
    men = group_men(find_mentions(text))
    cues = {k for k, (a, b) in enumerate(spans) if DEATH_CUES.search(text[a:b])}
    cues |= death_dated_sentences(text, spans, reference)
    named = Counter(m.sentence for man in men for m in man.mentions)
    for man in men:
        man.score = score_dead(man, text, spans, title_end, cues, named)
    dead = [
        m
        for m in men
        if m.score >= 2.0 and m.parts.surname and (m.parts.given or m.parts.given_initial)
    ]
    dead.sort(key=lambda m: _anchor(m, title_end).start)
    segments, loose = _segments(text, spans, dead, title_end)
    shared = None if len(dead) == 1 else ("region",)
    return [
        Found(man.parts, man.first, man.best, tuple(segments[k]), man.score, tuple(loose), shared)
        for k, man in enumerate(dead)
    ]


def _back_references(text: str, a: int, b: int, dead: list[Man]) -> list[tuple[int, int]]:
    """(position, man) for single words in a sentence that name one dead man by his given name
    or surname alone («Иван родился…», «Ildar had volunteered…», «Петрова похоронили»)."""
    from lexicon.name_forms import given_readings, surname_readings

    out = []
    for m in _WORD.finditer(text, a, b):
        word = m.group(0)
        if not word[:1].isupper() or len(word) < 3:
            continue
        givens = {g for g, _, _ in given_readings(word)}
        surnames = {x for x, _, _ in surname_readings(word)}
        hits = [
            k
            for k, man in enumerate(dead)
            if (man.parts.given and man.parts.given in givens)
            or (man.parts.surname and man.parts.surname in surnames)
        ]
        if len(set(hits)) == 1:
            out.append((m.start(), hits[0]))
    return out


def _segments(
    text: str, spans: list[tuple[int, int]], dead: list[Man], title_end: int
) -> tuple[list[list[tuple[int, int]]], list[tuple[int, int]]]:
    """Each dead man's parts of the text. A sentence that names one man is his, and so are the
    sentences after it until another man is named; a sentence that names several is cut at each
    name (a rank or «Private» before a name goes with the name). Sentences before any man is
    named (a headline, an introduction) belong to nobody."""
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for k, man in enumerate(dead):
        for m in man.mentions:
            by_sentence.setdefault(m.sentence, []).append((m.start, k))
    for index, (a, b) in enumerate(spans):
        if index not in by_sentence and a >= title_end:
            refs = _back_references(text, a, b, dead)
            if refs:
                by_sentence[index] = refs
    segments: list[list[tuple[int, int]]] = [[] for _ in dead]
    loose: list[tuple[int, int]] = []
    current = None
    for index, (a, b) in enumerate(spans):
        here = sorted(by_sentence.get(index, []))
        if a < title_end and len(dead) > 1:
            loose.append((a, b))  # a headline naming one of several men says little about him
            continue
        if not here:
            (segments[current] if current is not None else loose).append((a, b))
            continue
        cuts = [a] + [pos for pos, _ in here[1:]] + [b]
        for (_pos, k), start, end in zip(here, cuts, cuts[1:], strict=False):
            segments[k].append((start, end))
        # the body goes on from the man it names; a headline that names him does not speak
        # for the introduction under it
        current = here[-1][1] if a >= title_end else None
    # his own sentences in the body first, then the headline
    for parts in segments:
        parts.sort(key=lambda seg: (seg[0] < title_end, seg[0]))
    return segments, loose
