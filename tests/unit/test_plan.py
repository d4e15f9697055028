"""plan_site and build_report on in-memory archives: collisions, duplicates, counts."""
from builders import archive, article, plan
from newsarchive.pipeline import build_report, likely_duplicates, plan_site


def test_alias_onto_owned_reserved_or_taken_paths_is_a_problem():
    a = article("2021/a.md", title="A", aliases=["/gioi-thieu/", "/pagefind/x.js", "/Feed.xml", "/cu/1.html"])
    b = article("2021/b.md", title="B", aliases=["/cu/1.html", "/2021/08/a/"])
    site = plan([a, b], owned={"", "gioi-thieu/"})
    problems = sorted((i.path, i.message.split(" collides")[0]) for i in site.problems)
    assert problems == [("articles/2021/a.md", "alias '/Feed.xml'"), ("articles/2021/a.md", "alias '/gioi-thieu/'"),
                        ("articles/2021/a.md", "alias '/pagefind/x.js'"), ("articles/2021/b.md", "alias '/2021/08/a/'"),
                        ("articles/2021/b.md", "alias '/cu/1.html'")]
    assert [r.alias for r in site.redirects] == ["/cu/1.html"]


def test_generated_page_on_a_hand_written_page_is_reported_not_overwritten():
    site = plan([article("2021/a.md")], owned={"thong-ke/"})
    assert "thong-ke/" not in {p.url for p in site.pages}
    assert any("/thong-ke/" in i.message for i in site.problems)


def test_planning_leaves_the_archive_as_it_was():
    built = archive([article("2021/a.md", aliases=["/2021/"])])
    first, second = plan_site(built, set()), plan_site(built, set())
    assert built.problems == () and first.problems == second.problems and len(first.problems) == 1


def test_likely_duplicates_name_both_files():
    one = article("2021/a.md", title="Hội nghị Dân vận", source={"url": "https://x.vn/1"})
    two = article("2021/b.md", title="hội  nghị dân vận")
    three = article("2021/c.md", title="Khác", date="2020-01-01", source={"url": "https://x.vn/1/"})
    issues = likely_duplicates([three, two, one])
    assert [(i.path, i.field, i.message) for i in issues] == [
        ("articles/2021/b.md", "title", "likely a duplicate of articles/2021/a.md: the same title and date"),
        ("articles/2021/c.md", "source", "likely a duplicate of articles/2021/a.md: the same source.url")]


def test_report_counts_drafts_and_accounts_for_every_file():
    items = [article("2021/a.md"), article("2021/b.md", title="Nháp", draft=True)]
    report = build_report(plan(items))
    assert (report.found, report.published, report.drafts, report.accounted()) == (2, 1, 1, True)
    assert report.pages["article"] == 1 and report.as_json()["drafts"] == 1


def test_an_article_whose_page_cannot_be_planned_is_its_own_error(monkeypatch):
    from newsarchive import pages
    original = pages.related_articles

    def broken(index, article, count):
        if article.title == "Hỏng":
            raise KeyError("bug")
        return original(index, article, count)

    monkeypatch.setattr(pages, "related_articles", broken)
    site = plan([article("2021/a.md"), article("2021/b.md", title="Hỏng")])
    report = build_report(site)
    assert [p.url for p in site.pages if p.kind == "article"] == ["2021/08/a/"]
    assert report.published == 1 and "articles/2021/b.md" in report.failed and report.accounted()
    assert any("internal error" in i.message and i.path == "articles/2021/b.md" for i in site.problems)


def test_an_exception_while_reading_one_file_is_that_files_error(tmp_path, monkeypatch):
    from conftest import write_article
    from newsarchive import pipeline
    write_article(tmp_path / "articles", "2021/a.md", title="A", date="2021-08-01")
    write_article(tmp_path / "articles", "2021/b.md", title="B", date="2021-08-02")
    original = pipeline.validate

    def fragile(raw, *args):
        if raw.meta.get("title") == "B":
            raise RecursionError("deep")
        return original(raw, *args)

    monkeypatch.setattr(pipeline, "validate", fragile)
    built = pipeline.load_archive(pipeline.ArchiveSettings.from_config(tmp_path, {}, docs_dir=None))
    assert [a.title for a in built.index.articles] == ["A"]
    assert list(built.failed) == ["articles/2021/b.md"] and "RecursionError" in built.failed["articles/2021/b.md"]


def test_an_article_page_context_is_made_when_read_and_a_failure_there_names_the_article(tmp_path, monkeypatch):
    """Article pages are planned without their context (made when rendered: a warm build renders
    a few); a bug there is a page that could not be rendered, naming the article's file."""
    from newsarchive import pages
    from newsarchive.writer import write_pages
    made = []
    original = pages.Planner.article_context

    def counted(self, article, i, related):
        made.append(article.title)
        if article.title == "Hỏng":
            raise KeyError("bug")
        return original(self, article, i, related)

    monkeypatch.setattr(pages.Planner, "article_context", counted)
    site = plan([article("2021/a.md"), article("2021/b.md", title="Hỏng")])
    assert made == []
    articles = [p for p in site.pages if p.kind == "article"]
    result = write_pages(articles, lambda p: str(p.context["article"]["title"]), tmp_path)
    assert result.written == 1 and [(f.url, f.source) for f in result.failures] == [("2021/08/b/", "articles/2021/b.md")]
    assert (tmp_path / "2021/08/a/index.html").read_text(encoding="utf-8") == "Bài viết"
