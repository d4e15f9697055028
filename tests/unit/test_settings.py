"""Configuration through one door: extra.archive, checked against the SETTINGS table."""
import re
from pathlib import Path

import pytest

from conftest import ROOT
from newsarchive.settings import SETTINGS, ArchiveSettings, SettingsError, read_mkdocs_config


def test_defaults_come_from_the_table():
    settings = ArchiveSettings.from_config(ROOT, {})
    for setting in SETTINGS:
        value = getattr(settings, setting.key)
        if setting.kind is Path:
            assert value == (ROOT / setting.default).resolve()
        else:
            assert value == setting.default, setting.key


@pytest.mark.parametrize("extra, message", [
    ({"per_page": 0}, "from 1 to 1000"), ({"per_page": "x"}, "whole number"), ({"search": "maybe"}, "true or false"),
    ({"nonsense": 1}, "unknown key"), ({"related_count": 51}, "from 0 to 50"), ({"articles_dir": ""}, None),
])
def test_bad_values_are_refused_with_the_key(extra, message):
    if message is None:  # empty means "not set": the default
        assert ArchiveSettings.from_config(ROOT, extra).articles_dir == (ROOT / "articles").resolve()
        return
    with pytest.raises(SettingsError, match=message):
        ArchiveSettings.from_config(ROOT, extra)


def test_env_tag_values_arrive_as_text_and_are_coerced():
    settings = ArchiveSettings.from_config(ROOT, {"per_page": "30", "search": "0", "timings": "true"})
    assert (settings.per_page, settings.search, settings.timings) == (30, False, True)


def test_mkdocs_yml_sets_every_key_and_env_overrides(monkeypatch):
    keys = set((read_mkdocs_config(ROOT)["extra"]["archive"]))
    assert keys == {s.key for s in SETTINGS}
    monkeypatch.setenv("ARCHIVE_SEARCH_SHARD_PAGES", "7")
    assert read_mkdocs_config(ROOT)["extra"]["archive"]["search_shard_pages"] == 7


def test_readme_documents_every_key():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Configuration"):]
    documented = set(re.findall(r"^\| `(\w+)` \|", table, re.M))
    assert documented == {s.key for s in SETTINGS}


def test_the_engine_never_reads_the_environment():
    for path in (ROOT / "hooks" / "newsarchive").rglob("*.py"):
        if path.name == "cli.py":  # the command line chooses the language from LANG, as gettext tools do
            continue
        # handing the environment on to a child process unchanged (plus a variable) is not reading it
        text = path.read_text(encoding="utf-8").replace("{**os.environ, ", "")
        assert "os.environ" not in text and "getenv" not in text, path
