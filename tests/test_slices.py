"""Builds split across machines (issue 16): N slices built one by one (as N machines with no
cache would) and merged give the files of a single build, and their search covers every
article. Pagefind's own unstable files aside (see test_incremental.differences)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from test_incremental import build, differences, project  # noqa: F401 (project: fixture)


def archive_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "ARCHIVE_ARTICLES_DIR": str(project / "articles"), "NO_MKDOCS_2_WARNING": "1",
               "SITE_URL": "https://luutru.example.vn/", "ARCHIVE_SEARCH_SHARD_PAGES": "25",
               "PYTHONPATH": str(project / "hooks"), "LC_MESSAGES": "en_US.UTF-8"}
    return subprocess.run([sys.executable, "-m", "newsarchive.cli", "--root", str(project), *args],
                          env=environ, capture_output=True, text=True, timeout=600, cwd=project)


def test_merged_slices_equal_a_single_build(project, tmp_path):
    single = tmp_path / "single"
    build(project, project / "articles", single, tmp_path / "single-cache")
    slices = []
    for k in (1, 2, 3):
        out = tmp_path / f"slice-{k}"
        done = archive_cli(project, "build", "--slice", f"{k}/3", "--out", str(out), "--strict")
        assert done.returncode == 0, done.stderr[-3000:]
        slices.append(out)
    # each machine wrote a share of the article pages, not all of them
    shares = [len(list(s.glob("20*/*/*/index.html"))) for s in slices]
    assert all(0 < n < 80 for n in shares[:2]) and sum(shares) == len(list(single.glob("20*/*/*/index.html")))
    merged = tmp_path / "merged"
    done = archive_cli(project, "merge", *map(str, slices), "--out", str(merged))
    assert done.returncode == 0, done.stderr
    assert "the search index covers 80 article(s)" in done.stdout
    assert differences(single, merged) == []
    fragments = sum(len(list(d.glob("fragment/*"))) for d in merged.glob("pagefind*"))
    assert fragments == 80


def test_merge_refuses_an_incomplete_set(project, tmp_path):
    for k in (1, 2):
        assert archive_cli(project, "build", "--slice", f"{k}/3", "--out", str(tmp_path / f"s{k}")).returncode == 0
    done = archive_cli(project, "merge", str(tmp_path / "s1"), str(tmp_path / "s2"), "--out", str(tmp_path / "m"))
    assert done.returncode == 1 and "missing: 3" in done.stderr
    assert archive_cli(project, "build", "--slice", "4/3", "--out", str(tmp_path / "x")).returncode == 2


def test_split_workflow_is_valid_and_its_matrix_matches_the_slice_count():
    import yaml
    from conftest import ROOT
    workflow = ROOT / ".github/workflows/publish-split.yml"
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             str(workflow)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    data = yaml.safe_load(workflow.read_text())
    slices = int(data["env"]["SLICES"])
    assert data["jobs"]["slice"]["strategy"]["matrix"]["slice"] == list(range(1, slices + 1))
    assert any("scripts/archive merge" in step.get("run", "") for step in data["jobs"]["merge"]["steps"])
