"""The build report JSON: counts, issues with their draft flag, accounted."""
import json

from builders import article, plan
from newsarchive.report import REPORT_JSON, report_json, report_page


def test_report_json_and_page():
    site = plan([article("2021/a.md", aliases=["/2021/"]), article("2021/b.md", title="B", draft=True)])
    output = report_json(site, search_records=1)
    data = json.loads(output.content)
    assert output.path == REPORT_JSON and data["accounted"]
    assert data["report"]["drafts"] == 1 and data["report"]["search_records"] == 1
    assert [(i["field"], i["draft"]) for i in data["issues"]] == [("aliases", False)]
    page = report_page(site)
    assert page.url == "bao-cao-xay-dung/" and page.context["report"]["errors"] == 1
