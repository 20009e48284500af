"""A dedupe field is one `Comparison` and one `[weights.<name>]` table: a toy field registered
here shows up in the levels, the scores and the reasons people read, and a config without its
table, or with a level it does not have, is refused by name."""

from __future__ import annotations

from enum import IntEnum
from importlib import resources

import numpy as np
import pytest

from dedupe import dedupe_records
from dedupe.comparisons import (
    COMPARISONS,
    Birth,
    Comparison,
    Death,
    Given,
    register,
    registered,
)
from dedupe.config import load_config
from dedupe.prepare import Features, prepare
from dedupe.score import levels, score
from sandbox.records import generate_records


class Skeleton(IntEnum):
    UNKNOWN = 0
    SHARED = 1
    DIFFERS = 2


def skeleton_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The surname's consonants, which features carry for blocking and no field compares."""
    x, y = f.surname_skeleton[a], f.surname_skeleton[b]
    level = np.zeros(len(a), dtype=np.int8)
    both = (x != 0) & (y != 0)
    level[both] = np.where(x[both] == y[both], Skeleton.SHARED, Skeleton.DIFFERS)
    return level


TOY = Comparison("skeleton", Skeleton, skeleton_levels)
SHIPPED = resources.files("dedupe").joinpath("config.toml").read_text(encoding="utf-8")
RECORDS = [
    {"record_id": "a", "source": "s", "full_name": "Петров Иван Сергеевич"},
    {"record_id": "b", "source": "s", "full_name": "ПЕТРОВ Иван"},
    {"record_id": "c", "source": "s", "full_name": "Сидоров Иван"},
    {"record_id": "d", "source": "s", "full_name": None},
]
PAIRS = np.array([[0, 1], [0, 2], [0, 3]])  # shared, differs, unknown


@pytest.fixture
def toy():
    with registered(TOY) as comparison:
        yield comparison


def config_with(tmp_path, table: str):
    path = tmp_path / "config.toml"
    path.write_text(SHIPPED + table, encoding="utf-8")
    return path


TOY_TABLE = "\n[weights.skeleton]\nunknown = 0.0\nshared = 2.5\ndiffers = -1.0\n"


def test_a_registered_field_has_its_level_for_every_pair(toy):
    lv = levels(prepare(RECORDS), PAIRS)
    assert list(lv.by_field)[-1] == "skeleton"
    assert lv.by_field["skeleton"].tolist() == [Skeleton.SHARED, Skeleton.DIFFERS, 0]


def test_a_registered_field_adds_its_weight_to_the_score(tmp_path):
    f = prepare(RECORDS)
    without, _ = score(f, PAIRS, load_config())
    with registered(TOY):
        cfg = load_config(config_with(tmp_path, TOY_TABLE))
        scores, _ = score(f, PAIRS, cfg)
    assert cfg.weight("skeleton", "shared") == 2.5
    assert (scores - without).tolist() == pytest.approx([2.5, -1.0, 0.0], abs=1e-4)


def test_a_registered_field_is_in_the_reasons_people_read(toy):
    lv = levels(prepare(RECORDS), PAIRS)
    assert "skeleton shared" in lv.explain(0)
    assert "skeleton differs" in lv.explain(1)
    assert "skeleton" not in lv.explain(2)  # unknown says nothing


def test_the_whole_stage_runs_with_a_registered_field(toy, tmp_path):
    result = dedupe_records(RECORDS, config=config_with(tmp_path, TOY_TABLE))
    assert set(result.assignment) == {"a", "b", "c", "d"}


def test_a_config_without_the_fields_table_is_refused_by_name(toy):
    with pytest.raises(ValueError, match=r"no \[weights\.skeleton\] table"):
        load_config()


@pytest.mark.parametrize(
    "table, named",
    [
        ("unknown = 0.0\nshared = 2.5\ndifferent = -1.0\n", "unknown level different"),
        ("unknown = 0.0\nshared = 2.5\n", "missing level differs"),
    ],
)
def test_a_config_with_a_wrong_level_key_is_refused_by_name(toy, tmp_path, table, named):
    path = config_with(tmp_path, f"\n[weights.skeleton]\n{table}")
    with pytest.raises(ValueError, match=rf"\[weights\.skeleton\] needs exactly .*{named}"):
        load_config(path)


def test_a_table_for_no_registered_field_is_refused_by_name(tmp_path):
    with pytest.raises(ValueError, match=r"\[weights\.skeleton\] is no comparison"):
        load_config(config_with(tmp_path, TOY_TABLE))


def test_registering_lasts_only_for_the_block():
    with pytest.raises(RuntimeError), registered(TOY):
        assert "skeleton" in COMPARISONS
        raise RuntimeError("a failing test body")
    assert "skeleton" not in COMPARISONS
    load_config()  # the shipped config fits the shipped fields again


def test_a_field_is_registered_once():
    with registered(TOY), pytest.raises(ValueError, match="registered already"):
        register(TOY)


def test_levels_start_at_unknown_and_have_no_gaps():
    Gappy = IntEnum("Gappy", {"UNKNOWN": 0, "SAME": 2})
    with pytest.raises(ValueError, match="0 UNKNOWN, 1, 2"):
        Comparison("gappy", Gappy, skeleton_levels)
    Silent = IntEnum("Silent", {"EXACT": 0, "DIFFERENT": 1})
    with pytest.raises(ValueError, match="0 UNKNOWN, 1, 2"):
        Comparison("silent", Silent, skeleton_levels)


def test_level_names_are_the_config_keys():
    cfg = load_config()
    assert COMPARISONS["birth"].key(Birth.AGE_DISAGREES) == "age_disagrees"
    for name, c in COMPARISONS.items():
        assert list(cfg.weights[name]) == list(c.keys), name
    assert COMPARISONS["death"].keys[Death.CONFLICT] == "conflict"
    assert COMPARISONS["patronymic"].levels is Given


def test_pairs_compared_a_chunk_at_a_time_compare_as_all_at_once(monkeypatch):
    from dedupe import score as scoring
    from dedupe.blocking import candidate_pairs

    f = prepare(generate_records(600, 3).drop_columns(["true_person"]))
    pairs = candidate_pairs(f)
    whole = scoring.levels(f, pairs)
    monkeypatch.setattr(scoring, "CHUNK", max(len(pairs) // 7, 1))
    parts = scoring.levels(f, pairs)
    assert all(np.array_equal(whole.by_field[k], parts.by_field[k]) for k in whole.by_field)
