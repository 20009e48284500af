from collections import defaultdict

import pytest

from lexicon.names import given_names
from lexicon.text import fold
from lexicon.translit import latin_to_cyrillic, name_key, to_latin, to_latin_ukrainian

# name: (bgn, iso9, passport, simple)
SPELLINGS = {
    "Александр": ("Aleksandr", "Aleksandr", "Aleksandr", "Alexander"),
    "Сергей": ("Sergey", "Sergej", "Sergei", "Sergei"),
    "Юрий": ("Yuriy", "Ûrij", "Iurii", "Yuri"),
    "Дмитрий": ("Dmitriy", "Dmitrij", "Dmitrii", "Dmitry"),
    "Алексей": ("Aleksey", "Aleksej", "Aleksei", "Alexei"),
    "Евгений": ("Yevgeniy", "Evgenij", "Evgenii", "Yevgeny"),
    "Пётр": ("Pyotr", "Pëtr", "Petr", "Pyotr"),
    "Семёнов": ("Semyonov", "Semënov", "Semenov", "Semyonov"),
    "Хабибуллин": ("Khabibullin", "Habibullin", "Khabibullin", "Khabibullin"),
    "Щербаков": ("Shcherbakov", "Ŝerbakov", "Shcherbakov", "Shcherbakov"),
    "Цыренов": ("Tsyrenov", "Cyrenov", "Tsyrenov", "Tsyrenov"),
    "Юлия": ("Yuliya", "Ûliâ", "Iuliia", "Yulia"),
    "Екатерина": ("Yekaterina", "Ekaterina", "Ekaterina", "Yekaterina"),
    "Ёлкин": ("Yolkin", "Ëlkin", "Elkin", "Yolkin"),
    "Высоцкий": ("Vysotskiy", "Vysockij", "Vysotskii", "Vysotsky"),
    "Белый": ("Belyy", "Belyj", "Belyi", "Bely"),
    "Жамсоев": ("Zhamsoyev", "Žamsoev", "Zhamsoev", "Zhamsoyev"),
    "Зайцев": ("Zaytsev", "Zajcev", "Zaitsev", "Zaytsev"),
    "Яковлев": ("Yakovlev", "Âkovlev", "Iakovlev", "Yakovlev"),
    "Подъячев": ("Podyachev", "Podʺâčev", "Podieiachev", "Podyachev"),
    "Соловьёв": ("Solovyov", "Solovʹëv", "Solovev", "Solovyov"),
    "Майоров": ("Mayorov", "Majorov", "Maiorov", "Mayorov"),
    "Ильин": ("Ilin", "Ilʹin", "Ilin", "Ilin"),
    "Чайковский": ("Chaykovskiy", "Čajkovskij", "Chaikovskii", "Chaykovsky"),
}
SYSTEMS = ("bgn", "iso9", "passport", "simple")
CASES = [
    (name, system, spelled[i])
    for name, spelled in SPELLINGS.items()
    for i, system in enumerate(SYSTEMS)
]


@pytest.mark.parametrize(("name", "system", "latin"), CASES)
def test_to_latin(name, system, latin):
    assert to_latin(name, system) == latin


@pytest.mark.parametrize(
    ("text", "system", "latin"),
    [
        ("ПЕТРОВ Александр Сергеевич", "bgn", "PETROV Aleksandr Sergeyevich"),
        ("ЩУКИН", "passport", "SHCHUKIN"),
        ("Петров А. С.", "bgn", "Petrov A. S."),
        ("Алдын-оол Монгуш", "bgn", "Aldyn-ool Mongush"),
        ("Анатолий Ефремов", "simple", "Anatoly Yefremov"),
        ("Фёдор", "passport", "Fedor"),
    ],
)
def test_to_latin_keeps_case_and_punctuation(text, system, latin):
    assert to_latin(text, system) == latin


def test_to_latin_unknown_system():
    with pytest.raises(ValueError):
        to_latin("Иван", "klingon")


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [
        ("Олександр", "Oleksandr"),
        ("Сергій", "Serhii"),
        ("Дмитро", "Dmytro"),
        ("Юрій", "Yurii"),
        ("Євген", "Yevhen"),
        ("Згурський", "Zghurskyi"),
        ("Ярослав", "Yaroslav"),
        ("В'ячеслав", "Viacheslav"),
        ("Гліб", "Hlib"),
        ("Їжакевич", "Yizhakevych"),
        ("Йосип", "Yosyp"),
        ("Тетяна", "Tetiana"),
        ("Андрій", "Andrii"),
        ("Михайло", "Mykhailo"),
        ("Щербак", "Shcherbak"),
        ("Юрченко", "Yurchenko"),
        ("Ґалаґан", "Galagan"),
        ("Олексій", "Oleksii"),
        ("Георгій", "Heorhii"),
    ],
)
def test_to_latin_ukrainian(ukrainian, latin):
    assert to_latin_ukrainian(ukrainian) == latin


# --- Latin → Cyrillic -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Aleksandr", "Александр"),
        ("Alexander", "Александр"),
        ("Alexandr", "Александр"),
        ("Oleksandr", "Александр"),
        ("Khabibullin", "Хабибуллин"),
        ("Habibullin", "Хабибуллин"),
        ("Petrov", "Петров"),
        ("Yurchenko", "Юрченко"),
        ("Sergeyev", "Сергеев"),
        ("Sergeev", "Сергеев"),
        ("Tsyrenov", "Цыренов"),
        ("Zhamsoev", "Жамсоев"),
        ("Shcherbakov", "Щербаков"),
        ("Scherbakov", "Щербаков"),
        ("Mongush", "Монгуш"),
        ("Serhiy", "Сергей"),
        ("Hryhoriy", "Григорий"),
        ("Oleh", "Олег"),
        ("Yevhen", "Евгений"),
        ("Vasilyev", "Васильев"),
        ("Solovyov", "Соловьёв"),
        ("Semyonov", "Семёнов"),
        ("Vysotsky", "Высоцкий"),
        ("Tolstoy", "Толстой"),
        ("Aidar", "Айдар"),
        ("Zaitsev", "Зайцев"),
        ("Ismailov", "Исмаилов"),
        ("Mikhailov", "Михайлов"),
        ("Ilyin", "Ильин"),
        ("Dazhy", "Дажы"),
        ("Bayyr", "Байыр"),
        ("Beria", "Берия"),
        ("Poliakov", "Поляков"),
        ("Tiurin", "Тюрин"),
        ("Mariia", "Мария"),
        ("Ŝukin", "Щукин"),
        ("Semënov", "Семёнов"),
        ("Kuznecov", "Кузнецов"),
        ("Mukhametshin", "Мухаметшин"),
        ("Safiullin", "Сафиуллин"),
        ("KUZNETSOV", "КУЗНЕЦОВ"),
        ("Petrov-Vodkin", "Петров-Водкин"),
        ("Aleksandr Petrov", "Александр Петров"),
        ("Иванов", "Иванов"),
    ],
)
def test_latin_to_cyrillic(latin, cyrillic):
    assert latin_to_cyrillic(latin) == cyrillic


COMMON_MEN = [r.name for r in sorted(given_names(), key=lambda r: -r.weight) if r.gender == "m"][
    :40
]
SURNAMES = [
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Петров", "Соколов", "Михайлов", "Новиков",
    "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов",
    "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров",
    "Зайцев", "Борисов", "Яковлев", "Романов", "Сергеев", "Фролов", "Александров", "Дмитриев",
    "Королёв", "Киселёв", "Поляков", "Беляев", "Щербаков", "Хабибуллин", "Цыренов", "Жамсоев",
    "Монгуш", "Ооржак", "Кужугет", "Доржиев", "Гаджиев", "Юлдашев", "Шевченко", "Черных",
    "Высоцкий", "Хайруллин",
]  # fmt: skip


@pytest.mark.parametrize("name", COMMON_MEN)
@pytest.mark.parametrize("system", ["bgn", "passport", "simple"])
def test_given_name_round_trip(name, system):
    assert latin_to_cyrillic(to_latin(name, system)) == name


@pytest.mark.parametrize("surname", SURNAMES)
def test_surname_round_trip_bgn(surname):
    assert latin_to_cyrillic(to_latin(surname, "bgn")) == surname


@pytest.mark.parametrize("surname", SURNAMES)
def test_surname_round_trip_passport(surname):
    assert fold(latin_to_cyrillic(to_latin(surname, "passport"))) == fold(surname)


# --- name_key -------------------------------------------------------------------------------


SAME = [
    "Александр Aleksandr Alexander Alexandr Oleksandr Олександр АЛЕКСАНДР",
    "Сергей Sergey Sergei Sergej Serhiy Serhii Сергій",
    "Юрий Yuri Yury Yuriy Yurii Iurii Jurij Юрій",
    "Семёнов Семенов Semyonov Semenov Semionov Semënov",
    "Хабибуллин Khabibullin Habibullin",
    "Щербаков Shcherbakov Scherbakov Ŝerbakov",
    "Евгений Yevgeny Evgeny Evgeniy Evgenii Yevhen Євген",
    "Дмитрий Dmitry Dmitri Dmitriy Dmitrii Dmytro Дмитро",
    "Алексей Aleksei Alexei Alexey Oleksiy Oleksii Олексій",
    "Георгий Georgy Georgiy Heorhiy Heorhii Георгій",
    "Пётр Петр Petr Pyotr Petro Петро",
    "Васильев Vasilyev Vasiliev Vasilev",
    "Соловьёв Solovyov Soloviev Solovyev Solovev",
    "Мария Maria Mariya Mariia",
    "Татьяна Tatiana Tatyana Тетяна",
    "Цыренов Tsyrenov Cyrenov",
    "Ооржак Oorzhak",
    "Кузнецов Kuznetsov Kuznecov",
    "Ильин Ilyin Ilin",
    "Сергеев Sergeyev Sergeev",
    "Олег Oleg Oleh",
]


@pytest.mark.parametrize("spellings", SAME)
def test_name_key_equal(spellings):
    assert len({name_key(s) for s in spellings.split()}) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Александр", "Алексей"),
        ("Иван", "Ян"),
        ("Роман", "Рамон"),
        ("Петров", "Петрова"),
        ("Сергеев", "Сергиенко"),
        ("Саша", "Александр"),
        ("Sasha", "Alexander"),
        ("Юля", "Юлия"),
        ("Женя", "Евгений"),
        ("Даниил", "Данил"),
        ("Хасанов", "Гасанов"),
        ("Рустам", "Рустем"),
        ("Тимур", "Темур"),
        ("Иванов", "Ивановский"),
    ],
)
def test_name_key_different(a, b):
    assert name_key(a) != name_key(b)


def test_name_key_several_words():
    assert name_key("Aleksandr  Petrov") == name_key("Александр Петров")


def test_name_key_empty():
    assert name_key("") == ""


def test_every_table_spelling_keys_to_its_name():
    bad = [
        (r.name, f)
        for r in given_names()
        for f in (*r.latin, r.ukrainian or r.name)
        if name_key(f) != name_key(r.name)
    ]
    assert bad == []


def test_full_names_have_distinct_keys():
    by_key = defaultdict(set)
    for r in given_names():
        by_key[name_key(r.name)].add(r.name)
    shared = sorted(sorted(v) for v in by_key.values() if len(v) > 1)
    # one name in two regional spellings: the same name to dedupe
    assert shared == [
        ["Айас", "Аяс"], ["Аржаан", "Аржан"], ["Баатр", "Батр"], ["Баир", "Байыр"], ["Ерлан", "Эрлан"],
        ["Ермек", "Эрмек"], ["Илнур", "Ильнур"], ["София", "Софья"], ["Чингиз", "Чынгыз"],
    ]  # fmt: skip


def test_every_system_keys_like_the_cyrillic():
    names = [r.name for r in given_names()] + SURNAMES
    bad = [(n, s) for n in names for s in SYSTEMS if name_key(to_latin(n, s)) != name_key(n)]
    assert bad == []
