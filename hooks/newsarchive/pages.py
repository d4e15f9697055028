"""Generate stage: ArchiveIndex -> PagePlans (one per output page), with pagination.

A PagePlan carries plain data for a Jinja template under overrides/; no HTML here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from . import urls
from .models import Article, Issue, TaxonomyKind, Term
from .settings import ArchiveSettings
from .charts import Point, bar_chart, column_chart
from .collation import sort_key
from .media import human_size
from .build_cache import digest
from .search import compact_code, search_aids
from .taxonomy import ArchiveIndex, related_articles
from .text import excerpt, plain_lead

MONTH_NAMES = {m: f"Tháng {m}" for m in range(1, 13)}
RECENT_YEARS = 3  # the statistics page charts these latest years month by month
CHART_ROWS = 15  # names per bar chart; its table lists them all
OUTSIDE_SEARCH_RECORD = ("related", "older", "newer")  # article context keys rendered outside the indexed body
INLINE_CODES = 600  # documents listed on their index page itself (about 100 KB of HTML)


@dataclass
class PagePlan:
    url: str
    template: str
    title: str
    kind: str  # article | term | taxonomy | year | month | archive
    context: dict = field(default_factory=dict)
    body: str = ""  # Markdown for MkDocs to render (articles only)
    lastmod: str = ""  # for the sitemap: the article's date as given
    media: tuple = ()  # articles: their MediaItems, for the body renderer
    directive_links: dict = field(default_factory=dict)  # articles: DirectiveId -> its page URL
    source: str = ""  # articles: the file, for messages about this page

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)

    def search_record_inputs(self) -> tuple:
        """What the page's Pagefind record is made of: everything but the links that
        fragments/article.html puts after `<article data-pagefind-body>` (a new article changes
        its neighbours' links, not their search records, so their shard is kept)."""
        context = {k: v for k, v in self.context.items() if k not in OUTSIDE_SEARCH_RECORD}
        return (self.url, self.template, self.title, self.body, self.media, self.directive_links, context)

    def outside_search_record(self) -> tuple:
        """The rest of the plan: with `search_record_inputs`, all it holds."""
        return (self.kind, self.lastmod, self.source,
                {k: v for k, v in self.context.items() if k in OUTSIDE_SEARCH_RECORD})


class ArticlePagePlan(PagePlan):
    """An article's page whose context and directive links are made when first read: a warm
    build reads them only for the pages it renders (at 10k, making all of them was ~3 s of
    every build), and forked workers make those of the pages they render. A bug there is that
    page's render failure, naming the article (writer.PageFailure): never a silent gap.

    `inputs_key` / `record_key`: what the page and its search record are made of, from the
    bytes' keys of the article and of the articles it shows (related, older, newer), when all
    of those are memoised (then their results depend on their bytes alone; code, templates,
    settings and registries are in the build cache's fingerprint); "" otherwise, and then the
    plan itself is hashed (writer.article_page_keys)."""

    def __init__(self, make, inputs_key: str = "", record_key: str = "", **fields):
        self._made = None
        self._make = make  # () -> (context, directive_links)
        super().__init__(**fields)
        self.inputs_key, self.record_key = inputs_key, record_key

    def _filled(self) -> tuple:
        if self._made is None:
            self._made, self._make = self._make(), None
        return self._made

    def _set_default(self, value) -> None:  # PagePlan.__init__ sets the defaults; nothing else may
        if value:
            raise AttributeError("an article page's context and links are made by its planner")

    context = property(lambda self: self._filled()[0], _set_default)
    directive_links = property(lambda self: self._filled()[1], _set_default)

    def __getstate__(self) -> dict:  # pickled (value_key, serve's memo): made, without the planner
        state = dict(self.__dict__)
        state["_made"], state["_make"] = self._filled(), None
        return state


def paginate(items: list, per_page: int) -> list[list]:
    return [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]


def pagination(base_url: str, page: int, pages: int) -> dict | None:
    """Links for page `page` of `pages`: previous/next and a window of numbers."""
    if pages <= 1:
        return None
    shown = sorted({1, pages, *range(max(page - 2, 1), min(page + 2, pages) + 1)})
    numbers = []
    for n, prev in zip(shown, [None, *shown]):
        if prev is not None and n - prev > 1:
            numbers.append({"gap": True})
        numbers.append({"number": n, "url": urls.paged(base_url, n), "current": n == page})
    return {"page": page, "pages": pages, "numbers": numbers,
            "previous": urls.paged(base_url, page - 1) if page > 1 else None,
            "next": urls.paged(base_url, page + 1) if page < pages else None}


def thumbnail(article: Article) -> dict | None:
    """The article's first photo, smallest size, for listings."""
    for item in article.media:
        if item.kind == "image":
            width = item.variant_widths()[0]
            return {"url": item.folder + item.variant_name(width), "alt": item.alt, "width": width,
                    "height": round(item.height * width / item.width)}
    return None


class Planner:
    """Builds every PagePlan of an archive; cards are computed once per article."""

    def __init__(self, index: ArchiveIndex, settings: ArchiveSettings, known_aids: dict | None = None,
                 source_keys: dict | None = None):
        self.index = index
        self.settings = settings
        self.known_aids = known_aids or {}  # rel_path -> search aids computed at load time (memoised with it)
        self.source_keys = source_keys or {}  # rel_path -> its bytes' key, for memoised articles (pipeline)
        self.tax = settings.taxonomies
        self._cards: dict[str, dict] = {}
        self._chips: dict[tuple, dict] = {}  # (kind, slug, name) -> chip: ~8 per article, a few thousand distinct
        self._term_urls: dict[tuple, str] = {}

    def term_url(self, kind: TaxonomyKind, slug: str) -> str:
        url = self._term_urls.get((kind, slug))
        if url is None:
            url = self._term_urls[(kind, slug)] = urls.term_url(kind, slug, taxonomies=self.tax)
        return url

    def term_link(self, kind: TaxonomyKind, slug: str, name: str) -> dict:
        return {"name": name, "url": self.term_url(kind, slug), "kind": kind.value, "label": self.tax[kind].singular}

    def card(self, article: Article) -> dict:
        card = self._cards.get(article.rel_path)
        if card is None:
            card = self._cards[article.rel_path] = {
                "title": article.title, "url": urls.article_url(article), "date": article.date.short(),
                "date_iso": article.date.iso(), "summary": article.summary, "year": article.date.year,
                "units": [self.term_link(t.kind, t.slug, t.name) for t in article.terms_of(TaxonomyKind.UNIT)],
                "draft": article.draft, "image": thumbnail(article),
            }
        return card

    def grouped_by_year(self, articles: list[Article]) -> list[dict]:
        return [{"year": year, "cards": [self.card(a) for a in group]}
                for year, group in groupby(articles, key=lambda a: a.date.year)]

    def listing(self, articles: list[Article], base_url: str, template: str, kind: str, title: str,
                context: dict, group_by_year: bool = True) -> list[PagePlan]:
        chunks = paginate(articles, self.settings.per_page)
        plans = []
        for number, chunk in enumerate(chunks, 1):
            page_title = title if number == 1 else f"{title} (trang {number})"
            plans.append(PagePlan(urls.paged(base_url, number), template, page_title, kind, {
                **context, "count": len(articles),
                "groups": self.grouped_by_year(chunk) if group_by_year else [{"year": None, "cards": [self.card(a) for a in chunk]}],
                "pagination": pagination(base_url, number, len(chunks)),
            }))
        return plans

    # -- page families -------------------------------------------------------------------
    def article_pages(self) -> tuple[list[PagePlan], list[Issue]]:
        """One page per article; an article whose page cannot be planned is its own error."""
        plans, issues = [], []
        articles, keys = self.index.articles, self.source_keys
        for i, article in enumerate(articles):
            try:
                related = related_articles(self.index, article, self.settings.related_count)
                url = urls.article_url(article)
                older, newer = articles[i + 1:i + 2], articles[max(i - 1, 0):i]
                own = keys.get(article.rel_path, "")
                shown = [url, own, "related", *(keys.get(a.rel_path, "") for a in related),
                         "older", *(keys.get(a.rel_path, "") for a in older),
                         "newer", *(keys.get(a.rel_path, "") for a in newer)]
                plans.append(ArticlePagePlan(
                    lambda article=article, i=i, related=related: (self.article_context(article, i, related),
                                                                   self.directive_links(article)),
                    digest(" ".join(shown).encode()) if all(shown) else "",
                    digest(f"{url} {own}".encode()) if own else "",
                    url=url, template="article.html", title=article.title, kind="article", body=article.body,
                    lastmod=article.date.iso()[:10], media=article.media, source=article.rel_path))
            except Exception as err:  # a bug shown by one article must not take the site down
                issues.append(Issue(article.rel_path, f"internal error while planning its page "
                                    f"({type(err).__name__}: {excerpt(str(err))})",
                                    hint="please report it with this file attached", draft=article.draft))
        return plans, issues

    def article_context(self, article: Article, i: int, related: list[Article]) -> dict:
        articles = self.index.articles
        chips = []
        for kind in TaxonomyKind:
            refs = article.terms_of(kind)
            if refs:
                chips.append({"label": self.tax[kind].singular, "kind": kind.value,
                              "terms": [self.term_chip(r) for r in refs]})
        source = article.source
        return {
            "article": {
                "title": article.title, "date": article.date.vietnamese(), "date_iso": article.date.iso(),
                "authors": list(article.authors), "summary": article.summary, "draft": article.draft,
                "source": {"publisher": source.publisher, "url": source.url, "views": source.views,
                           "retrieved": source.retrieved} if (source.publisher or source.url) else None,
            },
            "chips": chips,
            "search": self.known_aids.get(article.rel_path) or search_aids(article),
            "attachments": [{"name": m.title or m.url_name, "url": m.url, "type": m.type_label,
                             "size": human_size(m.size)} for m in article.media if m.kind == "attachment"],
            "image": next(({"url": m.folder + m.variant_name(m.variant_widths()[-1]), "alt": m.alt}
                           for m in article.media if m.kind == "image"), None),
            "related": [self.card(a) for a in related],
            "older": self.card(articles[i + 1]) if i + 1 < len(articles) else None,
            "newer": self.card(articles[i - 1]) if i > 0 else None,
        }

    def directive_links(self, article: Article) -> dict:
        """Each cited directive's page, by identity and, when only one of the article's
        directives has that code, also by the yearless identity a bare mention gives."""
        links, yearless = {}, {}
        for ref in article.terms:
            if ref.directive is None:
                continue
            url = self.term_url(ref.kind, ref.slug)
            links[ref.directive] = url
            yearless.setdefault(ref.directive.without_year(), set()).add(url)
        links.update({key: next(iter(found)) for key, found in yearless.items() if len(found) == 1})
        return links

    def term_chip(self, ref) -> dict:
        """The same dict for every article citing the term (plans are read, never changed)."""
        chip = self._chips.get((ref.kind, ref.slug, ref.name))
        if chip is None:
            chip = self._chips[(ref.kind, ref.slug, ref.name)] = self.term_link(ref.kind, ref.slug, ref.name)
            document = self.index.terms[ref.kind][ref.slug].document
            if document is not None:
                chip.update(type_name=document.type_name, year=document.year, date=document.date)
        return chip

    def term_pages(self) -> list[PagePlan]:
        plans = []
        for kind in TaxonomyKind:
            for term in self.index.terms[kind].values():
                plans.extend(self.pages_of_term(term))
        return plans

    def pages_of_term(self, term: Term) -> list[PagePlan]:
        kind, spec = term.kind, self.tax[term.kind]
        context = {"term": {"name": term.name, "description": term.description, "kind": kind.value,
                            "label": spec.singular, "document": term.document,
                            "index_url": urls.taxonomy_url(kind, self.tax)},
                   "feed": urls.feed_url(self.term_url(kind, term.slug)) if spec.feed else ""}
        if term.parent and term.parent in self.index.terms[kind]:
            parent = self.index.terms[kind][term.parent]
            context["term"]["parent"] = self.term_link(kind, parent.slug, parent.name)
        if spec.timeline:
            years = [a.date.year for a in term.articles]
            context["timeline"] = [{"year": y, "count": years.count(y)} for y in sorted(set(years))]
        type_name = term.document.type_name if term.document else spec.singular
        title = spec.term_title.format(name=term.name, type_name=type_name)
        return self.listing(term.articles, self.term_url(kind, term.slug),
                            "term.html", "term", title, context)

    def taxonomy_pages(self) -> list[PagePlan]:
        """One index per taxonomy: alphabetical, or (index "by_group", for thousands of
        directives) one paginated page per group -- type and issuer."""
        plans = []
        for kind in TaxonomyKind:
            entries = [{**self.term_link(kind, t.slug, t.name), "count": len(t.articles),
                        "description": t.description, "document": t.document}
                       for t in self.index.sorted_terms(kind)]
            base = urls.taxonomy_url(kind, self.tax)
            label = self.tax[kind].plural
            if self.tax[kind].index == "alphabetical":
                plans.extend(self.term_listing(entries, base, label, {"kind": kind.value, "label": label}))
                continue
            groups = []
            for group in self.document_groups(entries):
                url = urls.term_group_url(kind, f"{group['type']}-{group['issuer']}", taxonomies=self.tax)
                title = f"{group['type_name']} — {group['issuer_name']}"
                groups.append({"title": title, "url": url, "count": len(group["terms"]),
                               "articles": sum(e["count"] for e in group["terms"]),
                               "codes": [{"name": e["name"], "url": e["url"], "count": e["count"],
                                          "year": e["document"].year, "key": compact_code(e["name"])}
                                         for e in group["terms"]]})
                plans.extend(self.term_listing(group["terms"], url, title, {
                    "kind": kind.value, "label": label, "index_url": base}))
            # Every code on the index page while that stays light; beyond, the page's filter
            # reads them from a JSON file (extras.code_index_files) and the group pages list them.
            plans.append(PagePlan(base, "taxonomy.html", label, "taxonomy",
                                  {"kind": kind.value, "label": label, "groups": groups, "count": len(entries),
                                   "codes_inline": len(entries) <= INLINE_CODES,
                                   "codes_url": urls.code_index_url(kind, self.tax)}))
        return plans

    def term_listing(self, entries: list[dict], base_url: str, title: str, context: dict) -> list[PagePlan]:
        chunks = paginate(entries, self.settings.terms_per_page)
        return [PagePlan(urls.paged(base_url, n), "taxonomy.html", title if n == 1 else f"{title} (trang {n})",
                         "taxonomy", {**context, "terms": chunk, "count": len(entries),
                                      "pagination": pagination(base_url, n, len(chunks))})
                for n, chunk in enumerate(chunks, 1)]

    @staticmethod
    def document_groups(entries: list[dict]) -> list[dict]:
        """Cited documents grouped by type, then issuer; newest first inside a group."""
        def key(e):
            d = e["document"]
            return (sort_key(d.type_name), sort_key(d.issuer_name), d.type, d.issuer)
        groups = []
        for (_type_key, _issuer_key, type_code, issuer), items in groupby(sorted(entries, key=key), key=key):
            items = sorted(items, key=lambda e: (-(e["document"].year or 0), e["document"].code))
            first = items[0]["document"]
            groups.append({"type_name": first.type_name, "issuer_name": first.issuer_name, "type": type_code,
                           "issuer": issuer, "terms": items})
        return groups

    def archive_pages(self) -> list[PagePlan]:
        plans = []
        years = []
        for year, articles in self.index.years.items():
            months = [{"month": m, "name": MONTH_NAMES[m], "count": len(self.index.months[(year, m)]),
                       "url": urls.month_url(year, m)}
                      for m in range(12, 0, -1) if (year, m) in self.index.months]
            years.append({"year": year, "count": len(articles), "url": urls.year_url(year), "months": months})
            plans.extend(self.listing(articles, urls.year_url(year), "archive.html", "year",
                                      f"Năm {year}", {"year": year, "months": months}, group_by_year=False))
        for (year, month), articles in self.index.months.items():
            plans.extend(self.listing(articles, urls.month_url(year, month), "archive.html", "month",
                                      f"Tháng {month}/{year}",
                                      {"year": year, "month": month, "year_url": urls.year_url(year)},
                                      group_by_year=False))
        plans.append(PagePlan(urls.archive_index_url(), "archive_index.html", "Lưu trữ theo thời gian",
                              "archive", {"years": years}))
        return plans

    def home_context(self) -> dict:
        # The home page reads like a newspaper's front page: each latest article with its lead.
        latest = [{**self.card(a), "lead": a.summary or plain_lead(a.body)}
                  for a in self.index.articles[: self.settings.home_count]]
        entry_points = []
        for kind in TaxonomyKind:
            top = sorted(self.index.terms[kind].values(), key=lambda t: (-len(t.articles), sort_key(t.name)))[:8]
            entry_points.append({"label": self.tax[kind].plural, "url": urls.taxonomy_url(kind, self.tax),
                                 "more": len(self.index.terms[kind]) > len(top),
                                 "count": len(self.index.terms[kind]),
                                 "terms": [{**self.term_link(kind, t.slug, t.name), "count": len(t.articles)}
                                           for t in top]})
        years = [{"year": y, "count": len(a), "url": urls.year_url(y)} for y, a in self.index.years.items()]
        return {"latest": latest, "entry_points": entry_points, "years": years,
                "total": len(self.index.articles), "archive_url": urls.archive_index_url()}

    def stats_page(self) -> PagePlan:
        """"Thống kê": what replaces the portal's visitor counter, computed at build time.
        Every year of the range is on the axis (a year without articles is a fact too)."""
        by_year = {year: len(articles) for year, articles in self.index.years.items()}
        span = range(min(by_year), max(by_year) + 1) if by_year else range(0)
        years = [Point(str(y), by_year.get(y, 0), urls.year_url(y) if y in by_year else None) for y in span]
        recent = sorted(by_year, reverse=True)[:RECENT_YEARS]
        months = []
        for y in recent:
            points = [Point(str(m), len(self.index.months.get((y, m), ())),
                            urls.month_url(y, m) if (y, m) in self.index.months else None) for m in range(1, 13)]
            no_month = by_year[y] - sum(p.count for p in points)  # partial dates: the year only
            caption = f"Số bài theo tháng, năm {y}" + (f" ({no_month} bài chỉ ghi năm, không có ở đây)" if no_month else "")
            months.append(column_chart(points, caption, "Tháng"))

        def ranking(kind, limit=None):
            terms = sorted(self.index.terms[kind].values(), key=lambda t: (-len(t.articles), sort_key(t.name)))
            return [{**self.term_link(kind, t.slug, t.name), "count": len(t.articles), "document": t.document}
                    for t in terms[:limit]]

        def chart_of(kind, entries):
            spec = self.tax[kind]
            shown = entries[:CHART_ROWS]
            points = [Point(f"{e['document'].type_name} {e['name']}" if e["document"] else e["name"], e["count"], e["url"])
                      for e in shown]
            caption = f"Số bài theo {spec.singular.lower()}" + (
                f" ({len(shown)} {spec.plural.lower()} nhiều bài nhất)" if len(entries) > len(shown) else "")
            return bar_chart(points, caption, spec.singular)

        rankings = {kind.value: ranking(kind, self.tax[kind].ranked) for kind in TaxonomyKind}
        return PagePlan(urls.STATS_URL, "stats.html", "Thống kê", "stats", {
            "total": len(self.index.articles),
            "years": column_chart(years, "Số bài theo năm", "Năm"),
            "months": months,
            "charts": [{"kind": kind.value, "label": self.tax[kind].plural, "entries": rankings[kind.value],
                        "chart": chart_of(kind, rankings[kind.value])} for kind in TaxonomyKind],
            **rankings,
            "latest": [self.card(a) for a in self.index.articles[:10]],
            "term_counts": {kind.value: len(self.index.terms[kind]) for kind in TaxonomyKind},
        })

    def all_pages(self, articles_planned=None) -> tuple[list[PagePlan], list[Issue]]:
        articles, issues = self.article_pages()
        if articles_planned is not None:
            articles_planned(articles)
        return (articles + self.term_pages() + self.taxonomy_pages() + self.archive_pages()
                + [self.stats_page()]), issues
