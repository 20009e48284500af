"""One name read on its own (the names `read_names`' columns leave): the strict reader, the
loose one, and second tries for a name neither could read: the slips a typist's hand makes in
an ending, which leave every word of the name recognisable to a person but no ending a reader
knows.

- a dotted ё where no word has one, in a case's ending: «Сорокиным Вадимом Ивановичём»,
  «Ивановым Евгениём Михайловичем» (read as if written with е: the keys fold ё anyway);
- two letters of a patronymic's ending swapped: «Николаеивч», «Олегоивч», «Юрьеивче»
  (Николаевич, Олегович, Юрьевиче);
- a name in a sentence's case with a slip in one of its words («Мишину Виктроу Викторовичу»,
  «Борисовмы Владимиром Павловичем»): the case told by its clearest word (a patronymic's or an
  -ов/-ин surname's ending), every word put back in the nominative by that case's endings, and
  the result read loosely (Мишин Виктро Викторович: a given name one slip from Виктор).

Each try rewrites the text and the readers read it again; the first reading with a given name
the tables know is kept (else the first that is a name). A name read with a given name no table
knows in a sentence's case («Соболевым Влаимиром Александровичем») is tried the same way, for its
given name only. Only such names get here (a few in a thousand of a list), so trying costs nothing
a run would notice."""

from __future__ import annotations

import re
from collections.abc import Iterator

from dedupe.loose_names import known_given_keys, loose_key
from dedupe.names import NameKey, name_key
from lexicon.name_endings import SURNAME_ENDINGS

# the patronymic endings a swap of two neighbouring letters is read back to, in every case a
# report writes them in
_PATRONYMIC_END = re.compile(r"(?:ович|евич|ьич)(?:а|у|ем|е)?$")
_WORD = re.compile(r"[А-Яа-яЁё]+")
_SWAP_SPAN = 6  # letters from a word's end within which two may be swapped
_OV_IN = ("ов", "ев", "ёв", "ин", "ын")  # the surnames whose cases the endings read back alone


def _unswapped(word: str) -> str | None:
    """The word with two neighbouring letters near its end put back, where exactly one such
    swap makes it end as a patronymic does and the word did not already."""
    low = word.lower()
    if len(low) < 6 or _PATRONYMIC_END.search(low):
        return None
    found = set()
    for k in range(max(len(word) - _SWAP_SPAN, 1), len(word) - 1):
        swapped = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
        if _PATRONYMIC_END.search(swapped.lower()):
            found.add(swapped)
    return found.pop() if len(found) == 1 else None


# a case, the ending of the word that tells it, a patronymic's ending in it, and a given name's
# endings with their nominatives (a given name's «-ею», «-ием» before a noun's «-у», «-ом»);
# an -ов/-ин surname's endings come from the reader's own table (`SURNAME_ENDINGS`)
_CASES = (
    ("datv", r"(?:ичу|[оеё]ву|[иы]ну)$", "ичу", "ею ей|ию ий|ю ь|у "),
    ("ablt", r"(?:ичем|[оеё]вым|[иы]ным)$", "ичем", "еем ей|ием ий|ем ь|ом |ым "),
    ("loct", r"(?:иче|[оеё]ве|[иы]не)$", "иче", "ее ей|ии ий|е "),
    ("gent", r"ича$", "ича", "ея ей|ия ий|я ь|а "),
)
_CASE_RULES = tuple(
    (
        re.compile(tell),
        (
            (patronymic, "ич"),
            *((e, nom) for e, nom, c in SURNAME_ENDINGS if c == case and nom[-2:] in _OV_IN),
            *(tuple(rule.split(" ")) for rule in given.split("|")),
        ),
    )
    for case, tell, patronymic, given in _CASES
)


def _nominative(text: str) -> str | None:
    """The name with each word put back in the nominative by the endings of the case its
    clearest word tells; None when no word tells one."""
    words = _WORD.findall(text)
    if len(words) < 2:
        return None
    for tell, rules in _CASE_RULES:
        if any(tell.search(w.lower()) for w in words):
            return _WORD.sub(lambda m, rules=rules: _in_nominative(m.group(), rules), text)
    return None


def _in_nominative(word: str, rules: tuple[tuple[str, str], ...]) -> str:
    low = word.lower()
    for ending, nominative in rules:
        if low.endswith(ending) and len(low) > len(ending) + 1:
            stem = word[: len(word) - len(ending)]
            return stem + (nominative.upper() if word.isupper() else nominative)
    return word


def rewrites(text: str) -> Iterator[str]:
    """The texts to read again, in order: with ё written as е, then with a patronymic's swapped
    letters put back (and both), then each of those in the nominative."""
    plain = text.replace("ё", "е").replace("Ё", "Е")
    tried = [text]
    if plain != text:
        tried.append(plain)
        yield plain
    for base in tried.copy():
        fixed = _WORD.sub(lambda m: _unswapped(m.group()) or m.group(), base)
        if fixed != base:
            tried.append(fixed)
            yield fixed
    for base in tried:
        nominative = _nominative(base)
        if nominative is not None and nominative != base:
            yield nominative


def read_name(text: str) -> NameKey:
    """One name's keys. A slip the strict reader refuses, or reads with a given name no table
    knows («Юирй Баин» as a man called Баин), is read loosely (`dedupe.loose_names`), and the
    loose reading is taken when it finds a known given name; a name neither reads is read
    again as `rewrites` puts it back, and so is a name read with a given name no table knows
    («Соболевым Влаимиром Александровичем»), where a second try finds one."""
    key = _read_once(text)
    unknown = key.usable and key.given and key.given not in known_given_keys()
    if text and (not key.usable or unknown):
        for again in rewrites(text):
            second = _read_once(again)
            if unknown and second.surname != key.surname:
                continue  # a second try mends the given name, never moves the surname
            if second.usable and second.given in known_given_keys():
                return second
            if second.usable and not key.usable:
                key = second  # kept unless a later try finds a known given name
    return key


def _read_once(text: str) -> NameKey:
    key = name_key(text)
    if not text or (key.usable and (not key.given or key.given in known_given_keys())):
        return key
    loose = loose_key(text)
    if loose is not None and (
        not key.usable or (loose.usable and loose.given in known_given_keys())
    ):
        return loose
    return key
