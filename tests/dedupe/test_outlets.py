"""The page behind a record (`dedupe.outlets`): its outlet's home region, learnt from the list,
and the date its address or its `published_date` gives, each a comparison of its own."""

from dataclasses import replace
from datetime import date

import numpy as np
import pyarrow as pa
import pytest

from dedupe.api import dedupe_records
from dedupe.config import load_config
from dedupe.outlets import (
    Outlet,
    Published,
    home_regions,
    outlet_codes,
    outlet_levels,
    published_by,
    published_levels,
)
from dedupe.prepare import prepare
from dedupe.score import frequency_adjustments, score


@pytest.mark.parametrize(
    ("url", "published", "want"),
    [
        ("https://news158.ru/2023/12/22/3917.html", None, date(2023, 12, 22)),
        ("https://e1.ru/text/incidents/2023/5/12/72301234/", None, date(2023, 5, 12)),
        ("https://x.ru/news/2024-03-15-pamyati-geroya", None, date(2024, 3, 15)),
        # only the month: the page was out by its last day
        ("https://press.com/world/2025/12/34215-obituary", None, date(2025, 12, 31)),
        ("https://press.com/world/2024/02/", None, date(2024, 2, 29)),
        # real obituaries' addresses (the search corpus's stored pages, 2026-12-08): two of eight
        # regional and federal pages carry their date, the rest a slug, a hash or a number
        (
            "https://i3vestno.ru/news/2024/12/26/v_ivanovskoy_oblasti_sostoyalos_proshchanie_s_chetyrmya_uchastnikami_svo",
            None,
            date(2024, 12, 26),
        ),
        (
            "https://lenta.ru/news/2025/09/02/sotni-chelovek-prishli-na-pohorony-izurodovannogo-ukrainskim-dronom-boytsa-svo/",
            None,
            date(2025, 9, 2),
        ),
        ("https://sovsakh.ru/pyatero-sahalinczev-pogibli-na-speczoperaczii/", None, None),
        ("https://dzen.ru/a/Y-xHrUpJyGfj9Cwb", None, None),
        ("https://orenburg.media/?p=181263", None, None),
        ("https://m.ru24.net/sevastopol/314909218", None, None),
        # no date, or an impossible one
        ("https://pamyat15.ru/card/0003917", None, None),
        ("https://vk.com/wall-892_2024043607", None, None),
        ("https://a.ru/2024/02/30/x", None, None),
        ("https://a.ru/2024/13/01/x", None, None),
        ("https://a.ru/2024/1234", None, None),
        (None, None, None),
        # the page's own date (the spiders read it) over its address's
        ("https://news158.ru/2023/12/22/3917.html", "2023-12-20", date(2023, 12, 20)),
        ("https://pamyat15.ru/card/0003917", "2024-01-05T10:00:00", date(2024, 1, 5)),
        ("https://news158.ru/2023/12/22/3917.html", "2023-02-31", date(2023, 12, 22)),
        (None, "вчера", None),
    ],
)
def test_the_day_a_page_was_out_by(url, published, want):
    got = published_by(pa.table({"url": [url], "published_date": [published]}))
    assert got.tolist() == [want.toordinal() if want else 0]


@pytest.mark.parametrize(
    ("url", "published", "funeral", "want"),
    [
        # a funeral before the page: the man was dead by then
        ("https://news.ru/2024/03/20/1.html", None, "2024-03-12", date(2024, 3, 12)),
        (None, "2024-03-20", "2024-03-12", date(2024, 3, 12)),
        (None, None, "2024-03-12", date(2024, 3, 12)),
        # a funeral announced for after the page was out: the page's date stands
        ("https://news.ru/2024/03/20/1.html", None, "2024-03-25", date(2024, 3, 20)),
        (None, None, "не сообщается", None),
    ],
)
def test_a_funeral_stands_in_where_it_is_earlier(url, published, funeral, want):
    table = pa.table({"url": [url], "published_date": [published], "funeral_date": [funeral]})
    assert published_by(table).tolist() == [want.toordinal() if want else 0]


def test_a_list_without_addresses_has_no_dates():
    assert published_by(pa.table({"record_id": ["a", "b"]})).tolist() == [0, 0]


def test_an_outlet_is_at_home_where_most_of_its_records_are():
    # outlet 1: 4 of 5 in region 10; outlet 2: 3 of 5 (60 %); outlet 3: 2 of 5; outlet 4: 3
    # records only; outlet 5: all 4 of its records; no outlet (0) has no home
    source = np.array([1] * 6 + [2] * 5 + [3] * 5 + [4] * 3 + [5] * 4 + [0] * 5)
    region = np.array(
        [10, 10, 10, 10, 20, 0] + [30, 30, 30, 40, 50] + [60, 60, 70, 80, 90] + [5] * 3
        + [8] * 4 + [7] * 5
    )  # fmt: skip
    got = home_regions(source, region)
    assert got.tolist() == [10] * 6 + [30] * 5 + [0] * 5 + [0] * 3 + [8] * 4 + [0] * 5


def test_the_outlet_speaks_only_where_a_region_is_missing():
    rows = [{"record_id": f"k{k}", "full_name": f"Фамилия{k} Иван", "region": "Курская область",
             "source": "kursk-news"} for k in range(6)]  # fmt: skip
    rows += [
        {"record_id": "bare", "full_name": "Петров Иван", "source": "kursk-news"},
        {"record_id": "kursk", "full_name": "Петров Иван", "region": "Курская область"},
        {"record_id": "omsk", "full_name": "Петров Иван", "region": "Омская область"},
        {"record_id": "nowhere", "full_name": "Петров Иван"},
        {"record_id": "wall", "full_name": "Петров Иван", "source": "vk"},
    ]
    f = prepare(rows)
    assert len(set(f.home_region[:7].tolist())) == 1 and f.home_region[0] != 0
    assert not f.home_region[7:].any()  # outlets with no home, or none
    at = {rid: k for k, rid in enumerate(f.record_id.tolist())}
    a = np.array([at[x] for x in ("bare", "bare", "bare", "bare", "k0", "kursk")])
    b = np.array([at[x] for x in ("kursk", "omsk", "nowhere", "wall", "kursk", "omsk")])
    got = outlet_levels(f, a, b).tolist()
    # both name their regions: the region comparison has said it
    assert got == [Outlet.SAME, Outlet.DIFFERENT, 0, 0, 0, 0]


def _days(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def _report(rid: str, death: str | None = None, page: str | None = None) -> dict:
    """A report of «Петров Иван» giving a date of death, on a page dated in its address."""
    row = {"record_id": rid, "full_name": "Петров Иван", "death_date": death}
    return {**row, "url": f"https://a.ru/{page}/{len(rid)}" if page else None}


def test_a_page_against_a_death_day_or_another_page():
    rows = [
        _report("died", death="2024-03-01"),
        _report("weeks", page="2024/03/20"),
        _report("months", page="2024/09/20"),
        _report("years", page="2026/03/20"),
        _report("before", page="2024/02/20"),
        _report("eve", page="2024/02/28"),
        _report("also died", death="2025-03-01", page="2025/03/05"),
        _report("nothing"),
        _report("in 2025", death="2025"),
        _report("in May", death="май 2024"),
        # a page of 20 March giving «30 March»: a funeral it announces, no bound on the death
        _report("announced", death="2024-03-30", page="2024/03/20"),
        _report("later in May", page="2024/05/10"),
    ]
    f = prepare(rows)
    pairs = [
        ("died", "weeks", Published.NEAR),
        ("weeks", "died", Published.NEAR),
        ("died", "months", Published.MONTHS),
        ("died", "years", Published.FAR),
        ("died", "before", Published.BEFORE_DEATH),
        ("died", "eve", Published.NEAR),  # a day or two off: not before the death
        ("weeks", "months", Published.MONTHS),  # two pages, 184 days apart
        ("weeks", "before", Published.NEAR),
        ("died", "also died", Published.UNKNOWN),  # both give the day: the death comparison's
        ("weeks", "nothing", Published.UNKNOWN),
        # a page out before the year, or the month, the other's death is in
        ("in 2025", "weeks", Published.BEFORE_DEATH),
        ("in 2025", "also died", Published.UNKNOWN),  # a page of 5 March 2025
        ("months", "in May", Published.MONTHS),  # a month of death counts from its 15th: 128 days
        ("weeks", "in May", Published.BEFORE_DEATH),
        ("in May", "eve", Published.BEFORE_DEATH),
        ("announced", "before", Published.NEAR),
        ("in May", "later in May", Published.NEAR),  # a page of 10 May: five days off the 15th
    ]
    at = {rid: k for k, rid in enumerate(f.record_id.tolist())}
    a = np.array([at[x] for x, _, _ in pairs])
    b = np.array([at[y] for _, y, _ in pairs])
    assert published_levels(f, a, b).tolist() == [want for _, _, want in pairs]


def _crowd(regions: list[str], deaths: list[str]) -> list[dict]:
    """Men of one full name, each with his own region, day of death, year of birth and unit."""
    return [
        {
            "record_id": f"m{k}",
            "full_name": "Смирнов Борис Петрович",
            "region": region,
            "death_date": death,
            "birth_date": str(1960 + 3 * k),
            "unit": f"войсковая часть {10000 + k}",
        }
        for k, (region, death) in enumerate(zip(regions, deaths, strict=True))
    ]


def _scores_with_each_man(records: list[dict], without: str | None = None) -> np.ndarray:
    """The last record's score with each man of the crowd (`m0`…), with one comparison's
    weights zero (`without`) as if it were not there."""
    cfg = load_config()
    if without:
        weights = {**cfg.weights, without: {key: 0.0 for key in cfg.weights[without]}}
        cfg = replace(cfg, weights=weights)
    f = prepare(records)
    men = np.flatnonzero([rid.startswith("m") for rid in f.record_id.tolist()])
    pairs = np.stack([men, np.full(len(men), len(f) - 1)], axis=1)
    return score(f, pairs, cfg, frequency_adjustments(f, cfg))[0]


DEATHS = [date.fromordinal(_days("2022-02-26") + 92 * k).isoformat() for k in range(12)]
REGIONS = ["Курская область", "Омская область", "Пермский край", "Республика Татарстан"] * 3


def test_a_bare_post_of_a_local_outlet_is_nearer_its_man_than_his_namesakes():
    regions = [*REGIONS]
    regions[4] = regions[8] = "Тверская область"  # one man of the name in Курская область
    local = [{"record_id": f"k{k}", "full_name": f"Кравцов{'а' * k} Олег", "source": "kursk-news",
              "region": "Курская область"} for k in range(6)]  # fmt: skip
    bare = {"record_id": "bare", "full_name": "Смирнов Борис Петрович", "source": "kursk-news"}
    records = [*_crowd(regions, DEATHS), *local, bare]
    cfg = load_config()
    got, without = _scores_with_each_man(records), _scores_with_each_man(records, "outlet")
    assert np.all(without == without[0])  # the name alone: the men cannot be told apart
    margin = cfg.weight("outlet", "same") - cfg.weight("outlet", "different")
    assert got[0] == pytest.approx(without[0] + cfg.weight("outlet", "same"))
    assert np.allclose(got[1:], got[0] - margin)


def test_a_dated_page_is_nearer_the_man_who_died_weeks_before():
    # published 19 days after m5's death (2023-06-01), 111 days after m4's, before m6's
    bare = {"record_id": "bare", "full_name": "Смирнов Борис Петрович",
            "url": "https://news.ru/2023/06/20/12345.html"}  # fmt: skip
    assert DEATHS[5] == "2023-06-01"
    records = [*_crowd(REGIONS, DEATHS), bare]
    got, without = _scores_with_each_man(records), _scores_with_each_man(records, "published")
    assert np.all(without == without[0])
    cfg = load_config()
    weight = {level: cfg.weight("published", level.name.lower()) for level in Published}
    want = [Published.FAR] * 2 + [Published.MONTHS] * 3 + [Published.NEAR]
    want += [Published.BEFORE_DEATH] * 6
    assert got.tolist() == pytest.approx([without[0] + weight[w] for w in want])
    assert np.argmax(got) == 5


def test_an_incremental_run_places_a_new_post_by_the_outlet_the_earlier_records_taught():
    local = [{"record_id": f"k{k}", "full_name": f"Кравцов{'а' * k} Олег", "source": "kursk-news",
              "region": "Курская область"} for k in range(6)]  # fmt: skip
    first = dedupe_records(local)
    post = {"record_id": "post", "full_name": "Смирнов Борис", "source": "kursk-news"}
    again = dedupe_records(
        [*local, post], previous=first.assignment, incremental=True, features=first.features
    )
    f = again.features
    assert f.home_region[f.record_id.tolist().index("post")] == f.region[0] != 0


def test_an_outlet_is_the_source_with_the_site_it_was_read_from():
    rows = {
        "source": ["import", "import", "import", "news-1", "news-1", "vk", "vk", "vk", None, None],
        "url": [
            "https://news158.ru/2023/12/22/1.html",
            "https://www.news158.ru/list/2",  # one site, with or without www.
            "https://e1.ru/text/1",
            "https://news1.ru/a",
            None,  # the source alone
            "https://vk.com/wall-224_136876",
            "https://vk.com/wall-224_list-807",  # one community's wall
            "https://vk.com/wall-225_1",
            "https://t.me/ura_ru/123",  # no source: the channel
            None,
        ],
    }
    got = outlet_codes(pa.table(rows)).tolist()
    assert got[0] == got[1] != got[2]
    assert got[3] != got[4] and got[4] != 0
    assert got[5] == got[6] != got[7]
    assert got[8] != 0 and got[9] == 0
    assert len({got[k] for k in (0, 2, 3, 4, 5, 7, 8)}) == 7


def test_a_list_whose_source_names_only_the_kind_still_has_outlets():
    """`source` = «news» for every site: the sites are told apart by their addresses."""
    local = [{"record_id": f"k{k}", "full_name": f"Кравцов{'а' * k} Олег", "source": "news",
              "url": f"https://kursk-news.ru/{k}", "region": "Курская область"}
             for k in range(5)]  # fmt: skip
    other = [{"record_id": f"o{k}", "full_name": f"Орлов{'а' * k} Олег", "source": "news",
              "url": f"https://omsk-news.ru/{k}", "region": "Омская область"}
             for k in range(5)]  # fmt: skip
    bare = {"record_id": "bare", "full_name": "Смирнов Борис", "source": "news",
            "url": "https://kursk-news.ru/99"}  # fmt: skip
    f = prepare([*local, *other, bare])
    assert f.home_region[-1] == f.region[0] != f.region[5]
