"""A 1,000-article generated corpus builds with nothing lost: articles in = article pages out,
and each article is listed on each of its term pages."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import SHARED, build_site, soup
from newsarchive.pipeline import load_archive
from newsarchive.settings import ArchiveSettings
from newsarchive import urls

MAKE_CORPUS = SHARED / "corpus" / "make_corpus.py"
pytestmark = pytest.mark.skipif(not MAKE_CORPUS.exists(), reason="../shared/corpus not present")


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("corpus")
    articles = base / "articles"
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(articles), "1000", "--seed", "7"], check=True)
    site = base / "site"
    # ARCHIVE_PARALLEL_FROM=100: article pages rendered by forked workers, as at 10,000+ articles
    result = build_site(articles, site, strict=True, env={"ARCHIVE_PARALLEL_FROM": "100", "ARCHIVE_TIMINGS": "1"})
    assert "rendering 1,000 article pages in 2 processes" in result.stderr or (os.cpu_count() or 1) < 2
    return articles, site


def test_articles_in_equal_article_pages_out(corpus_site):
    articles, site = corpus_site
    sources = sorted(articles.rglob("*.md"))
    assert len(sources) == 1000
    report = json.loads((site / "_archive/report.json").read_text())["report"]
    assert report["found"] == report["published"] == report["pages"]["article"] == 1000
    pages = [p for p in site.rglob("index.html") if p.parent.name.startswith("bai-")]
    assert sorted(p.parent.name for p in pages) == sorted(p.stem for p in sources)


def test_each_article_is_on_each_of_its_term_pages(corpus_site):
    articles, site = corpus_site
    settings = ArchiveSettings.from_config(Path(__file__).resolve().parents[1], {"articles_dir": str(articles)})
    archive = load_archive(settings)
    expected = defaultdict(set)
    for article in archive.index.articles:
        for ref in article.terms:
            expected[urls.term_url(ref.kind, ref.slug)].add(urls.article_url(article))
    assert len(expected) > 100
    for term_url, article_urls in expected.items():
        listed = set()
        url = term_url
        while url:
            doc = soup(site / url / "index.html")
            for a in doc.select(".archive-list .archive-card__title"):
                listed.add(_resolve(url, a["href"]))
            nxt = doc.select_one('.archive-pagination a[rel="next"]')
            url = _resolve(url, nxt["href"]) if nxt else None
        assert listed == article_urls, term_url


def test_article_pages_stay_small(corpus_site):
    _, site = corpus_site
    sizes = [p.stat().st_size for p in site.rglob("index.html") if p.parent.name.startswith("bai-")]
    assert max(sizes) <= 40_000


def _resolve(page_url: str, href: str) -> str:
    from urllib.parse import urljoin
    return urljoin("http://x/" + page_url, href).removeprefix("http://x/")
