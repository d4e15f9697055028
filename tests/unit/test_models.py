"""Issue lines: file:line: field: message (hint)."""
from newsarchive.models import Issue, Severity


def test_issue_line_format():
    assert str(Issue("articles/a.md", "is required", "title", 3, hint="add it")) == "articles/a.md:3: title: is required (add it)"
    assert str(Issue("data/units.yml entry 2", "bad", severity=Severity.WARNING)) == "data/units.yml entry 2: bad"
