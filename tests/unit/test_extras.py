"""Extras from a SitePlan: redirect pages and the redirect map."""
from builders import article, plan
from newsarchive.extras import ExtraContext, redirect_files


def test_redirect_pages_and_map():
    site = plan([article("2021/a.md", aliases=["/tin-tuc/1.html", "/Pages/bai-cu.aspx?id=5"])])
    context = ExtraContext("https://x.vn/luu-tru/", "Lưu trữ", render=lambda name, **v: f"{name}:{v['target']}")
    files = {f.path: f.content for f in redirect_files(site, context)}
    assert files["tin-tuc/1.html"] == b"redirect-alias.html:../2021/08/a/"
    assert files["_redirects"].decode().splitlines() == [
        "/Pages/bai-cu.aspx?id=5 /luu-tru/2021/08/a/ 301", "/tin-tuc/1.html /luu-tru/2021/08/a/ 301"]
