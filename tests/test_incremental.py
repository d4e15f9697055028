"""Incremental production builds (issue 16): after each kind of change, a build that starts
from the cache writes the same files as a cold build with no cache; a corrupt cache or a
file changed in the published site is never reused. Correctness only: timings are the bench's.

Each test works on a copy of the project (code, templates, pages, registries) so it can edit
templates and registries without touching the repository."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED

WARM = "build cache:"  # the line a build that reuses the last site logs
PROJECT_PARTS = ("hooks", "overrides", "docs", "data", "mkdocs.yml", "package-lock.json")


def build(project: Path, articles: Path, site: Path, cache: Path, *options: str, fails: bool = False) -> str:
    environ = {**os.environ, "ARCHIVE_ARTICLES_DIR": str(articles), "ARCHIVE_CACHE_DIR": str(cache),
               "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://luutru.example.vn/",
               "ARCHIVE_SEARCH_SHARD_PAGES": "25"}  # several search shards
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", *options, "-f", str(project / "mkdocs.yml"),
                           "-d", str(site)], cwd=project, env=environ, capture_output=True, text=True, timeout=600)
    assert (done.returncode != 0) == fails, done.stderr[-4000:]
    return done.stderr


def differences(one: Path, other: Path) -> list[str]:
    """Files that differ or exist on one side only. In Pagefind's own folders only the page
    fragments' names are compared: its filter and meta indexes are not byte-stable between
    runs, and their file names are hashes of their bytes."""
    def files(root):
        return {rel: p for p in root.rglob("*") if p.is_file()
                and (not (rel := p.relative_to(root).as_posix()).startswith("pagefind") or "/fragment/" in rel
                     or "/" not in rel)}
    a, b = files(one), files(other)
    found = sorted(set(a) ^ set(b))
    for path in set(a) & set(b):
        if not path.startswith("pagefind") and a[path].read_bytes() != b[path].read_bytes():
            found.append(path)
    return sorted(found)


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=shutil.ignore_patterns("__pycache__", "screenshots"))
        elif source.is_file():
            shutil.copy2(source, root / part)
    subprocess.run([sys.executable, str(SHARED / "corpus" / "make_corpus.py"), "--seed", "3",
                    str(root / "articles"), "80"], check=True, capture_output=True)
    return root


class Archive:
    """One project built warm (its cache kept between builds) and cold (a fresh cache)."""

    def __init__(self, project: Path):
        self.project, self.articles = project, project / "articles"
        self.site, self.cache = project / "site", project / ".cache"

    def warm(self, *options: str, fails: bool = False) -> str:
        return build(self.project, self.articles, self.site, self.cache, *options, fails=fails)

    def assert_equals_cold(self):
        cold = self.project.parent / "cold"
        shutil.rmtree(cold, ignore_errors=True)
        shutil.rmtree(self.project.parent / "cold-cache", ignore_errors=True)
        build(self.project, self.articles, cold, self.project.parent / "cold-cache")
        assert differences(self.site, cold) == []


def article_files(archive: Archive, year: str) -> list[Path]:
    return sorted((archive.articles / year).glob("*.md"))


def set_title(path: Path, title: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(f'title: "{title}"\n' if line.startswith("title:") else line for line in lines),
                    encoding="utf-8")


def test_article_changes_reuse_the_last_site_and_equal_a_cold_build(project):
    archive = Archive(project)
    assert WARM not in archive.warm()  # nothing to reuse yet
    years = sorted(p.name for p in archive.articles.iterdir() if p.is_dir())
    oldest, newest = years[0], years[-1]
    old_pages = sorted(archive.site.glob(f"{oldest}/*/*/index.html"))
    old_inodes = [p.stat().st_ino for p in old_pages]
    untouched_page = old_pages[0]
    shards = sorted(archive.site.glob("pagefind-*/pagefind-entry.json"), key=lambda p: int(p.parent.name.split("-")[1]))
    untouched_shard = shards[-1]  # the oldest years' shard (the newest years are pagefind/)
    inode = untouched_page.stat().st_ino, untouched_shard.stat().st_ino

    # a new article
    new = archive.articles / newest / "bai-moi-them.md"
    shutil.copy(article_files(archive, newest)[0], new)
    set_title(new, "Hội nghị mới về Dân vận khéo")
    assert WARM in archive.warm()
    assert (untouched_page.stat().st_ino, untouched_shard.stat().st_ino) == inode  # kept, not rewritten
    kept = sum(p.stat().st_ino == i for p, i in zip(old_pages, old_inodes))
    assert kept == len(old_pages)  # an article years away changes none of these pages
    assert "Hội nghị mới về Dân vận khéo" in (archive.site / "index.html").read_text(encoding="utf-8")
    # Files MkDocs writes itself share their inode with nothing (the cached copy never holds
    # them): its in-place writes would otherwise go into the copy and the published site.
    for written_by_mkdocs in ("index.html", "404.html", "tim-kiem/index.html"):
        assert (archive.site / written_by_mkdocs).stat().st_nlink == 1, written_by_mkdocs
    archive.assert_equals_cold()

    # an edited title
    edited = article_files(archive, newest)[1]
    set_title(edited, "Tiêu đề đã sửa")
    assert WARM in archive.warm()
    archive.assert_equals_cold()

    # a deleted article
    article_files(archive, newest)[2].unlink()
    assert WARM in archive.warm()
    archive.assert_equals_cold()


def test_a_failed_build_gives_the_cache_back_and_a_ci_build_links_it(project):
    """A local build moves the cached copy into its staging folder (the published site is there
    to become the next copy); a build that fails must give the copy back. A CI machine starts
    with no site/: the copy is linked instead. Both stay warm and equal to a cold build."""
    archive = Archive(project)
    archive.warm("--strict")  # as `make site` builds
    assert WARM in archive.warm("--strict")
    broken = archive.articles / "2021" / "bai-hong.md"
    broken.parent.mkdir(exist_ok=True)
    broken.write_text("---\ntitle: Bài hỏng\ndate: 2021-13-45\n---\nNội dung.\n", encoding="utf-8")
    assert "bai-hong.md" in archive.warm("--strict", fails=True)
    assert (archive.cache / "build" / "site").is_dir()  # the copy its staging folder took: given back
    assert not list(project.glob(".site.building-*"))
    broken.unlink()
    edited = article_files(archive, sorted(p.name for p in archive.articles.iterdir() if p.is_dir())[-1])[0]
    set_title(edited, "Sửa sau bản dựng lỗi")
    assert WARM in archive.warm("--strict")
    archive.assert_equals_cold()
    shutil.rmtree(archive.site)  # as a CI job starts: the cache restored, no site/
    set_title(edited, "Sửa lần nữa")
    assert WARM in archive.warm("--strict")
    archive.assert_equals_cold()
    assert WARM in archive.warm("--strict")  # and the copy it kept serves the next build
    archive.assert_equals_cold()


def test_registry_and_template_changes_rebuild_everything(project):
    archive = Archive(project)
    archive.warm()
    units = project / "data" / "units.yml"
    units.write_text(units.read_text(encoding="utf-8").replace(
        "Cơ quan tham mưu của Tỉnh ủy", "Cơ quan tham mưu, giúp việc của Tỉnh ủy"), encoding="utf-8")
    assert WARM not in archive.warm()
    archive.assert_equals_cold()
    template = project / "overrides" / "fragments" / "article.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n<!-- sửa mẫu -->\n", encoding="utf-8")
    assert WARM not in archive.warm()
    assert "<!-- sửa mẫu -->" in next(archive.site.glob("20*/*/*/index.html")).read_text(encoding="utf-8")
    archive.assert_equals_cold()


def test_corrupt_cache_and_edited_site_are_not_trusted(project):
    archive = Archive(project)
    archive.warm()
    manifest = archive.cache / "build" / "site.manifest"
    data = manifest.read_bytes()
    manifest.write_bytes(data[:-40] + bytes(40))  # damaged payload: the checksum fails
    parts = sorted((archive.cache / "build").glob("articles-*.pickle"))
    assert parts
    for memo in parts:
        memo.write_bytes(memo.read_bytes()[:200])  # truncated
    assert WARM not in archive.warm()
    archive.assert_equals_cold()

    # someone edits a published page in place: the cache shares that file and must not reuse it
    page = next(archive.site.glob("20*/*/*/index.html"))
    with open(page, "a", encoding="utf-8") as handle:
        handle.write("<!-- sửa tay -->")
    assert WARM in archive.warm()
    assert "sửa tay" not in page.read_text(encoding="utf-8")
    archive.assert_equals_cold()


# `mkdocs serve` rebuilds in one process after each save: as it does, with a count of the pages
# the rebuild renders (the rest come from the last rebuild's memo), then one fresh build.
_SERVE_SCRIPT = """
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
import material_shell
rendered = []
render = material_shell.MaterialShell.render
material_shell.MaterialShell.render = lambda self, plan: rendered.append(plan.url) or render(self, plan)
project, sites, steps = Path(sys.argv[1]), sys.argv[2:-1], json.loads(sys.argv[-1])
counts = []
for n, (site, step) in enumerate(zip(sites, steps)):
    for path, old, new in step:  # the editor saves a file (or deletes it: new is None)
        file = project / path
        if new is None:
            file.unlink()
        else:
            file.write_text(file.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    config = load_config(str(project / "mkdocs.yml"), site_dir=site)
    if n == 0:
        config.plugins.on_startup(command="serve", dirty=False)
    rendered.clear()
    build(config)
    counts.append(len(rendered))
print(json.dumps(counts))
"""


def serve_builds(project: Path, sites: list[Path], steps: list) -> list[int]:
    environ = {**os.environ, "ARCHIVE_ARTICLES_DIR": str(project / "articles"), "NO_MKDOCS_2_WARNING": "1",
               "PYTHONPATH": str(project / "hooks")}
    done = subprocess.run([sys.executable, "-c", _SERVE_SCRIPT, str(project), *map(str, sites), json.dumps(steps)],
                          cwd=project, env=environ, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_serve_rebuilds_reuse_the_last_rebuild_and_equal_a_fresh_build(project):
    article = sorted((project / "articles").rglob("*.md"))[-1]
    title = next(line for line in article.read_text(encoding="utf-8").splitlines() if line.startswith("title:"))
    template = "overrides/partials/archive-article.html"
    edit_title = [[str(article.relative_to(project)), title, 'title: "Tiêu đề sửa khi xem trước"']]
    edit_template = [[template, "</article>", "</article><!-- mẫu sửa khi xem trước -->"]]
    sites = [project.parent / f"serve-{n}" for n in range(3)]
    first, after_title, after_template = serve_builds(project, sites, [[], edit_title, edit_template])
    assert 0 < after_title < first / 2  # the edited article and the pages listing it, not all pages
    assert after_template == first  # a template changed: nothing reused
    fresh = project.parent / "serve-fresh"
    assert serve_builds(project, [fresh], [[]]) == [first]
    assert differences(sites[-1], fresh) == []
    assert any("Tiêu đề sửa khi xem trước" in p.read_text(encoding="utf-8") for p in sites[1].glob("20*/*/*/index.html"))
    assert "mẫu sửa khi xem trước" in next(sites[2].glob("20*/*/*/index.html")).read_text(encoding="utf-8")


def test_serve_rebuilds_in_one_folder_keep_unchanged_pages_and_equal_a_fresh_build(project):
    """As `mkdocs serve` does: every rebuild into the same folder, which MkDocs empties first
    (the last pages are set aside and only changed ones written again)."""
    articles = sorted((project / "articles").rglob("*.md"))
    edited, deleted = articles[-1], articles[0]
    title = next(line for line in edited.read_text(encoding="utf-8").splitlines() if line.startswith("title:"))
    template = "overrides/partials/archive-article.html"
    site = project.parent / "serve-one"
    first, *_ = serve_builds(project, [site] * 4, [
        [], [[str(edited.relative_to(project)), title, 'title: "Tiêu đề sửa khi xem trước"']],
        [[str(deleted.relative_to(project)), "", None]],
        [[template, "</article>", "</article><!-- mẫu sửa khi xem trước -->"]]])
    fresh = project.parent / "serve-one-fresh"
    serve_builds(project, [fresh], [[]])
    assert differences(site, fresh) == []
    pages = list(site.glob("20*/*/*/index.html"))
    assert len(pages) == len(articles) - 1 and first > 0
    assert any("Tiêu đề sửa khi xem trước" in p.read_text(encoding="utf-8") for p in pages)
    assert all("mẫu sửa khi xem trước" in p.read_text(encoding="utf-8") for p in pages)
