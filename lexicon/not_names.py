"""Words that stand where a name stands but are none: a street, a place, an organisation, a
title or a role, a word of a memorial. The name reader refuses them as surnames («СОБР
Константин», «Город Салават», «Братья Илья», «Рядовой Станислав»), and ``name_refusal`` says
which kind a refused field held.

Only closed lists and the dictionary's own tags decide; a surname that is also an everyday word
(Мороз, Сова, Король) is not refused, and a word pymorphy3 knows only as a place or an
organisation (Украине, Кызыле, Госсовету) is refused; a surname the table knows (Вагнер) is
never refused.
"""

from __future__ import annotations

from functools import lru_cache

from lexicon import names as lex
from lexicon.morph import parses
from lexicon.text import fold

STREET = "a street"
PLACE = "a place"
ORGANISATION = "an organisation"
TITLE = "a title or role"
MEMORIAL = "a word of a memorial, not a name"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_KINDS: dict[str, frozenset[str]] = {
    STREET: _words(
        "улица ул проспект пр-т переулок пер площадь пл бульвар б-р шоссе набережная наб проезд "
        "тупик аллея сквер парк микрорайон мкр квартал street avenue road square lane boulevard"
    ),
    PLACE: _words(
        "район р-н область обл край республика респ город г село с поселок пос пгт деревня дер "
        "станица ст-ца округ аул хутор кожуун улус россия украина рф district region oblast krai "
        "republic city village"
    ),
    ORGANISATION: _words(
        "чвк собр омон мвд фсб вдв всу вс сво рф днр лнр мчс фсин росгвардия росгвардии "
        "минобороны мо госсовет госдума гибдд дпс омсбр мсп одшбр одшб мсд пмк бхп вагнер "
        "шторм оон нато администрация правительство военкомат школа гимназия лицей колледж "
        "университет ооо оао зао пао ип ао ministry wagner"
    ),
    TITLE: _words(
        "глава губернатор мэр президент министр депутат сенатор председатель директор "
        "начальник командир комбат комвзвода замкомвзвода военком генерал полковник "
        "подполковник майор капитан лейтенант старший младший старшина прапорщик сержант "
        "ефрейтор рядовой матрос гвардии гв ряд ефр мл ст серж лейт мичман курсант "
        "доброволец мобилизованный контрактник боец герой господин товарищ врио отец мать сын "
        "брат братья сестра дед бабушка вдова супруга жена муж священник протоиерей иерей "
        "батюшка владыка митрополит епископ святой св имам муфтий"
    ),
    MEMORIAL: _words(
        "память памяти вечная вечный слава героям героев герои погибшие погибшим павшие павшим "
        "мемориал мемориальная доска обелиск"
    ),
}
_BY_WORD = {word: kind for kind, words in _KINDS.items() for word in words}
# Kinds of words refused as surnames.
_NOT_SURNAMES = (STREET, PLACE, ORGANISATION, TITLE, MEMORIAL)


@lru_cache(maxsize=100_000)
def non_name_word(word: str) -> str | None:
    """The kind of non-name a word is («ул.» → "a street", «ЧВК» → "an organisation",
    «губернатора» → "a title or role"), in any case form; None for anything else."""
    key = fold(word).strip(".")
    if key in _BY_WORD:
        return _BY_WORD[key]
    if not key.isalpha() or len(key) < 4:
        return None  # short forms are listed as written; the dictionary reads words
    found = parses(key)
    if any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in found):
        return None  # Капитанов, Городов: a surname first
    for p in found:
        if "plur" in p.tag and p.tag.case != "nomn":
            continue  # «капитанов», «генералов» are surnames as often as plurals
        if p.tag.POS in ("NOUN", "ADJF") and p.normal_form in _BY_WORD:
            return _BY_WORD[p.normal_form]
    return None


_SURNAME_SHAPES = tuple(
    f"{stem}{end}" for stem in ("ов", "ев", "ёв", "ин", "ын") for end in ("", "а", "у", "ым", "е")
) + ("ский", "ского", "скому", "ским", "ском", "цкий", "цкого", "цкому", "цким", "цком")


@lru_cache(maxsize=100_000)
def place_or_organisation(word: str) -> str | None:
    """PLACE or ORGANISATION when the dictionary knows the word only as a geographical name or
    an organisation («Украине», «Кызыле», «Госсовету»); None otherwise."""
    if fold(word).endswith(_SURNAME_SHAPES):
        return None  # Орлов, Пушкин, Шишов: towns and surnames alike
    found = [p for p in parses(word) if p.is_known]
    if not found or any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in found):
        return None
    if all("Geox" in p.tag for p in found):
        return PLACE
    if all("Orgn" in p.tag for p in found):
        return ORGANISATION
    return None


def not_a_surname(word: str) -> str | None:
    """Why a word cannot be a surname (a street, a place, an organisation, a title or role),
    or None when it may be one."""
    if lex.surname_weight(word) > 0:
        return None  # Вагнер is a surname before it is a private army
    kind = non_name_word(word)
    if kind in _NOT_SURNAMES and fold(word) != "слава":  # Слава is a short given name
        return kind
    return place_or_organisation(word)
