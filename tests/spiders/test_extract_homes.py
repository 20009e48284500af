"""Where a man came from: his home among the places a text names, not where he fell or served."""

from spiders.extract.homes import (
    best_home,
    home,
    home_and_strength,
    places_near,
    region_of_text,
    villages,
)
from spiders.fields import records_from_text


def home_of(text: str) -> dict[str, str]:
    return {k: v for k, (v, _) in home(text, places_near(text)).items()}


def test_a_dwellers_word_names_his_town():
    assert home_of("простились с нижнекамцем Ильнуром Сибгатуллиным") == {
        "settlement": "Нижнекамск",
        "region": "TA",
    }


def test_a_regions_adjective_and_abbreviation():
    assert home_of("Еще шестеро нижегородских военных погибли") == {"region": "NIZ"}
    assert home_of("Фото: пресс-служба Минобрнауки РХ") == {"region": "KK"}


def test_where_he_fell_or_served_is_not_home():
    assert home_of("Он погиб в Херсонской области") == {}
    assert home_of("служил в городе Озерске Челябинской области, житель Уфы") == {
        "settlement": "Уфа",
        "region": "BA",
    }


def test_the_motherland_is_no_village():
    assert home_of("погиб, защищая свою Родину") == {}


def test_villages_the_gazetteer_does_not_know():
    found = [
        (v.text, v.settlement) for v in villages("уроженец станицы Павлодольской, села Байгул")
    ]
    assert found == [("Павлодольской", "Павлодольская"), ("Байгул", "Байгул")]


def test_the_one_region_of_a_text():
    text = "В Мурманской области проводили в последний путь военнослужащих. Погиб Сергей Широких."
    assert region_of_text(text).region_code == "MUR"
    assert region_of_text("Жители Тувы и Бурятии простились с бойцами.") is None


def test_where_he_was_born_beats_where_he_lived_by_his_service():
    text = (
        "Похороны провели в забайкальском селе Харагун, где он родился. "
        "А жил Иван на Камчатке, по месту службы."
    )
    spans = [(0, text.index(" А жил") + 1), (text.index("А жил"), len(text))]
    got = {k: v for k, (v, _) in best_home(text, (spans,)).items()}
    assert got == {"settlement": "Харагун", "region": "ZAB"}


def test_a_place_after_where_he_was_born_is_sure():
    _, strength = home_and_strength(
        "в селе Харагун, где он родился", places_near("в селе Харагун, где он родился")
    )
    assert strength == 3


def test_a_list_of_regions_is_nobodys_home():
    assert home_of("Есть погибшие военные из Чечни, Дагестана, Калмыкии") == {}


def test_a_district_is_a_home():
    assert home_of("житель Тутаевского района") == {"region": "YAR"}
    assert home_of("житель Лузского муниципального округа") == {"region": "KIR"}


def test_a_village_in_an_adjectives_form_is_not_the_town_of_that_name():
    assert home_of("В селе Кировском Алапаевского района простились") == {
        "settlement": "Кировское",
        "region": "SVE",
    }
    assert "Новочеркасск" not in home_of("Похороны прошли в Новочеркасском").values()


def test_german_spellings_of_towns_where_a_word_says_a_place_follows():
    assert home_of("die Soldaten aus Sabaikalsk") == {"settlement": "Забайкальск", "region": "ZAB"}
    assert home_of("in seinem Dorf Apalicha") == {"settlement": "Апалиха", "region": "SAR"}
    assert home_of("Der Bürgermeister von Togliatti") == {"settlement": "Тольятти", "region": "SAM"}
    assert home_of("auf Geheiß von Wladimir Putin") == {}


def _regions(text: str) -> dict[str, str | None]:
    base = {"source": "t", "spider": "t", "url": "http://t/1", "fetched_at": "2026-01-01T00:00:00"}
    records, _ = records_from_text("", text, base, None)
    return {r["surname"]: r["region"] for r in records}


def test_what_a_sentence_says_before_a_list_of_men_is_each_mans():
    text = (
        "Орденами Мужества посмертно награждены уроженцы Пролетарского района: Михаил "
        "Степанько, Сергей Доля и Алексей Лежанин. Все трое погибли в зоне СВО."
    )
    assert set(_regions(text).values()) == {"ROS"}


def test_the_region_the_text_names_decides_an_ambiguous_town():
    text = (
        "Еще двое жителей Нижегородской области погибли в ходе СВО. "
        + "Администрация сообщила о гибели бойца. " * 4
        + "Алексея Чечулина похоронят на новом кладбище в Ардатове."
    )
    assert _regions(text) == {"Чечулин": "NIZ"}


def test_a_towns_name_beside_a_given_name_is_a_surname():
    text = "Кашин Сергей Романович погиб в ходе СВО. Сергей родился в Полевском."
    assert home_of(text) == {"settlement": "Полевской", "region": "SVE"}


def test_a_word_of_kind_picks_the_town_of_that_kind():
    # Починок is a town in Smolensk oblast and the genitive of the village Починки (Nizhny
    # Novgorod oblast): «г.» says which
    assert home_of("Князев Владислав Ильич, сержант, г. Починок") == {
        "settlement": "Починок",
        "region": "SMO",
    }


def test_a_region_written_after_a_town_the_gazetteer_places_elsewhere():
    # Троицк is in Chelyabinsk oblast and in Moscow (since 2012); the text says Moscow oblast
    assert home_of("a 27-year-old volunteer from Troitsk in the Moscow region") == {
        "settlement": "Троицк",
        "region": "MOS",
    }
