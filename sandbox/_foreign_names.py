"""How a report writes a man's name: the order, the case, the initials, the slips.

`write_name` takes the man's true parts and a source's habits and returns the string the report
carries. Every random choice comes from the `random.Random` passed in, so a run is repeatable.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sandbox._foreign_declension import decline_given, decline_patronymic, decline_surname
from sandbox._foreign_latin import SYSTEMS, latin

# a Russian keyboard's rows: a slipped finger hits a key beside the right one
ROWS = ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю")
NEIGHBOURS = {
    ch: row[max(0, i - 1) : i] + row[i + 1 : i + 2] for row in ROWS for i, ch in enumerate(row)
}
# letters a scan or a photo of a grave misreads
OCR = {"ш": "щ", "щ": "ш", "и": "й", "й": "и", "е": "ё", "ё": "е", "б": "6", "З": "3",
       "з": "3", "О": "0", "о": "0", "п": "н", "н": "п", "ц": "щ", "л": "п", "Ш": "Щ", "Щ": "Ш"}  # fmt: skip
# Latin letters that look like Cyrillic ones, typed from a Latin layout or pasted
LOOKALIKE = dict(zip("аеорсхуАВЕКМНОРСТХ", "aeopcxyABEKMHOPCTX", strict=True))
INITIAL_FORMS = ("{s} {g}.{p}.", "{s} {g}. {p}.", "{g}.{p}. {s}", "{g}. {p}. {s}", "{s} {g}.",
                 "{s} {g}.{p}", "{s} {G} {p}.", "{s}  {g}.{p}.")  # fmt: skip
CALLSIGN_FORMS = ("{name} «{c}»", "{name} (позывной «{c}»)", '{name} "{c}"', "{name} ({c})",
                  "{name}, позывной {c}")  # fmt: skip
PUNCTUATION = (".", ",", ";", " -", ":", " ,")
SECOND_SLIP = 0.25  # of the names with a slip, the share that has two
CONVENTIONAL_LATIN = 0.35  # the English press's own spelling of a given name (Alexander, Eugene)
UKRAINIAN_LATIN = 0.05  # a given name spelled from its Ukrainian form (Oleksandr, Serhiy)
TUVAN_HYPHEN = 0.2  # «Сарыг-оол» written «Сарыгоол» or «Сарыг-Оол»
TURKIC_AS_OVICH = 0.3  # «Рамиз оглы» written «Рамизович» in a Russian office's record
YO_TO_E = 0.6  # ё written as е where the name has ё (most typing does not bother)
E_TO_YO = 0.02  # е hypercorrected to ё in one place
HYPHEN_DROP = 0.3  # a double surname cut to its first part
SPACES = 0.03  # doubled or stray spaces
TRAILING = 0.03  # a comma, dot or dash left from the sentence


@dataclass
class Habit:
    """A source's way with names: form weights and the rates of each kind of noise."""

    forms: dict[str, float]
    oblique: float  # name left in a case other than the nominative
    typo: float  # one slip of the hand (or of OCR, for photographed graves)
    ocr: float  # of the slips, the share that are OCR confusions rather than typing
    lookalike: float  # a Latin letter inside a Cyrillic word
    rank: float  # a rank or «гвардии» before the name
    callsign: float  # the call sign, for men who had one
    latin: bool = False  # an English-, German- or French-language source


def _typo(rng: random.Random, word: str, ocr: float) -> str:
    letters = [i for i, ch in enumerate(word) if ch.isalpha()]
    if len(letters) < 3:
        return word
    i = letters[rng.randrange(1, len(letters))]
    ch = word[i]
    if rng.random() < ocr and ch in OCR:
        return word[:i] + OCR[ch] + word[i + 1 :]
    kind = rng.randrange(4)
    if kind == 0 and ch.lower() in NEIGHBOURS:
        near = NEIGHBOURS[ch.lower()]
        new = near[rng.randrange(len(near))]
        return word[:i] + (new.upper() if ch.isupper() else new) + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    if kind == 2:
        return word[:i] + ch + word[i:]
    if i + 1 < len(word) and word[i + 1].isalpha():
        return word[:i] + word[i + 1] + ch + word[i + 2 :]
    return word[:i] + word[i + 1 :]


def _yo(rng: random.Random, text: str) -> str:
    if ("ё" in text or "Ё" in text) and rng.random() < YO_TO_E:
        return text.replace("ё", "е").replace("Ё", "Е")
    if rng.random() < E_TO_YO and "е" in text:
        spots = [i for i, ch in enumerate(text) if ch == "е"]
        i = spots[rng.randrange(len(spots))]
        return text[:i] + "ё" + text[i + 1 :]
    return text


def _initial(word: str) -> str:
    return word[:1].upper() if word else ""


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    """A key drawn by its weight."""
    roll = rng.random() * sum(weights.values())
    for key, weight in weights.items():
        roll -= weight
        if roll <= 0:
            return key
    return key


def _latin_parts(rng, surname, given, patronymic, latin_given, ukrainian):
    system = SYSTEMS[rng.randrange(len(SYSTEMS))]
    s = latin(surname, system)
    if latin_given and rng.random() < CONVENTIONAL_LATIN:
        g = latin_given[rng.randrange(len(latin_given))]
    elif ukrainian and rng.random() < UKRAINIAN_LATIN:
        g = latin(ukrainian.replace("і", "и").replace("є", "е").replace("ї", "и"), "bgn")
    else:
        g = latin(given, system)
    p = latin(patronymic, system) if patronymic and " " not in patronymic else ""
    return s, g, p


def write_name(rng: random.Random, habit: Habit, man: dict) -> str:
    """The man's name as one report of this habit writes it."""
    surname, given, patronymic = man["surname"], man["given"], man["patronymic"]
    if "-" in surname and surname.split("-")[1][:1].isupper() and rng.random() < HYPHEN_DROP:
        surname = surname.split("-")[0]
    if "-" in surname and surname.split("-")[1][:1].islower() and rng.random() < TUVAN_HYPHEN:
        head, tail = surname.split("-", 1)
        surname = head + (tail if rng.random() < 0.5 else "-" + tail.capitalize())
    if " " in patronymic and rng.random() < TURKIC_AS_OVICH:
        patronymic = man["ovich"]
    form = pick(rng, habit.forms)
    if habit.latin:
        s, g, p = _latin_parts(rng, surname, given, patronymic, man["latin"], man["ukrainian"])
        if form == "caps":
            s = s.upper()
    else:
        if rng.random() < habit.oblique:
            case = ("gen", "dat", "ins", "loc")[rng.randrange(4)]
            surname = decline_surname(surname, case)
            given = decline_given(given, case)
            patronymic = decline_patronymic(patronymic, case)
        s, g, p = surname, given, patronymic
        if form == "diminutive" and man["diminutives"]:
            dims = man["diminutives"]
            g = (
                dims[0]
                if rng.random() < 0.6 or len(dims) == 1
                else dims[rng.randrange(1, min(3, len(dims)))]
            )
    if form in ("fio", "caps"):
        text = " ".join(w for w in (s, g, p) if w)
    elif form == "io_f":
        text = " ".join(w for w in (g, p, s) if w)
    elif form in ("i_f", "diminutive"):
        text = f"{g} {s}"
    elif form == "initials":
        pattern = INITIAL_FORMS[rng.randrange(len(INITIAL_FORMS))]
        if not p:
            pattern = "{s} {g}."
        text = pattern.format(s=s, g=_initial(g), p=_initial(p), G=g)
    else:  # "upper": the whole name in capitals, as on a plaque
        text = " ".join(w for w in (s, g, p) if w).upper()
    if form == "caps":
        text = text.replace(s, s.upper(), 1)
    if not habit.latin:
        text = _yo(rng, text)
        if rng.random() < habit.typo:
            words = text.split(" ")
            for _ in range(2 if rng.random() < SECOND_SLIP else 1):
                k = rng.randrange(len(words))
                words[k] = _typo(rng, words[k], habit.ocr)
            text = " ".join(words)
        if rng.random() < habit.lookalike:
            spots = [i for i, ch in enumerate(text) if ch in LOOKALIKE]
            if spots:
                i = spots[rng.randrange(len(spots))]
                text = text[:i] + LOOKALIKE[text[i]] + text[i + 1 :]
    return _dress(rng, habit, man, text)


def _dress(rng: random.Random, habit: Habit, man: dict, text: str) -> str:
    """Rank, honour and call sign around the name; stray spaces and punctuation."""
    if man["callsign"] and rng.random() < habit.callsign:
        pattern = CALLSIGN_FORMS[rng.randrange(len(CALLSIGN_FORMS))]
        call = latin(man["callsign"], "bgn") if habit.latin else man["callsign"]
        text = pattern.format(name=text, c=call)
    if rng.random() < habit.rank:
        rank = man["rank_en"] if habit.latin else man["rank"]
        if man["guards"] and not habit.latin and rng.random() < 0.5:
            rank = "гвардии " + rank
        text = f"{rank} {text}" if rng.random() < 0.85 else f"{rank.capitalize()} {text}"
    if man["hero"] and rng.random() < 0.7:
        text = ("Hero of Russia " if habit.latin else "Герой России ") + text
    if rng.random() < SPACES:
        i = rng.randrange(len(text))
        text = text[:i] + " " + text[i:] if text[i : i + 1] == " " else " " + text + " "
    if rng.random() < TRAILING:
        text += PUNCTUATION[rng.randrange(len(PUNCTUATION))]
    return text
