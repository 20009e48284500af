"""How crowded with namesakes the men behind the dedupe bench's records are.

    .venv/bin/python bench/namesakes.py [MEN ...] [--seed S]

For the men of each generator (`sandbox.records`' world with its crowds planted, as the harsh
records are drawn; `sandbox.foreign`'s population) at each size: how many distinct surnames, the
collision rate Σp² of surnames, given names and patronymics, and per man how many *other* men
share his full name, or his surname and given name. Dedupe can only tell namesakes apart by what
their reports add, so this is the floor under its errors: a report that gives a name and nothing
else, among five men of that name, cannot be placed.

Beside them, a rough reference for the world: the same figures from collision rates estimated
for Russian names (no census of names ships here, so these are estimates, not measurements):
surnames Σp² ≈ 0.0015 (Смирнов, the commonest, is under 2 % of men, and tens of thousands of
surnames make the tail), given names and patronymics ≈ 0.03 each (men born 1965–2005: Александр
alone ~10 %). Under independence a man's expected full namesakes among n men are
(n − 1) · Σp²(surnames) · Σp²(given) · Σp²(patronymics).
"""

from __future__ import annotations

import argparse
from collections import Counter

import numpy as np

# rough collision rates of Russian men's names (see the module docstring)
REFERENCE = {"surname": 0.0015, "given": 0.03, "patronymic": 0.03}


def crowding(surnames: list[str], given: list[str], patronymics: list[str]) -> dict[str, float]:
    """The figures of one population (a list per name part, a man per position)."""
    n = len(surnames)
    full = Counter(zip(surnames, given, patronymics, strict=True))
    pair = Counter(zip(surnames, given, strict=True))
    others = np.array([full[k] - 1 for k in zip(surnames, given, patronymics, strict=True)])
    pair_others = np.array([pair[k] - 1 for k in zip(surnames, given, strict=True)])

    def collision(values: list[str]) -> float:
        counts = np.array(list(Counter(values).values()), dtype=np.float64)
        return float(np.sum((counts / n) ** 2))

    return {
        "men": n,
        "surnames": len(set(surnames)),
        "sp2_surname": collision(surnames),
        "sp2_given": collision(given),
        "sp2_patronymic": collision(patronymics),
        "full_namesakes": float(others.mean()),
        "with_one": float((others >= 1).mean()),
        "with_five": float((others >= 5).mean()),
        "surname_given_namesakes": float(pair_others.mean()),
    }


def reference(n: int) -> float:
    """A man's expected full namesakes among n men at the `REFERENCE` collision rates."""
    return (n - 1) * REFERENCE["surname"] * REFERENCE["given"] * REFERENCE["patronymic"]


def harsh_men(n: int, seed: int) -> tuple[list[str], list[str], list[str]]:
    from sandbox._harsh_men import plant
    from sandbox.world import make_world

    people = plant(make_world(n, seed), seed).world.people
    return (
        [p.surname for p in people],
        [p.given for p in people],
        [p.patronymic or "" for p in people],
    )


def foreign_men(n: int, seed: int) -> tuple[list[str], list[str], list[str]]:
    from sandbox._foreign_men import generate_men

    men = generate_men(n, np.random.default_rng(seed))  # as sandbox.foreign draws them
    return men.surname, men.given, men.patronymic


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("men", nargs="*", type=int, default=[5_000, 500_000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(
        "| generator | men | surnames | Σp² surname / given / patronymic "
        "| full namesakes a man | men with ≥1 / ≥5 | surname+given namesakes a man |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for n in args.men:
        for label, draw in (("harsh (sandbox.records)", harsh_men), ("foreign", foreign_men)):
            c = crowding(*draw(n, args.seed))
            print(
                f"| {label} | {c['men']:,} | {c['surnames']:,} | {c['sp2_surname']:.4f} / "
                f"{c['sp2_given']:.3f} / {c['sp2_patronymic']:.3f} | {c['full_namesakes']:.2f} | "
                f"{c['with_one']:.1%} / {c['with_five']:.1%} | "
                f"{c['surname_given_namesakes']:.1f} |"
            )
        r = REFERENCE
        print(
            f"| rough reference for the world | {n:,} | – | {r['surname']:.4f} / {r['given']:.3f}"
            f" / {r['patronymic']:.3f} | {reference(n):.2f} | – | "
            f"{(n - 1) * r['surname'] * r['given']:.1f} |"
        )


if __name__ == "__main__":
    main()
