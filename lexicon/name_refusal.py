"""Why a text is not a man's name: the reason a name field is refused, in words a reviewer can
act on.

``name_refusal`` returns None when the name reader reads the text as a man's name with a
surname (in any order, case, script; Korean, Turkic «оглы» and hyphenated names included, and
another name in brackets, «Юзефович (Шпинак) Иосиф Сигизмундович», read as an alias), and
otherwise the first reason that holds: no name at all, digits, a word that names a street, a
place, an organisation, a title or a role, one word alone, too many words, initials only, a
word too short to be a name, no surname, words the reader does not know as names, or words
that do not fit together as one man's name.
"""

from __future__ import annotations

import re

from lexicon import names as lex
from lexicon.morph import parses
from lexicon.name_forms import is_initial, join_tegin, parse_name_field, split_name_tokens
from lexicon.name_readings import given_readings, patronymic_readings
from lexicon.not_names import non_name_word, place_or_organisation

MAX_WORDS = 4
_DIGITS = re.compile(r"\d+")


def _quote(words: list[str]) -> str:
    return ", ".join(f"«{w}»" for w in words)


def name_refusal(text: str | None) -> str | None:
    """Why `text` is not a man's name, or None when the reader reads it as one with a surname:
    «ЧВК Вагнер» → "an organisation («ЧВК»)", «ул. Ленина» → "a street («ул»)", «Глава района»
    → "a title or role («Глава»)", «Ильназ» → "one word («Ильназ»): a given name or surname
    alone", «Ааа Ббб» → "words not known as names («Ааа», «Ббб»)"."""
    if not text or not text.strip():
        return "no name"
    digits = _DIGITS.findall(text)
    tokens = join_tegin(split_name_tokens(text))
    if not tokens:
        return f"no letters ({_quote(digits) if digits else repr(text)})"
    parts = parse_name_field(text)
    if parts is not None and parts.surname and not digits:
        return None
    if digits:
        return f"digits in a name ({_quote(digits)})"
    # a word that is also a given name («Слава героям») is named last
    for token in sorted(tokens, key=lambda t: bool(given_readings(t))):
        kind = None if is_initial(token) else non_name_word(token)
        if kind:
            return f"{kind} («{token}»)"
    if len(tokens) == 1:
        return f"one word («{tokens[0]}»): a given name or surname alone"
    if len(tokens) > MAX_WORDS:
        return f"too many words ({len(tokens)}) for one name"
    if all(is_initial(t) for t in tokens):
        return f"initials only ({_quote(tokens)})"
    short = [t for t in tokens if len(t) < 2 and not is_initial(t)]
    if short:
        return f"too short to be a name ({_quote(short)})"
    if parts is not None:
        return f"no surname ({_quote(tokens)})"
    places = [t for t in tokens if place_or_organisation(t)]
    if places:
        return f"{place_or_organisation(places[0])} («{places[0]}»)"
    unknown = [t for t in tokens if not is_initial(t) and not _known(t)]
    if unknown:
        return f"words not known as names ({_quote(unknown)})"
    return f"words that do not fit one man's name ({_quote(tokens)})"


def _known(token: str) -> bool:
    """A word the reader knows as a name: a given name, a patronymic, or a surname of the table
    or the dictionary."""
    if given_readings(token) or patronymic_readings(token):
        return True
    if lex.surname_weight(token) > 0:
        return True
    return any("Surn" in p.tag for p in parses(token.title() if token.isupper() else token))
