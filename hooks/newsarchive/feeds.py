"""Atom feeds (feedgen): the whole archive, and one per term of each taxonomy with `feed`
(setting term_feeds: units and campaigns by default)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from feedgen.feed import FeedGenerator

from . import urls
from .build_cache import digest
from .models import Article, TaxonomyKind

SITE_FEED = urls.feed_url()
ENTRIES = 20
VIETNAM = dt.timezone(dt.timedelta(hours=7))


def _moment(article: Article) -> dt.datetime:
    """Atom needs a full timestamp: a partial date stands for the first day of its period
    (the entry's summary still shows the date as given)."""
    d = article.date
    return d.moment or dt.datetime(d.year, d.month or 1, d.day or 1, tzinfo=VIETNAM)


def atom(title: str, self_path: str, page_path: str, articles: list[Article], site_url: str) -> bytes:
    join = urls.absolute(site_url)
    fg = FeedGenerator()
    fg.id(join(page_path or "./"))
    fg.title(title)
    fg.link(href=join(page_path or "./"), rel="alternate")
    fg.link(href=join(self_path), rel="self")
    fg.language("vi")
    fg.generator("newsarchive")
    latest = articles[:ENTRIES]
    fg.updated(max((_moment(a) for a in latest), default=dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)))
    for article in latest:
        entry = fg.add_entry(order="append")
        link = join(urls.article_url(article))
        entry.id(link)
        entry.title(article.title)
        entry.link(href=link)
        entry.updated(_moment(article))
        entry.published(_moment(article))
        for author in article.authors:
            entry.author(name=author)
        date = article.date.vietnamese()
        entry.summary(f"{date[0].upper()}{date[1:]}. {article.summary}".strip())
    return fg.atom_str(pretty=False)  # for machines: indentation was ~10 % of each feed


def entry_key(article: Article) -> str:
    """What a feed entry is made of (repr, not pickle: a tenth of the time; exact for these
    strings, tuples and the date's dataclass)."""
    return digest(repr((urls.article_url(article), article.title, article.date, article.authors, article.summary)).encode())


@dataclass(frozen=True)
class Feed:
    """One feed to write: `key` says what its bytes are made of (the build cache keeps a feed
    whose key is unchanged without making it again), `data()` makes them."""

    path: str
    title: str
    page_path: str
    articles: list
    site_url: str
    entry_keys: dict = field(default_factory=dict, compare=False, repr=False)  # rel_path -> entry_key(), of a build's articles

    @property
    def key(self) -> str:
        # An article is an entry of ~9 feeds (the site's, its terms'): each entry's key is made once.
        keys = self.entry_keys
        entries = " ".join([keys.get(a.rel_path) or entry_key(a) for a in self.articles[:ENTRIES]])
        return digest(f"{(self.path, self.title, self.page_path, self.site_url)!r} {entries}".encode())

    def data(self) -> bytes:
        return atom(self.title, self.path, self.page_path, self.articles, self.site_url)


def feeds_of(plan, site_url: str, site_name: str) -> list[Feed]:
    """Every feed of a SitePlan; none without a site_url (feeds need absolute links)."""
    if not site_url:
        return []
    index, tax = plan.index, plan.settings.taxonomies
    entry_keys = {article.rel_path: entry_key(article) for article in index.articles}
    feeds = [Feed(SITE_FEED, f"{site_name} — bài mới nhất", "", index.articles, site_url, entry_keys)]
    for kind in (kind for kind in TaxonomyKind if tax[kind].feed):
        for term in index.terms[kind].values():
            page = urls.term_url(kind, term.slug, taxonomies=tax)
            feeds.append(Feed(urls.feed_url(page), f"{tax[kind].singular}: {term.name}", page, term.articles, site_url,
                              entry_keys))
    return feeds


def build_feeds(plan, site_url: str, site_name: str) -> list:
    """(path, bytes) for every feed of a SitePlan."""
    return [(feed.path, feed.data()) for feed in feeds_of(plan, site_url, site_name)]
