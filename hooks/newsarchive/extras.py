"""Write-extras stage: files beside the pages (build report; later feeds, search, redirects).

Each extra returns OutputFiles; `OutputFile.target` refuses any path that would leave
the site folder.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .pages import PagePlan

REPORT_URL = "bao-cao-xay-dung/"
REPORT_JSON = "_archive/report.json"


class UnsafePathError(ValueError):
    """An output path that is absolute, climbs out of the site or is otherwise unsafe."""


@dataclass(frozen=True)
class OutputFile:
    path: str  # relative to the site folder, POSIX style
    content: bytes

    def target(self, site_dir: Path) -> Path:
        rel = PurePosixPath(self.path)
        if rel.is_absolute() or ".." in rel.parts or "\\" in self.path or "\x00" in self.path or not rel.parts:
            raise UnsafePathError(f"refusing to write {self.path!r} outside the site folder")
        target = (site_dir / rel).resolve()
        if not target.is_relative_to(site_dir.resolve()):
            raise UnsafePathError(f"refusing to write {self.path!r} outside the site folder")
        return target


def report_data(archive) -> dict:
    return {"report": archive.report.as_json(), "accounted": archive.report.accounted(),
            "issues": [{"path": i.path, "line": i.line, "field": i.field, "severity": i.severity.value,
                        "message": i.message, "hint": i.hint} for i in archive.issues]}


def report_page(archive) -> PagePlan:
    """The editors' view of the build report (counts per stage and every issue)."""
    data = report_data(archive)
    return PagePlan(REPORT_URL, "report.html", "Báo cáo xây dựng", "report", data)


def report_json(archive) -> OutputFile:
    data = json.dumps(report_data(archive), ensure_ascii=False, indent=1, sort_keys=True)
    return OutputFile(REPORT_JSON, data.encode("utf-8"))


# Each extra: archive -> list[OutputFile]. Pagefind needs the finished site and runs separately.
EXTRAS = (lambda archive: [report_json(archive)],)


def build_extras(archive) -> list[OutputFile]:
    return [output for extra in EXTRAS for output in extra(archive)]
