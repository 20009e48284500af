"""Turning what a page says into records: one block of labelled fields, or free text."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from lexicon.categories import CATEGORIES, classify
from lexicon.name_forms import NameParts
from lexicon.name_refusal import name_refusal
from lexicon.names import full_forms, given_name, name_gender
from lexicon.places import find_region, find_settlements
from lexicon.ranks import find_ranks, normalize_rank
from lexicon.units import normalize_unit
from schema.records import new_record, new_reject, record_id
from spiders.extract.dates import age_at, parse_date, parse_lifespan
from spiders.extract.facts import Fact, facts_of
from spiders.extract.homes import home, places_near, region_of_text
from spiders.extract.people import Found, Mention, name_in_field, read_dead
from spiders.extract.reading import reading_copy
from spiders.validate import name_problem

_DIGITS = re.compile(r"\d{1,3}")


def _full_given(given: str | None) -> str | None:
    """A man's short given name as its full form when it has one for men («Серёжа», «Саша» →
    Сергей, Александр; «Слава» stays: it may be any of eight). The full name keeps the text's."""
    if not given or given_name(given) is not None:
        return given
    forms = [f for f in full_forms(given) if name_gender(f) != "f"]
    return forms[0] if len(forms) == 1 else given


def _name_values(parts: NameParts) -> dict[str, Any]:
    return {
        "full_name": parts.full_name,
        "surname": parts.surname,
        "given_name": _full_given(parts.given) or parts.given_initial,
        "patronymic": parts.patronymic or parts.patronymic_initial,
        "gender": parts.gender,
    }


def _finish(
    values: dict[str, Any], facts: dict[str, Fact], context: str, base: dict, published: date | None
) -> dict[str, Any]:
    spans = {}
    for key, fact in facts.items():
        values[key] = fact.value
        values[f"{key}_raw"] = fact.raw
        spans[key] = [fact.start, fact.end]
    if values.get("age") is None and values.get("birth_date") and values.get("death_date"):
        values["age"] = age_at(values["birth_date"], values["death_date"])
    rid = record_id(
        base["source"],
        base["url"],
        values["name_raw"],
        values.get("birth_date_raw"),
        values.get("death_date_raw"),
    )
    return new_record(
        record_id=rid,
        **base,
        **values,
        published_date=published.isoformat() if published else None,
        context=context,
        spans=json.dumps(spans, ensure_ascii=False),
    )


def records_from_text(
    title: str, body: str, base: dict, published: date | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every dead man a text reports, as records; a man read as dead whose name cannot be a
    name («Город Салават», «Сво Гера») is a reject that says why."""
    context = f"{title}\n\n{body}" if title else body
    title_end = len(title) + 2 if title else 0
    reading = reading_copy(context)  # as long as the context: its spans are the context's
    records, rejects = [], []
    dead, refused = read_dead(reading, title_end, published)
    region = region_of_text(reading) if dead else None

    def refuse(mention: Mention, why: str) -> None:
        rejects.append(
            new_reject(
                source=base["source"],
                url=base["url"],
                scope="record",
                reason=why,
                field="full_name",
                raw={"name": context[mention.start : mention.end]},
                fetched_at=base["fetched_at"],
            )
        )

    for mention, why in refused:
        refuse(mention, why)
    for found in dead:
        mention = found.best
        name_raw = context[mention.start : mention.end]
        why = name_problem(found.name.full_name)
        if why:
            refuse(mention, why)
            continue
        facts = facts_of(reading, found, published, region)
        values = {**_name_values(found.name), "name_raw": name_raw}
        record = _finish(values, _raw_facts(facts, context), context, base, published)
        spans = json.loads(record["spans"])
        spans["full_name"] = [mention.start, mention.end]
        record["spans"] = json.dumps(spans, ensure_ascii=False)
        records.append(record)
    return records, rejects


def _raw_facts(facts: dict[str, Fact], context: str) -> dict[str, Fact]:
    """The facts read from the reading copy, their raw text taken from the page as written."""
    return {
        k: Fact(f.value, context[f.start : f.end] if f.raw else f.raw, f.start, f.end)
        for k, f in facts.items()
    }


def record_from_fields(
    raw: dict[str, str | None], base: dict, published: date | None, *, any_name: bool = False
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """One record from a block of labelled fields (a memorial card, a table row). With
    `any_name` (a row of an already merged list) a name that is no name («removed», a number)
    is kept as written and every other field is read all the same."""
    present = {k: v for k, v in raw.items() if v}
    lines, offsets = [], {}
    pos = 0
    for key, value in present.items():
        offsets[key] = (pos, pos + len(value))
        lines.append(value)
        pos += len(value) + 1
    context = "\n".join(lines)
    facts: dict[str, Fact] = {}
    rejects: list[str] = []

    def fact(key: str, value: Any, source_key: str) -> None:
        if value not in (None, "") and key not in facts:
            s, e = offsets[source_key]
            facts[key] = Fact(value, present[source_key], s, e)

    name_raw = present.get("name") or " ".join(
        present[k] for k in ("surname", "given_name", "patronymic") if present.get(k)
    )
    parts = name_in_field(name_raw) if name_raw else None
    if (parts is None or not parts.surname) and any_name:
        parts = None
    elif parts is None or not parts.surname:
        return None, new_reject(
            source=base["source"],
            url=base["url"],
            scope="record",
            reason=_not_a_name(name_raw),
            field="full_name",
            raw=present,
            fetched_at=base["fetched_at"],
        )
    if "lifespan" in present:
        birth, death = parse_lifespan(present["lifespan"])
        fact("birth_date", birth, "lifespan")
        fact("death_date", death, "lifespan")
        if birth is None and death is None:
            rejects.append("lifespan")
    for key in ("birth_date", "death_date", "funeral_date"):
        if key in present:
            value = parse_date(present[key], published)
            fact(key, value, key)
            if value is None:
                rejects.append(key)
    if "age" in present:
        digits = _DIGITS.search(present["age"])
        fact("age", int(digits.group(0)) if digits else None, "age")
        if digits is None:
            rejects.append("age")
    for key in ("place", "settlement"):
        if key in present:
            found = home(present[key], places_near(present[key]), running=False)
            towns = []
            if "settlement" not in found and key == "settlement":
                towns = find_settlements(present[key])
                if towns:
                    fact("settlement", towns[0].name, key)
                    if len({t.region_code for t in towns}) == 1:
                        fact("region", towns[0].region_code, key)
            for what, (value, _match) in found.items():
                fact(what, value, key)
            if not found and not towns:
                rejects.append(key)  # names no place tally knows
    if "region" in present:
        region = find_region(present["region"])
        fact("region", region.code if region else None, "region")
        if region is None:
            rejects.append("region")
    if "unit" in present:
        fact("unit", normalize_unit(present["unit"]) or present["unit"].strip().lower(), "unit")
    if "rank" in present:
        fact("rank", normalize_rank(present["rank"]), "rank")
        if "rank" not in facts:
            rejects.append("rank")
    if "name" in present and "rank" not in facts:
        for rank in find_ranks(present["name"])[:1]:  # «гв. ряд. ПЕТРОВ И. С.»
            s, _ = offsets["name"]
            facts["rank"] = Fact(rank.rank, rank.text, s + rank.start, s + rank.end)
    if "category" in present:
        named = present["category"].strip().lower()  # a code itself («regular», from --map-values)
        fact("category", named if named in CATEGORIES else classify(named)[0], "category")
        if "category" not in facts:
            rejects.append("category")
    if "text" in present and parts is not None:
        s, e = offsets["text"]
        anchor = Mention(s, s, parts, 0)
        for key, value in facts_of(
            context, Found(parts, anchor, anchor, ((s, e),), 0.0), published
        ).items():
            facts.setdefault(key, value)

    if parts is None:  # kept as written: an anonymised or unreadable name
        values = {"full_name": name_raw or "", "name_raw": name_raw or ""}
    else:
        values = {**_name_values(parts), "name_raw": name_raw}
    record = _finish(values, facts, context, base, published)
    spans = json.loads(record["spans"])
    if "name" in offsets:
        spans["full_name"] = list(offsets["name"])
    record["spans"] = json.dumps(spans, ensure_ascii=False)
    record["_field_problems"] = [
        (key, f"unreadable {key.replace('_', ' ')}: {present[key]!r}") for key in rejects
    ]
    return record, None


def _not_a_name(name_raw: str) -> str:
    """The reason a name field is refused, in words a reviewer can act on:
    "not a name (an organisation («ЧВК»)): 'ЧВК Вагнер'"."""
    if not name_raw:
        return "no name"
    why = name_refusal(name_raw) or "not read as a surname and a given name"
    return f"not a name ({why}): {name_raw!r}"
