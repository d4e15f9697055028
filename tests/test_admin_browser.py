"""The web editor (/quan-tri/, Decap CMS) against its local backend (decap-server), in
Chromium: an editor creates an article with a unit and a campaign picked from the lists and a
partial date; the file has the expected front matter, passes `check`, and the rebuilt site shows
it on its unit and campaign pages. Plus the generated configuration itself."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time

import pytest
import yaml

from browser import browser_page, require_browser, serve
from conftest import ROOT, build_site, soup
from newsarchive.reading import parse_article_text

DECAP_SERVER = ROOT / "node_modules/decap-server/dist/index.js"
DECAP_BUNDLE = ROOT / "node_modules/decap-cms/dist/decap-cms.js"


def require_decap():
    if shutil.which("node") and DECAP_SERVER.exists() and DECAP_BUNDLE.exists():
        return
    if os.environ.get("ARCHIVE_REQUIRE_BROWSER") == "1":
        pytest.fail("the web editor's bundle is required here: `npm ci` (make test runs it) did not install it")
    pytest.skip("no node_modules/decap-cms: run `npm ci`")


def test_generated_configuration_lists_every_registry_entry():
    from newsarchive.cms_config import cms_config
    from newsarchive.pipeline import load_registries
    from newsarchive.settings import ArchiveSettings
    settings = ArchiveSettings.from_config(ROOT, {})
    registries, _ = load_registries(settings)
    config = cms_config(settings, registries, repo="ban-dan-van/luu-tru")
    fields = {f["name"]: f for f in config["collections"][0]["fields"]}
    assert fields["units"]["options"] == [e.name for e in registries.units.entries]
    assert fields["campaigns"]["options"] == [e.name for e in registries.campaigns.entries]
    assert config["backend"] == {"name": "github", "repo": "ban-dan-van/luu-tru", "branch": "main"}
    assert config["collections"][0]["folder"] == "articles" and config["locale"] == "vi"
    # every field is a key of the front-matter contract (or the body)
    from newsarchive.validation import KNOWN_KEYS
    assert set(fields) - {"body"} <= set(KNOWN_KEYS)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_editor_creates_an_article_in_the_web_editor(tmp_path):
    require_browser()
    require_decap()
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    site = tmp_path / "site"
    build_site(project / "articles", site)
    config_file = site / "quan-tri/config.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    assert "noindex" in (site / "quan-tri/index.html").read_text(encoding="utf-8")
    assert "quan-tri" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    port = _free_port()
    config["local_backend"] = {"url": f"http://localhost:{port}/api/v1"}
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    server = subprocess.Popen(["node", str(DECAP_SERVER)], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              env={**os.environ, "GIT_REPO_DIRECTORY": str(project), "PORT": str(port)})
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        with serve(site) as url, browser_page() as page:
            page.goto(url.replace("127.0.0.1", "localhost") + "quan-tri/")
            page.click("text=Đăng nhập")  # the local backend: no account
            page.click("text=＋ Bài viết")
            page.fill("[id^=title-field]", "Hội nghị Đảng ủy bàn về Dân vận khéo")
            page.fill("[id^=date-field]", "2021-05")
            page.click("[id^=units-field]")
            page.keyboard.type("Ban Dân vận Tỉnh")
            page.keyboard.press("Enter")
            page.click("[id^=campaigns-field]")
            page.keyboard.type("Dân vận khéo")
            page.keyboard.press("Enter")
            page.click("[data-slate-editor]")
            page.keyboard.type("Ban Dân vận Tỉnh ủy tổ chức hội nghị về phong trào thi đua.")
            # the preview pane is laid out as the published article page
            preview = page.frame_locator("iframe").locator("article.archive-article h1")
            assert preview.inner_text() == "Hội nghị Đảng ủy bàn về Dân vận khéo"
            page.click("text=Công bố")
            page.click("text=Công bố ngay")
            deadline = time.time() + 30
            while time.time() < deadline and not list((project / "articles").rglob("*.md")):
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=10)
    written = list((project / "articles").rglob("*.md"))
    assert [p.relative_to(project / "articles").as_posix() for p in written] == [
        "2021/hoi-nghi-dang-uy-ban-ve-dan-van-kheo.md"]  # year of the date, slug as the build makes them
    raw, issues = parse_article_text(written[0].read_text(encoding="utf-8"), written[0], "x.md")
    assert issues == []
    assert raw.meta["title"] == "Hội nghị Đảng ủy bàn về Dân vận khéo" and str(raw.meta["date"]) == "2021-05"
    assert raw.meta["units"] == ["Ban Dân vận Tỉnh ủy"] and raw.meta["campaigns"] == ["Dân vận khéo"]
    check = subprocess.run([str(ROOT / "scripts/archive"), "check", "--lang", "en"], capture_output=True, text=True,
                           env={**os.environ, "ARCHIVE_ARTICLES_DIR": str(project / "articles")})
    assert check.returncode == 0, check.stdout + check.stderr
    rebuilt = tmp_path / "rebuilt"
    build_site(project / "articles", rebuilt, strict=True)
    for listing in ("don-vi/ban-dan-van-tinh-uy/index.html", "phong-trao/dan-van-kheo/index.html"):
        titles = [a.get_text() for a in soup(rebuilt / listing).select(".archive-card__title")]
        assert titles == ["Hội nghị Đảng ủy bàn về Dân vận khéo"], (listing, titles)


def test_every_widget_value_the_form_can_write_passes_the_checker(tmp_path):
    """What each field's widget writes -- set, and also left empty as Decap saves empty optional
    fields ("", [], null, an object of empties) -- is accepted by the contract."""
    from newsarchive.cms_config import cms_config
    from newsarchive.pipeline import load_registries
    from newsarchive.settings import ArchiveSettings
    settings = ArchiveSettings.from_config(ROOT, {})
    registries, _ = load_registries(settings)
    fields = {f["name"]: f for f in cms_config(settings, registries)["collections"][0]["fields"]}
    filled = {"title": "Hội nghị dân vận", "date": "2021-08-02", "authors": ["Thanh Hiền"],
              "summary": "Tóm tắt.", "units": [fields["units"]["options"][0]],
              "campaigns": [fields["campaigns"]["options"][0]], "directives": ["16-CT/TU"],
              "source": {"publisher": "Báo Lào Cai", "url": "https://baolaocai.vn/a.html", "views": 12,
                         "retrieved": "2024-04-25"},
              "aliases": ["/tin-tuc/a.html"], "draft": False}
    empty = {"title": "Bài thứ hai", "date": "2021", "authors": [], "summary": "", "units": [], "campaigns": [],
             "directives": [], "source": {"publisher": "", "url": "", "views": None, "retrieved": ""},
             "aliases": [], "draft": False}
    assert set(filled) == set(fields) - {"body"}  # every widget of the form is exercised
    for n, meta in enumerate((filled, empty, {"title": "Chỉ năm tháng", "date": "2021-05"})):
        (tmp_path / "2021").mkdir(exist_ok=True)
        (tmp_path / "2021" / f"bai-{n}.md").write_text(
            "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\nNội dung của bài.\n",
            encoding="utf-8")
    check = subprocess.run([str(ROOT / "scripts/archive"), "check", "--lang", "en"], capture_output=True, text=True,
                           env={**os.environ, "ARCHIVE_ARTICLES_DIR": str(tmp_path)})
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 error(s), 0 warning(s)" in check.stderr, check.stdout + check.stderr
