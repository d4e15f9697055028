from pathlib import Path

import pytest

from newsarchive.models import Severity, TaxonomyKind
from newsarchive.pipeline import load_registries
from newsarchive.reading import RawArticle
from newsarchive.settings import ArchiveSettings
from newsarchive.validation import validate

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def registries():
    settings = ArchiveSettings.from_config(ROOT, {})
    regs, issues = load_registries(settings)
    assert issues == []
    return regs


def raw(meta, body="Nội dung.\n", name="2021/bai-viet.md"):
    return RawArticle(Path("/x") / name, name, meta, body, {k: i + 2 for i, k in enumerate(meta)})


def test_valid_article(registries):
    article, issues = validate(raw({"title": " Tiêu  đề ", "date": "2021-08", "units": ["ban dân vận tỉnh uỷ"],
                                    "campaigns": "Dân vận khéo", "authors": ["Đặng Nguyệt"]}), registries)
    assert issues == []
    assert article.title == "Tiêu đề" and article.slug == "bai-viet"
    units = article.terms_of(TaxonomyKind.UNIT)
    assert [(t.slug, t.name) for t in units] == [("ban-dan-van-tinh-uy", "Ban Dân vận Tỉnh ủy")]
    assert [t.name for t in article.terms_of(TaxonomyKind.CAMPAIGN)] == ["Dân vận khéo"]


def test_missing_title_and_date_both_reported(registries):
    article, issues = validate(raw({"units": []}), registries)
    assert article is None
    assert {(i.field, i.severity) for i in issues} >= {("title", Severity.ERROR), ("date", Severity.ERROR)}
    assert all(i.path == "2021/bai-viet.md" for i in issues)


@pytest.mark.parametrize("meta, field, fragment", [
    ({"title": 12, "date": 2021}, "title", "must be text"),
    ({"title": "a", "date": 2021, "units": {"a": 1}}, "units", "list of text"),
    ({"title": "a", "date": 2021, "authors": ["x", 3]}, "authors", "non-empty text"),
    ({"title": "a", "date": 2021, "draft": "yes"}, "draft", "true or false"),
    ({"title": "a", "date": 2021, "source": {"views": -1}}, "source", "views"),
    ({"title": "a", "date": 2021, "source": {"url": "javascript:alert(1)"}}, "source", "not a web address"),
    ({"title": "a", "date": 2021, "aliases": ["../../etc/passwd"]}, "aliases", "must start with '/'"),
    ({"title": "a", "date": 2021, "aliases": ["/a/../b"]}, "aliases", "'..'"),
    ({"title": "a", "date": 2021, "aliases": ["/a\\b"]}, "aliases", "backslash"),
    ({"title": "a", "date": 2021, "directives": ["Chỉ thị 16"]}, "directives", "not a directive code"),
    ({"title": "a", "date": "2021-02-29"}, "date", "not a real day"),
    ({"title": "a" * 301, "date": 2021}, "title", "limit"),
    ({"title": "a", "date": 2021, "slug": "///"}, "slug", "empty slug"),
])
def test_field_errors(registries, meta, field, fragment):
    article, issues = validate(raw(meta), registries)
    assert article is None
    errors = [i for i in issues if i.severity is Severity.ERROR]
    assert errors and errors[0].field == field and fragment in errors[0].message, issues


def test_unknown_key_and_unknown_term_are_warnings_with_suggestions(registries):
    article, issues = validate(raw({"title": "a", "date": 2021, "unit": ["x"],
                                    "campaigns": ["Dân vận khẻo"]}), registries)
    assert article is not None
    by_field = {i.field: i for i in issues}
    assert by_field["unit"].severity is Severity.WARNING and "units" in by_field["unit"].hint
    assert by_field["campaigns"].severity is Severity.WARNING
    assert "Dân vận khéo" in by_field["campaigns"].hint
    # same slug as the registered term: filed under it, and the warning says so
    assert "listed under 'Dân vận khéo'" in by_field["campaigns"].message
    assert [t.slug for t in article.terms_of(TaxonomyKind.CAMPAIGN)] == ["dan-van-kheo"]


def test_unregistered_term_still_gets_its_own_term(registries):
    article, issues = validate(raw({"title": "a", "date": 2021, "units": ["Hội Làm vườn tỉnh"]}), registries)
    assert [i.severity for i in issues] == [Severity.WARNING]
    assert [(t.slug, t.name) for t in article.terms_of(TaxonomyKind.UNIT)] == [("hoi-lam-vuon-tinh", "Hội Làm vườn tỉnh")]


def test_directives_merge_front_matter_and_body_with_years(registries):
    body = "Thực hiện Chỉ thị số 16-CT/TU, ngày 02/8/2021 và Nghị định số 91/2017/NĐ-CP.\n"
    article, issues = validate(raw({"title": "a", "date": "2021-09-01", "directives": ["16-CT/TU", "25-NQ/TW"]},
                                   body), registries)
    assert issues == []
    slugs = [t.slug for t in article.terms_of(TaxonomyKind.DIRECTIVE)]
    # 16-CT/TU (no year in front matter) takes 2021 from the body; 25-NQ/TW its year from the registry
    assert slugs == ["16-ct-tu-2021", "25-nq-tw-2013", "91-2017-nd-cp"]


def test_slug_from_folder_article(registries):
    article, _ = validate(raw({"title": "a", "date": 2021}, name="2021/hoi-nghi/index.md"), registries)
    assert article.slug == "hoi-nghi"
