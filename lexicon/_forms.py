"""Case forms of Russian place names: enough declension to find a name in running text.

Regions, their aliases and district names are declined here from the nominative by their
endings. Settlements carry their own genitive and locative (too irregular to guess), and the
dative, accusative and instrumental are derived from those three forms. At the end: former town
names, the pymorphy3 helpers that tell a place name that is also an everyday word or a person's
name, and the word lists the running-text scanner leans on.
"""

from __future__ import annotations

import functools

from lexicon.morph import analyser
from lexicon.text import fold, tokens

_VELAR = frozenset("кгх")
_HUSH = frozenset("жшчщц")
_VOWELS = frozenset("аеиоуыэюяё")
# Parts of place names that never decline, and the abbreviations the lookups accept.
_FIXED = frozenset(
    {"марий", "эл", "коми", "саха", "ханты", "манси", "санкт", "обл", "респ", "кр", "ао"}
)
# Region words that are masculine although they end in -ь like the feminine «область».
_MASC_SOFT = ("поль", "славль")
_ADJ_ENDINGS = ("ая", "яя", "ый", "ой", "ий", "ое", "ее", "ые", "ие")
_SHORT_HEADS = (
    ("автономный округ", "АО"),
    ("автономная область", "АО"),
    ("область", "обл"),
    ("область", "губерния"),  # «Тульская губ.» of older registers: the same name stem
    ("область", "губ"),
    ("республика", "респ"),
    ("край", "кр"),
)
_DISTRICT_HEADS = (
    "район",
    "муниципальный район",
    "муниципальный округ",
    "городской округ",
    "округ",
)
_RN_FORMS = ("р н", "р на", "р ну", "р н", "р ном", "р не")  # «р-н», «р-на», … in case order


@functools.cache
def key(text: str) -> str:
    """Lookup key: folded word parts (hyphens split words) joined by single spaces."""
    return " ".join(_split(fold(text)))


def _split(folded: str) -> list[str]:
    out = []
    for tok, _, _ in tokens(folded):
        out.extend(p.replace("'", "") for p in tok.split("-") if p)
    return out


def is_adjective(word: str) -> bool:
    """True if a folded word ends like an adjective (-ий, -ая, -ое, -ые, …)."""
    return len(word) > 4 and word.endswith(_ADJ_ENDINGS)


def decline_word(word: str) -> tuple[str, ...]:
    """(nom, gen, dat, acc, ins, loc) of one folded, unhyphenated word, from its ending."""
    w = word
    if len(w) < 3 or w in _FIXED or not ("а" <= w[-1] <= "я"):
        return (w,) * 6
    s, end = w[:-2], w[-2:]
    if is_adjective(w):
        soft = end in ("ий", "ее", "ие", "яя") and s[-1] not in _VELAR
        i = "и" if soft or s[-1] in _VELAR or s[-1] in _HUSH else "ы"
        if end in ("ая", "яя"):
            f = s + ("ей" if soft else "ой")
            return (w, f, f, s + ("юю" if soft else "ую"), f, f)
        if end in ("ые", "ие"):
            return (w, s + i + "х", s + i + "м", w, s + i + "ми", s + i + "х")
        e = "е" if soft else "о"
        return (w, s + e + "го", s + e + "му", w, s + i + "м", s + e + "м")
    if end == "ия":
        s = w[:-1]
        return (w, s + "и", s + "и", s + "ю", s + "ей", s + "и")
    if end == "ье":
        s = w[:-1]
        return (w, s + "я", s + "ю", w, s + "ем", w)
    s, last = w[:-1], w[-1]
    if last == "а":
        g = s + ("и" if s[-1] in _VELAR or s[-1] in _HUSH else "ы")
        return (w, g, s + "е", s + "у", s + "ой", s + "е")
    if last == "я":
        return (w, s + "и", s + "е", s + "ю", s + "ей", s + "е")
    if last == "ь" and not w.endswith(_MASC_SOFT):
        return (w, s + "и", s + "и", w, w + "ю", s + "и")
    if last == "ь" or (last == "й" and w[-2] in _VOWELS):
        return (w, s + "я", s + "ю", w, s + "ем", s + "е")
    if last in _VOWELS:
        return (w,) * 6
    return (w, w + "а", w + "у", w, w + ("ем" if last in _HUSH else "ом"), w + "е")


def _token_forms(token: str) -> list[tuple[str, ...]]:
    # In «ханты-мансийский», «дзун-хемчикский» only the adjective at the end declines.
    parts = [p for p in token.split("-") if p]
    if len(parts) > 1 and is_adjective(parts[-1]):
        return [(p,) * 6 for p in parts[:-1]] + [decline_word(parts[-1])]
    return [decline_word(p) for p in parts]


@functools.cache
def phrase_forms(phrase: str) -> tuple[str, ...]:
    """Keys of a name in the six cases, every word agreeing. Abbreviations (ХМАО) stay put."""
    per_part: list[tuple[str, ...]] = []
    for tok, _, _ in tokens(phrase.replace("'", "")):
        if any(sum(c.isupper() for c in part) >= 2 for part in tok.split("-")):
            per_part.extend((p,) * 6 for p in fold(tok).split("-") if p)
        else:
            per_part.extend(_token_forms(fold(tok)))
    return tuple(" ".join(forms[c] for forms in per_part) for c in range(6))


def region_forms(name: str) -> set[str]:
    """Keys for a region name or alias in every case, with «обл.», «респ.», «АО», «кр.»."""
    variants = {name}
    for full, short in _SHORT_HEADS:
        for v in list(variants):
            start = fold(v).find(full)
            if start >= 0:
                variants.add(v[:start] + short + v[start + len(full) :])
    out: set[str] = set()
    for v in variants:
        forms = phrase_forms(v)
        out.update(forms)
        head, _, rest = v.partition(" ")
        # «в Республике Башкортостан»: the name after «Республика» keeps the nominative.
        if rest and fold(head) in ("республика", "респ"):
            out.update(f"{h} {key(rest)}" for h in phrase_forms(head))
    if key(name) == "крым":
        out.add("крыму")
    return out


def district_forms(name: str, gen: str, loc: str) -> set[str]:
    """Keys for «X район» (or улус, кожуун) under any head a text uses, in every case."""
    adjective, _, head = name.rpartition(" ")
    adj_forms = phrase_forms(adjective)
    out = {key(name), key(gen), key(loc)}
    for h in {head, *_DISTRICT_HEADS}:
        out.update(f"{a} {f}" for a, f in zip(adj_forms, phrase_forms(h), strict=True))
    out.update(f"{a} {f}" for a, f in zip(adj_forms, _RN_FORMS, strict=True))
    return out


def settlement_forms(nom: str, gen: str, loc: str) -> set[str]:
    """Keys for a settlement: the three given forms plus dative, accusative, instrumental."""
    n, g, lo = key(nom).split(), key(gen).split(), key(loc).split()
    out = {" ".join(n), " ".join(g), " ".join(lo)}
    if not len(n) == len(g) == len(lo):
        return out
    derived = [_derive(*t) for t in zip(n, g, lo, strict=True)]
    out.update(" ".join(d[i] for d in derived) for i in range(4))
    return out


def instrumental_forms(nom: str, gen: str, loc: str) -> set[str]:
    """Keys of a settlement's instrumental («Новочеркасском», «Кировском»): after «в» such a
    form is another place's locative («в Новочеркасском» is the village Новочеркасское)."""
    n, g, lo = key(nom).split(), key(gen).split(), key(loc).split()
    if not len(n) == len(g) == len(lo):
        return set()
    derived = [_derive(*t) for t in zip(n, g, lo, strict=True)]
    return {" ".join(d[i] for d in derived) for i in (2, 3)}


def _derive(n: str, g: str, lo: str) -> tuple[str, ...]:
    """Dative, accusative, instrumental and a second instrumental of one word."""
    if n == g == lo:
        return (n,) * 4
    if g.endswith(("ого", "его")):
        s, soft = g[:-3], g.endswith("его")
        i = s + ("им" if soft or s[-1] in _VELAR or s[-1] in _HUSH else "ым")
        return (s + ("ему" if soft else "ому"), n, i, i)
    if n.endswith(("ая", "яя")) and g.endswith(("ой", "ей")):
        return (g, n[:-2] + ("ую" if n.endswith("ая") else "юю"), g, g)
    if lo.endswith(("ах", "ях", "ых", "их")):
        return (lo[:-1] + "м", n, lo[:-1] + "ми", lo[:-1] + "ми")
    if n.endswith(("а", "я")) and g.endswith(("ы", "и")):
        s = n[:-1]
        ins = s + ("ей" if n.endswith("я") else "ой")
        return (lo, s + ("у" if n.endswith("а") else "ю"), ins, s + "ей")
    if n.endswith("ь") and g.endswith("и"):
        return (g, n, n + "ю", n + "ю")
    if g.endswith("я") and n.endswith(("ь", "й", "ье")):
        return (g[:-1] + "ю", n, g[:-1] + "ем", g[:-1] + "ем")
    if g.endswith("а"):
        # Stress decides -ом or -ем after ж, ш, ч, щ, ц (Ельцом, Кунашаком): keep both.
        s = g[:-1]
        return (s + "у", n, s + "ом", s + ("ем" if s[-1] in _HUSH else "ом"))
    return (n,) * 4


# Former or short names that local papers still use for a town (name, gen, loc) -> the town.
TOWN_ALIASES = {
    ("Челны", "Челнов", "Челнах"): ("Набережные Челны", "TA"),
    ("Ростов", "Ростова", "Ростове"): ("Ростов-на-Дону", "ROS"),
    ("Комсомольск", "Комсомольска", "Комсомольске"): ("Комсомольск-на-Амуре", "KHA"),
    ("Петропавловск", "Петропавловска", "Петропавловске"): ("Петропавловск-Камчатский", "KAM"),
    ("Новгород", "Новгорода", "Новгороде"): ("Великий Новгород", "NGR"),
    ("Горький", "Горького", "Горьком"): ("Нижний Новгород", "NIZ"),
    ("Свердловск", "Свердловска", "Свердловске"): ("Екатеринбург", "SVE"),
    ("Куйбышев", "Куйбышева", "Куйбышеве"): ("Самара", "SAM"),
    ("Сталинград", "Сталинграда", "Сталинграде"): ("Волгоград", "VGG"),
    ("Калинин", "Калинина", "Калинине"): ("Тверь", "TVE"),
    ("Ворошиловград", "Ворошиловграда", "Ворошиловграде"): ("Луганск", "UA-09"),
}


@functools.cache
def dictionary_tags(word: str) -> tuple:
    """pymorphy3 tags of the word's dictionary readings (none for unknown words)."""
    from pymorphy3.units import DictionaryAnalyzer

    morph = analyser()
    if not morph.word_is_known(word):
        return ()
    return tuple(
        p.tag for p in morph.parse(word) if isinstance(p.methods_stack[0][0], DictionaryAnalyzer)
    )


def word_risk(word: str) -> int:
    """2 if the dictionary knows the word as a person's name, 1 as another word, else 0."""
    other = [t for t in dictionary_tags(word) if "Geox" not in t]
    if any({"Name", "Surn", "Patr"} & t.grammemes for t in other):
        return 2
    return 1 if other else 0


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words after which a capitalised word is a place: «житель», «уроженец», «в», «г.», «села», …
CUES = _words(
    "житель жителя жителю жителем жители жителей жительница жительницы жительницей "
    "уроженец уроженца уроженцу уроженцем уроженка уроженки уроженкой уроженцы уроженцев "
    "родом из в во под около возле близ г гор город города городе городом городу "
    "с село села селе селом пос п поселок поселка поселке поселком пгт рп ст станица станицы "
    "станице станицей д дер деревня деревни деревне деревней аул аула ауле аулом х хутор хутора "
    "хуторе слобода слободы слободе in from of near at town city village native resident "
    "aus bei nach von stadt dorf siedlung"
)
# What may stand before a settlement name in a short field: «г.», «с.», «р.п.», «п.г.т.», «в».
PREFIXES = (CUES | {"р", "т", "the"}) - {"житель", "жительница", "уроженец", "уроженка", "под"}
# Settlement names that are everyday words; pymorphy3's dictionary finds most others.
COMMON_NAMES = _words(
    "мама зима победа белый дно орел луга тара мирный октябрьский советский заречный свободный "
    "игра оса яр бор гай сим тайга тупик анна артем остров сокол курган шахты грязи озеры родники "
    "апатиты сланцы никель антрацит счастье строитель коммунар терек неман лесной светлый ясный "
    "майский прохладный отрадный отрадное полярный радужный удачный веселый глубокий звездный "
    "московский донской узловая северное степное целина ключи покров орда кизел"
)
# Spellings foreign pages use that no transliteration gives (the Italian of Тольятти's namesake).
LATIN_EXONYMS = {
    "Togliatti": ("Тольятти", "SAM"),
    "Ekaterinburg": ("Екатеринбург", "SVE"),
    "Nizhni Novgorod": ("Нижний Новгород", "NIZ"),
}
# English spellings that are also words or people's names.
EN_COMMON = _words(
    "mama zima tara luga bor dno gai oha sim osa igra yar ob tayga tupik anna artyom ostrov sokol "
    "engels marks vladimir kirov komi"
)
# Phrases that start like a place but are not one.
BLOCKED = ("Советский Союз", "Советская Армия", "Южная Осетия", "South Ossetia")


# How English texts name a region after its short name ("Kemerovo" -> "Kemerovo Oblast").
EN_PATTERNS = (
    *("{} " + kind for kind in ("oblast", "region", "krai", "republic", "province", "territory")),
    "republic of {}",
    "the republic of {}",
)
