"""Social walls, VK-like: memorial communities of a region and the personal walls of relatives.

Posts by mothers, sisters and wives («Мой брат Саша погиб 20 февраля под Авдеевкой 💔😭»),
short forms of names, no patronymic, often no surname at all (then there is nothing to count:
no record in the truth, though the page is still parsed), the poster's own name, comments with
more names, hashtags and emoji, and posts about other things (birthdays of living men, a lost
cat, a concert). UTF-8."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sandbox.grammar import decline_given, decline_surname, years_word
from sandbox.sites import phrases as ph
from sandbox.sites.base import (
    Response,
    Shown,
    esc,
    page,
    page_entry,
    region_shown,
    rng_for,
    ru_date,
    said,
)
from sandbox.sites.site import Site
from sandbox.world import Person, World

PREFIX = "/wall/"
PER_PAGE = 10
MONTHS_SHORT = ("янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
FRONT = ("Авдеевкой", "Бахмутом", "Угледаром", "Марьинкой", "Кременной", "Работино", "Суджей",
         "Волчанском", "Купянском", "Покровском", "Часовым Яром", "Херсоном")  # fmt: skip
FILLER = (
    "С днём рождения, {man}! 🎉🎂 Счастья, здоровья и всего самого лучшего!",
    "Потерялась кошка, рыжая, пушистая, в районе ул. Ленина 😿 Кто видел — напишите, пожалуйста 🙏",
    "15 числа концерт в ДК, начало в 18:00, билеты в кассе. Приходите всей семьёй! 🎶",
    "Продам дрова, берёза колотая, доставка по району. Звонить после 18:00.",
    "Поздравляем наших выпускников! 🎓 Пусть всё получится! #выпускной",
    "Ищу попутчиков до города на субботу, выезд в 7 утра 🚗",
    "Собираем посылку ребятам на передок: носки, сигареты, сладкое. Кто может помочь — пишите в "
    "личку ✊ #СВО #своихнебросаем",
)
RELATION = {"mother": ("сын", "сыну", "сыночек"), "sister": ("брат", "брату", "братик"),
            "wife": ("муж", "мужу", "любимый")}  # fmt: skip


@dataclass
class Post:
    pid: int
    author: str
    when: datetime
    text: str
    comments: list[tuple[str, str]]
    shown: Shown | None = None
    about: str | None = None  # the dead man a post is about, countable (shown) or not


@dataclass
class Wall:
    slug: str
    title: str
    about: str
    posts: list[Post] = field(default_factory=list)

    def page_url(self, n: int) -> str:
        return f"{PREFIX}{self.slug}/" + ("" if n == 1 else f"?offset={(n - 1) * PER_PAGE}")


def _vk_date(d: datetime) -> str:
    return f"{d.day} {MONTHS_SHORT[d.month - 1]} {d.year} в {d:%H:%M}"


class SocialSite(Site):
    prefix = PREFIX
    kind = "social"
    name = "social"
    per_page = PER_PAGE
    has_index = True

    def __init__(self, world: World, share: float = 0.35):
        super().__init__(world)
        self.walls: dict[str, Wall] = {}
        self.post_id = 100
        for p in world.people:
            rng = rng_for(world, "social", p.pid)
            if rng.random() >= share:
                continue
            if rng.random() < 0.6:
                self._community_post(rng, p)
            if rng.random() < 0.5:
                self._relative_wall(rng, p)
        for wall in self.walls.values():
            wall.posts.sort(key=lambda x: (x.when, x.pid), reverse=True)
        self.order = sorted(self.walls.values(), key=lambda w: w.slug)
        self.place_records()

    def groups(self) -> list[Wall]:
        return self.order

    def listed(self, wall: Wall) -> list[Post]:
        return wall.posts

    def shown_on(self, post: Post) -> Shown | None:
        return post.shown

    def list_url(self, wall: Wall, n: int) -> str:
        return wall.page_url(n)

    def list_entry(self, wall: Wall, n: int, posts: list[Post]) -> dict:
        """No post is bad on purpose: a page's truth counts the posts that name a surname."""
        good = sum(1 for x in posts if x.shown)
        return page_entry(wall.page_url(n), self.name, "parsed", good)

    def _when(self, rng: random.Random, day: date) -> datetime | None:
        if day > self.world.today:
            return None
        return datetime(day.year, day.month, day.day, rng.randrange(7, 23), rng.randrange(60))

    def _next_id(self) -> int:
        self.post_id += 1
        return self.post_id

    def _comments(self, rng: random.Random, to: str | None) -> list[tuple[str, str]]:
        out = []
        for _ in range(rng.randrange(0, 4)):
            given, surname = ph.living_woman(rng)
            if rng.random() < 0.3:
                s, g, _ = ph.living_man(rng)
                given, surname = g, s
            text = rng.choice(
                ["Соболезную{to} 😢", "Вечная память герою 🙏", "Держись{to} ❤", "Царствие небесное 🕯",
                 "Светлая память 😭😭", "Господи, как же так... Крепитесь"]
            )  # fmt: skip
            out.append((f"{given} {surname}", text.format(to=f", {to}" if to else "")))
        return out

    # -- memorial communities -------------------------------------------------------------
    def _community(self, region: str) -> Wall:
        slug = f"pamyat_{region.lower()}"
        if slug not in self.walls:
            rng = rng_for(self.world, "social", "community", region)
            where = ph.region_said(rng, region, "gent", 0.7)
            title = rng.choice(
                [f"Память героев {where}", f"Герои {where}", f"Помним героев {where}"]
            )
            self.walls[slug] = Wall(slug, title, "Сообщество памяти земляков, погибших в СВО")
            for _ in range(rng.randrange(2, 6)):
                day = self.world.today - timedelta(days=rng.randrange(10, 900))
                self.walls[slug].posts.append(self._filler(rng, day, title))
        return self.walls[slug]

    def _filler(self, rng: random.Random, day: date, author: str) -> Post:
        s, g, _ = ph.living_man(rng)
        man = rng.choice([g, f"{g} {s}", ph.short_given(g)])
        text = rng.choice(FILLER).format(man=man)
        s, g, _ = ph.living_man(rng)
        reply = rng.choice(["Поздравляю! 🎉", "+", "Репост", "Спасибо, что напомнили", "👍"])
        comments = [(f"{g} {s}", reply)] if rng.random() < 0.5 else []
        return Post(self._next_id(), author, self._when(rng, day), text, comments)

    def _community_post(self, rng: random.Random, p: Person) -> None:
        day = p.death + timedelta(days=int(rng.lognormvariate(2.5, 0.8)) + 2)
        when = self._when(rng, day)
        if when is None:
            return
        wall = self._community(p.region)
        short = ph.short_given(p.given) if rng.random() < 0.5 else p.given
        style = rng.choice(["dative", "funeral", "card", "lost"])
        place = ph.from_place(p) if p.settlement else None
        tags = f" #СВО #ВечнаяПамять #{(p.settlement or 'Герои').replace(' ', '').replace('-', '')}"
        if style == "dative":
            died = rng.choice(
                ["", f" погиб {ru_date(p.death, 'daymonth')}", f" погиб {ru_date(p.death, 'dots')}"]
            )
            text = (
                f"🕯 Вечная память нашему {decline_given(short, 'datv')} {decline_surname(p.surname, 'datv')} 🕯"
                f"{' Он' + died + ' в зоне СВО.' if died else ''}"
                + (f" Родом из {place}." if place and rng.random() < 0.5 else "")
            )
        elif style == "funeral":
            where = f" в {ph.in_place(p)}" if p.settlement else ""
            text = (
                f"Сегодня{where} простились с {decline_given(short, 'ablt')} "
                f"{decline_surname(p.surname, 'ablt')}. Ему было {p.age} {years_word(p.age)}. Светлая память 🙏"
            )
        elif style == "card":
            name = f"{p.surname.upper()} {p.given} {p.patronymic or ''}".strip()
            text = (
                f"{name} ({ru_date(p.birth, 'dots')} – {ru_date(p.death, 'dots')}) 🕯 "
                "Наш земляк погиб в зоне специальной военной операции. Соболезнуем родным."
            )
        else:
            text = (
                f"Ещё один наш парень не вернулся домой… {short} {p.surname}, {p.age} {years_word(p.age)}"
                + (f", из {place}" if place else "")
                + ". 💔"
            )
        text += tags
        # the card names him in full; the other styles by the name they use
        shown = self._truth(
            p, text, p.given if style == "card" else short, when, style == "funeral"
        )
        comments = self._comments(rng, None)
        wall.posts.append(Post(self._next_id(), wall.title, when, text, comments, shown, p.pid))

    # -- relatives' walls -----------------------------------------------------------------
    def _relative_wall(self, rng: random.Random, p: Person) -> None:
        relation = rng.choice(list(RELATION))
        given, surname = ph.living_woman(rng, p.surname)
        if relation == "mother":
            given = p.mother
        slug = f"id{rng.randrange(10**6, 10**9)}"
        wall = self.walls.setdefault(slug, Wall(slug, f"{given} {surname}", "Личная страница"))
        author = wall.title
        noun, dat, tender = RELATION[relation]
        short = ph.short_given(p.given)
        day = p.death + timedelta(days=rng.randrange(3, 25))
        front = rng.choice(FRONT)
        first = rng.choice(
            [
                f"Мой {noun} {short} погиб {ru_date(p.death, 'daymonth')} под {front} 💔😭 "
                f"Ему было всего {p.age}…",
                f"{short}, {tender}, как же так… {ru_date(p.death, 'dots')} тебя не стало. "
                "Ты навсегда в наших сердцах ❤",
                f"Сегодня похоронили {decline_given(short, 'accs')}… Не могу поверить 😭😭😭",
            ]
        )
        posts = [(first, False)]  # a first name only: nothing to count
        if rng.random() < 0.6:
            full = f"{decline_given(p.given, 'datv')} {decline_surname(p.surname, 'datv')}"
            second = rng.choice(
                [
                    f"Вечная память моему {dat} {full} 🕯 Полгода без тебя…",
                    f"Мой {noun}, {p.given} {p.surname}, погиб {ru_date(p.death, 'long')} в зоне "
                    f"СВО. Ему было {p.age} {years_word(p.age)}.",
                ]
            )
            posts.append((second, True))
        for i, (text, named) in enumerate(posts):
            when = self._when(rng, day + timedelta(days=60 * i))
            if when is None:
                continue
            shown = self._truth(p, text, p.given, when, False) if named else None
            to = ph.short_given(given)
            comments = self._comments(rng, to)
            wall.posts.append(Post(self._next_id(), author, when, text, comments, shown, p.pid))
        for _ in range(rng.randrange(1, 4)):
            wall.posts.append(
                self._filler(rng, day - timedelta(days=rng.randrange(30, 400)), author)
            )

    # -- the truth of a post, from its finished text (hashtags are not a home place) --------
    def _truth(self, p: Person, text: str, given: str, when: datetime, funeral: bool) -> Shown:
        body = re.sub(r"#\w+", "", text)
        patr = bool(p.patronymic) and said(body, p.patronymic)
        name = " ".join(x for x in (p.surname, given, p.patronymic if patr else None) if x)
        shown = self.shown(p, name)
        if said(
            body, ru_date(p.death, "dots"), ru_date(p.death, "daymonth"), ru_date(p.death, "long")
        ):
            shown.death_date = p.death.isoformat()
        if said(body, ru_date(p.birth, "dots")):
            shown.birth_date = p.birth.isoformat()
        if re.search(rf"(?:было|всего|,)\s{p.age}\b", body):
            shown.age = p.age
        if funeral:
            shown.funeral_date = when.date().isoformat()
        if p.settlement and said(body, ph.from_place(p), ph.in_place(p)):
            shown.settlement = p.settlement
        shown.region = region_shown(p, shown.settlement is not None, False, ph.from_place(p))
        return shown

    # -- serving --------------------------------------------------------------------------
    def index_page(self) -> Response:
        links = "".join(
            f'<div class="group_row"><a class="group_link" href="{w.page_url(1)}">{esc(w.title)}</a>'
            f'<span class="group_about">{esc(w.about)}</span></div>'
            for w in self.order
        )
        body = f'<div id="page_header">ВКонтакте</div><div id="groups_list">{links}</div>'
        return self.respond(page("Сообщества", body))

    def list_at(self, path: str, query: dict[str, str]) -> tuple[Wall, int] | None:
        """Walls are paged by offset: `?offset=10` is page 2, and an offset between pages is 404."""
        wall = self.walls.get(path[len(PREFIX) :].strip("/"))
        if wall is None:
            return None
        offset = query.get("offset", "0") or "0"
        if not offset.isdigit() or int(offset) % PER_PAGE:
            return wall, 0
        return wall, int(offset) // PER_PAGE + 1

    def list_page(self, wall: Wall, number: int, pages: int) -> Response:
        chunk = self.page_of(wall.posts, number)
        more = (
            f'<a class="show_more" href="{wall.page_url(number + 1)}">Показать ещё</a>'
            if number < pages
            else ""
        )
        body = (
            '<div id="page_header"><a href="/wall/">ВКонтакте</a><input placeholder="Поиск"></div>'
            f'<div class="page_block"><h1 class="page_name">{esc(wall.title)}</h1>'
            f'<div class="page_status">{esc(wall.about)}</div></div>'
            f'<div id="page_wall_posts">{"".join(self._post_html(wall, x) for x in chunk)}</div>'
            f'{more}<div id="footer">ВКонтакте © 2006–2026 <a href="/private/settings/">Настройки</a>'
            ' <a href="http://example.org/ads">Реклама</a></div>'
        )
        modified = chunk[0].when.date() if chunk else self.world.today
        return self.respond(page(f"{wall.title} | ВКонтакте", body), modified=modified)

    @staticmethod
    def _post_html(wall: Wall, post: Post) -> str:
        text = esc(post.text)
        text = re.sub(r"#(\w+)", r'<a href="/feed?section=search&amp;q=%23\1">#\1</a>', text)
        text = text.replace("❤", '<img class="emoji" src="/emoji/e2/9da4.png" alt="❤">')
        replies = "".join(
            f'<div class="reply"><a class="author">{esc(a)}</a><div class="reply_text">{esc(t)}</div></div>'
            for a, t in post.comments
        )
        return (
            f'<div class="post" id="post-{post.pid}"><div class="post_header">'
            f'<a class="author" href="{wall.page_url(1)}">{esc(post.author)}</a> '
            f'<a class="post_link" href="{wall.page_url(1)}?w=wall_{post.pid}">'
            f'<time datetime="{post.when.isoformat()}">{_vk_date(post.when)}</time></a></div>'
            f'<div class="wall_post_text">{text}</div>'
            f'<div class="like_wrap">❤ {post.pid % 97} · Поделиться</div>'
            f'<div class="replies">{replies}</div></div>'
        )
