"""Property-based tests: loader, normaliser, slugger, directive extractor and importer raise
nothing but the project's own error types, whatever they are given."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT
from newsarchive.dates import DateError, parse_date
from newsarchive.directives import find_citations, find_mentions, parse_directive
from newsarchive.importer.legacy import EncodingRefused
from newsarchive.importer.portal_page import NotAnArticle
from newsarchive.importer.run import draft_from_bytes
from newsarchive.importer.markdown_out import render
from newsarchive.pipeline import load_registries
from newsarchive.reading import RawArticle, decode, parse_article_text
from newsarchive.settings import ArchiveSettings
from newsarchive.text import clean_line, normalize_text, slugify, term_key
from newsarchive.validation import validate

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐÐ"
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(VIETNAMESE), max_size=300)
codes = st.builds(lambda n, sep, t, i, y: f"{n}{sep}{t}/{i}" if y is None else f"{n}/{y}/{t}-{i}",
                  st.integers(0, 9999), st.sampled_from(["-", " - ", "–", "- "]),
                  st.sampled_from(["CT", "NQ", "KL", "QĐ", "KH", "ĐA", "CTr", "NĐ", "XX"]),
                  st.sampled_from(["TU", "TW", "UBND", "CP", "TTg", "BDVTU", "Q"]), st.none() | st.integers(1900, 2100))
yaml_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
                           max_leaves=12)
fast = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def registries():
    regs, _ = load_registries(ArchiveSettings.from_config(ROOT, {}))
    return regs


@fast
@given(text)
def test_normaliser_is_idempotent_and_nfc(value):
    once = normalize_text(value)
    assert normalize_text(once) == once and unicodedata.is_normalized("NFC", once)
    assert clean_line(clean_line(value)) == clean_line(value)
    assert term_key(term_key(value)) == term_key(value)
    assert term_key(unicodedata.normalize("NFD", value)) == term_key(value)


@fast
@given(text)
def test_slugs_are_ascii_url_segments(value):
    slug = slugify(value)
    assert re.fullmatch(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*)?", slug), slug
    assert slugify(slug) == slug and len(slug) <= 80


@fast
@given(st.binary(max_size=600))
def test_loader_never_crashes_on_bytes(data):
    decoded, issues = decode(data, "x.md")
    if decoded is None:
        assert issues
        return
    raw, issues = parse_article_text(decoded, Path("x.md"), "x.md")
    assert (raw is None) == bool(issues)


@fast
@given(st.dictionaries(st.sampled_from(["title", "date", "authors", "units", "campaigns", "directives", "summary",
                                        "source", "aliases", "draft", "slug", "review", "extra"]), yaml_values),
       text)
def test_validation_never_crashes(registries, meta, body):
    article, issues = validate(RawArticle(Path("/a/2021/x.md"), "a/2021/x.md", meta, body, {}), registries)
    assert article is not None or issues


@fast
@given(st.one_of(text, st.integers(), st.dates().map(str), st.none()))
def test_dates_raise_only_date_errors(value):
    try:
        parse_date(value)
    except DateError:
        pass


@fast
@given(text, codes, text)
def test_directive_extractor_spans_and_identity(before, code, after):
    source = normalize_text(f"{before} Chỉ thị số {code} {after}")
    citations = find_citations(source)
    for cite in citations:
        assert source[cite.start:cite.end] == cite.text
        again = parse_directive(cite.directive.code)
        assert again is not None and again.directive.without_year() == cite.directive.without_year()
    for mention in find_mentions(source, citations):
        assert source[mention.start:mention.end] == mention.text


@fast
@given(st.binary(max_size=800) | text.map(lambda t: t.encode("utf-8")))
def test_importer_raises_only_its_own_errors(data):
    try:
        draft, _ = draft_from_bytes(data)
    except (EncodingRefused, NotAnArticle):
        return
    output = render(draft)
    raw, issues = parse_article_text(output, Path("x.md"), "x.md")
    assert raw is not None and not issues and raw.meta["title"] == draft.title


@fast
@given(st.lists(text, min_size=2, max_size=12))
def test_importer_on_html_like_pages(lines):
    page = "<html><body><article>" + "".join(f"<p>{l}</p>" for l in lines) + "<script>alert(1)</script></article></body></html>"
    try:
        draft, _ = draft_from_bytes(page.encode("utf-8"))
    except (EncodingRefused, NotAnArticle):
        return
    assert "alert(1)" not in render(draft)



from hostile.probe import check_files  # noqa: E402
from hostile.strategies import article_file  # noqa: E402


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(article_file, min_size=1, max_size=4))
def test_hostile_files_end_in_the_site_or_in_a_problem_and_render_inert(files):
    check_files(files)


prose_chars = st.sampled_from(VIETNAMESE + "     .,;:!?\"'()-/%0123456789") | st.sampled_from("*_`[]<>&\\|~{}#=+\t\r\x02 ")
prose_lines = st.lists(st.text(alphabet=prose_chars, min_size=1, max_size=40) | codes, min_size=1, max_size=4).map("".join)
prose_bodies = st.lists(st.lists(prose_lines, min_size=1, max_size=3).map("\n".join), min_size=1, max_size=4).map(
    lambda paragraphs: "\n\n".join(paragraphs))


@fast
@given(prose_bodies)
def test_prose_bodies_render_exactly_as_markdown_renders_them(body):
    """The prose fast path of BodyRenderer gives Python-Markdown's output, directive links
    included; bodies it does not recognise go through Markdown."""
    from newsarchive.render import BodyRenderer, prose_paragraphs
    extensions = ["toc", "tables", "fenced_code", "attr_list", "md_in_html", "footnotes"]
    quick, markdown_only = BodyRenderer(extensions), BodyRenderer(extensions)
    markdown_only._prose_path = False
    body = normalize_text(body)
    targets = {cite.directive: f"van-ban/{n}/" for n, cite in enumerate(find_citations(body))}
    assert quick.render(body, page_url="2021/08/a/", directives=targets) == \
        markdown_only.render(body, page_url="2021/08/a/", directives=targets), prose_paragraphs(body)


def test_the_prose_path_is_taken_for_prose():
    from newsarchive.render import BodyRenderer, prose_paragraphs
    body = "Thực hiện Chỉ thị số 16-CT/TU ngày 1/2/2021, các cấp: 90% đạt!\nDòng hai.\n\nĐoạn 2 (năm 2022)."
    assert prose_paragraphs(body) == ["Thực hiện Chỉ thị số 16-CT/TU ngày 1/2/2021, các cấp: 90% đạt!\nDòng hai.",
                                      "Đoạn 2 (năm 2022)."]
    for not_prose in ["- a", "1. a", "# a", "a  \nb", "a\n\n\nb", "    a", "a *b*", "a\n===", ": a", "a & b", ""]:
        assert prose_paragraphs(not_prose) is None, not_prose
    targets = {find_citations("16-CT/TU")[0].directive: "van-ban/16-ct-tu/"}
    html, toc = BodyRenderer(["toc"]).render(body, page_url="2021/08/a/", directives=targets)
    assert html.startswith('<p>Thực hiện <a class="archive-directive-link" href="../../../van-ban/16-ct-tu/">') and toc == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sets(st.integers(0, 11), max_size=5), min_size=1, max_size=90), st.integers(0, 6), st.integers(1, 5))
def test_related_articles_are_those_sharing_most_terms_within_the_windows(terms_per_article, count, window):
    """The counted version (taxonomy.related_articles) against the definition: candidates are
    the window of neighbours in each shared term's list, ranked by shared terms, then distance."""
    from bisect import bisect_left
    from types import SimpleNamespace
    from newsarchive.taxonomy import ArchiveIndex, related_articles

    articles = [SimpleNamespace(rel_path=f"{n}.md") for n in range(len(terms_per_article))]
    term_ids = [frozenset(t) for t in terms_per_article]
    members = [[n for n, mine in enumerate(term_ids) if term in mine] for term in range(12)]
    index = ArchiveIndex(articles, {}, position={a.rel_path: n for n, a in enumerate(articles)},
                         term_ids=term_ids, term_members=members)
    for here, article in enumerate(articles):
        candidates = set()
        for term in term_ids[here]:
            at = bisect_left(members[term], here)
            candidates.update(members[term][max(at - window, 0): at + window + 1])
        candidates.discard(here)
        expected = sorted(candidates, key=lambda n: (-len(term_ids[here] & term_ids[n]), abs(n - here), n))
        assert related_articles(index, article, count, window) == [articles[n] for n in expected[:count] if term_ids[here]]
