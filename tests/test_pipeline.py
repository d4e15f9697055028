"""The pure pipeline: load -> validate -> index -> plan return values; `check` and the build
run the same stages (parity), drafts are counted and never fail a production build, and the
production build replaces site/ whole or not at all."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time

import pytest

from conftest import ROOT, build_site, write_article
from newsarchive.pipeline import build_plan, build_report, docs_page_urls, load_archive, plan_site
from newsarchive.feeds import feeds_of
from newsarchive.settings import ArchiveSettings, SettingsError

ARCHIVE = str(ROOT / "scripts" / "archive")


def settings(articles, **extra):
    return ArchiveSettings.from_config(ROOT, {"articles_dir": str(articles), **extra})


def check(articles, *args):
    """`check` run from the folder that holds the articles folder, as an editor would."""
    env = {**os.environ, "ARCHIVE_ARTICLES_DIR": str(articles)}
    return subprocess.run([ARCHIVE, "check", *args], capture_output=True, text=True, env=env, cwd=articles.parent)


def test_planning_is_pure_and_repeatable(articles_dir):
    write_article(articles_dir, "2021/a.md", title="Bài A", date="2021-08-02", aliases=["/tim-kiem/"])
    archive = load_archive(settings(articles_dir))
    first, second = plan_site(archive), plan_site(archive)
    assert archive.problems == ()  # planning added nothing to the archive's own problems
    assert [p.url for p in first.pages] == [p.url for p in second.pages]
    assert [str(i) for i in first.problems] == [str(i) for i in second.problems]
    assert build_report(first) == build_report(second)


def test_loading_in_several_processes_gives_what_one_process_gives(tmp_path):
    """Files are loaded in forked workers from `parallel_from` files on: the same articles,
    problems and failures, in the same order, as a serial load (with and without the memo)."""
    folder = tmp_path / "articles"
    shutil.copytree(ROOT / "tests/fixtures/bad", folder)
    for n in range(12):
        write_article(folder, f"2020/bai-{n:02d}.md", title=f"Bài số {n}", date=f"2020-03-{n + 1:02d}")
    serial = load_archive(settings(folder, parallel_from=100000))
    forked = load_archive(settings(folder, parallel_from=1), workers=2)
    assert len(serial.valid) >= 12 and serial.failed and serial.problems
    assert forked.valid == serial.valid and forked.failed == serial.failed
    assert [str(i) for i in forked.problems] == [str(i) for i in serial.problems]
    full_memo = load_archive(settings(folder), memo={}).memo
    half = {path: entry for n, (path, entry) in enumerate(sorted(full_memo.items())) if n % 2}
    remembered = load_archive(settings(folder, parallel_from=1), memo=half, workers=2)
    assert len(full_memo) >= 12 and remembered.valid == serial.valid and remembered.memo == full_memo


def test_term_feeds_follow_the_setting(articles_dir):
    """Units and campaigns get a feed per term by default, cited documents not (term_feeds);
    the site's feed is always there, and a term page advertises only a feed that exists."""
    write_article(articles_dir, "2021/a.md", title="Bài A", date="2021-08-02", units=["ban-dan-van-tinh-uy"],
                  directives=["16-CT/TU"])
    site = "https://luutru.example.vn/"

    def feeds(**extra):
        plan = plan_site(load_archive(settings(articles_dir, **extra)))
        advertised = {p.url + "feed.xml" for p in plan.pages if p.context.get("feed")}
        made = {feed.path for feed in feeds_of(plan, site, "Lưu trữ")}
        assert advertised == made - {"feed.xml"}
        return {path.split("/")[0] for path in made}

    assert feeds() == {"feed.xml", "don-vi"}
    assert feeds(term_feeds="van-ban, don-vi") == {"feed.xml", "don-vi", "van-ban"}
    assert feeds(term_feeds="none") == {"feed.xml"}
    with pytest.raises(SettingsError, match="term_feeds.*tin-tuc"):
        settings(articles_dir, term_feeds="tin-tuc")


def test_docs_pages_are_owned():
    assert {"", "tim-kiem/", "gioi-thieu/", "bien-tap/"} <= docs_page_urls(ROOT / "docs")


@pytest.mark.parametrize("alias", ["/tim-kiem/", "/gioi-thieu/", "/bien-tap/index.html", "/feed.xml", "/2021/"])
def test_alias_onto_a_page_the_site_owns_is_reported_by_check(articles_dir, alias):
    write_article(articles_dir, "2021/a.md", title="Bài A", date="2021-08-02", aliases=[alias])
    plan = build_plan(settings(articles_dir))
    assert [(i.field, "collides" in i.message) for i in plan.problems] == [("aliases", True)]
    result = check(articles_dir)
    assert result.returncode == 1 and f"alias '{alias}' collides" in result.stdout


def test_check_and_build_report_the_same_problems(tmp_path):
    """Parity over the whole bad-input catalogue: every problem line the build logs, check prints."""
    folder = tmp_path / "bad"
    shutil.copytree(ROOT / "tests/fixtures/bad", folder)
    checked = check(folder)
    built = build_site(folder, tmp_path / "site", check=False)
    assert checked.returncode == 1 and built.returncode == 0
    check_lines = {line.split(": ", 1)[1].removesuffix(" [draft]") for line in checked.stdout.splitlines()
                   if line.startswith(("error: ", "warning: "))}
    build_lines = {line.split("-  ", 1)[1].removeprefix("archive: ").removeprefix("draft: ")
                   for line in built.stderr.splitlines() if "-  archive: " in line}
    problems = {line for line in build_lines if line.startswith("bad/")}
    assert len(problems) >= 50 and problems <= check_lines
    # check shows drafts (an editor is about to publish them), so it may list more, never less
    assert check_lines - problems <= {line for line in check_lines if "draft_" in line}


def test_drafts_are_counted_and_do_not_fail_a_production_build(tmp_path, articles_dir):
    write_article(articles_dir, "2021/a.md", title="Bài A", date="2021-08-02")
    write_article(articles_dir, "2021/nhap.md", title="Bản nháp", date="2021-08-03", draft=True,
                  review=["date: check"])
    report = build_report(build_plan(settings(articles_dir)))
    assert (report.published, report.drafts, report.accounted()) == (1, 1, True)
    site = tmp_path / "site"
    result = build_site(articles_dir, site, strict=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert not (site / "2021/08/nhap").exists() and (site / "2021/08/a/index.html").exists()
    assert "draft: articles/2021/nhap.md" in result.stderr
    import json
    data = json.loads((site / "_archive/report.json").read_text())
    assert data["report"]["drafts"] == 1 and data["accounted"]
    checked = check(articles_dir)
    assert checked.returncode == 0 and "1 draft(s)" in checked.stderr
    strict = check(articles_dir, "--strict")
    assert strict.returncode == 1 and "[draft]" in strict.stdout


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path, articles_dir):
    write_article(articles_dir, "2021/a.md", title="Bài A", date="2021-08-02")
    site = tmp_path / "site"
    build_site(articles_dir, site, strict=True)
    before = _tree(site)
    write_article(articles_dir, "2021/b.md", title="Bài B", date="2021-13-02")  # an error: strict fails
    failed = build_site(articles_dir, site, strict=True, check=False)
    assert failed.returncode != 0
    assert _tree(site) == before


def test_a_killed_build_leaves_the_previous_site_untouched(tmp_path, articles_dir):
    for n in range(600):
        write_article(articles_dir, f"2021/bai-{n}.md", title=f"Bài số {n}", date="2021-08-02", body="Nội dung. " * 50)
    site = tmp_path / "site"
    started = time.monotonic()
    build_site(articles_dir, site)
    took = time.monotonic() - started  # kills at points through a build, however fast the machine
    before = _tree(site)
    env = {**os.environ, "ARCHIVE_ARTICLES_DIR": str(articles_dir), "NO_MKDOCS_2_WARNING": "1",
           "ARCHIVE_LOCAL_BUILD": "1"}
    killed = 0
    for delay in (0.0, 0.1 * took, 0.3 * took, 0.5 * took):
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", str(ROOT / "mkdocs.yml"),
                                    "-d", str(site)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        while not list(tmp_path.glob(".site.building-*")) and process.poll() is None:
            time.sleep(0.02)
        time.sleep(delay)
        if process.poll() is None:
            process.kill()
            killed += 1
        process.wait()
        assert _tree(site) == before
    assert killed >= 3
    build_site(articles_dir, site)  # the next build cleans up after them (a detached process deletes)
    deadline = time.monotonic() + 30
    while list(tmp_path.glob(".site.building-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not list(tmp_path.glob(".site.building-*"))


def test_two_builds_at_once_both_succeed_one_after_the_other(tmp_path, articles_dir):
    write_article(articles_dir, "2021/a.md", title="Bài A", date="2021-08-02")
    site = tmp_path / "site"
    results = []

    def run():
        results.append(build_site(articles_dir, site, check=False, env={"ARCHIVE_SEARCH": "0"}))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.returncode for r in results] == [0, 0], [r.stderr[-1500:] for r in results]
    assert (site / "2021/08/a/index.html").exists()


def test_a_production_build_needs_a_public_site_url(tmp_path, articles_dir):
    write_article(articles_dir, "2021/a.md", title="Bài A", date="2021-08-02")
    refused = build_site(articles_dir, tmp_path / "site", env={"ARCHIVE_LOCAL_BUILD": "0"}, check=False)
    assert refused.returncode != 0 and "a production build needs the public address" in refused.stderr
    assert not (tmp_path / "site").exists()
    local = build_site(articles_dir, tmp_path / "site", env={"ARCHIVE_LOCAL_BUILD": "0",
                                                             "SITE_URL": "https://luutru.example.vn/"})
    assert local.returncode == 0
    assert 'href="https://luutru.example.vn/2021/08/a/"' in (tmp_path / "site/2021/08/a/index.html").read_text()


def test_a_settled_file_comes_from_the_memo_by_its_stat_and_a_rewritten_one_is_read(tmp_path, monkeypatch):
    """As git's index: an article whose size, times and inode are those the memo recorded is
    not read again; a rewrite shows in its ctime even with its size and mtime put back, and a
    file changed in the last seconds is always read (its next change could keep them all)."""
    from pathlib import Path
    from newsarchive import pipeline
    folder = tmp_path / "articles"
    write_article(folder, "2020/a.md", title="Bài một", date="2020-03-01")
    write_article(folder, "2020/b.md", title="Bài hai", date="2020-03-02")
    assert all(entry[2] is None for entry in load_archive(settings(folder), memo={}).memo.values())  # just written
    monkeypatch.setattr(pipeline, "RACY_NS", 0)
    memo = load_archive(settings(folder), memo={}).memo
    assert all(entry[2] is not None for entry in memo.values())
    reads, read_bytes = [], Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self.name) or read_bytes(self))
    assert load_archive(settings(folder), memo=memo).memo == memo and reads == []
    path = folder / "2020/b.md"
    before = path.stat()
    time.sleep(0.05)  # past the file system's timestamp tick
    path.write_text(path.read_text(encoding="utf-8").replace("Bài hai", "Bài ba!"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    again = load_archive(settings(folder), memo=memo)
    assert reads == ["b.md"] and sorted(a.title for a in again.valid) == ["Bài ba!", "Bài một"]
