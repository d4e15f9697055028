"""The five real portal pages: every citation found and identified, no false positives;
the bundled articles build into a site with a page for every cited directive."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, build_site, soup
from newsarchive.directives import find_citations, find_mentions
from newsarchive.pipeline import build_plan, build_report
from newsarchive.settings import ArchiveSettings
from newsarchive.models import TaxonomyKind
from newsarchive.text import normalize_text

SEEDS = SHARED / "seeds"
EXPECTED = json.loads((Path(__file__).parent / "fixtures/seed_citations.json").read_text(encoding="utf-8"))
SEED_FILES = sorted(k for k in EXPECTED if not k.startswith("_"))
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


@needs_seeds
@pytest.mark.parametrize("name", SEED_FILES)
def test_every_seed_citation_found_and_identified(name):
    text = normalize_text((SEEDS / name).read_text(encoding="utf-8"))
    found = [[c.directive.code, c.directive.year] for c in find_citations(text)]
    assert found == EXPECTED[name]
    mentions = [m.text for m in find_mentions(text)]
    assert mentions == EXPECTED["_unresolved"].get(name, [])


def test_bundled_articles_carry_every_seed_directive():
    archive = build_plan(ArchiveSettings.from_config(ROOT, {}))
    assert archive.problems == () and build_report(archive).published == 5
    codes = {t.name for t in archive.index.terms[TaxonomyKind.DIRECTIVE].values()}
    expected = {code for name in SEED_FILES for code, _ in EXPECTED[name]}
    assert codes == expected
    # Yearless citations were completed: by another citation in the same article or the registry
    slugs = set(archive.index.terms[TaxonomyKind.DIRECTIVE])
    assert {"06-da-tu-2017", "25-nq-tw-2013", "16-ct-ttg-2016"} <= slugs and "06-da-tu" not in slugs


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("bundled") / "site"
    build_site(ROOT / "articles", site, strict=True)
    return site


def test_bundled_site_builds_strictly_with_directive_pages(bundled_site):
    archive = build_plan(ArchiveSettings.from_config(ROOT, {}))
    for slug, term in archive.index.terms[TaxonomyKind.DIRECTIVE].items():
        doc = soup(bundled_site / "van-ban" / slug / "index.html")
        assert term.name in doc.select_one("h1").get_text()


def test_seed_article_metadata(bundled_site):
    doc = soup(bundled_site / "2018/01/ban-dan-van-tinh-uy-khen-thuong-9-tap-the-co-thanh-tich-xuat-sac/index.html")
    assert doc.select_one("article h1").get_text() == "Ban Dân vận Tỉnh ủy khen thưởng 9 tập thể có thành tích xuất sắc"
    assert doc.select_one(".archive-meta time").get_text() == "21:39, ngày 16 tháng 1 năm 2018"
    assert "Thanh Hiền" in doc.select_one(".archive-authors").get_text()
    body = doc.select_one(".archive-body").get_text()
    for furniture in ("Bình luận", "Thứ năm, 25/04/2024", "Đăng kiểm xe", "Lượt xem", "(BLC)"):
        assert furniture not in body
    provenance = soup(bundled_site / "2021/ban-dan-van-tinh-uy-tiep-tuc-thuc-hien-co-hieu-qua-phong-trao-thi-dua-nam-2021/index.html")
    note = provenance.select_one(".archive-provenance").get_text(" ", strip=True)
    assert "178 lượt xem (số liệu lịch sử)" in note


def test_home_page_has_one_h1_naming_the_archive(bundled_site):
    headings = soup(bundled_site / "index.html").select("h1")
    assert [h.get_text() for h in headings] == ["Lưu trữ Ban Dân vận Tỉnh ủy Lào Cai"]
