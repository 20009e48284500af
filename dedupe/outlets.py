"""What a record's page says besides its fields: the outlet that carried it, and when.

A regional outlet — a city's news site, a district's condolence page, a region's book of
memory — reports the men of its region. The outlet's home region is learnt from the list
itself: the region its records name, where at least `HOME_RECORDS` of them name one and
`HOME_SHARE` of those name the same; a record that names no region of its own is then placed,
weakly, where its outlet is at home (a federal outlet, or a wall that reposts from all over,
has no home). The `outlet` comparison speaks only where a region is missing on one side: where
both records name one, `region` has said it.

A page's address often carries its date (`…/2024/03/15/…`, `…/2025/12/…`): a report is not
published before the death, and the reports of one death come days to weeks after it, while
two namesakes died anywhere in years. The `published` comparison speaks only where the death
comparison cannot (one record, or both, gives neither the day nor the month of death): the
publication stands in for the death it follows. The page's date is the spiders'
`published_date` where there is one, else the address's; a funeral's date, where a record gives
one and it is earlier, stands in the same way.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dedupe.dates import jan_first, month_first
from dedupe.field_codes import stable_hash

HOME_RECORDS = 4  # records of an outlet that name a region, at least, before it has a home
HOME_SHARE = 0.6  # of them naming one region

# hosts whose pages belong to many outlets: the outlet is the path's first segment there
SHARED_HOSTS = ("vk.com", "vk.ru", "t.me", "ok.ru", "dzen.ru", "zen.yandex.ru", "livejournal.com")
# an address's host (without www. or m.) and the first segment of its path
_ADDRESS = (
    r"^[A-Za-z][A-Za-z0-9+.-]*://(?:www\.|m\.)?(?P<host>[^/?#:]+)(?::\d+)?(?P<path>/[^/?#]*)?"
)

# a year, a month and perhaps a day as path segments: /2024/03/15/ /2024/03/ /2024-03-15
_DATED = r"/(?P<y>20\d\d)[/-](?P<m>[01]?\d)(?:[/-](?P<d>[0-3]?\d))?(?:[/._-]|$)"
_ISO = r"^\s*(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)"


# the comparisons below take `dedupe.prepare.Features` as `f`, unannotated: prepare imports this
# module to build those features, so this one cannot import prepare


class Outlet(IntEnum):
    UNKNOWN = 0
    SAME = 1  # one side's region is its outlet's home, and it is the other's region
    DIFFERENT = 2


class Published(IntEnum):
    UNKNOWN = 0
    NEAR = 1  # within 100 days: a death and its reports, or two reports of one death
    MONTHS = 2  # 100 days to a year
    FAR = 3  # over a year
    BEFORE_DEATH = 4  # a page published days before the death the other record gives


NEAR_DAYS = 100
YEAR_DAYS = 365
GRACE_DAYS = 3  # a page dated in another time zone, or a death date a day or two off


def published_by(records: pa.Table) -> np.ndarray:
    """The day number (`date.toordinal`) by which each record's man was dead and reported: its
    page's `published_date` (ISO, as the spiders give it), else a date in its `url` — that day,
    or the month's last day when the address gives only the month — or its `funeral_date` where
    that is earlier (a funeral follows the death by days to weeks, as a report does); 0 where
    none says (or the date is impossible)."""
    url, page, funeral = (
        _day_numbers(_texts(records, column), pattern)
        for column, pattern in (("url", _DATED), ("published_date", _ISO), ("funeral_date", _ISO))
    )
    out = np.where(page != 0, page, url)  # the page's own date over its address's
    return np.where((funeral != 0) & ((out == 0) | (funeral < out)), funeral, out).astype(np.int32)


def _day_numbers(texts: pa.Array, pattern: str) -> np.ndarray:
    """The day number of the date `pattern` finds in each text (groups y, m and perhaps d), 0
    where it finds none or an impossible one."""
    found = pc.extract_regex(texts, pattern)

    def part(name: str) -> np.ndarray:
        digits = pc.struct_field(found, name)
        digits = pc.if_else(pc.equal(digits, ""), None, digits)  # an optional group left empty
        return pc.cast(digits, pa.int32()).fill_null(0).to_numpy(zero_copy_only=False)

    y, m, d = (part(name).astype(np.int64) for name in ("y", "m", "d"))
    first, following = month_first(y, m), month_first(y, m + 1)
    ok = (y > 0) & (m >= 1) & (m <= 12) & (d <= following - first)
    last = np.where(d > 0, first + d - 1, following - 1)
    return np.where(ok, last, 0).astype(np.int32)


def outlet_codes(records: pa.Table) -> np.ndarray:
    """Each record's outlet, hashed (0 unknown): its `source` with its address's host — and on a
    host many outlets share (`SHARED_HOSTS`), the community, channel or page its path names
    first (`vk.com/wall-224_136876` is community 224's wall). A source that gathers many sites
    (an import, an aggregator) is so split by site; a source of one site stays one outlet."""
    n = records.num_rows
    if not n:
        return np.zeros(0, dtype=np.int64)
    source = _texts(records, "source")
    found = pc.extract_regex(_texts(records, "url"), _ADDRESS)
    host = pc.utf8_lower(pc.struct_field(found, "host").fill_null(""))
    path = pc.struct_field(found, "path").fill_null("")
    community = pc.replace_substring_regex(path, r"^(/wall-?\d+)_.*$", r"\1")
    shared = pc.is_in(host, value_set=pa.array(SHARED_HOSTS))
    site = pc.if_else(shared, pc.binary_join_element_wise(host, community, ""), host)
    outlet = pc.dictionary_encode(pc.binary_join_element_wise(source, site, "|"))
    codes = np.array(
        [0 if text == "|" else stable_hash(text) for text in outlet.dictionary.to_pylist()],
        dtype=np.int64,
    )
    return codes[outlet.indices.to_numpy(zero_copy_only=False)]


def _texts(records: pa.Table, column: str) -> pa.Array:
    """A column as text, "" where missing (or where the table has no such column)."""
    if column not in records.column_names:
        return pa.array([""] * records.num_rows, pa.string())
    values = records.column(column).combine_chunks()
    if not pa.types.is_string(values.type):
        values = values.cast(pa.string())
    return pc.utf8_trim_whitespace(values).fill_null("")


def home_regions(source: np.ndarray, region: np.ndarray) -> np.ndarray:
    """Each record's outlet's home region (hash; 0 where the outlet has none): learnt from the
    regions its records name (`HOME_RECORDS`, `HOME_SHARE`)."""
    out = np.zeros(len(source), dtype=np.int64)
    k = np.flatnonzero((source != 0) & (region != 0))
    if not len(k):
        return out
    s, r = source[k], region[k]
    order = np.lexsort((r, s))
    s, r = s[order], r[order]
    starts = np.flatnonzero(np.r_[True, (s[1:] != s[:-1]) | (r[1:] != r[:-1])])
    counts = np.diff(np.r_[starts, len(s)])
    ps, pr = s[starts], r[starts]
    # each outlet's regions, the most named first (the smaller hash first among equals)
    by = np.lexsort((pr, -counts, ps))
    ps, pr, counts = ps[by], pr[by], counts[by]
    heads = np.flatnonzero(np.r_[True, ps[1:] != ps[:-1]])
    total = np.add.reduceat(counts, heads)
    home = (total >= HOME_RECORDS) & (counts[heads] >= HOME_SHARE * total)
    outlets, regions = ps[heads][home], pr[heads][home]
    if not len(outlets):
        return out
    at = np.clip(np.searchsorted(outlets, source), 0, len(outlets) - 1)
    found = (outlets[at] == source) & (source != 0)
    out[found] = regions[at[found]]
    return out


def region_or_home(f) -> np.ndarray:
    """Each record's region, else its outlet's home region (0 where neither is known)."""
    return np.where(f.region != 0, f.region, f.home_region)


def outlet_levels(f, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Where one record (or both) names no region: the region each names, else its outlet's
    home, the same or not."""
    level = np.zeros(len(a), dtype=np.int8)
    if not f.home_region.any():
        return level
    ra, rb = f.region[a], f.region[b]
    place = region_or_home(f)  # once per record, not per pair
    ea, eb = place[a], place[b]
    told = (ea != 0) & (eb != 0) & ((ra == 0) | (rb == 0))
    level[told] = np.where(ea[told] == eb[told], Outlet.SAME, Outlet.DIFFERENT)
    return level


def published_levels(f, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """How far apart in time two records are, where a publication date must stand in for a
    death day: a page against the other's day of death (or the 15th of its month), else two
    pages against each other; and a page out before the other's death (its day, or the first day
    of its month or year)."""
    level = np.zeros(len(a), dtype=np.int8)
    if not f.published.any():
        return level
    pa_, pb = f.published[a].astype(np.int64), f.published[b].astype(np.int64)
    # both give the day (or the month) of death: the death comparison has spoken
    speaks = ~((f.death_prec[a] >= 2) & (f.death_prec[b] >= 2)) & ((pa_ != 0) | (pb != 0))
    k = np.flatnonzero(speaks)
    if not len(k):
        return level
    a, b, pa_, pb = a[k], b[k], pa_[k], pb[k]
    none = np.iinfo(np.int64).min
    # a page against the other's date of death (the days since it), else page to page
    day_a, day_b = f.death_prec[a] >= 2, f.death_prec[b] >= 2  # a month: its 15th
    oa, ob = f.death_ord[a].astype(np.int64), f.death_ord[b].astype(np.int64)
    after = np.where((pb != 0) & day_a, pb - oa, np.where((pa_ != 0) & day_b, pa_ - ob, none))
    apart = np.where((pa_ != 0) & (pb != 0), np.abs(pa_ - pb), -1)
    gap = np.where(after != none, np.abs(after), apart)
    early = ((pb != 0) & (pb < _earliest_death(f, a) - GRACE_DAYS)) | (
        (pa_ != 0) & (pa_ < _earliest_death(f, b) - GRACE_DAYS)
    )
    level[k] = np.select(
        [early, gap < 0, gap <= NEAR_DAYS, gap <= YEAR_DAYS],
        [Published.BEFORE_DEATH, Published.UNKNOWN, Published.NEAR, Published.MONTHS],
        Published.FAR,
    )
    return level


def _earliest_death(f, k: np.ndarray) -> np.ndarray:
    """The first day each record's date of death may be (its day, the 1st of its month, the 1st
    of January of its year); 0 where it gives none, or where its own page came out before it
    (the date is a funeral's announced on the page, or written wrong: no bound)."""
    prec, ordinal = f.death_prec[k], f.death_ord[k].astype(np.int64)
    month_first = ordinal - 14  # a month's date is its 15th (`dedupe.dates.ordinal`)
    earliest = np.select(
        [prec == 3, prec == 2, prec == 1], [ordinal, month_first, jan_first(f.death_y[k])], 0
    )
    own = f.published[k].astype(np.int64)
    return np.where((own != 0) & (own < earliest - GRACE_DAYS), 0, earliest)
