"""Shared helpers: write articles into a temporary archive and build it with MkDocs."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def write_article(folder: Path, rel: str, *, body: str = "Nội dung.\n", **meta) -> Path:
    """Write one article; meta values are dumped as JSON (valid YAML) for exact control."""
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    path.write_text("---\n" + "\n".join(lines) + "\n---\n\n" + body, encoding="utf-8")
    return path


def build_site(articles: Path, site: Path, *, strict: bool = False, env: dict | None = None,
               check: bool = True) -> subprocess.CompletedProcess:
    """Run `mkdocs build` of this project on another articles folder (its cache beside the site,
    `SITE.cache`, unless `env` names one)."""
    environ = {**os.environ, "ARCHIVE_ARTICLES_DIR": str(articles), "NO_MKDOCS_2_WARNING": "1",
               "ARCHIVE_LOCAL_BUILD": "1", "ARCHIVE_CACHE_DIR": f"{site}.cache", **(env or {})}
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)]
    if strict:
        command.append("--strict")
    result = subprocess.run(command, cwd=ROOT, env=environ, capture_output=True, text=True, timeout=1200)
    if check and result.returncode != 0:
        raise AssertionError(f"build failed ({result.returncode}):\n{result.stderr[-5000:]}")
    return result


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def articles_dir(tmp_path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    return folder


# The suite's assertions quote the English source messages: run everything in English, in
# this process and in the tools it starts. Vietnamese (the default) is tested in test_messages.
os.environ.pop("LC_ALL", None)
os.environ["LC_MESSAGES"] = "en_US.UTF-8"
sys.path.insert(0, str(ROOT / "hooks"))
from newsarchive import i18n  # noqa: E402

i18n.use("en")
