"""Index stage: valid articles -> ArchiveIndex (terms per taxonomy, years, months, order)."""
from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import chain

from . import urls
from .dates import DateError, parse_date
from .media import human_size
from .collation import sort_key
from .directives import DirectiveRegistry
from .models import Article, Attachment, DocumentInfo, Term, TaxonomyKind
from .registry import Registry


@dataclass
class ArchiveIndex:
    articles: list[Article]  # newest first
    terms: dict[TaxonomyKind, dict[str, Term]]
    years: dict[int, list[Article]] = field(default_factory=dict)  # newest year first
    months: dict[tuple[int, int], list[Article]] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)  # article rel_path -> index in `articles`
    term_ids: list[frozenset] = field(default_factory=list)  # per article position: its terms as small ints
    term_members: list[list[int]] = field(default_factory=list)  # per term number: its articles' positions, ascending
    _member_sets: dict = field(default_factory=dict, repr=False, compare=False)  # term number -> set of term_members

    def member_set(self, number: int) -> set:
        found = self._member_sets.get(number)
        if found is None:
            found = self._member_sets[number] = set(self.term_members[number])
        return found

    def sorted_terms(self, kind: TaxonomyKind) -> list[Term]:
        """In Vietnamese alphabetical order of the name."""
        return sorted(self.terms[kind].values(), key=lambda t: sort_key(t.name))


def build_index(articles: list[Article], registries: dict[TaxonomyKind, Registry],
                directives: DirectiveRegistry) -> ArchiveIndex:
    ordered = sorted(articles, key=lambda a: a.sort_key, reverse=True)
    terms: dict[TaxonomyKind, dict[str, Term]] = {kind: {} for kind in TaxonomyKind}
    years: dict[int, list[Article]] = defaultdict(list)
    months: dict[tuple[int, int], list[Article]] = defaultdict(list)
    for article in ordered:
        years[article.date.year].append(article)
        if article.date.month:
            months[(article.date.year, article.date.month)].append(article)
        for ref in article.terms:
            term = terms[ref.kind].get(ref.slug)
            if term is None:
                term = terms[ref.kind][ref.slug] = _new_term(ref, registries, directives)
            term.articles.append(article)
    numbering: dict[tuple, int] = {}
    term_ids, term_members = [], []
    for position, article in enumerate(ordered):
        mine = frozenset(numbering.setdefault((r.kind, r.slug), len(numbering)) for r in article.terms)
        term_members.extend([] for _ in range(len(numbering) - len(term_members)))
        for number in mine:
            term_members[number].append(position)
        term_ids.append(mine)
    return ArchiveIndex(
        articles=ordered, terms=terms,
        years=dict(sorted(years.items(), reverse=True)),
        months=dict(sorted(months.items(), reverse=True)),
        position={a.rel_path: i for i, a in enumerate(ordered)},
        term_ids=term_ids, term_members=term_members,
    )


def _new_term(ref, registries, directives: DirectiveRegistry) -> Term:
    """A term from its registry entry; a cited document from its code and the directive registry."""
    if ref.directive is not None:
        d = ref.directive
        record = directives.get(d)
        document = DocumentInfo(
            d.code, d.type, d.type_name, d.number_text, d.issuer, d.issuer_name, d.year,
            record.title if record else "", _display_date(record.date) if record else "",
            record.issuing_body if record else "", record.url if record else "", _pdf(ref, record))
        return Term(ref.kind, ref.slug, d.code, record.description if record else "", "", document)
    entry = registries[ref.kind].by_slug.get(ref.slug)
    if entry:
        return Term(ref.kind, entry.slug, entry.name, entry.description, entry.parent)
    return Term(ref.kind, ref.slug, ref.name)


def _pdf(ref, record) -> Attachment | None:
    if record is None or record.pdf is None:
        return None
    url = urls.term_file_url(ref.kind, ref.slug, record.pdf.name)
    return Attachment(url, record.pdf, record.pdf.name, human_size(record.pdf.stat().st_size))


def _display_date(text: str) -> str:
    """Registry dates are ISO; readers see 02/08/2021 (or the original text if unreadable)."""
    try:
        return parse_date(text).short() if text else ""
    except DateError:
        return text


def related_articles(index: ArchiveIndex, article: Article, count: int, window: int = 12) -> list[Article]:
    """Articles sharing the most terms, nearest in date first.

    Candidates come from a window of neighbours in each shared term's date-ordered list,
    so large terms (thousands of articles) cost O(window), not O(term size). A candidate's
    shared terms are counted in C (Counter over the windows), plus, for a term whose window is
    not its whole list, the candidates that are its members outside the window.
    """
    here = index.position[article.rel_path]
    mine = index.term_ids[here]
    if not mine or count <= 0:
        return []
    windows, cut = [], []
    for number in mine:  # positions, not articles: no lookups per candidate (~100 per article)
        members = index.term_members[number]
        at = bisect_left(members, here)
        low, high = at - window, at + window + 1
        shown = members[max(low, 0):high]
        windows.append(shown)
        if low > 0 or high < len(members):
            cut.append((number, shown))
    shared = Counter(chain.from_iterable(windows))
    for number, shown in cut:
        beyond = index.member_set(number).intersection(shared)
        beyond.difference_update(shown)
        shared.update(beyond)
    del shared[here]
    best = heapq.nsmallest(count, [(-n, abs(i - here), i) for i, n in shared.items()])
    return [index.articles[i] for *_, i in best]
