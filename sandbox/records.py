"""Records as the sources give them, with known truth: the data dedupe is measured on.

``generate_records(people, seed)`` reports every man of ``make_world(people, seed)`` one to six
times (about twice on average), each report in the habits of one kind of source — a regional
news obituary, an official condolence, a relative's post, a memorial wall, a book of memory, a
grave caption, the English-language press — and with the slips such reports have: short forms,
initials, capitals, Latin spellings in four systems, names left declined, typos, ё written as е,
the funeral date given as the death date, day and month swapped, the region in one of four forms
or missing. The table has the columns of ``tally dedupe``'s input (``COLUMNS``) and
``true_person``, the man's pid. Random choices are drawn in bulk with numpy; only the name is
built record by record, from cached pieces. Deterministic for (people, seed, mean_reports, noise).

Those are the *mild* records (``noise="mild"``). The default, ``noise="harsh"``, is harsher than
held-out lists: namesake crowds, mass-death days and close namesakes planted among the men
(``sandbox._harsh_men``), and on top of the mild slips two slips in one name, Latin look-alikes,
patronymic initials, swapped name order, swapped days and months and publication dates of death,
garrison and other regions, towns of other regions, sparse and vague reports
(``sandbox._harsh_noise``, where each rate is stated). The harsh table has the mild table's
records, men and kinds for the same seed and draws the same fields to show; what they say differs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from sandbox import _harsh_noise as harshen
from sandbox import _record_forms as forms
from sandbox._harsh_men import plant
from sandbox._record_forms import (  # name styles, region forms, unit forms
    ALL_CAPS,
    CAPS_INITIALS,
    CAPS_SGP,
    GPS,
    GS,
    INITIALS,
    INITIALS_FIRST,
    LAT_CAPS_SG,
    LAT_GPS,
    LAT_GS,
    R_ALIAS,
    R_CODE,
    R_ENGLISH,
    R_MISSING,
    R_OFFICIAL,
    SG,
    SGP,
    U_CANONICAL,
    U_ENGLISH,
    U_FULL,
    U_MISSING,
)
from sandbox.world import make_world

COLUMNS = (
    "record_id", "source", "full_name", "birth_date", "death_date", "age", "region",
    "settlement", "unit", "category", "url",
)  # fmt: skip
SCHEMA = pa.schema(
    [(c, pa.int32() if c == "age" else pa.string()) for c in (*COLUMNS, "true_person")]
)
KINDS = ("news", "condolence", "social", "memorial", "kniga", "cemetery", "press_en")
NEWS, CONDOLENCE, SOCIAL, MEMORIAL, KNIGA, CEMETERY, PRESS = range(len(KINDS))
KIND_SHARE = (0.32, 0.12, 0.16, 0.12, 0.08, 0.10, 0.10)
SITES = (400, 250, 3000, 90, 89, 180, 24)  # sites of each kind; a book of memory per region
LOCAL_SITE = (0.85, 0.95, 0.0, 0.6, 1.0, 0.9, 0.0)  # how often the site is the man's region's
URLS = (
    "https://news{site}.ru/news/{n}.html",
    "https://adm{site}.gosuslugi.ru/press/condolences/{n}/",
    "https://vk.com/wall-{site}_{n}",
    "https://pamyat{site}.ru/card/{n}",
    "https://kniga-pamyati-{site}.ru/person?id={n}",
    "https://mogily{site}.ru/grave/{n}",
    "https://press{site}.com/news/{n}",
)

# How many reports a man has: 1 (35 %), 2 (35 %), 3 (20 %), 4–6 (10 %), tilted to the mean.
REPORTS_BASE = (0.35, 0.35, 0.20, 0.05, 0.03, 0.02)

NAME_STYLE = {
    NEWS: {SGP: 0.60, SG: 0.30, GPS: 0.10},
    CONDOLENCE: {SGP: 0.65, CAPS_SGP: 0.30, GPS: 0.05},
    SOCIAL: {SG: 0.40, GS: 0.60},
    MEMORIAL: {CAPS_SGP: 0.45, SGP: 0.45, ALL_CAPS: 0.05, SG: 0.05},
    KNIGA: {CAPS_SGP: 0.55, SGP: 0.40, ALL_CAPS: 0.05},
    CEMETERY: {
        INITIALS: 0.25,
        CAPS_INITIALS: 0.30,
        INITIALS_FIRST: 0.05,
        CAPS_SGP: 0.25,
        SGP: 0.15,
    },
    PRESS: {LAT_GS: 0.72, LAT_GPS: 0.08, LAT_CAPS_SG: 0.20},
}
SHORT_FORM = 0.5  # social posts: a short form when the name has one
RAW = (0.056,) * PRESS + (0.0,)  # left declined: ≈5 % of all records (none in English)
RAW_CASE = ("gent", "datv", "ablt")
RAW_CASE_P = (0.40, 0.25, 0.35)
RAW_ORDER = ("gps", "gs", "sgp")
RAW_ORDER_P = (0.55, 0.30, 0.15)
TYPO = 0.03
YO_TO_E = (0.3, 0.3, 0.5, 0.3, 0.3, 0.3, 0.3)  # of the names that have ё
STRAY = 0.02
SWAP_DAY_MONTH = 0.01  # of full birth dates, all among those where the swap is a valid date

# Birth: full, year, missing, day and month swapped. Death: exact, month, year, missing, funeral.
B_FULL, B_YEAR, B_NONE, B_SWAPPED = range(4)
D_EXACT, D_MONTH, D_YEAR, D_NONE, D_FUNERAL = range(5)


def _product(birth: dict[int, float], death: dict[int, float]) -> dict[tuple[int, int], float]:
    return {(b, d): pb * pd for b, pb in birth.items() for d, pd in death.items()}


LIFESPAN = {
    NEWS: _product(
        {B_FULL: 0.15, B_YEAR: 0.05, B_NONE: 0.80},
        {D_EXACT: 0.65, D_MONTH: 0.10, D_NONE: 0.10, D_FUNERAL: 0.15},
    ),
    CONDOLENCE: _product(
        {B_FULL: 0.45, B_YEAR: 0.10, B_NONE: 0.45}, {D_EXACT: 0.60, D_FUNERAL: 0.30, D_NONE: 0.10}
    ),
    SOCIAL: _product({B_FULL: 0.10, B_NONE: 0.90}, {D_EXACT: 0.40, D_FUNERAL: 0.10, D_NONE: 0.50}),
    MEMORIAL: {(B_FULL, D_EXACT): 0.60, (B_YEAR, D_YEAR): 0.25, (B_NONE, D_EXACT): 0.15},
    KNIGA: {(B_FULL, D_EXACT): 0.60, (B_YEAR, D_YEAR): 0.25, (B_NONE, D_EXACT): 0.15},
    CEMETERY: {(B_FULL, D_EXACT): 0.45, (B_YEAR, D_YEAR): 0.55},
    PRESS: _product({B_YEAR: 0.05, B_NONE: 0.95}, {D_EXACT: 0.50, D_MONTH: 0.20, D_NONE: 0.30}),
}
AGE = (0.55, 0.40, 0.50, 0.25, 0.15, 0.0, 0.60)
AGE_BY_YEARS = 0.05  # of the ages shown: death year minus birth year, one too many at times
REGION_FORM = {
    NEWS: {R_MISSING: 0.30, R_CODE: 0.15, R_OFFICIAL: 0.30, R_ALIAS: 0.25},
    CONDOLENCE: {R_MISSING: 0.25, R_CODE: 0.10, R_OFFICIAL: 0.50, R_ALIAS: 0.15},
    SOCIAL: {R_MISSING: 0.45, R_CODE: 0.10, R_OFFICIAL: 0.15, R_ALIAS: 0.30},
    MEMORIAL: {R_MISSING: 0.15, R_OFFICIAL: 0.85},
    KNIGA: {R_MISSING: 0.05, R_OFFICIAL: 0.95},
    CEMETERY: {R_MISSING: 0.40, R_CODE: 0.10, R_OFFICIAL: 0.35, R_ALIAS: 0.15},
    PRESS: {R_MISSING: 0.50, R_ENGLISH: 0.50},
}
SETTLEMENT = (0.70, 0.60, 0.40, 0.50, 0.55, 1.0, 0.35)  # press: in English
UNIT_FORM = {  # when the man has a known unit
    NEWS: {U_MISSING: 0.65, U_CANONICAL: 0.175, U_FULL: 0.175},
    CONDOLENCE: {U_MISSING: 0.75, U_CANONICAL: 0.075, U_FULL: 0.175},
    SOCIAL: {U_MISSING: 1.0},
    MEMORIAL: {U_MISSING: 0.60, U_CANONICAL: 0.16, U_FULL: 0.24},
    KNIGA: {U_MISSING: 0.60, U_CANONICAL: 0.16, U_FULL: 0.24},
    CEMETERY: {U_MISSING: 0.95, U_FULL: 0.05},
    PRESS: {U_MISSING: 0.80, U_ENGLISH: 0.20},
}
CATEGORY = (0.40, 0.35, 0.15, 0.30, 0.30, 0.05, 0.30)

_SHORT, _YO, _RAW, _TYPO, _STRAY = 1, 2, 4, 8, 16


def report_shares(mean_reports: float) -> np.ndarray:
    """P(a man has k + 1 reports): ``REPORTS_BASE`` exponentially tilted to the mean."""
    if not 1.0 <= mean_reports <= 6.0:
        raise ValueError(f"mean_reports must be between 1 and 6, not {mean_reports}")
    base, k = np.array(REPORTS_BASE), np.arange(1, len(REPORTS_BASE) + 1)
    lo, hi = -30.0, 10.0
    for _ in range(100):
        mid = (lo + hi) / 2
        p = base * np.exp(mid * (k - 1))
        p /= p.sum()
        lo, hi = (mid, hi) if (p * k).sum() < mean_reports else (lo, mid)
    return p


def _draw(rng: np.random.Generator, kind: np.ndarray, table: dict) -> np.ndarray:
    """One code per record from its kind's distribution ``table[kind] = {code: p}``."""
    u = rng.random(len(kind))
    out = np.zeros(len(kind), dtype=np.int64)
    for k, dist in table.items():
        codes, cum = np.array(list(dist)), np.cumsum(list(dist.values()))
        at = kind == k
        pick = np.searchsorted(cum / cum[-1], u[at], side="right")
        out[at] = codes[np.minimum(pick, len(codes) - 1)]
    return out


def _chance(rng: np.random.Generator, kind: np.ndarray, per_kind) -> np.ndarray:
    return rng.random(len(kind)) < np.asarray(per_kind, dtype=float)[kind]


def _men(world) -> dict:
    """The world's men as columns, with their dates already written out."""
    keys = ("pid", "surname", "given", "patronymic", "region", "settlement", "unit", "category")
    men: dict = {key: [getattr(p, key) for p in world.people] for key in keys}
    for key in ("pid", "surname", "given", "patronymic", "category"):
        men[key + "_a"] = pa.array(men[key], pa.string())
    for key in ("birth", "death", "funeral"):
        days = [getattr(p, key).toordinal() for p in world.people]
        men[key] = forms.dates(np.array(days, dtype=np.int64))
    b, d = men["birth"], men["death"]
    men["age"] = d["y"] - b["y"] - ((d["m"] * 32 + d["d"]) < (b["m"] * 32 + b["d"]))
    men["age_by_years"] = d["y"] - b["y"]
    men["swap_ok"] = (b["d"] <= 12) & (b["d"] != b["m"])
    namer = forms.Namer()
    short = {g: bool(namer.short_forms(g)) for g in dict.fromkeys(men["given"])}
    men["has_short"] = np.array([short[g] for g in men["given"]], dtype=bool)
    yo = {
        x: x is not None and ("ё" in x or "Ё" in x)
        for x in dict.fromkeys(men["surname"] + men["given"] + men["patronymic"])
    }
    men["has_yo"] = np.array(
        [
            yo[s] or yo[g] or yo[p]
            for s, g, p in zip(men["surname"], men["given"], men["patronymic"], strict=True)
        ]
    )
    return men


def _names(rng, owner, kind, style, site, men: dict, harsh=None) -> pa.Array:
    """full_name of every record. Records with a slip, a short form, a declension or Latin
    letters are built one at a time from cached pieces; the rest (most) a column at a time.
    ``harsh`` (a generator) adds the slips of ``sandbox._harsh_noise``."""
    n = len(owner)
    surnames, givens, patronymics = men["surname"], men["given"], men["patronymic"]
    short = (kind == SOCIAL) & (rng.random(n) < SHORT_FORM) & men["has_short"][owner]
    yo = _chance(rng, kind, YO_TO_E if harsh is None else harshen.YO_TO_E) & men["has_yo"][owner]
    raw, typo, stray = _chance(rng, kind, RAW), rng.random(n) < TYPO, rng.random(n) < STRAY
    flags = short * _SHORT | yo * _YO | raw * _RAW | typo * _TYPO | stray * _STRAY
    u, op = rng.random((n, 4)), rng.integers(0, 4, n)
    cases = rng.choice(len(RAW_CASE), n, p=RAW_CASE_P)
    orders = rng.choice(len(RAW_ORDER), n, p=RAW_ORDER_P)
    slips = harshen.Slips(harsh, style, raw) if harsh is not None else None
    slipped = slips.code != 0 if slips else np.zeros(n, dtype=bool)
    typo = harshen.slip if slips else forms.typo  # harsh: no capital inside a word
    special = np.flatnonzero((flags != 0) | (style >= LAT_GS) | slipped)
    plain = np.flatnonzero((flags == 0) & (style < LAT_GS) & ~slipped)
    namer, out = forms.Namer(), []
    rows = zip(
        special.tolist(), owner[special].tolist(), kind[special].tolist(),
        style[special].tolist(), site[special].tolist(), flags[special].tolist(), strict=True,
    )  # fmt: skip
    for i, pi, k, st, si, f in rows:
        s, g, p = surnames[pi], givens[pi], None if k == SOCIAL else patronymics[pi]
        if f & _SHORT:  # the commonest short form, else any other
            more, pick = namer.short_forms(g), float(u[i, 2])
            g = more[0] if pick < 0.6 else more[int((pick - 0.6) / 0.4 * len(more))]
        if f & _YO:
            s, g = s.replace("ё", "е").replace("Ё", "Е"), g.replace("ё", "е").replace("Ё", "Е")
            p = p and p.replace("ё", "е")
        if slips and slipped[i]:
            s, g, p = slips.parts(i, s, g, p)
        slip = (int(op[i]), float(u[i, 0]), float(u[i, 1])) if f & _TYPO else None
        if f & _RAW:
            s = typo(s, *slip) if slip else s
            name = namer.declined(s, g, p, RAW_CASE[cases[i]], RAW_ORDER[orders[i]])
        else:
            name = forms.name_as_written(namer, st, si, s, g, p, slip, typo)
        name = slips.written(i, name) if slips and slipped[i] else name
        out.append(forms.stray(name, int(u[i, 3] * 3)) if f & _STRAY else name)
    # the styles of social posts (SG, GS) show no patronymic
    built = forms.names_as_written(
        style[plain], owner[plain], men["surname_a"], men["given_a"], men["patronymic_a"]
    )
    both = pa.concat_arrays([built, pa.array(out, pa.string())])
    return both.take(pa.array(np.argsort(np.concatenate([plain, special]), kind="stable")))


def _where(keep: np.ndarray, values: pa.Array) -> pa.Array:
    return pc.if_else(keep, values, pa.scalar(None, values.type))


def _flat_take(table: np.ndarray, index: np.ndarray) -> pa.Array:
    """table[index] for an object table of strings and Nones, by a flat index."""
    return pa.array(table.ravel(), pa.string()).take(pa.array(index))


def generate_records(
    people: int, seed: int = 1, *, mean_reports: float = 2.0, noise: str = "harsh"
) -> pa.Table:
    """Reports of the men of ``make_world(people, seed)``: the contract columns (all strings but
    ``age``, int32) and ``true_person`` (the man's pid), in shuffled order. ``noise="mild"``
    gives the records of before the harsh slips (the same table for the same seed as then);
    ``"harsh"`` plants crowds in the world (``sandbox._harsh_men``) and adds the slips of
    ``sandbox._harsh_noise``."""
    if noise not in ("harsh", "mild"):
        raise ValueError(f"noise must be 'harsh' or 'mild', not {noise!r}")
    world = make_world(people, seed)
    if not world.people:
        return SCHEMA.empty_table()
    planted = plant(world, seed) if noise == "harsh" else None
    men = _men(planted.world if planted else world)
    harsh = np.random.default_rng([seed, 20220224, 15]) if planted else None
    rng = np.random.default_rng([seed, 20220224])
    shares = report_shares(mean_reports)
    count = len(men["pid"])
    owner = rng.permutation(
        np.repeat(np.arange(count), rng.choice(len(shares), count, p=shares) + 1)
    )
    n = len(owner)
    kind = rng.choice(len(KINDS), n, p=KIND_SHARE)
    at = pa.array(owner)

    codes = sorted(set(men["region"]))
    number_of = {c: i for i, c in enumerate(sorted(forms.region_rows()))}  # stable site bands
    reg = np.array(list(map({c: i for i, c in enumerate(codes)}.get, men["region"])), np.int64)
    reg = reg[owner]
    sites = np.asarray(SITES)[kind]
    band = np.maximum(sites // len(number_of), 1)
    home = np.array([number_of[c] for c in codes], np.int64)[reg] * band
    local = (home + (rng.random(n) * band).astype(np.int64)) % sites
    site = np.where(_chance(rng, kind, LOCAL_SITE), local, rng.integers(0, 1 << 30, n) % sites) + 1

    style = _draw(rng, kind, NAME_STYLE)
    full_name = _names(rng, owner, kind, style, site, men, harsh)

    pairs = sorted({pair for dist in LIFESPAN.values() for pair in dist})
    pair = _draw(
        rng, kind, {k: {pairs.index(x): p for x, p in d.items()} for k, d in LIFESPAN.items()}
    )
    b_code, d_code = np.array(pairs)[pair].T
    full, can_swap = b_code == B_FULL, men["swap_ok"][owner]
    rate = SWAP_DAY_MONTH * full.sum() / max((full & can_swap).sum(), 1)
    swap = full & can_swap & (rng.random(n) < rate)
    b_code = np.where(swap, B_SWAPPED, b_code)
    none = pa.nulls(n, pa.string())
    b, d = men["birth"], men["death"]
    birth = pc.choose(b_code, b["iso"].take(at), b["year"].take(at), none, b["swapped"].take(at))
    death = pc.choose(
        d_code, d["iso"].take(at), d["month"].take(at), d["year"].take(at), none,
        men["funeral"]["iso"].take(at),
    )  # fmt: skip

    age = np.where(rng.random(n) < AGE_BY_YEARS, men["age_by_years"][owner], men["age"][owner])

    table, variants = forms.region_table(codes)
    form = _draw(rng, kind, REGION_FORM)
    variant = (rng.random(n) * variants[reg, form]).astype(np.int64)
    region = _flat_take(table, (reg * table.shape[1] + form) * table.shape[2] + variant)

    places = list(dict.fromkeys(zip(men["settlement"], men["region"], strict=True)))
    place_of = {x: i for i, x in enumerate(places)}
    place = [place_of[x] for x in zip(men["settlement"], men["region"], strict=True)]
    place = pa.array(np.array(place, np.int64)[owner])
    russian = pa.array([s for s, _ in places], pa.string()).take(place)
    english = [forms.settlement_latin(s, r) if s else None for s, r in places]
    english = pa.array(english, pa.string()).take(place)
    settlement = _where(_chance(rng, kind, SETTLEMENT), pc.if_else(kind == PRESS, english, russian))

    units = sorted({u for u in men["unit"] if u})
    unit_of = {u: i + 1 for i, u in enumerate(units)}
    table = np.vstack([np.full((1, 4), None, dtype=object), forms.unit_table(units)])
    unit_no = np.array([unit_of.get(u, 0) for u in men["unit"]], np.int64)[owner]
    unit = _flat_take(table, unit_no * table.shape[1] + _draw(rng, kind, UNIT_FORM))

    kind_a = pa.array(kind)
    width = max(7, len(str(n)))
    number = forms.text(forms.digits(np.arange(n), width))
    site_text = forms.text(forms.digits(site, len(str(max(SITES)))))
    site_text = pc.utf8_ltrim(site_text, "0")
    url = [pa.array([t.split("{")[0] for t in URLS]).take(kind_a), site_text]
    url += [pa.array([t.split("}")[1].split("{")[0] for t in URLS]).take(kind_a), number]
    url.append(pa.array([t.rsplit("}", 1)[1] for t in URLS]).take(kind_a))
    columns = {
        "record_id": pc.binary_join_element_wise("r", number, ""),
        "source": pc.binary_join_element_wise(pa.array(KINDS).take(kind_a), site_text, "-"),
        "full_name": full_name,
        "birth_date": birth,
        "death_date": death,
        "age": pa.array(age.astype(np.int32), pa.int32(), mask=~_chance(rng, kind, AGE)),
        "region": region,
        "settlement": settlement,
        "unit": unit,
        "category": _where(_chance(rng, kind, CATEGORY), men["category_a"].take(at)),
        "url": pc.binary_join_element_wise(*url, ""),
        "true_person": men["pid_a"].take(at),
    }
    if planted:
        exact, today = d_code == D_EXACT, planted.world.today.toordinal()
        columns = harshen.harsher(
            harsh, columns, owner, kind == PRESS, exact, men, planted.marks, today
        )
    return pa.table(columns, schema=SCHEMA)


def write_csv(table: pa.Table, path: str | Path) -> None:
    """The contract columns (not ``true_person``) as UTF-8 CSV with a header; empty = unknown."""
    options = pacsv.WriteOptions(quoting_style="needed")
    pacsv.write_csv(table.select(list(COLUMNS)), str(path), write_options=options)


def truth_of(table: pa.Table) -> dict[str, str]:
    """record_id → the true person's pid."""
    ids, pids = table.column("record_id").to_pylist(), table.column("true_person").to_pylist()
    return dict(zip(ids, pids, strict=True))
