"""Planner: every page of an archive as PagePlans, built in memory."""
from builders import article, plan
from newsarchive.models import TaxonomyKind


def _by_url(site):
    return {p.url: p for p in site.pages}


def test_every_page_family_is_planned():
    articles = [article(f"2021/bai-{n}.md", title=f"Bài {n}", date=f"2021-0{1 + n % 3}-1{n % 9}",
                        units=["Ban Dân vận Tỉnh ủy"]) for n in range(45)]
    pages = _by_url(plan(articles, per_page=20))
    kinds = {}
    for page in pages.values():
        kinds[page.kind] = kinds.get(page.kind, 0) + 1
    assert kinds["article"] == 45
    assert {"don-vi/ban-dan-van-tinh-uy/", "don-vi/ban-dan-van-tinh-uy/trang/2/",
            "don-vi/ban-dan-van-tinh-uy/trang/3/"} <= set(pages)
    assert "don-vi/ban-dan-van-tinh-uy/trang/4/" not in pages
    assert {"2021/", "2021/01/", "2021/02/", "2021/03/", "luu-tru/", "thong-ke/"} <= set(pages)
    first = pages["don-vi/ban-dan-van-tinh-uy/"]
    assert first.context["count"] == 45 and first.context["pagination"]["next"] == "don-vi/ban-dan-van-tinh-uy/trang/2/"


def test_article_context_links_neighbours_terms_and_related():
    a = article("2021/a.md", title="A", date="2021-08-01", units=["Ban Dân vận Tỉnh ủy"], campaigns=["Dân vận khéo"])
    b = article("2021/b.md", title="B", date="2021-08-02", units=["Ban Dân vận Tỉnh ủy"])
    c = article("2021/c.md", title="C", date="2021-08-03")
    pages = _by_url(plan([a, b, c]))
    context = pages["2021/08/b/"].context
    assert context["newer"]["url"] == "2021/08/c/" and context["older"]["url"] == "2021/08/a/"
    assert [card["url"] for card in context["related"]] == ["2021/08/a/"]
    chips = {chip["kind"]: [t["name"] for t in chip["terms"]] for chip in pages["2021/08/a/"].context["chips"]}
    assert chips == {"units": ["Ban Dân vận Tỉnh ủy"], "campaigns": ["Dân vận khéo"]}
    assert pages["2021/08/a/"].source == "articles/2021/a.md"


def test_directive_pages_use_the_specification():
    cited = article("2021/ct.md", body="Thực hiện Chỉ thị số 16-CT/TU ngày 2/8/2021 của Tỉnh ủy.\n")
    site = plan([cited])
    pages = _by_url(site)
    term = pages["van-ban/16-ct-tu-2021/"]
    assert term.title == "Chỉ thị 16-CT/TU"  # "{type_name} {name}"
    assert term.context["timeline"] == [{"year": 2021, "count": 1}]
    assert term.context["term"]["document"].issuer_name == "Tỉnh ủy"
    index = pages["van-ban/"]
    assert [g["title"] for g in index.context["groups"]] == ["Chỉ thị — Tỉnh ủy"]
    assert "van-ban/nhom/ct-tu/" in pages
    links = site.planner.directive_links(cited)
    assert set(links.values()) == {"van-ban/16-ct-tu-2021/"} and len(links) == 2  # with and without year


def test_units_index_is_alphabetical_and_home_counts():
    articles = [article("2021/a.md", units=["Huyện ủy Bát Xát"]), article("2021/b.md", title="B", units=["Đảng bộ Các cơ quan tỉnh"])]
    site = plan(articles)
    index = _by_url(site)["don-vi/"]
    assert [t["name"] for t in index.context["terms"]] == ["Đảng bộ Các cơ quan tỉnh", "Huyện ủy Bát Xát"]
    home = site.planner.home_context()
    assert home["total"] == 2 and len(home["latest"]) == 2
    assert {e["label"]: e["count"] for e in home["entry_points"]}["Đơn vị"] == 2


def test_ranked_statistics_follow_the_spec():
    articles = [article(f"2021/b{n}.md", title=f"B{n}", body=f"Theo Kế hoạch số {n}-KH/TU.\n") for n in range(1, 26)]
    stats = _by_url(plan(articles))["thong-ke/"].context
    assert len(stats[TaxonomyKind.DIRECTIVE.value]) == 20 and stats["total"] == 25


def test_every_list_uses_the_vietnamese_order():
    names = ["Tỉnh ủy Lào Cai", "Đảng bộ Các cơ quan tỉnh", "Ban Dân vận Tỉnh ủy", "Huyện ủy Bát Xát"]
    from builders import registries
    regs = registries(units=names)
    site = plan([article(f"2021/a{n}.md", title=f"A{n}", units=[name], regs=regs) for n, name in enumerate(names)],
                regs=regs)
    expected = ["Ban Dân vận Tỉnh ủy", "Đảng bộ Các cơ quan tỉnh", "Huyện ủy Bát Xát", "Tỉnh ủy Lào Cai"]
    pages = _by_url(site)
    assert [t["name"] for t in pages["don-vi/"].context["terms"]] == expected
    home = {e["label"]: [t["name"] for t in e["terms"]] for e in site.planner.home_context()["entry_points"]}
    assert home["Đơn vị"] == expected  # equal counts: alphabetical
    assert [t["name"] for t in pages["thong-ke/"].context["units"]] == expected


def test_statistics_years_include_years_without_articles():
    articles = [article("2017/a.md", date="2017-03-02"), article("2020/b.md", date="2020-05-01"),
                article("2020/c.md", date="2020")]
    stats = _by_url(plan(articles))["thong-ke/"].context
    assert [(p["label"], p["count"]) for p in stats["years"]["points"]] == [
        ("2017", 1), ("2018", 0), ("2019", 0), ("2020", 2)]
    assert stats["years"]["points"][1]["url"] is None and stats["years"]["points"][1]["h"] == 0
    may = stats["months"][0]
    assert [p["count"] for p in may["points"]] == [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    assert "1 bài chỉ ghi năm" in may["caption"]  # the year-only date is said, not lost


def test_bar_chart_rows_follow_the_ranking():
    from newsarchive.charts import Point, bar_chart
    chart = bar_chart([Point("A", 4), Point("B", 2), Point("C", 0)], "x", "Tên")
    assert [p["w"] for p in chart["points"]] == [82.0, 41.0, 0.0] and chart["height"] == 3 * 44
