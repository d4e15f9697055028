"""One page writer, serial and pooled alike: a page that fails becomes a PageFailure naming
its article; the pooled writer writes the same files as the serial one."""
from dataclasses import dataclass

from newsarchive.writer import WriteResult, write_pages


@dataclass
class Plan:
    url: str
    source: str = ""


def render(plan):
    if "bad" in plan.url:
        raise ValueError("broken template data")
    return f"<p>{plan.url}</p>"


def _plans(n):
    return [Plan(f"2021/bai-{i}/", f"articles/2021/bai-{i}.md") for i in range(n)] + [Plan("2021/bad/", "articles/2021/bad.md")]


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_text() for p in folder.rglob("*.html")}


def test_serial_and_pooled_writers_agree_and_report_failures(tmp_path):
    plans = _plans(1000)
    serial = write_pages(plans, render, tmp_path / "a")
    pooled = write_pages(plans, render, tmp_path / "b", workers=2)
    for result in (serial, pooled):
        assert result.written == 1000
        assert [(f.url, f.source) for f in result.failures] == [("2021/bad/", "articles/2021/bad.md")]
        assert "broken template data" in result.failures[0].message
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert len(_tree(tmp_path / "a")) == 1000


def test_results_add_up():
    assert (WriteResult(2) + WriteResult(3)).written == 5


def test_article_page_keys_cover_every_field_and_records_only_their_part():
    from dataclasses import fields, replace

    from newsarchive.pages import PagePlan
    from newsarchive.writer import article_page_keys
    plan = PagePlan("2021/08/a/", "article.html", "Tiêu đề", "article",
                    {"article": {"title": "Tiêu đề"}, "related": [{"title": "Bài khác"}], "older": None},
                    body="Nội dung", lastmod="2021-08-01", source="2021/a.md")
    [page], [record] = article_page_keys([plan])
    changed = {"url": "2021/08/b/", "template": "x.html", "title": "Khác", "kind": "term", "body": "Khác",
               "lastmod": "2021-08-02", "media": ("x",), "directive_links": {"x": "y/"}, "source": "b.md",
               "context": {**plan.context, "article": {"title": "Khác"}}}
    assert set(changed) == {f.name for f in fields(PagePlan)}  # a new field must be added here
    for name, value in changed.items():
        [other], _ = article_page_keys([replace(plan, **{name: value})])
        assert other != page, name
    [_page], [same_record] = article_page_keys([replace(plan, context={**plan.context, "related": []})])
    assert same_record == record and _page != page  # a neighbour's link is not in the search record
