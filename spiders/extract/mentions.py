"""Where running text names a man: runs of capitalised words read as one name each, and the
shared plural surname of brothers («братья Илья и Андрей Зорины»).

A run of capitalised words is cut into names by the best total reading (``_read_run``). Words
that cannot be part of a name break a run: abbreviations in capitals («СВО», «СОБР»), courtesy
titles («Mr», «Herr»), the first word of a sentence when it is a common word («Рядовой», «Город»,
«Братья»), and place names. A reading as a woman gives way to a man's when the words around do
not speak of a woman: «Александра Нестеренко» after «старшего лейтенанта» is Александр.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from lexicon.morph import parses
from lexicon.name_alias import alias_spans
from lexicon.name_forms import (
    NameParts,
    given_readings,
    is_initial,
    parse_name_field,
    read_name,
    surname_readings,
)
from lexicon.names import name_gender, surname_weight
from lexicon.ranks import normalize_rank
from spiders.extract.homes import places_near
from spiders.extract.sentences import sentences

WORD = re.compile(r"[А-ЯЁA-Z]\.|[A-Za-zА-Яа-яЁёÀ-ž]+(?:[-'’][A-Za-zА-Яа-яЁёÀ-ž]+)*")
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "herr",
        "frau",
        "pan",
        "pani",
        "sir",
        "lord",
        "maj",
        "major",
        "sgt",
        "sergeant",
        "pvt",
        "private",
        "cpl",
        "lt",
        "lieutenant",
        "capt",
        "captain",
        "col",
        "colonel",
        "gen",
        "general",
        "president",
        "governor",
        "mayor",
        "minister",
        "oberst",
        "hauptmann",
        "leutnant",
        "gefreiter",
        "feldwebel",
        "stabsfeldwebel",
        "unteroffizier",
        "soldat",
    ]
)
_FEMININE_BEFORE = re.compile(
    r"\b(?:мать|мама|матери|маме|мамы|вдов\w*|супруг[аеиу]|жена|жены|жене|дочь|дочери|сестр\w*|"
    r"бабушк\w*|учительниц\w*|ученица|ученицам|корреспондентка|mother|widow|wife|"
    r"sister|daughter)\W+(?:\w+\W+){0,2}$|"
    r"(?-i:\b[а-яё]+(?:ла|лась)\s+(?:[а-яё-]+\s+){0,7})$",  # «рассказала уполномоченный … Юлия»
    re.IGNORECASE,
)
_FEMININE_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,2}?\w+(?:ла|лась)\b|^\W*(?:—|-|,)\s*(?:мать|мама|вдова|супруга|жена|дочь|"
    r"сестра|бабушка)|^[^.!?]{0,40}?\b(?:которая|которой|она|её)\b",
    re.IGNORECASE,
)
_SURNAME_SHAPE = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ск|цк|енко|ук|юк|ян|дзе|швили)(?:а|у|ым|ом|е|ой|ий|ого|ому|им|ая|ую)?$"
)
# Brothers, spouses, parents: given names sharing one plural surname.
_PLURAL_FAMILY = re.compile(
    r"(?P<givens>[А-ЯЁ][а-яё]+(?:\s*,\s*[А-ЯЁ][а-яё]+)*\s+и\s+[А-ЯЁ][а-яё]+)\s+"
    r"(?P<surname>[А-ЯЁ][а-яё]+(?:ов|ев|ёв|ин|ын))(?:ы|ых|ым|ыми)\b"
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


def _name_like(word: str) -> bool:
    return is_initial(word) or (len(word) > 1 and word[:1].isupper())


@lru_cache(maxsize=50_000)
def _common_word(word: str) -> bool:
    """A capitalised word that is a noun, an adjective, a rank or a place before it is a name:
    «Рядовой», «Город», «Братья», «Госсовету», «Украине», «Mr»."""
    if not "А" <= word[:1] <= "я" and word[:1] not in "Ёё":
        return word.lower().rstrip(".") in _TITLES
    if normalize_rank(word):
        return True
    if given_readings(word) or any(surname_weight(nom) > 0 for nom, _, _ in surname_readings(word)):
        return False
    found = parses(word)
    if not found:
        return False
    best = found[0]
    if {"Name", "Surn", "Patr"} & best.tag.grammemes:
        return False
    if "Geox" in best.tag.grammemes or "Abbr" in best.tag.grammemes:
        return True
    if _SURNAME_SHAPE.search(word):
        return False  # «Мазурина», «Лиманскому»: a surname's ending outweighs the dictionary
    return best.is_known and best.score >= 0.5 and best.tag.POS == "NOUN"


def _breaks_run(word: str, opens: bool) -> bool:
    """The word cannot be part of a name here: an abbreviation, a title, or a common word that
    would open the name («Госсовету Раис РТ Рустам Минниханов»: names do not start with it)."""
    if word.isupper() and len(word) <= 5 and not is_initial(word):
        return surname_weight(word.title()) == 0  # «СВО», «СОБР», «РФ», but «КИМ» on a grave
    if re.match(r"[А-ЯЁA-Z]{2,}[а-яёa-z]{1,3}$", word):
        return True  # an abbreviation declined: «командира СОБРа»
    if word.lower().rstrip(".") in _TITLES:
        return True
    return opens and _common_word(word)


def find_mentions(text: str) -> list[Mention]:
    """Every way a man is named in the text, one man's name per mention. Words that name a
    region or district («Средний Урал», «Республики Башкортостан») are not names; a town may
    share its name with a man (Артём, Кашин), so towns are left to the name reader."""
    places = [(p.start, p.end) for p in places_near(text) if p.kind in ("region", "district")]
    mentions = []
    for index, (s_start, s_end) in enumerate(sentences(text)):
        families = _families(text, s_start, s_end, index)
        mentions.extend(families)
        aliases = alias_spans(text, s_start, s_end)  # «Юзефович (Шпинак) Иосиф»: read across
        taken = places + [(f.start, f.end) for f in families] + _village(text, s_start, s_end)
        taken += aliases
        words = []
        for m in WORD.finditer(text, s_start, s_end):
            if any(a <= m.start() < b for a, b in taken):
                continue
            word, end = m.group(0), m.end()
            if word.endswith(("'s", "’s")):
                word, end = word[:-2], end - 2  # «Sokolov's coffin»
            words.append((word, m.start(), end))
        run: list[tuple[str, int, int]] = []
        for word in [*words, ("", -1, -1)]:
            adjacent = run and word[1] >= 0 and _blank(text, run[-1][2], word[1], aliases)
            usable = bool(word[0]) and _name_like(word[0])
            if usable and _breaks_run(word[0], not run or not adjacent):
                usable = False
            if usable and (not run or adjacent):
                run.append(word)
                continue
            mentions.extend(_read_run(text, run, index))
            run = [word] if usable else []
    return sorted(mentions, key=lambda m: m.start)


def _blank(text: str, start: int, end: int, aliases: list[tuple[int, int]]) -> bool:
    """Nothing but spaces (and another name in brackets) between two words."""
    for a, b in aliases:
        if start <= a and b <= end:
            return not (text[start:a] + text[b:end]).strip(" \u00a0")
    return not text[start:end].strip(" \u00a0")


_VILLAGE = re.compile(
    r"\b(?:сел[аоеу]|деревн[яиюе]|посёлк\w*|поселк\w*|пос\.|пгт|г\.|город[аеу]?|станиц[аеуы]|"
    r"хутор[аеу]?|аул[аеу]?|с\.|д\.|п\.|ул\.|улиц[аеуы]|микрорайон\w*)\s+"
    r"(?P<a>[А-ЯЁ][\w-]+)(?:\s+(?P<b>[А-ЯЁ][\w-]+))?"
)


_PLACE_ADJECTIVE = re.compile(
    r"(?:Стар|Нов|Верхн|Нижн|Больш|Мал|Красн|Бел|Средн|Черн|Сух|Горн|Дальн|Южн|Северн)"
    r"(?:ый|ий|ой|ая|яя|ое|ее|ого|ом|ем|ой|ую)$"
)


def _village(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The name of a village after «села», «пос.», «улица»: «житель села Майма Фадеев Борис»
    is no man called Майма; «села Старый Онохой» takes two words."""
    out = []
    for m in _VILLAGE.finditer(text, start, end):
        out.append(m.span("a"))
        if m.group("b") and re.match(_PLACE_ADJECTIVE, m.group("a")):
            out.append(m.span("b"))
    return out


def _read_run(text: str, run: list[tuple[str, int, int]], sentence: int) -> list[Mention]:
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
            parts = _reading(text, run[j:i])
            if parts is None or parts.score < 1.3 + 0.6 * (size - 2):
                continue
            total = best[j][0] + parts.score
            if total > best[i][0]:
                best[i] = (total, [*best[j][1], (j, i, parts)])
    return [
        Mention(run[j][1], run[i - 1][2], parts, sentence, _given_readings(run[j:i]))
        for j, i, parts in best[n][1]
    ]


def _reading(text: str, chunk: list[tuple[str, int, int]]) -> NameParts | None:
    """The chunk read as a name. The dead are men: a woman's reading gives way to a man's
    («Александра Антонова» after «старшего лейтенанта» is Александр Антонов) unless the words
    around speak of a woman, and a name of unknown gender there is a woman's («медике
    Айдысмаа Монгуш, которая …»)."""
    tokens = [w for w, _, _ in chunk]
    parts = _unknown_given(tokens, read_name(tokens) or _a_declension(tokens))
    if parts is not None and parts.case != "nomn" and parts.surname:
        parts = replace(parts, surname=_fleeting_vowel(parts.surname))
    if (
        parts is not None
        and parts.patronymic
        and not parts.surname
        and len(tokens) == 2
        and tokens[1].lower().endswith("кевич")  # «Станислав Марцынкевич» has no patronymic
    ):
        parts = _given_and_surname(tokens, parts)
    if parts is None or parts.gender == "m":
        return parts
    start, end = chunk[0][1], chunk[-1][2]
    woman = bool(
        _FEMININE_BEFORE.search(text[max(0, start - 40) : start])
        or _FEMININE_AFTER.search(text[end : end + 60])
    )
    if parts.gender is None:
        woman = woman or any(_womans_name(t) for t in tokens)
        return replace(parts, gender="f") if woman else parts
    man = read_name(tokens, "m")
    if woman or man is None or man.gender == "f" or man.score < parts.score - 1.5:
        return parts
    if (man.surname or "")[:3].lower() != (parts.surname or "")[:3].lower():
        return parts  # «Лилии Ким» is not a man called Ким Лилии
    return man


def _a_declension(tokens: list[str]) -> NameParts | None:
    """«Глеб Сова», «Владимир Жога»: a man's given name and a surname in -а, which the
    reader takes for a woman's; in the nominative only, where nothing else can be meant."""
    if len(tokens) != 2 or not re.fullmatch(r"[А-ЯЁ][а-яё]+[ая]", tokens[1]):
        return None
    readings = [r for r in given_readings(tokens[0]) if r[1] == "nomn" and r[2] >= 0.9]
    if not readings or name_gender(readings[0][0]) != "m":
        return None
    return NameParts(tokens[1], readings[0][0], None, case="nomn", gender="m", score=1.5)


_MASCULINE_SURNAME = re.compile(r"[А-ЯЁ][а-яё]+(?:ов|ев|ёв|ин|ын|ский|цкий)")


def _unknown_given(tokens: list[str], parts: NameParts | None) -> NameParts | None:
    """«Ждан Ватутин», «Жамол Ражабов»: a given name the tables do not know beside a surname
    in the nominative; the surname's shape says which word is which."""
    if len(tokens) != 2:
        return parts
    for s, g in ((1, 0), (0, 1)):
        surname, given = tokens[s], tokens[g]
        if not _MASCULINE_SURNAME.fullmatch(surname) or _SURNAME_SHAPE.search(given):
            continue
        if s == 0 and re.search(r"(?:ин|ын)$", surname):
            continue  # «Контантин Огий»: a given name in -ин goes first as often as a surname
        if parts is not None and (parts.surname or "").lower() == surname.lower():
            return parts
        if re.search(r"(?:ич|на)$", given) or _known_word(given) or _known_word(surname):
            return parts
        if given_readings(given):
            return parts  # a name the tables know was read as it should be
        return NameParts(surname, given, None, case="nomn", gender=name_gender(given), score=1.4)
    return parts


def _known_word(word: str) -> bool:
    """The dictionary knows the word as something else than a name («Также», «Братьев»)."""
    found = parses(word)
    return (
        bool(found) and found[0].is_known and not {"Name", "Surn", "Patr"} & found[0].tag.grammemes
    )


def _fleeting_vowel(surname: str) -> str:
    """«Горобцом» read back as «Горобц» is Горобец: the е that drops in the other cases."""
    if re.search(r"[бвгдзклмнпрстфхжшчщ]ц$", surname):
        return surname[:-1] + "ец"
    return surname


def _womans_name(token: str) -> bool:
    """A woman's given name in some case («Лилии»), whatever part the reading gave it."""
    if _SURNAME_SHAPE.search(token):
        return False  # «Азимова» is a surname before it is Азима
    return any(conf >= 0.9 and name_gender(nom) == "f" for nom, _, conf in given_readings(token))


def _given_and_surname(tokens: list[str], parts: NameParts) -> NameParts | None:
    """Given name and surname, in the case the given name shows."""
    readings = [r for r in surname_readings(tokens[1]) if r[1] == parts.case]
    if not readings:
        return None
    surname = max(readings, key=lambda r: r[2])[0]
    return replace(parts, surname=surname, patronymic=None)


def _given_readings(run: list[tuple[str, int, int]]) -> frozenset[str]:
    return frozenset(g.lower() for word, _, _ in run for g, _, _ in given_readings(word))


def _families(text: str, start: int, end: int, sentence: int) -> list[Mention]:
    """«Братья Илья и Андрей Зорины» → Зорин Илья, Зорин Андрей: each given name with the
    singular of the plural surname (a woman's name gives a woman, who is not counted)."""
    out = []
    for m in _PLURAL_FAMILY.finditer(text, start, end):
        surname = m.group("surname")
        if not surname_readings(surname):
            continue
        for g in re.finditer(r"[А-ЯЁ][а-яё]+", m.group("givens")):
            readings = given_readings(g.group(0))
            if not readings:
                break
            given, case, conf = max(readings, key=lambda r: (r[1] == "nomn", r[2]))
            gender = name_gender(given)
            name = surname if gender != "f" else surname + "а"
            parts = NameParts(name, given, None, case="nomn", gender=gender, score=1.0 + conf)
            at = m.start("givens") + g.start()
            out.append(Mention(at, m.end(), parts, sentence, frozenset({given.lower()})))
    return out


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
