"""The pieces every stand-in site writes its pages with: the truth of a record (`Shown`), dates,
HTML, encodings, the bad input planted on purpose, page furniture, and an entry of the page
truth a crawl is checked against. The shape of a site (routing, pagination, the page truth of
its lists) is `sandbox.sites.site.Site`."""

from __future__ import annotations

import html
import random
import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from lexicon.places import find_settlements
from sandbox.grammar import MONTHS_EN, MONTHS_GEN, MONTHS_LOC
from sandbox.world import Person, World

# Why a planted bad record must be refused (Shown.expect_reject).
REJECT_REASONS = ("not a name", "death in the future", "death before the war", "death before birth")
WAR_START = date(2022, 2, 24)
NOT_NAMES = ("ул. Ленина, 5", "пер. Школьный, 12", "ул. Мира, д. 3", "Фото: пресс-служба", "—")


@dataclass
class Shown:
    """What one record on one page truly says: the expected extraction, field by field.
    None means the page does not show it. `expect_reject` marks a planted bad record: the
    reason a careful reader refuses it (one of REJECT_REASONS)."""

    pid: str
    site: str
    url: str
    full_name: str
    birth_date: str | None = None
    death_date: str | None = None
    funeral_date: str | None = None
    age: int | None = None
    region: str | None = None
    settlement: str | None = None
    unit: str | None = None
    rank: str | None = None
    category: str | None = None
    expect_reject: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    charset: str | None = None  # what the body is really encoded in (None: not text)
    last_modified: date | None = None  # the page's publication date


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def rng_for(world: World, *key: object) -> random.Random:
    """A generator of its own for one thing on one site: adding a site never reshuffles another."""
    return random.Random(f"{world.seed}:" + ":".join(map(str, key)))


def published_after(
    rng: random.Random, event: date, median_days: float, world: World
) -> date | None:
    """When a report of an event appears; None when it would appear after the crawl day."""
    delay = int(min(rng.lognormvariate(0, 1.0) * median_days, 700))
    day = event + timedelta(days=delay)
    return day if day <= world.today else None


def ru_date(d: date, style: str) -> str:
    if style == "long":
        return f"{d.day} {MONTHS_GEN[d.month - 1]} {d.year} года"
    if style == "long_g":
        return f"{d.day} {MONTHS_GEN[d.month - 1]} {d.year} г."
    if style == "dots":
        return d.strftime("%d.%m.%Y")
    if style == "dots2":
        return d.strftime("%d.%m.%y")
    if style == "month":
        return f"в {MONTHS_LOC[d.month - 1]} {d.year} года"
    if style == "en":
        return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"
    if style == "en_uk":
        return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    if style == "daymonth":
        return f"{d.day} {MONTHS_GEN[d.month - 1]}"
    raise ValueError(style)


def region_shown(
    person: Person, settlement_shown: bool, region_shown_: bool, written: str | None = None
) -> str | None:
    """The region a reader can derive from what the page shows: the region itself, or a
    settlement whose name (as `written` on the page) belongs to one region only."""
    if region_shown_:
        return person.region
    if settlement_shown and person.settlement:
        forms = {person.settlement, written or person.settlement}
        regions = {s.region_code for form in forms for s in find_settlements(form)}
        if regions == {person.region}:
            return person.region
    return None


def page(title: str, body: str, *, charset: str = "utf-8", lang: str = "ru", head: str = "") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head>{meta}<title>{esc(title)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">{head}</head>'
        f"<body>{body}</body></html>\n"
    )


def respond(
    text: str, charset: str = "utf-8", *, declare: bool = True, modified: date | None = None
) -> Response:
    """A page encoded in `charset`; the charset is named in the Content-Type header only when
    `declare` (a meta tag, if any, is the template's business)."""
    content_type = f"text/html; charset={charset}" if declare else "text/html"
    return Response(
        200,
        text.encode(charset, errors="xmlcharrefreplace"),
        content_type=content_type,
        charset=charset,
        last_modified=modified,
    )


def not_found() -> Response:
    return Response(404, b"<html><body><h1>404 Not Found</h1></body></html>", charset="utf-8")


def page_entry(url: str, site: str, status: str, records: int = 0, **extra) -> dict:
    """One page of the page truth: every page a crawler following the source config reaches.
    status: parsed | rejected (layout) | failed (the link is dead)."""
    return {"url": url, "site": site, "status": status, "records": records, **extra}


def count_valid(shown: list[Shown]) -> tuple[int, int]:
    """(records a careful reader keeps, planted records a careful reader refuses)."""
    bad = sum(1 for s in shown if s.expect_reject)
    return len(shown) - bad, bad


def plant(rng: random.Random, share: float = 0.025) -> str | None:
    """Now and then a record is bad on purpose: one of REJECT_REASONS, else None."""
    return rng.choice(REJECT_REASONS) if rng.random() < share else None


def planted_dates(rng: random.Random, person: Person, reason: str | None) -> tuple[date, date]:
    """(birth, death) as a careless clerk typed them for a planted reason."""
    birth, death = person.birth, person.death
    if reason == "death in the future":
        death = death.replace(year=rng.choice((2027, 2028, 2029)))
    elif reason == "death before the war":
        death = death.replace(year=rng.choice((2012, 2019, 2021)), day=min(death.day, 28))
    elif reason == "death before birth":
        birth = death.replace(day=min(death.day, 28)) + timedelta(days=rng.randrange(60, 900))
    return birth, death


def plant_in_dates(
    rng: random.Random, person: Person, share: float
) -> tuple[str | None, date, date]:
    """(reason, birth, death) of a record that may be bad on purpose in its dates only: a page
    whose name comes from the man himself cannot plant "not a name"."""
    reason = plant(rng, share)
    reason = None if reason == "not a name" else reason
    return (reason, *planted_dates(rng, person, reason))


def said(text: str, *forms: str | None) -> bool:
    """Whether any of the forms is written in the text as whole words («Оса» is not in «Осенью»)."""
    return any(f and re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text) for f in forms)


def valid_shown(shown: list[Shown]) -> list[Shown]:
    return [s for s in shown if not s.expect_reject]


# -- page furniture: what real pages carry around the records --------------------------------
COOKIE_BANNERS = (
    '<div class="cookie-banner" id="cookie-banner">Мы используем файлы cookie, чтобы сайт '
    "работал лучше. Оставаясь с нами, вы соглашаетесь на обработку данных. "
    '<button onclick="this.parentNode.remove()">Хорошо</button></div>',
    '<div id="cookie_notice" style="display:none">Этот сайт использует cookies и сервис '
    'Яндекс.Метрика. <a href="/policy/">Политика конфиденциальности</a></div>',
)


def counter_script(counter: int) -> str:
    return (
        '<!-- Yandex.Metrika counter --><script type="text/javascript">(function(m,e,t,r,i,k,a)'
        "{m[i]=m[i]||function(){(m[i].a=m[i].a||[]).push(arguments)};m[i].l=1*new Date();"
        "k=e.createElement(t),a=e.getElementsByTagName(t)[0],k.async=1,k.src=r,"
        'a.parentNode.insertBefore(k,a)})(window,document,"script",'
        f'"https://mc.yandex.ru/metrika/tag.js","ym");ym({counter},"init",{{webvisor:true}});'
        "</script><!-- /Yandex.Metrika counter -->"
    )


def share_buttons(url: str) -> str:
    return (
        '<div class="share"><span>Поделиться:</span>'
        f'<a class="share__vk" href="https://vk.com/share.php?url={esc(url)}">ВКонтакте</a>'
        f'<a class="share__ok" href="https://connect.ok.ru/offer?url={esc(url)}">Одноклассники</a>'
        f'<a class="share__tg" href="https://t.me/share/url?url={esc(url)}">Telegram</a></div>'
    )


def malform(text: str) -> str:
    """Sloppy, truncated HTML that a forgiving parser still reads: paragraphs and list items
    left open, and the document broken off in the footer (the records come before it)."""
    text = text.replace("</p>", "", 2).replace("</li>", "")
    foot = text.find("<footer")
    if foot > 0:
        return text[:foot] + "<footer><p>&copy; 20"
    return text.replace("</body></html>", "")
