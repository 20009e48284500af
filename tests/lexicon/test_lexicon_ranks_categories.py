"""lexicon.ranks and lexicon.categories: every case form, abbreviations, cues, precedence, data."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from lexicon.categories import CATEGORIES, classify, cues, find_categories
from lexicon.ranks import find_ranks, normalize_rank, rank_info, ranks

DATA = Path(__file__).resolve().parents[2] / "lexicon" / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --- ranks -------------------------------------------------------------------------------

RANK_FORMS = [
    ("рядовой", "рядовой", False),
    ("рядового", "рядовой", False),
    ("рядовому", "рядовой", False),
    ("рядовым", "рядовой", False),
    ("рядовом", "рядовой", False),
    ("гвардии рядового", "рядовой", True),
    ("гв. рядовой", "рядовой", True),
    ("ефрейтора", "ефрейтор", False),
    ("гвардии младшего сержанта", "младший сержант", True),
    ("мл. сержанта", "младший сержант", False),
    ("сержантом", "сержант", False),
    ("ст. сержант", "старший сержант", False),
    ("гв. ст. сержант", "старший сержант", True),
    ("старшиной", "старшина", False),
    ("прапорщику", "прапорщик", False),
    ("старшего прапорщика", "старший прапорщик", False),
    ("мл. лейтенант", "младший лейтенант", False),
    ("лейтенанта медицинской службы", "лейтенант", False),
    ("старшим лейтенантом", "старший лейтенант", False),
    ("ст. лейтенант", "старший лейтенант", False),
    ("ст.лейтенанта", "старший лейтенант", False),
    ("ст. л-т", "старший лейтенант", False),
    ("гвардии капитана", "капитан", True),
    ("майора", "майор", False),
    ("майор полиции", "майор", False),
    ("подполковнику", "подполковник", False),
    ("полковником", "полковник", False),
    ("генерал-майора", "генерал-майор", False),
    ("генерал-лейтенантом", "генерал-лейтенант", False),
    ("генерал-полковника", "генерал-полковник", False),
    ("генерала армии", "генерал армии", False),
    ("матроса", "матрос", False),
    ("старшего матроса", "старший матрос", False),
    ("старшины 2 статьи", "старшина 2 статьи", False),
    ("старшина 1-й статьи", "старшина 1 статьи", False),
    ("старшины второй статьи", "старшина 2 статьи", False),
    ("главного старшины", "главный старшина", False),
    ("главного корабельного старшины", "главный корабельный старшина", False),
    ("мичмана", "мичман", False),
    ("старшего мичмана", "старший мичман", False),
    ("капитан-лейтенанта", "капитан-лейтенант", False),
    ("капитана 3 ранга", "капитан 3 ранга", False),
    ("капитаном 3-го ранга", "капитан 3 ранга", False),
    ("капитан III ранга", "капитан 3 ранга", False),
    ("капитана второго ранга", "капитан 2 ранга", False),
    ("капитана 1 ранга", "капитан 1 ранга", False),
    ("контр-адмирала", "контр-адмирал", False),
    ("вице-адмиралом", "вице-адмирал", False),
    ("адмирала флота", "адмирал флота", False),
    ("Junior Sergeant", "младший сержант", False),
    ("Senior Lieutenant", "старший лейтенант", False),
    ("Guards Private", "рядовой", True),
    ("Lieutenant Colonel", "подполковник", False),
    ("Major General", "генерал-майор", False),
    ("Colonel General", "генерал-полковник", False),
    ("Lance Corporal", "ефрейтор", False),
    ("Corporal", "ефрейтор", False),
    ("Warrant Officer", "прапорщик", False),
    ("Captain 3rd Rank", "капитан 3 ранга", False),
    ("Captain of the Second Rank", "капитан 2 ранга", False),
    ("Petty Officer 1st Class", "старшина 1 статьи", False),
    ("Seaman", "матрос", False),
]


@pytest.mark.parametrize(("text", "rank", "guards"), RANK_FORMS)
def test_rank_form_found_whole(text: str, rank: str, guards: bool) -> None:
    assert [(m.text, m.rank, m.guards) for m in find_ranks(text)] == [(text, rank, guards)]


@pytest.mark.parametrize(("text", "rank", "_guards"), RANK_FORMS)
def test_normalize_rank(text: str, rank: str, _guards: bool) -> None:
    assert normalize_rank(text) == rank


def test_ranks_in_running_text_with_spans() -> None:
    text = (
        "Гвардии младший сержант Иван Петров погиб 5 мая. Ему посмертно присвоено звание "
        "старшего сержанта. Его командир, капитан 3-го ранга Сидоров, выразил соболезнования."
    )
    found = find_ranks(text)
    assert [(text[m.start : m.end], m.rank, m.guards) for m in found] == [
        ("Гвардии младший сержант", "младший сержант", True),
        ("старшего сержанта", "старший сержант", False),
        ("капитан 3-го ранга", "капитан 3 ранга", False),
    ]


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("Старший лейтенант Петров погиб.", "старший лейтенант"),
        ("Погиб в бою. Майор Иванов похоронен дома.", "майор"),
        ("ГВАРДИИ РЯДОВОЙ ПЕТРОВ И. И.", "рядовой"),
        ("«Рядовой Петров погиб», — сообщил глава района.", "рядовой"),
        ("Похоронен\nМайор Сидоров", "майор"),
    ],
)
def test_capitalised_rank_accepted_at_sentence_start_or_in_caps(text: str, rank: str) -> None:
    assert [m.rank for m in find_ranks(text)] == [rank]


@pytest.mark.parametrize(
    "text",
    [
        "Это сыграло a major role в деле.",
        "He worked for a private company.",
        "Александр Майоров погиб.",
        "Соболезнования выразил Сергей Майор, глава поселения.",
        "Он стоял на капитанском мостике.",
        "сержантский состав",
        "генерал приехал",
        "captain 3rd rank",
    ],
)
def test_rank_false_positives_rejected(text: str) -> None:
    assert find_ranks(text) == []


def test_officer_flag_on_match() -> None:
    assert [m.is_officer for m in find_ranks("рядовой и лейтенант")] == [False, True]


@pytest.mark.parametrize(
    ("rank", "info"),
    [
        ("рядовой", (1, False)),
        ("прапорщик", (7, False)),
        ("младший лейтенант", (9, True)),
        ("майор", (13, True)),
        ("капитан 3 ранга", (13, True)),
        ("старшим лейтенантом", (11, True)),
        ("генерал армии", (19, True)),
    ],
)
def test_rank_info(rank: str, info: tuple[int, bool]) -> None:
    assert rank_info(rank) == info


def test_rank_info_unknown_raises() -> None:
    with pytest.raises(KeyError):
        rank_info("повар")


def test_normalize_rank_unknown_is_none() -> None:
    assert normalize_rank("стрелок-помощник гранатомётчика") is None


def test_ranks_csv_unique() -> None:
    rows = _rows("ranks.csv")
    assert len({r["rank"] for r in rows}) == len(rows) == len(ranks())


def test_ranks_english_unique() -> None:
    assert len({r.rank_en for r in ranks().values()}) == len(ranks())


def test_officers_are_exactly_from_junior_lieutenant_up() -> None:
    assert all(r.is_officer == (r.order >= 9) for r in ranks().values())


def test_ranks_branches() -> None:
    assert {r.branch for r in ranks().values()} == {"army", "navy"}


def test_every_rank_normalises_to_itself() -> None:
    assert [r for r in ranks() if normalize_rank(r) != r] == []


def test_every_english_rank_found_in_title_case() -> None:
    bad = [
        r.rank
        for r in ranks().values()
        if [
            m.rank
            for m in find_ranks(r.rank_en.title().replace(" Of ", " of ").replace(" The ", " the "))
        ]
        != [r.rank]
    ]
    assert bad == []


# --- categories --------------------------------------------------------------------------

SENTENCES = [
    ("Иван ушёл на СВО добровольцем в октябре 2022 года.", "volunteer"),
    ("В 2023 году он подписал контракт с Министерством обороны и уехал на фронт.", "volunteer"),
    ("Заключил контракт с Минобороны в октябре 2023 года.", "volunteer"),
    ("Погиб доброволец из Бурятии.", "volunteer"),
    ("Вместе с другими добровольцами отправился в зону СВО.", "volunteer"),
    ("Был бойцом добровольческого батальона.", "volunteer"),
    ("Алексей был мобилизован в сентябре 2022 года.", "mobilized"),
    ("Среди погибших — трое мобилизованных из Свердловской области.", "mobilized"),
    ("Призван в ходе частичной мобилизации, погиб в ноябре.", "mobilized"),
    ("Его призвали по мобилизации осенью 2022 года.", "mobilized"),
    ("Простились с мобилизованным земляком.", "mobilized"),
    ("Был из числа мобилизованных, позднее подписал контракт.", "mobilized"),
    ("Бывший заключённый, воевал в составе ЧВК «Вагнер».", "prisoner"),
    ("Завербован в колонии, боец отряда «Шторм Z».", "prisoner"),
    ("Ранее судимый, отбывал наказание в ИК-2, подписал контракт.", "prisoner"),
    ("Был помилован указом президента.", "prisoner"),
    ("Осуждённого за кражу мужчину завербовали в «Шторм-Z».", "prisoner"),
    ("Кадровый военный, служил по контракту с 2015 года.", "regular"),
    ("Окончил Новосибирское высшее общевойсковое командное училище.", "regular"),
    ("С 2012 года служил в армии, был кадровым офицером.", "regular"),
    ("В 2016 году подписал контракт и остался в армии.", "regular"),
    ("Профессиональный военный, участвовал в операции в Сирии.", "regular"),
    ("Проходил срочную службу, погиб в Курской области.", "conscript"),
    ("Солдат-срочник погиб при обстреле.", "conscript"),
    ("Призван на срочную службу весной 2023 года.", "conscript"),
    ("Военнослужащий по призыву погиб на границе.", "conscript"),
    ("Боец ЧВК «Вагнер» погиб под Бахмутом.", "pmc"),
    ("Он воевал в составе «Редута».", "pmc"),
    ("Бойцы-вагнеровцы попрощались с товарищем.", "pmc"),
    ("Сотрудник Росгвардии погиб при исполнении служебных обязанностей.", "rosgvardia"),
    ("Служил в ОМОНе, погиб в Херсонской области.", "rosgvardia"),
    ("Военнослужащий войск национальной гвардии погиб.", "rosgvardia"),
    ("Росгвардейца похоронили в родном селе.", "rosgvardia"),
    ("Сотрудник ФСБ, пограничник, погиб в Брянской области.", "fsb"),
    ("Погиб военнослужащий Пограничной службы ФСБ.", "fsb"),
    ("Воевал в Народной милиции ДНР с 2014 года.", "militia"),
    ("Ополченец, служил в 1-м армейском корпусе.", "militia"),
    ("Боец НМ ЛНР погиб под Северодонецком.", "militia"),
    ("Mobilized in September 2022, he was killed in Zaporizhzhia.", "mobilized"),
    ("A former convict recruited by Wagner from a penal colony.", "prisoner"),
    ("He volunteered for the war in 2023.", "volunteer"),
    ("A career officer, he graduated from the military academy.", "regular"),
    ("A conscript from Kursk region.", "conscript"),
    ("An FSB border guard was killed.", "fsb"),
    ("The Rosgvardia officer died in Kherson.", "rosgvardia"),
]


@pytest.mark.parametrize(("sentence", "category"), SENTENCES)
def test_classify_sentence(sentence: str, category: str) -> None:
    assert classify(sentence)[0] == category


@pytest.mark.parametrize(("sentence", "_category"), SENTENCES)
def test_category_spans_point_into_original(sentence: str, _category: str) -> None:
    assert all(sentence[m.start : m.end] == m.text for m in find_categories(sentence))


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("добровольцами", "добровольцами"),
        ("из числа мобилизованных", "мобилизованных"),
        ("мобилизованного бойца", "мобилизованного"),
        ("ушёл добровольцем", "ушёл добровольцем"),
        ("отбывал наказание", "отбывал наказание"),
        ("срочнику было 19", "срочнику"),
        ("росгвардейцами", "росгвардейцами"),
    ],
)
def test_inflected_cue_found(text: str, cue: str) -> None:
    assert [m.text for m in find_categories(text)] == [cue]


def test_no_cue_gives_none() -> None:
    assert classify("Погиб в зоне СВО, похоронен на родине.") == (None, [])


def test_prisoner_beats_pmc() -> None:
    category, matches = classify("Воевал в ЧВК «Вагнер», до этого отбывал наказание в колонии.")
    assert (category, {"pmc", "prisoner"} <= {m.category for m in matches}) == ("prisoner", True)


def test_prisoner_beats_volunteer() -> None:
    category, matches = classify("Осуждённый, подписал контракт и ушёл добровольцем.")
    assert (category, "volunteer" in {m.category for m in matches}) == ("prisoner", True)


def test_regular_beats_volunteer() -> None:
    category, matches = classify("Служил по контракту с 2015 года, в 2022 году ушёл добровольцем.")
    assert (category, "volunteer" in {m.category for m in matches}) == ("regular", True)


def test_contract_after_2022_is_volunteer_not_regular() -> None:
    assert classify("Служил по контракту с 2023 года.")[0] == "volunteer"


def test_pmc_without_prisoner_cues() -> None:
    assert classify("Подписал контракт с ЧВК «Вагнер».")[0] == "pmc"


def test_mobilized_outweighs_later_contract() -> None:
    assert classify("Был мобилизован, затем подписал контракт.")[0] == "mobilized"


def test_negated_mobilization() -> None:
    category, matches = classify("Он не был мобилизован, а ушёл добровольцем.")
    assert (category, [m.category for m in matches]) == ("volunteer", ["volunteer"])


def test_negated_alone_gives_none() -> None:
    assert classify("Он не мобилизованный.")[0] is None


def test_negated_english() -> None:
    assert classify("He was not mobilized; he volunteered.")[0] == "volunteer"


def test_served_conscription_earlier_is_not_conscript() -> None:
    assert classify("После срочной службы работал водителем.")[0] is None


def test_contract_concluded_is_not_prisoner() -> None:
    assert classify("Он подписал контракт, заключённый на год.")[0] == "volunteer"


def test_sobr_not_matched_inside_a_verb() -> None:
    assert classify("Сержант собрал вещи и уехал.")[0] is None


def test_categories_tuple() -> None:
    assert CATEGORIES == (
        "volunteer",
        "mobilized",
        "prisoner",
        "regular",
        "conscript",
        "pmc",
        "rosgvardia",
        "fsb",
        "militia",
    )


def test_every_cue_category_allowed() -> None:
    assert {c.category for c in cues()} <= set(CATEGORIES)


def test_every_category_has_cues_in_both_languages() -> None:
    assert {(c.category, c.lang) for c in cues()} == {
        (cat, lang) for cat in CATEGORIES for lang in ("ru", "en")
    }


def test_cue_rows_unique() -> None:
    assert len({(c.category, c.pattern) for c in cues()}) == len(cues())


def test_cue_weights_in_range() -> None:
    assert all(0.0 <= c.weight <= 2.0 for c in cues())


def test_every_lemma_cue_matches_itself() -> None:
    bad = [
        c.pattern
        for c in cues()
        if not c.pattern.startswith("re:") and not c.regex.search(c.pattern.replace("ё", "е"))
    ]
    assert bad == []


def test_categories_csv_has_header_and_no_blank_patterns() -> None:
    rows = _rows("categories.csv")
    assert all(r["pattern"].strip() and re.fullmatch(r"\d\.\d", r["weight"]) for r in rows)
