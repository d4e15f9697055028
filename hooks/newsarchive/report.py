"""The build report: counts per stage and every problem, as a page for editors and as JSON
(`/_archive/report.json`) for CI and scripts. Computed from the SitePlan, never counted
behind a stage's back."""
from __future__ import annotations

import json

from . import urls
from .pages import PagePlan
from .pipeline import BuildReport, SitePlan, build_report
from .writer import OutputFile

REPORT_URL, REPORT_JSON = urls.REPORT_URL, urls.REPORT_JSON


def report_data(plan: SitePlan, report: BuildReport) -> dict:
    return {"report": report.as_json(), "accounted": report.accounted(),
            "issues": [{"path": i.path, "line": i.line, "field": i.field, "severity": i.severity.value,
                        "message": i.message, "hint": i.hint, "draft": i.draft} for i in plan.problems]}


def report_page(plan: SitePlan) -> PagePlan:
    """The editors' view of the build report (counts per stage and every issue)."""
    data = report_data(plan, build_report(plan))
    return PagePlan(REPORT_URL, "report.html", "Báo cáo xây dựng", "report", data)


def report_json(plan: SitePlan, search_records: int | None = None) -> OutputFile:
    return OutputFile(REPORT_JSON, _json(report_data(plan, build_report(plan, search_records))))


def _json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def set_search_records(site_dir, records: int) -> None:
    """The whole site's count, written by the merge of slices (each slice knows its own)."""
    path = site_dir / REPORT_JSON
    data = json.loads(path.read_bytes())
    if data["report"]["search_records"] is None:  # built without the search index: nothing to count
        return
    data["report"]["search_records"] = records
    path.unlink()  # possibly a hard link to a slice's file
    path.write_bytes(_json(data))
