"""Index stage: order, years and months, terms, related articles."""
from builders import article, registries
from newsarchive.models import TaxonomyKind
from newsarchive.taxonomy import build_index, related_articles


def _index(articles):
    regs = registries()
    return build_index(articles, regs.by_kind, regs.directives)


def test_newest_first_partial_dates_after_full_ones_of_their_period():
    items = [article("2021/a.md", title="A", date="2021"), article("2021/b.md", title="B", date="2021-08"),
             article("2021/c.md", title="C", date="2021-08-02"), article("2020/d.md", title="D", date="2020-12-31")]
    index = _index(items)
    assert [a.title for a in index.articles] == ["A", "B", "C", "D"]
    assert list(index.years) == [2021, 2020] and list(index.months) == [(2021, 8), (2020, 12)]
    assert [a.title for a in index.months[(2021, 8)]] == ["B", "C"]


def test_terms_merge_spellings_and_keep_order():
    items = [article("2021/a.md", title="A", date="2021-01-01", units=["ban dân vận tỉnh uỷ"]),
             article("2021/b.md", title="B", date="2021-02-01", units=["Ban Dân Vận Tỉnh Ủy"])]
    terms = _index(items).terms[TaxonomyKind.UNIT]
    assert list(terms) == ["ban-dan-van-tinh-uy"]
    assert [a.title for a in terms["ban-dan-van-tinh-uy"].articles] == ["B", "A"]


def test_sorted_terms_in_vietnamese_order():
    names = ["Huyện ủy Bát Xát", "Đảng bộ Các cơ quan tỉnh", "Ban Dân vận Tỉnh ủy"]
    items = [article(f"2021/{n}.md", title=f"T{n}", units=[name]) for n, name in enumerate(names)]
    assert [t.name for t in _index(items).sorted_terms(TaxonomyKind.UNIT)] == \
        ["Ban Dân vận Tỉnh ủy", "Đảng bộ Các cơ quan tỉnh", "Huyện ủy Bát Xát"]


def test_related_articles_share_terms_nearest_first():
    both = dict(units=["Ban Dân vận Tỉnh ủy"], campaigns=["Dân vận khéo"])
    items = [article("2021/a.md", title="A", date="2021-01-01", **both),
             article("2021/b.md", title="B", date="2021-02-01", units=["Ban Dân vận Tỉnh ủy"]),
             article("2021/c.md", title="C", date="2021-03-01", **both),
             article("2021/d.md", title="D", date="2021-04-01")]
    index = _index(items)
    c = next(a for a in index.articles if a.title == "C")
    assert [a.title for a in related_articles(index, c, 5)] == ["A", "B"]
    d = next(a for a in index.articles if a.title == "D")
    assert related_articles(index, d, 5) == []
