"""Path safety: nothing an article says can write outside site/ or over another page."""
import pytest

from newsarchive.writer import OutputFile, UnsafePathError
from newsarchive.redirects import Redirect, collect_redirects


@pytest.mark.parametrize("path", ["../x.html", "a/../../x.html", "/etc/passwd", "a\\..\\x", "a/\x00.html", "",
                                  "a/b/../../../x"])
def test_output_paths_outside_the_site_are_refused(tmp_path, path):
    with pytest.raises(UnsafePathError):
        OutputFile(path, b"x").target(tmp_path / "site")


def test_symlink_escape_is_refused(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "link").symlink_to(tmp_path)
    with pytest.raises(UnsafePathError):
        OutputFile("link/x.html", b"x").target(site)


def test_normal_paths_stay_inside(tmp_path):
    assert OutputFile("2021/08/a/index.html", b"").target(tmp_path) == (tmp_path / "2021/08/a/index.html").resolve()


@pytest.mark.parametrize("alias, page", [
    ("/tin-tuc/123.html", "tin-tuc/123.html"), ("/tin-tuc/a/", "tin-tuc/a/index.html"),
    ("/tin/99", "tin/99/index.html"), ("/Default.aspx?id=5", None), ("/x.aspx", None), ("/", None),
])
def test_redirect_page_paths(alias, page):
    assert Redirect(alias, "2021/a/", "t", "a.md").page_path == page


def test_alias_cannot_overwrite_a_page_or_another_alias():
    class A:
        def __init__(self, rel, aliases):
            from newsarchive.dates import PartialDate
            self.rel_path, self.aliases, self.title, self.slug, self.date = rel, aliases, "t", rel, PartialDate(2021)
            self.draft = False
    redirects, issues = collect_redirects([A("a", ["/2021/", "/old.html"]), A("b", ["/old.html"])], {"2021/"})
    assert [r.alias for r in redirects] == ["/old.html"]
    assert [(i.path, i.field) for i in issues] == [("a", "aliases"), ("b", "aliases")]
