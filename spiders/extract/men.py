"""One man behind several mentions: «Иван Петров», «Петрова», «Ивану Сергеевичу» in one text are
the same man when their parts agree; a single word later in the text («Иван родился…»,
«Петрова похоронили») refers back to him."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from lexicon.name_forms import NameParts, given_readings, surname_readings
from spiders.extract.mentions import WORD, Mention


@dataclass
class Man:
    mentions: list[Mention] = field(default_factory=list)
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    tied: bool = False  # the text ties him to a death, whether or not he is counted

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
        """His name from all his mentions: the fullest one, with a patronymic another mention
        gives («Иван Федяков» … «Федяков Иван Николаевич»; «Игорь Тарасов» … «Игоря
        Михайловича»)."""
        best = self.best.parts
        if best.patronymic or not best.given:
            return best
        for m in self.mentions:
            p = m.parts
            if p.patronymic and p.given and p.given.lower() == best.given.lower():
                return NameParts(
                    best.surname,
                    best.given,
                    p.patronymic,
                    best.given_initial,
                    best.patronymic_initial,
                    best.case,
                    best.gender or p.gender,
                    best.score,
                )
        return best

    @property
    def first(self) -> Mention:
        return min(self.mentions, key=lambda m: m.start)


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def same_man(x: Mention, y: Mention) -> bool:
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
        and not _typo(a.given, b.given)
    ):
        return False
    if a.patronymic and b.patronymic and a.patronymic.lower() != b.patronymic.lower():
        return False
    if a.gender and b.gender and a.gender != b.gender:
        return False
    return bool(a.surname and b.surname) or bool(
        a.given and b.given and (a.patronymic or b.patronymic)
    )


def _typo(a: str, b: str) -> bool:
    """One letter apart in a long name: «Контантин» is Константин misspelt."""
    return min(len(a), len(b)) >= 6 and Levenshtein.distance(_fold(a), _fold(b)) == 1


def group_men(mentions: list[Mention]) -> list[Man]:
    men: list[Man] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        for man in men:
            if all(same_man(m, mention) for m in man.mentions):
                man.mentions.append(mention)
                break
        else:
            men.append(Man([mention]))
    return men


def back_references(text: str, a: int, b: int, men: list[Man]) -> list[tuple[int, int]]:
    """(position, man) for single words in a sentence that name one man by his given name or
    surname alone («Иван родился…», «Ildar had volunteered…», «Петрова похоронили»)."""
    out = []
    for m in WORD.finditer(text, a, b):
        word = m.group(0)
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        if not word[:1].isupper() or len(word) < 3:
            continue
        givens = {g for g, _, _ in given_readings(word)}
        surnames = {x for x, _, _ in surname_readings(word)}
        hits = [
            k
            for k, man in enumerate(men)
            if (man.parts.given and man.parts.given in givens)
            or (man.parts.surname and man.parts.surname in surnames)
        ]
        if len(set(hits)) == 1:
            out.append((m.start(), hits[0]))
    return out


_ALONE = re.compile(r"^[\s\-–—•*\d.)]*$")


def alone_on_its_line(text: str, span: tuple[int, int], m: Mention) -> bool:
    """The mention is all its sentence holds: a heading, a byline, a caption."""
    a, b = span
    return bool(_ALONE.match(text[a : m.start])) and not text[m.end : b].strip(" .,;:\n")
