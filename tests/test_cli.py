"""scripts/archive: new, check, directives --json."""
from __future__ import annotations

import json
import shutil
import subprocess

from conftest import ROOT, SHARED

ARCHIVE = str(ROOT / "scripts" / "archive")


def run(*args, env=None, cwd=None):
    import os
    return subprocess.run([ARCHIVE, *args], capture_output=True, text=True, env={**os.environ, **(env or {})}, cwd=cwd)


def test_help_lists_commands():
    out = run("--help").stdout
    for command in ("check", "new", "directives", "import", "bench"):
        assert command in out


def test_new_creates_a_valid_draft_and_check_passes(tmp_path):
    env = {"ARCHIVE_ARTICLES_DIR": str(tmp_path / "articles")}
    created = run("new", "Hội nghị tổng kết công tác Dân vận năm 2024", "--date", "2024-12-20", env=env)
    assert created.returncode == 0, created.stderr
    path = tmp_path / "articles/2024/hoi-nghi-tong-ket-cong-tac-dan-van-nam-2024.md"
    assert created.stdout.strip() == str(path) and "draft: true" in path.read_text()
    assert run("new", "Hội nghị tổng kết công tác Dân vận năm 2024", "--date", "2024-12-20", env=env).returncode == 1
    checked = run("check", "--strict", env=env)
    assert checked.returncode == 0 and "1 valid" in checked.stderr


def test_check_reports_file_line_field_and_fails(tmp_path):
    folder = tmp_path / "articles" / "2021"
    folder.mkdir(parents=True)
    (folder / "x.md").write_text("---\ntitle: X\ndate: 2021-02-30\n---\nA\n")
    result = run("check", env={"ARCHIVE_ARTICLES_DIR": str(tmp_path / "articles")}, cwd=tmp_path)  # as typed from here
    assert result.returncode == 1
    assert "error: articles/2021/x.md:3: date: '2021-02-30' is not a real day" in result.stdout


def test_directives_json(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Thực hiện Chỉ thị số 16-CT/TU, ngày 02/8/2021 và Nghị định 04 của Chính phủ.", encoding="utf-8")
    result = run("directives", str(text), "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data[0]["citations"] == [{"text": "Chỉ thị số 16-CT/TU, ngày 02/8/2021", "start": 10, "end": 45,
                                     "code": "16-CT/TU", "type": "CT", "type_name": "Chỉ thị", "number": "16",
                                     "issuer": "TU", "year": 2021, "date": "2021-08-02"}]
    assert [m["text"] for m in data[0]["unresolved"]] == ["Nghị định 04"]


def test_fuzz_command_runs_generated_inputs():
    result = run("fuzz", "30", "--seed", "3")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "30 generated inputs, no failure" in result.stdout
