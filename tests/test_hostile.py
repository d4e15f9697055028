"""The hostile-input catalogue (tests/hostile/cases.py), run the way CI and editors run the
tools -- `check` and `mkdocs build` in subprocesses under a memory and time limit, so a
regression fails fast instead of hanging CI. Every case gives its clear problem naming the
file and field (no traceback, no crash); the rest of the archive is published; nothing that
reaches HTML, XML or JSON is live."""
from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, soup, write_article
from hostile.cases import CASES, REGISTRY_CASES

MEMORY = 2 * 1024 ** 3  # bytes of address space per tool run
SECONDS = 180


def _limits():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(command, env):
    return subprocess.run(command, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
                          capture_output=True, text=True, timeout=SECONDS, preexec_fn=_limits)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    articles = base / "articles"
    for name, content, _ in CASES:
        path = articles / "2021" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    write_article(articles, "2021/binh-thuong.md", title="Bài bình thường", date="2021-06-01")
    write_article(articles, "2021/chi-thi.md", title="Hai chỉ thị", date="2021-06-02",
                  body="Theo Chỉ thị số 17-CT/TU và Chỉ thị số 18-CT/TU của Tỉnh ủy.\n")
    outside = base / "ngoai"
    write_article(outside, "bai-ngoai.md", title="Bài ngoài", date="2020-01-01")
    (articles / "2020").symlink_to(outside, target_is_directory=True)
    data = base / "data"
    shutil.copytree(ROOT / "data", data)
    for name, content, _ in REGISTRY_CASES:
        (data / name).write_text(content, encoding="utf-8")
    env = {"ARCHIVE_ARTICLES_DIR": str(articles), "ARCHIVE_DATA_DIR": str(data), "SITE_URL": "https://example.org/"}
    check = run([str(ROOT / "scripts/archive"), "check"], env)
    site = base / "site"
    build = run([sys.executable, "-m", "mkdocs", "build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)], env)
    strict = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                  "-d", str(base / "strict")], env)
    return check, build, strict, site


def test_tools_survive_with_clear_messages(hostile):
    check, build, strict, _ = hostile
    for result in (check, build, strict):
        assert "Traceback" not in result.stderr + result.stdout, (result.stderr + result.stdout)[-3000:]
    assert check.returncode == 1 and build.returncode == 0 and strict.returncode != 0
    assert max(len(line) for line in (check.stdout + build.stderr).splitlines()) < 1000  # excerpts, not values


@pytest.mark.parametrize("name, expected", [(n, e) for n, _, e in CASES if e], ids=[n for n, _, e in CASES if e])
def test_each_case_gives_its_problem(hostile, name, expected):
    check, build, _, _ = hostile
    field, words = expected
    lines = [line for line in check.stdout.splitlines() if f"articles/2021/{name}:" in line]
    assert any(f": {field}: " in line and words in line for line in lines), (name, lines)
    assert any(f"articles/2021/{name}:" in line for line in build.stderr.splitlines())


def test_registry_cases_name_the_file_and_refuse_unsafe_values(hostile):
    check, _, _, site = hostile
    for name, _, words in REGISTRY_CASES:
        for word in words:
            assert any(f"data/{name}" in line and word in line for line in check.stdout.splitlines()), (name, word)
    for path in site.rglob("*.html"):  # quoted as text in the report page at most, never a link
        assert not soup(path).select('[href^="javascript:" i], [src^="javascript:" i]'), path
    assert soup(site / "van-ban/18-ct-tu/index.html").select('a[href="https://vanban.example.vn/18"]')
    assert not soup(site / "van-ban/17-ct-tu/index.html").select('.archive-directive a')


def test_symlinked_folder_outside_is_reported(hostile):
    check, _, _, _ = hostile
    assert any("articles/2020" in line and "symbolic link" in line for line in check.stdout.splitlines())


def test_the_rest_is_published_and_accounted(hostile):
    _, _, _, site = hostile
    report = json.loads((site / "_archive/report.json").read_text())
    assert report["accounted"]
    # a colliding alias is dropped with its error; the article itself is valid and published
    published = {p for p, _, e in CASES if e is None or e == ("aliases", "collides")}
    assert report["report"]["published"] == len(published) + 2
    assert (site / "2021/06/binh-thuong/index.html").exists()
    control = soup(site / "2021/03/control-in-title/index.html")
    assert control.select_one("article h1").get_text() == "Chuông báo [31m đỏ"
    bidi = soup(site / "2021/03/bidi-in-title/index.html")
    assert "\u202e" not in str(bidi) and "\u202e" not in (site / "feed.xml").read_text()


def test_attribute_lists_and_srcset_cannot_reach_the_page_machinery(hostile):
    _, _, _, site = hostile
    doc = soup(site / "2021/05/attr-list-material/index.html")
    body = doc.select_one(".archive-body")
    assert not body.select("#__search, .md-header, .md-typeset")
    img = soup(site / "2021/05/srcset-javascript/index.html").select_one(".archive-body img")
    assert img is not None and not img.get("srcset")
