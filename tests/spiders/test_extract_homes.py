"""Where a man came from: his home among the places a text names, not where he fell or served."""

from spiders.extract.homes import home, places_near, region_of_text, villages


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
