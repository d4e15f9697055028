from pathlib import Path

from newsarchive.reading import read_article


def _write(tmp_path: Path, data: bytes, name="a.md") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_reads_front_matter_and_body(tmp_path):
    raw, issues = read_article(_write(tmp_path, "---\ntitle: Tiêu đề\ndate: 2021\n---\n\nThân bài\n".encode()), tmp_path)
    assert issues == []
    assert raw.meta == {"title": "Tiêu đề", "date": 2021}
    assert raw.body.strip() == "Thân bài"
    assert raw.line_of("date") == 3


def test_dates_stay_text_so_impossible_dates_get_our_message(tmp_path):
    raw, issues = read_article(_write(tmp_path, b"---\ntitle: x\ndate: 2021-02-30\n---\n"), tmp_path)
    assert issues == [] and raw.meta["date"] == "2021-02-30"


def test_bom_and_crlf_are_accepted(tmp_path):
    raw, issues = read_article(_write(tmp_path, "\ufeff---\r\ntitle: Bài\r\n---\r\nA\r\n".encode()), tmp_path)
    assert issues == [] and raw.meta["title"] == "Bài" and raw.body == "A\n"


def test_broken_yaml_names_the_line(tmp_path):
    _, issues = read_article(_write(tmp_path, b"---\ntitle: ok\nunits: [a, b\ndate: 2021\n---\n"), tmp_path)
    assert len(issues) == 1
    assert issues[0].path == f"{tmp_path.name}/a.md" and issues[0].field == "front matter"
    assert issues[0].line >= 3 and "YAML" in issues[0].message


def test_duplicate_keys_are_an_error(tmp_path):
    _, issues = read_article(_write(tmp_path, b"---\ntitle: a\ntitle: b\n---\n"), tmp_path)
    assert "duplicate key 'title'" in issues[0].message and issues[0].line == 3


def test_latin1_and_binary_files_are_refused_clearly(tmp_path):
    _, issues = read_article(_write(tmp_path, "---\ntitle: Bài\n---\n".encode("utf-16")), tmp_path)
    assert "NUL" in issues[0].message
    _, issues = read_article(_write(tmp_path, "---\ntitle: café\n---\n".encode("latin-1")), tmp_path)
    assert "not valid UTF-8" in issues[0].message and issues[0].line == 2


def test_missing_front_matter(tmp_path):
    _, issues = read_article(_write(tmp_path, b"just text\n"), tmp_path)
    assert issues[0].field == "front matter" and "no front matter" in issues[0].message


def test_front_matter_must_be_a_mapping(tmp_path):
    _, issues = read_article(_write(tmp_path, b"---\n- a\n- b\n---\n"), tmp_path)
    assert "key: value" in issues[0].message
