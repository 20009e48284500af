"""A Splink baseline to set against tally's own dedupe on the same records.

Splink cannot read Russian names itself (orders, declined cases, short forms, initials, Latin
transliterations), so it is handed tally's normalisation (`dedupe.prepare`): name keys, split
dates, place/unit/category codes. Everything after that is ordinary Splink: a Fellegi-Sunter
model on DuckDB, u from random sampling, m from EM, then connected components at a threshold.
Records without a usable name (a surname and something of the given name) are left out of
Splink and stay alone, as in tally.

    .venv/bin/python bench/splink_baseline.py IN.parquet OUT.csv [--threads N] [--threshold P]

OUT.csv: `record_id,cluster_id`, one row per input record. A summary goes to stderr.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import resource
import sys
import time
from pathlib import Path

# bench/ holds scripts named like tally's packages (dedupe.py): keep it off the import path
HERE = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if p and Path(p).resolve() != HERE]
sys.path.insert(0, str(HERE.parent))

import duckdb  # noqa: E402
import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
import splink.comparison_level_library as cll  # noqa: E402
import splink.comparison_library as cl  # noqa: E402
from splink import DuckDBAPI, Linker, SettingsCreator, block_on  # noqa: E402

from dedupe.prepare import Features, prepare, stable_hash  # noqa: E402

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the frame Splink sees ------------------------------------------------------------------


def _text_or_null(values: np.ndarray) -> pa.Array:
    return pa.array([v if v else None for v in values], pa.string())


def _int_or_null(values: np.ndarray, known: np.ndarray) -> pa.Array:
    return pa.array(values.astype(np.int32), pa.int32(), mask=~known)


def _code_or_null(values: np.ndarray) -> pa.Array:
    return pa.array(values.astype(str), pa.string(), mask=values == 0)


def _initial(hashes: np.ndarray) -> pa.Array:
    """The initial letter back from its hash (tally hashes the first letter of the name key)."""
    letter = {stable_hash(c): c for c in LETTERS}
    return pa.array([letter.get(int(h)) for h in hashes], pa.string())


def splink_frame(f: Features, rows: np.ndarray) -> pa.Table:
    """One row per usable record; unique_id is the record's position in the input."""
    f = f.take(rows)
    birth_y = f.birth_y.astype(np.int32)
    death_y = f.death_y.astype(np.int32)
    age = f.age.astype(np.int32)
    # no birth year: the one implied by the age at death (±1, EM learns how loose it is)
    from_age = (birth_y == 0) & (death_y > 0) & (age >= 0)
    birth_est = np.where(from_age, death_y - age, birth_y)
    death_date = f.death_ord.astype("int64") - 719163  # proleptic ordinal -> days since 1970
    months = death_date.astype("datetime64[D]").astype("datetime64[M]").astype(str)
    death_ym = np.where(f.death_prec >= 2, months, "").astype(object)
    return pa.table(
        {
            "unique_id": pa.array(rows.astype(np.int64)),
            "surname": _text_or_null(f.surname_text),
            "surname_skeleton": _code_or_null(f.surname_skeleton),
            "given_name": _text_or_null(f.given_text),
            "given_initial": _initial(f.given_initial),
            "patronymic": _text_or_null(f.patronymic_text),
            "patronymic_initial": _initial(f.patronymic_initial),
            "birth_year": _int_or_null(birth_y, birth_y > 0),
            "birth_month": _int_or_null(f.birth_m, f.birth_m > 0),
            "birth_day": _int_or_null(f.birth_d, f.birth_d > 0),
            "birth_year_est": _int_or_null(birth_est, birth_est > 0),
            "age": _int_or_null(age, age >= 0),
            "death_day": _int_or_null(death_date, f.death_prec == 3),
            "death_ym": _text_or_null(death_ym),
            "death_year": _int_or_null(death_y, death_y > 0),
            "region": _code_or_null(f.region),
            "settlement": _code_or_null(f.settlement),
            "unit": _code_or_null(f.unit),
            "category": _code_or_null(f.category),
        }
    )


# --- the model ------------------------------------------------------------------------------


def _first_name_like(name: str, initial: str, label: str) -> cl.CustomComparison:
    """Full name agreement (TF-adjusted), then agreement of initials where one side has only the
    initial. The keys are canonical (Саша = Александр), so there is no fuzzy level: distinct
    keys close in Jaro-Winkler (aleksandr, aleksei) are different names."""
    return cl.CustomComparison(
        output_column_name=name,
        comparison_levels=[
            cll.NullLevel(initial),
            cll.ExactMatchLevel(name, term_frequency_adjustments=True),
            cll.CustomLevel(
                f"({name}_l IS NULL OR {name}_r IS NULL) AND {initial}_l = {initial}_r",
                f"{label}: initials agree",
            ),
            cll.ElseLevel(),
        ],
    )


BIRTH = cl.CustomComparison(
    output_column_name="birth",
    comparison_levels=[
        cll.CustomLevel(
            "NOT (birth_year_est_l IS NOT NULL AND birth_year_est_r IS NOT NULL"
            " OR age_l IS NOT NULL AND age_r IS NOT NULL)",
            "not comparable",
        ).configure(is_null_level=True),
        cll.CustomLevel(
            "birth_year_l = birth_year_r AND birth_month_l = birth_month_r"
            " AND birth_day_l = birth_day_r",
            "same date",
        ),
        cll.CustomLevel(
            "birth_year_l = birth_year_r AND birth_month_l = birth_day_r"
            " AND birth_day_l = birth_month_r",
            "day and month swapped",
        ),
        cll.CustomLevel(
            "birth_year_l = birth_year_r AND birth_month_l = birth_month_r"
            " AND (birth_day_l IS NULL OR birth_day_r IS NULL)",
            "same month, a day unknown",
        ),
        cll.CustomLevel(
            "birth_year_l = birth_year_r AND (birth_month_l IS NULL OR birth_month_r IS NULL)",
            "same year, a month unknown",
        ),
        cll.CustomLevel("birth_year_l = birth_year_r", "same year, dates differ"),
        cll.CustomLevel("abs(birth_year_est_l - birth_year_est_r) <= 1", "years (or age) within 1"),
        cll.CustomLevel(
            "(birth_year_est_l IS NULL OR birth_year_est_r IS NULL) AND abs(age_l - age_r) <= 1",
            "no death year, ages within 1",
        ),
        cll.ElseLevel(),
    ],
)

DEATH = cl.CustomComparison(
    output_column_name="death",
    comparison_levels=[
        cll.NullLevel("death_year"),
        cll.CustomLevel("death_day_l = death_day_r", "same day"),
        cll.CustomLevel("abs(death_day_l - death_day_r) <= 3", "within 3 days"),
        cll.CustomLevel("abs(death_day_l - death_day_r) <= 45", "within 45 days (funeral)"),
        cll.CustomLevel(
            "death_ym_l = death_ym_r AND (death_day_l IS NULL OR death_day_r IS NULL)",
            "same month, a day unknown",
        ),
        cll.CustomLevel(
            "death_year_l = death_year_r AND (death_ym_l IS NULL OR death_ym_r IS NULL)",
            "same year, a month unknown",
        ),
        cll.ElseLevel(),
    ],
)

# Names are very skewed (the Ivanov Aleksandr block alone is ~1,700 records in a million), so
# surname + given name is not a blocking rule on its own: each rule adds a date, a place or a
# patronymic. At 1M stand-in records these make ~33M comparisons and hold ~90% of the true pairs
# (plain surname + given would add 40M more for the sparse records that then score low anyway).
PREDICTION_RULES = [
    block_on("surname", "given_name", "death_year"),
    block_on("surname", "given_name", "region"),
    block_on("surname", "given_name", "birth_year_est"),
    block_on("surname", "given_name", "patronymic"),
    block_on("surname", "given_initial", "birth_year_est"),
    block_on("surname", "given_initial", "death_ym"),
    block_on("surname", "given_initial", "region"),
    block_on("given_name", "patronymic", "birth_year"),
    block_on("given_name", "patronymic", "death_ym"),
    block_on("given_name", "death_day"),
    block_on("surname_skeleton", "given_name", "region"),  # surname typos, transliterations
    block_on("given_name", "region", "death_ym"),
    block_on("given_name", "region", "birth_year_est"),
]

# for the prior: near-certain matches, and the share of all matches they are thought to hold
DETERMINISTIC = [
    block_on("surname", "given_name", "patronymic", "birth_year"),
    block_on("surname", "given_name", "death_day"),
]

# EM: each run estimates m for the comparisons its blocking rule leaves free. The second must
# admit initials-only records (they have a year of death, rarely a month), or the initials
# levels go untrained. Splink 5 raises if EM drives an m to exactly 0 (it did for a fuzzy
# given-name level), so the comparisons avoid levels that only non-matches reach.
EM_RULES = [block_on("surname", "given_name"), block_on("birth_year", "death_year", "region")]


def settings(rules: list = PREDICTION_RULES) -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            cl.NameComparison("surname", jaro_winkler_thresholds=[0.95, 0.9, 0.8]),
            _first_name_like("given_name", "given_initial", "given name"),
            _first_name_like("patronymic", "patronymic_initial", "patronymic"),
            BIRTH,
            DEATH,
            cl.ExactMatch("region").configure(term_frequency_adjustments=True),
            cl.ExactMatch("settlement").configure(term_frequency_adjustments=True),
            cl.ExactMatch("unit"),
            cl.ExactMatch("category"),
        ],
        blocking_rules_to_generate_predictions=rules,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
        max_iterations=20,
    )


# --- the run --------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> None:
    clock = time.perf_counter()
    stamps: dict[str, float] = {}

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stamps[name] = now - clock
        clock = now

    table = pq.read_table(args.input)
    if "true_person" in table.column_names:
        table = table.drop_columns(["true_person"])
    n = table.num_rows
    features = prepare(table)
    del table
    usable = np.flatnonzero(features.usable)
    frame = splink_frame(features, usable)
    record_id = features.record_id
    del features
    lap("prepare")

    con = duckdb.connect()
    con.execute(f"SET threads = {args.threads}")
    if args.memory_limit:
        con.execute(f"SET memory_limit = '{args.memory_limit}'")
    db_api = DuckDBAPI(con)
    records = db_api.register(frame, dataset_display_name="records")
    del frame
    linker = Linker(
        records, settings(), log_level=logging.INFO if args.verbose else logging.WARNING
    )

    training = linker.training
    training.estimate_probability_two_random_records_match(DETERMINISTIC, recall=args.recall)
    training.estimate_u_using_random_sampling(max_pairs=args.u_pairs, seed=args.seed)
    for rule in EM_RULES:
        training.estimate_parameters_using_expectation_maximisation(rule, max_pairs=args.em_pairs)
    lap("train")

    blocked = linker.inference.compute_blocked_pairs_for_predict()  # predict reuses it
    comparisons = con.sql(f"SELECT count(*) FROM {blocked.physical_name}").fetchone()[0]
    predictions = linker.inference.predict(
        threshold_match_probability=min(args.threshold, args.predict_threshold),
        warning_mode="never",
    )
    blocked.drop_table_from_database_and_remove_from_cache()
    edges = con.sql(f"SELECT count(*) FROM {predictions.physical_name}").fetchone()[0]
    lap("predict")

    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=args.threshold
    )
    assigned = con.sql(f"SELECT unique_id, cluster_id FROM {clusters.physical_name}").fetchnumpy()
    cluster_of = np.arange(n, dtype=np.int64)  # unusable records: alone
    cluster_of[assigned["unique_id"]] = assigned["cluster_id"]
    lap("cluster")

    with open(args.output, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id", "cluster_id"])
        writer.writerows(zip(record_id, record_id[cluster_of], strict=True))
    lap("write")

    persons = len(np.unique(cluster_of))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    log(
        f"splink baseline: {n:,} records ({n - len(usable):,} without a usable name), "
        f"{args.threads} threads\n"
        f"  prepare {stamps['prepare']:.1f}s  train {stamps['train']:.1f}s  "
        f"predict {stamps['predict']:.1f}s  cluster {stamps['cluster']:.1f}s  "
        f"write {stamps['write']:.1f}s  total {sum(stamps.values()):.1f}s\n"
        f"  comparisons {comparisons:,}  edges >= {min(args.threshold, args.predict_threshold)}"
        f" {edges:,}  persons {persons:,} at {args.threshold}  peak RSS {peak:,.0f} MB"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="records in the dedupe contract (parquet)")
    parser.add_argument("output", help="record_id,cluster_id (csv)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--threshold", type=float, default=0.9, help="match probability")
    parser.add_argument(
        "--predict-threshold", type=float, default=0.5, help="keep scored pairs above this"
    )
    parser.add_argument("--recall", type=float, default=0.6, help="of the deterministic rules")
    parser.add_argument("--u-pairs", type=float, default=5e6, help="pairs sampled for u")
    parser.add_argument("--em-pairs", type=float, default=5e6, help="cap on pairs per EM run")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--memory-limit", default="", help="DuckDB memory_limit, e.g. 12GB")
    parser.add_argument("--verbose", action="store_true", help="Splink's INFO log on stderr")
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
