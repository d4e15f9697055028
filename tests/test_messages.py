"""Messages in Vietnamese by default and English on request, through gettext catalogs:
the Vietnamese catalog covers every message id with the same placeholders, every problem of
the bad-input catalogue reads in both languages, and the command line picks the language
from --lang, LC_ALL, LC_MESSAGES or LANG."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT, write_article
from newsarchive import i18n
from newsarchive.pipeline import build_plan
from newsarchive.settings import ArchiveSettings

sys.path.insert(0, str(ROOT / "scripts"))
from update_catalogs import PO, message_ids  # noqa: E402

ARCHIVE = str(ROOT / "scripts" / "archive")
PLACEHOLDER_RE = re.compile(r"\{[a-z_]*(?::[^}]*)?\}|%\([a-z]+\)[rsd]|%s")


@pytest.fixture(scope="module")
def catalog():
    with open(PO, "rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


def test_the_vietnamese_catalog_covers_every_message(catalog):
    ids = message_ids()
    assert len(ids) > 150
    missing = [m for m in ids if not catalog.get(m)]
    assert missing == [], f"run scripts/update_catalogs.py after adding to scripts/translations_vi.py: {missing}"


def test_translations_keep_the_placeholders_and_avoid_nested_parentheses(catalog):
    for msgid, text in catalog.items():
        assert sorted(PLACEHOLDER_RE.findall(msgid)) == sorted(PLACEHOLDER_RE.findall(text)), msgid
        # hints go in one pair of parentheses in `file:line: field: message (hint)`: none inside
        assert len(re.findall(r"(?<!%)\(", text)) <= len(re.findall(r"(?<!%)\(", msgid)), text


def test_the_committed_catalog_is_what_the_table_gives():
    before = PO.read_bytes()
    done = subprocess.run([sys.executable, str(ROOT / "scripts/update_catalogs.py")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert PO.read_bytes() == before, "the .po file was out of date: commit the regenerated one"


@pytest.fixture(scope="module")
def problems_in_both_languages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad") / "bad"
    shutil.copytree(ROOT / "tests/fixtures/bad", folder)
    settings = ArchiveSettings.from_config(ROOT, {"articles_dir": str(folder)})
    found = {}
    try:
        for language in ("en", "vi"):
            i18n.use(language)
            found[language] = build_plan(settings).problems
    finally:
        i18n.use("en")
    return found


def test_every_catalogue_problem_reads_in_both_languages(problems_in_both_languages):
    en, vi = problems_in_both_languages["en"], problems_in_both_languages["vi"]
    assert len(en) == len(vi) > 50
    for english, vietnamese in zip(en, vi):
        assert (english.path, english.line, english.field, english.severity) == \
            (vietnamese.path, vietnamese.line, vietnamese.field, vietnamese.severity)
        assert english.message != vietnamese.message, english.message
        assert english.hint and vietnamese.hint and english.hint != vietnamese.hint, str(english)
        # one style: the hint is the only parenthesis of the line (quoted values aside)
        assert "(" not in vietnamese.hint and "(" not in re.sub(r"'[^']*'", "", vietnamese.message), str(vietnamese)


def _check(*args, env=None, cwd=None):
    environ = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run([ARCHIVE, *args], capture_output=True, text=True, env={**environ, **(env or {})},
                          cwd=cwd or ROOT)


def test_check_speaks_vietnamese_by_default_and_english_on_request(tmp_path):
    articles = tmp_path / "articles"
    write_article(articles, "2021/a.md", title="Bài", date="2021-13-02")
    env = {"ARCHIVE_ARTICLES_DIR": str(articles)}
    vi = _check("check", env={**env, "LANG": "C.UTF-8"})
    assert vi.returncode == 1
    assert "lỗi: " in vi.stdout and "không có tháng 13 trong '2021-13-02'" in vi.stdout
    assert "1 tệp: 0 hợp lệ, 1 có lỗi" in vi.stderr
    for en in (_check("check", "--lang", "en", env=env), _check("check", env={**env, "LC_MESSAGES": "en_GB.UTF-8"})):
        assert "error: " in en.stdout and "month 13 in '2021-13-02' does not exist" in en.stdout
        assert "1 file(s): 0 valid, 1 with errors" in en.stderr
    assert "cách dùng:" in _check("--help").stdout and "usage:" in _check("--lang", "en", "--help").stdout


def test_numbers_in_each_languages_forms():
    try:
        i18n.use("vi")
        assert i18n.number(1000) == "1.000"
        i18n.use("en")
        assert i18n.number(1000) == "1,000"
    finally:
        i18n.use("en")


def test_paths_are_shown_as_typed_from_the_current_folder(tmp_path):
    articles = tmp_path / "kho" / "articles"
    write_article(articles, "2021/a.md", title="Bài", date="2021-13-02")
    env = {"ARCHIVE_ARTICLES_DIR": str(articles), "LANG": "en_US.UTF-8"}
    inside = _check("check", env=env, cwd=tmp_path / "kho")
    assert inside.stdout.startswith("error: articles/2021/a.md:3: date:")
    elsewhere = _check("check", env=env, cwd=ROOT)
    assert f"error: {articles}/2021/a.md:3: date:" in elsewhere.stdout


def test_the_build_speaks_vietnamese_by_default(tmp_path):
    articles = tmp_path / "articles"
    write_article(articles, "2021/a.md", title="Bài", date="2021-13-02")
    environ = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                           "-d", str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True,
                          env={**environ, "ARCHIVE_ARTICLES_DIR": str(articles), "ARCHIVE_LOCAL_BUILD": "1",
                               "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode != 0
    assert "articles/2021/a.md:3: date: không có tháng 13" in done.stderr
    assert "bản dựng chính thức dừng lại" in done.stderr
