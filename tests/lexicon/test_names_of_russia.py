"""Names of all of Russia: the regions with the most dead per capita are where Slavic rules fail.
Each name is read in the order and case a page writes it, and comes out in the dictionary form
(surname, given name, patronymic); Latin-script names keep their spelling and are compared by
sound through ``name_key``."""

import pytest

from lexicon.foreign_spelling import spelling_of
from lexicon.name_forms import parse_name_field, read_name
from lexicon.name_readings import cap_name, titlecase
from lexicon.name_refusal import name_refusal
from lexicon.names import patronymic_of
from lexicon.translit import latin_to_cyrillic, name_key

# (as written, surname, given name, patronymic)
TUVAN = [
    ("Саяне Ондаре", "Ондар", "Саян", None),
    ("Саян Ондар", "Ондар", "Саян", None),
    ("Айдысом Монгушем", "Монгуш", "Айдыс", None),
    ("Айдыса Монгуша", "Монгуш", "Айдыс", None),
    ("Ай-Херела Куулара", "Куулар", "Ай-Херел", None),
    ("Ай-Херел Куулара", "Куулар", "Ай-Херел", None),
    ("Адыгжы Кууларе", "Куулар", "Адыгжы", None),
    ("Ахмете Маады", "Маады", "Ахмет", None),
    ("Содунаме Шалыке", "Шалык", "Содунам", None),
    ("Айдыса Александровича Саая", "Саая", "Айдыс", "Александрович"),
    ("Артыш Артемьевич Аймаа", "Аймаа", "Артыш", "Артемьевич"),
    ("Алдын Сергеевич Амырда", "Амырда", "Алдын", "Сергеевич"),
    ("Монгуш Чечен-оол", "Монгуш", "Чечен-оол", None),
    ("Чечен-оолом Монгушем", "Монгуш", "Чечен-оол", None),
    ("ООРЖАК Аржаан Бурушпел-оолович", "Ооржак", "Аржаан", "Бурушпел-оолович"),
    ("Кужугет Кызыл-оол Оолакович", "Кужугет", "Кызыл-оол", "Оолакович"),
    ("Аяна Донгака", "Донгак", "Аян", None),
    ("Ооржаку Аржаану", "Ооржак", "Аржаан", None),
    ("Шолбан Хертек", "Хертек", "Шолбан", None),
]
BURYAT = [
    ("Бато-Мунко Цыренович Дашиев", "Дашиев", "Бато-Мунко", "Цыренович"),
    ("БАТО-МУНКО ЦЫРЕНОВИЧ ДАШИЕВ", "Дашиев", "Бато-Мунко", "Цыренович"),
    ("Баиром Цыреновичем Бальжинимаевым", "Бальжинимаев", "Баир", "Цыренович"),
    ("Дашы-Нима Намсараев", "Намсараев", "Дашы-Нима", None),
    ("Жаргалу Дондокову", "Дондоков", "Жаргал", None),
    ("Чингиса Намсараева", "Намсараев", "Чингис", None),
    ("Солбон Мункоевич Цыбиков", "Цыбиков", "Солбон", "Мункоевич"),
    ("Тумэна Дамдиновича Жамсоева", "Жамсоев", "Тумэн", "Дамдинович"),
    ("Амгалана Тудупова", "Тудупов", "Амгалан", None),
    ("Доржи Бадмаев", "Бадмаев", "Доржи", None),
]
KALMYK = [
    ("Мингияна Бикеева", "Бикеев", "Мингиян", None),
    ("Мингиян Бикеев", "Бикеев", "Мингиян", None),
    ("Санджи Бадмаевич Манджиев", "Манджиев", "Санджи", "Бадмаевич"),
    ("Очиру Халгаеву", "Халгаев", "Очир", None),
    ("Джангаром Сангаджиевым", "Сангаджиев", "Джангар", None),
]
YAKUT_ALTAI_KHAKAS = [
    ("Айсен Николаев", "Николаев", "Айсен", None),
    ("Вадим Вячеславович Алаков", "Алаков", "Вадим", "Вячеславович"),
    ("Захара Андреевича Дьячковского", "Дьячковский", "Захар", "Андреевич"),
    ("Ньургуном Сивцевым", "Сивцев", "Ньургун", None),
    ("Туйгун Винокуров", "Винокуров", "Туйгун", None),
    ("Олимпиана Акчалова", "Акчалов", "Олимпиан", None),
    ("Эркемен Модоров", "Модоров", "Эркемен", None),
    ("Аржану Тадырову", "Тадыров", "Аржан", None),
]
CAUCASUS = [
    ("МАГОМЕД-ШАПИ ГАДЖИЕВ", "Гаджиев", "Магомед-Шапи", None),
    ("Магомед-Шапи Гаджиевич Абдулаев", "Абдулаев", "Магомед-Шапи", "Гаджиевич"),
    ("Абдулмуслима Абдулмуслимова", "Абдулмуслимов", "Абдулмуслим", None),
    ("Гаджимураду Магомедову", "Магомедов", "Гаджимурад", None),
    ("Шамиль Магомедович Гаджиев", "Гаджиев", "Шамиль", "Магомедович"),
    ("Тамерлан Магомедович Евлоев", "Евлоев", "Тамерлан", "Магомедович"),
    ("Таймураза Есенова", "Есенов", "Таймураз", None),
    ("Хетаг Дзасохов", "Дзасохов", "Хетаг", None),
    ("Турпал-Али Дудаев", "Дудаев", "Турпал-Али", None),
    ("Муслиму Исрапилову", "Исрапилов", "Муслим", None),
    ("Кемала Бостанова", "Бостанов", "Кемал", None),
]
AZERBAIJANI = [
    ("Мамедов Эльвин Рамиз оглы", "Мамедов", "Эльвин", "Рамиз оглы"),
    ("Эльвин Рамиз оглы Мамедов", "Мамедов", "Эльвин", "Рамиз оглы"),
    ("МАМЕДОВ ЭЛЬВИН РАМИЗ ОГЛЫ", "Мамедов", "Эльвин", "Рамиз оглы"),
    ("Оруджов Афган Тофик-оглы", "Оруджов", "Афган", "Тофик оглы"),
    ("Улвина Дадашова", "Дадашов", "Улвин", None),
    ("Гусейнов Орхан Вугарович", "Гусейнов", "Орхан", "Вугарович"),
]
TATAR_BASHKIR = [
    ("Ильназ Ринатович Гилязетдинов", "Гилязетдинов", "Ильназ", "Ринатович"),
    ("Илнуром Дильмухаметовым", "Дильмухаметов", "Илнур", None),
    ("Марата Мирсаева", "Мирсаев", "Марат", None),
    ("Альберту Сафиканову", "Сафиканов", "Альберт", None),
    ("Рамиль Ильдарович Хабибуллин", "Хабибуллин", "Рамиль", "Ильдарович"),
    ("Айдаре Ринатовиче Сафине", "Сафин", "Айдар", "Ринатович"),
    ("Ильфата Галиева", "Галиев", "Ильфат", None),
]
CENTRAL_ASIAN = [
    ("Серикжан Кыдырбаев", "Кыдырбаев", "Серикжан", None),
    ("Ерлана Нурланова", "Нурланов", "Ерлан", None),
    ("Жамол Ражабов", "Ражабов", "Жамол", None),
    ("Зухраба Азимова", "Азимов", "Зухраб", None),
    ("Асан уулу Бакыт", "Асан уулу", "Бакыт", None),
    ("Бакыт Асан уулу", "Асан уулу", "Бакыт", None),
    ("Нурбек Токтогулов", "Токтогулов", "Нурбек", None),
    ("Бахтияром Юлдашевым", "Юлдашев", "Бахтияр", None),
    ("Олжас Сейтахметов", "Сейтахметов", "Олжас", None),
]
KOREAN = [
    ("Ким Ен Сук", "Ким", "Ен Сук", None),
    ("КИМ ЕН СУК", "Ким", "Ен Сук", None),
    ("Ли Ен Хо", "Ли", "Ен Хо", None),
    ("Пак Ен-Сук", "Пак", "Ен-Сук", None),
    ("Цой Виктор Робертович", "Цой", "Виктор", "Робертович"),
    ("Хегай Сергей Николаевич", "Хегай", "Сергей", "Николаевич"),
]
CYRILLIC = (
    TUVAN + BURYAT + KALMYK + YAKUT_ALTAI_KHAKAS + CAUCASUS + AZERBAIJANI + TATAR_BASHKIR
    + CENTRAL_ASIAN + KOREAN
)  # fmt: skip


@pytest.mark.parametrize(("written", "surname", "given", "patronymic"), CYRILLIC)
def test_a_name_reads_to_its_dictionary_form(written, surname, given, patronymic):
    parts = parse_name_field(written)
    assert (parts.surname, parts.given, parts.patronymic) == (surname, given, patronymic)


@pytest.mark.parametrize(("written", "surname", "given", "patronymic"), CYRILLIC)
def test_a_name_read_from_running_text_tokens_is_a_man(written, surname, given, patronymic):
    parts = read_name(written.split(), gender="m")
    assert parts.surname == surname and parts.gender in ("m", None)


def test_the_test_covers_every_group():
    groups = [TUVAN, BURYAT, KALMYK, YAKUT_ALTAI_KHAKAS, CAUCASUS, AZERBAIJANI, TATAR_BASHKIR]
    assert all(len(g) >= 5 for g in [*groups, CENTRAL_ASIAN, KOREAN]) and len(CYRILLIC) >= 60


# --- Latin letters: German, Polish, English, French pages ---------------------------------------

LATIN = [
    ("Ondar Aidys Sergejewitsch", "Ондар", "Айдыс", "Сергеевич"),
    ("Alexander Chabarow", "Хабаров", "Александр", None),
    ("Alexei Schpilewski", "Шпилевский", "Алексей", None),
    ("Alexej Juferow", "Юферов", "Алексей", None),
    ("Wladimir Schoga", "Жога", "Владимир", None),
    ("Magomieda Alijewa", "Алиев", "Магомед", None),
    ("Siergiej Piwowarow", "Пивоваров", "Сергей", None),
    ("Igor Skoubko", "Скубко", "Игорь", None),
    ("Aidys Mongush", "Монгуш", "Айдыс", None),
    ("Arzhaan Oorzhak", "Ооржак", "Аржаан", None),
    ("Sergei Gurzanov", "Гурзанов", "Сергей", None),
    ("Jewgeni Pawlow", "Павлов", "Евгений", None),
]


def _key(part: str | None) -> str:
    return name_key(part) if part else ""


@pytest.mark.parametrize(("written", "surname", "given", "patronymic"), LATIN)
def test_a_latin_name_sounds_like_its_russian_one(written, surname, given, patronymic):
    parts = parse_name_field(written)
    got = (_key(parts.surname), _key(parts.given), _key(parts.patronymic))
    assert got == (_key(surname), _key(given), _key(patronymic))


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Chabarow", "Хабаров"),
        ("Schpilewski", "Шпилевский"),
        ("Juferow", "Юферов"),
        ("Sergejewitsch", "Сергеевич"),
        ("Wassiljew", "Васильев"),
        ("Rasumow", "Разумов"),
        ("Magomieda", "Магомеда"),
        ("Bezruczko", "Безручко"),
        ("Skoubko", "Скубко"),
        ("Igonine", "Игонин"),
        ("Scherbakov", "Щербаков"),
    ],
)
def test_latin_to_cyrillic_reads_the_press_of_each_language(latin, cyrillic):
    assert latin_to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(
    ("word", "spelling"),
    [
        ("Chabarow", "german"),
        ("Schoga", "german"),
        ("Magomieda", "polish"),
        ("Bezruczko", "polish"),
        ("Skoubko", "french"),
        ("Igonine", "french"),
        ("Khabarov", None),
        ("Vasiliev", None),
        ("Sergienko", None),
        ("Scherbakov", None),
        ("Semënov", None),
    ],
)
def test_the_language_of_a_spelling(word, spelling):
    assert spelling_of(word) == spelling


# --- capitals in hyphenated names ----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("МАГОМЕД-ШАПИ", "Магомед-Шапи"),
        ("БАТО-МУНКО", "Бато-Мунко"),
        ("ЧЕЧЕН-ООЛ", "Чечен-оол"),
        ("КЫЗЫЛ-ООЛОВИЧ", "Кызыл-оолович"),
        ("ПЕТРОВ-ВОДКИН", "Петров-Водкин"),
        ("Магомед-Шапи", "Магомед-Шапи"),
    ],
)
def test_titlecase_capitalises_each_part_but_the_tuvan_ool(written, expected):
    assert titlecase(written) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("магомед-шапи", "Магомед-Шапи"), ("бато-мунко", "Бато-Мунко"), ("чечен-оол", "Чечен-оол")],
)
def test_cap_name(word, expected):
    assert cap_name(word) == expected


# --- refusals say why ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "no name"),
        ("ЧВК Вагнер", "an organisation («ЧВК»)"),
        ("СОБР Константин", "an organisation («СОБР»)"),
        ("ул. Ленина", "a street («ул»)"),
        ("Город Салават", "a place («Город»)"),
        ("Глава района", "a title or role («Глава»)"),
        ("Рядовой Петров", "a title or role («Рядовой»)"),
        ("Вечная память", "a word of a memorial, not a name («Вечная»)"),
        ("Ильназ", "one word («Ильназ»): a given name or surname alone"),
        ("И. С.", "initials only («И.», «С.»)"),
        ("Ильназ Ринатович", "no surname («Ильназ», «Ринатович»)"),
        ("Петров Иван 1990", "digits in a name («1990»)"),
        ("Ааааа Бббб", "words not known as names («Ааааа», «Бббб»)"),
    ],
)
def test_a_refusal_says_why(text, reason):
    assert name_refusal(text) == reason


@pytest.mark.parametrize(
    "text",
    ["Ким Ен Сук", "Мамедов Эльвин Рамиз оглы", "Асан уулу Бакыт", "Ondar Aidys Sergejewitsch",
     "Петров И. С.", "Магомед-Шапи Гаджиев"],
)  # fmt: skip
def test_names_that_were_refused_are_names(text):
    assert name_refusal(text) is None


@pytest.mark.parametrize(
    "words", [["СОБР", "Константин"], ["Город", "Салават"], ["Украине", "Андрей"],
              ["Братья", "Илья"], ["Рядовой", "Станислав"], ["Госсовету", "Раис"]]
)  # fmt: skip
def test_a_place_a_title_or_an_organisation_is_never_a_surname(words):
    parts = read_name(words)
    assert parts is None or parts.surname != words[0]


@pytest.mark.parametrize(
    ("father", "patronymic"),
    [("Бато-Мунко", "Бато-Мункоевич"), ("Магомед-Шапи", "Магомед-Шапиевич"),
     ("Чечен-оол", "Чечен-оолович"), ("Ай-Херел", "Ай-Херелович")],
)  # fmt: skip
def test_a_patronymic_of_a_hyphenated_name_keeps_its_capitals(father, patronymic):
    assert patronymic_of(father) == patronymic


def test_latin_look_alikes_typed_into_cyrillic_are_read():
    parts = parse_name_field("Mиxaилoм Xoшxoeвым")
    assert (parts.surname, parts.given) == ("Хошхоев", "Михаил")


def test_a_caption_run_into_the_next_word_is_no_surname():
    assert parse_name_field("Ilham MustafayevПохороны") is None
