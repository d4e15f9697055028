"""One page writer, serial and pooled alike: a page that fails becomes a PageFailure naming
its article; the pooled writer writes the same files as the serial one."""
from dataclasses import dataclass

from newsarchive.writer import WriteResult, write_pages


@dataclass
class Plan:
    url: str
    source: str = ""


def render(plan):
    if "bad" in plan.url:
        raise ValueError("broken template data")
    return f"<p>{plan.url}</p>"


def _plans(n):
    return [Plan(f"2021/bai-{i}/", f"articles/2021/bai-{i}.md") for i in range(n)] + [Plan("2021/bad/", "articles/2021/bad.md")]


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_text() for p in folder.rglob("*.html")}


def test_serial_and_pooled_writers_agree_and_report_failures(tmp_path):
    plans = _plans(1000)
    serial = write_pages(plans, render, tmp_path / "a")
    pooled = write_pages(plans, render, tmp_path / "b", workers=2)
    for result in (serial, pooled):
        assert result.written == 1000
        assert [(f.url, f.source) for f in result.failures] == [("2021/bad/", "articles/2021/bad.md")]
        assert "broken template data" in result.failures[0].message
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert len(_tree(tmp_path / "a")) == 1000


def test_results_add_up():
    assert (WriteResult(2) + WriteResult(3)).written == 5
