"""Finding the fallen men in running text, and which parts of the text are about each of them.

An obituary names more people than the dead man: the governor who sends condolences, the
commander who praises him, his mother, the journalist, the wounded comrade, a hero of an older
war. A man counts as dead when the text ties him to death («погиб», «простились с», «посмертно»,
the headline) more than to life (an office, words he says, «ранен», «пропал без вести»), and
not to another war (Afghanistan, Chechnya, Syria, 1941–1945). A text about the other side's
dead, or one older than the war, names none of ours.

Each man found carries his score and the reasons for it, for the tests and for a reviewer.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date

from lexicon.name_forms import NameParts
from spiders.extract import cues as cue
from spiders.extract.men import Man, alone_on_its_line, back_references, group_men
from spiders.extract.mentions import WORD, Mention, find_mentions, name_in_field
from spiders.extract.officials import known_official
from spiders.extract.roles import Clues, read_sentence
from spiders.extract.segments import segments as segments_of
from spiders.extract.sentences import sentences

__all__ = ["Found", "Man", "Mention", "find_dead", "find_people", "name_in_field", "read_dead"]

WAR_START = date(2022, 2, 24)
DEAD_AT = 2.0  # the score from which a man counts as dead
# Sentences that go on about the man named just before: «Он погиб 18 августа».
_PRONOUN = re.compile(
    r"\b(?:он|его|ему|им|боец|бойца|военный|военнослужащий|мужчина|парень|солдат|герой|"
    r"погибший|молодой\s+человек|he|his|him|er|sein)\b",
    re.IGNORECASE,
)
_HEADER = re.compile(r"[.!?…»\"]\s*$")


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
    # men only the place («В Хабаровском крае похоронили двух участников СВО»)
    fallback_fields: tuple[str, ...] | None = None
    reasons: tuple[str, ...] = ()
    named: tuple[tuple[int, int], ...] = ()  # the segments that name him


def text_verdict(text: str, reference: date | None) -> str | None:
    """Why a whole text names none of this war's Russian dead, or None when it may."""
    if reference is not None and reference < WAR_START:
        return f"published {reference} before the war"
    ukrainian = len(cue.UKRAINIAN_SIDE.findall(text))
    if ukrainian and ukrainian >= len(cue.RUSSIAN_SIDE.findall(text)):
        return "the dead of the other side"
    if not cue.THIS_WAR.search(text) and (
        cue.FELL_IN_OLD_WAR.search(text)  # «Бойцов не стало … при выполнении задания в Мали»
        or (cue.OLD_WAR_ANYWHERE.search(text) and not re.search(r"\b202[2-9]\b", text))
    ):
        return "another war"
    return None


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


class _Reading:
    """The sentences of one text, the men named in them (and the single words that name one of
    them again: «Кызин погиб»), and what each sentence says of each mention."""

    def __init__(self, text: str, title_end: int, reference: date | None) -> None:
        self.text = text
        self.title_end = title_end
        self.spans = sentences(text)
        self.mentions = find_mentions(text)
        self.men = group_men(self.mentions)
        self.refs: dict[int, list[Mention]] = {}  # man's index → his one-word mentions
        by_sentence: dict[int, list[Mention]] = {}
        for m in self.mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        taken = [(m.start, m.end) for m in self.mentions]
        for k, (a, b) in enumerate(self.spans):
            for at, man in back_references(text, a, b, self.men):
                if any(s <= at < e for s, e in taken):
                    continue
                word = WORD.match(text, at)
                ref = Mention(at, word.end(), _ref_parts(self.men[man].parts, word.group(0)), k)
                self.refs.setdefault(man, []).append(ref)
                by_sentence.setdefault(k, []).append(ref)
        self.clues: dict[int, Clues] = {}
        self.lists: list[list[Mention]] = []
        for k, (a, b) in enumerate(self.spans):
            here = sorted(by_sentence.get(k, []), key=lambda m: m.start)
            if not here:
                continue
            clues, groups = read_sentence(text, a, b, here)
            for m, c in zip(here, clues, strict=True):
                self.clues[id(m)] = c
            self.lists += [[here[j] for j in g] for g in groups if len(g) > 1]
        self.lists += self._items(by_sentence)
        self.named = {k: len(v) for k, v in by_sentence.items()}
        self.cues = {
            k
            for k, (a, b) in enumerate(self.spans)
            if cue.DEATH_BEFORE.search(text, a, b) or cue.DEATH_AFTER.search(text, a, b)
        }
        self.dated = death_dated_sentences(text, self.spans, reference)
        self.cues |= self.dated
        self.cues_other_war = {
            k for k, (a, b) in enumerate(self.spans) if cue.OTHER_WAR.search(text, a, b)
        }

    def _items(self, by_sentence: dict[int, list[Mention]]) -> list[list[Mention]]:
        """The names of a bulleted or numbered list, one item a line, as one list."""
        out: list[list[Mention]] = []
        run: list[Mention] = []
        for k in range(len(self.spans) + 1):
            here = by_sentence.get(k, []) if k < len(self.spans) else []
            if here and _ITEM.match(self.sentence(k)):
                run.append(min(here, key=lambda m: m.start))
                continue
            if len(run) > 1:
                out.append(run)
            run = []
        return out

    def sentence(self, k: int) -> str:
        a, b = self.spans[k]
        return self.text[a:b]

    def all_mentions(self, k: int) -> list[Mention]:
        return self.men[k].mentions + self.refs.get(k, [])


def _ref_parts(parts: NameParts, word: str) -> NameParts:
    """A one-word mention stands for the whole name; its case is the word's own (a man who
    speaks is named in the nominative: «Как рассказал Иванов»)."""
    nominative = word.lower().replace("ё", "е") in {
        (p or "").lower().replace("ё", "е") for p in (parts.surname, parts.given)
    }
    return replace(parts, case="nomn" if nominative else "gent")


def _score(k: int, r: _Reading) -> tuple[float, list[str]]:
    """How strongly the text says this man is one of the dead, and why."""
    man = r.men[k]
    parts = man.parts
    mentions = r.all_mentions(k)
    clues = [r.clues[id(m)] for m in mentions]
    later = _later_cue(mentions, r)
    dies = any(c.death for c in clues)
    # the text ties him to a death: if he is not counted, a reject says why
    man.tied = dies or later in ("pronoun", "other war") or any(c.denied for c in clues)
    if parts.gender == "f":
        return -10.0, ["a woman"]
    if any(c.credit for c in clues):
        return -10.0, ["a byline or a photo credit"]
    if any(c.other_war for c in clues) or later == "other war":
        man.tied = True
        return -10.0, ["of another war"]
    score, why = (1.0, ["the text speaks of death"]) if r.cues else (0.0, [])

    def add(value: float, reason: str) -> None:
        nonlocal score
        score += value
        why.append(f"{value:+g} {reason}")

    bound = sorted({m.sentence for m, c in zip(mentions, clues, strict=True) if c.death})
    # a grave's caption: «ПЕТРОВ Иван Сергеевич 12.03.1990 – 20.02.2024»
    bound += [m.sentence for m in mentions if m.sentence in r.dated and r.named[m.sentence] == 1]
    if bound:
        add(3.0 if len(bound) == 1 else 4.0, "a cue of death points at him")
    elif any(c.near_death for c in clues):
        add(1.0, "a cue of death in his sentence")
    if any(m.start < r.title_end for m in man.mentions):
        title_cued = any(m.sentence in r.cues for m in man.mentions if m.start < r.title_end)
        add(2.0 if title_cued else 1.0, "named in the headline")
    living = [c for c in clues if c.living and not c.death]
    office = known_official(parts)
    if office and not dies and not any(c.dear or c.soldier or c.family_of for c in clues):
        add(-3.0, f"a known official's name: {office}")  # a son or a soldier is a namesake
    if any(c.office for c in living):
        add(-5.0, f"an office: {next(c.office for c in living if c.office)}")
    if any(c.speaks for c in living):
        add(-4.0, "he speaks or acts")
    if any(c.attends for c in living):
        add(-4.0, "he came to the ceremony")
    if any(c.kin for c in clues) and not dies:
        add(-2.5, "a relative, friend or comrade")
    if any(c.denied for c in clues):
        add(-6.0, "a report of his death denied")
    if any(c.awarded for c in clues):
        add(-1.0, "awarded, not said to be posthumously")
    if any(c.namesake for c in clues):
        add(-3.0, "a namesake of a school or a unit («им.»)")
    if (any(c.alive for c in clues) or later == "alive") and not dies:
        add(-4.0, "wounded, missing or captive")
    if any(c.family_of for c in clues):
        add(1.5, "his family is spoken of")
    if any(c.soldier for c in clues):
        add(1.0, "a soldier or a rank")
    if not bound:
        if later in ("pronoun", "next"):
            add(2.0 if later == "pronoun" else 1.5, "a cue of death in the sentences after")
        if _cue_before(man, r):
            add(1.5, "the sentence before speaks of death and names nobody")
        if _under_header(man, r):
            add(2.0, "under a header of the dead")
    if parts.patronymic:
        add(0.5, "a patronymic")
    if _byline(man, r):
        add(-4.0, "alone on its line and never named again")
    return score, why


def _with_lists(r: _Reading) -> None:
    """A list is of one kind: a man listed with the dead, who nothing says is alive, is one of
    them; a long list in a text of the dead is a list of the dead."""
    owner = {id(m): k for k in range(len(r.men)) for m in r.all_mentions(k)}
    for group in r.lists:
        members = sorted({owner[id(m)] for m in group})
        dead = any(r.men[k].score >= DEAD_AT for k in members)
        for k in members:
            man = r.men[k]
            if man.score <= -10 or any(r.clues[id(m)].living for m in r.all_mentions(k)):
                continue
            if dead and man.score < DEAD_AT:
                man.score += 2.0
                man.reasons.append("+2 in a list with the dead")
            elif len(members) >= 3 and r.cues and man.score < DEAD_AT:
                man.score += 1.0
                man.reasons.append("+1 in a long list")


def _later_cue(mentions: list[Mention], r: _Reading) -> str | None:
    """What the next sentences say of him when nobody else is named in them: «Он погиб …»
    (pronoun), a death without a subject (next), «Он погиб … в Грозном» (other war), «он
    числился пропавшим без вести» (alive, unless a later one says he was buried)."""
    own = {m.sentence for m in mentions}
    found = None
    for sentence in sorted(own):
        for k in (sentence + 1, sentence + 2, sentence + 3):
            if k >= len(r.spans) or k in own or r.named.get(k, 0):
                break
            said = r.sentence(k)
            pronoun = bool(_PRONOUN.search(said[:40]))
            if pronoun and cue.OTHER_WAR.search(said):
                return "other war"
            if k in r.cues:
                return "pronoun" if pronoun else "next"
            if pronoun and cue.ALIVE.search(said):
                found = "alive"
    return found


def _cue_before(man: Man, r: _Reading) -> bool:
    """The introduction before his first mention speaks of death and names nobody («…
    простились с погибшими. Речь идет о бойцах Алексее Осташове и Алексее Маликове»)."""
    k = man.first.sentence - 1
    if k < 0 or k not in r.cues or k in r.cues_other_war:
        return False
    return not any(r.named.get(j) for j in range(k + 1))  # the introduction names nobody


_ITEM = re.compile(r"^\s*(?:[-–—•*▪●]|\d{1,3}[.)])\s*")


def _under_header(man: Man, r: _Reading) -> bool:
    """A name alone on its line or in a list item under a header of the dead («Погибли на
    спецоперации», «… наименования в честь участников СВО:»)."""
    for m in man.mentions:
        span = r.spans[m.sentence]
        if not (alone_on_its_line(r.text, span, m) or _ITEM.match(r.sentence(m.sentence))):
            continue
        for k in range(m.sentence - 1, -1, -1):
            said = r.sentence(k).strip()
            if r.named.get(k) or _ITEM.match(said):
                continue  # another item or heading, or the paragraph under one
            if said.endswith(":") or (not _HEADER.search(said) and len(said) < 80):
                return k in r.cues
    return False


def _byline(man: Man, r: _Reading) -> bool:
    """A name alone on a line (an author, a caption) that the text never comes back to."""
    if len(man.mentions) > 1 or any(m.start < r.title_end for m in man.mentions):
        return False
    m = man.mentions[0]
    if not alone_on_its_line(r.text, r.spans[m.sentence], m):
        return False
    k = m.sentence + 1
    if k in r.cues and "\n" not in r.text[r.spans[m.sentence][1] : r.spans[k][0]]:
        return False  # «Петров Иван Сергеевич. Расстр. 10.10.1937.»: a register's entry goes on
    words = {w for w in (man.parts.surname, man.parts.given) if w}
    rest = r.text[r.spans[m.sentence][1] :]
    return not any(re.search(rf"\b{re.escape(w[:-1])}", rest) for w in words)


def find_people(
    text: str, title_end: int = 0, reference: date | None = None
) -> tuple[list[Man], str | None]:
    """Every man the text names, scored, with the reasons (and why the whole text names no
    dead, if it does not)."""
    r = _Reading(text, title_end, reference)
    for k, man in enumerate(r.men):
        man.score, man.reasons = _score(k, r)
    _with_lists(r)
    return r.men, text_verdict(text, reference)


def find_dead(text: str, title_end: int = 0, reference: date | None = None) -> list[Found]:
    """The dead men of a text (title first, then body), each with his parts of the text."""
    return read_dead(text, title_end, reference)[0]


def read_dead(
    text: str, title_end: int = 0, reference: date | None = None
) -> tuple[list[Found], list[tuple[Mention, str]]]:
    """The dead men of a text; and the men it ties to a death who are not counted (of another
    war, denied dead, a woman, an official, a text about the other side's dead) or whose name is
    too short to count (a given name and patronymic, a surname alone), each with why."""
    r = _Reading(text, title_end, reference)
    for k, man in enumerate(r.men):
        man.score, man.reasons = _score(k, r)
    _with_lists(r)
    verdict = text_verdict(text, reference)
    dead, refused = [], []
    for man in r.men:
        name = man.parts.full_name
        if man.score < DEAD_AT or verdict:
            if (man.tied or man.score >= DEAD_AT) and man.parts.surname:
                why = verdict or "; ".join(x for x in man.reasons if x[0] in "-a")
                refused.append((man.best, f"not counted ({why}): {name!r}"))
            continue
        if not man.parts.surname:
            refused.append((man.best, f"no surname: {name!r}"))
        elif not (man.parts.given or man.parts.given_initial):
            refused.append((man.best, f"no given name: {name!r}"))
        else:
            dead.append(man)
    dead.sort(key=lambda m: _anchor(m, title_end).start)
    # every man named cuts his sentence, so that a dead man's parts hold no one else's dates
    others = [m for m in r.men if m not in dead]
    parts, loose, named = segments_of(text, r.spans, dead, title_end, others)
    shared = None if len(dead) == 1 else ("region", "settlement")
    found = [
        Found(
            man.parts,
            man.first,
            man.best,
            tuple(parts[k]),
            man.score,
            tuple(loose),
            shared,
            tuple(man.reasons),
            tuple(named[k]),
        )
        for k, man in enumerate(dead)
    ]
    return found, refused


def _anchor(man: Man, title_end: int) -> Mention:
    """His first mention in the body (the title's mention when the body never names him)."""
    body = [x for x in man.mentions if x.start >= title_end]
    return min(body or man.mentions, key=lambda x: x.start)
