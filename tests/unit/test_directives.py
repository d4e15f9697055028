import pytest

from newsarchive.directives import DirectiveId, find_citations, find_mentions, parse_directive
from newsarchive.text import normalize_text


def one(text):
    cites = find_citations(normalize_text(text))
    assert len(cites) == 1, cites
    return cites[0]


@pytest.mark.parametrize("text, code, type_name, year", [
    ("Chỉ thị số 16-CT/TU", "16-CT/TU", "Chỉ thị", None),
    ("Đề án số 06- ĐA/TU", "06-ĐA/TU", "Đề án", None),
    ("Kết luận số 120 - KL/TW", "120-KL/TW", "Kết luận", None),
    ("Chương trình hành động số 32-CTr/TU", "32-CTr/TU", "Chương trình hành động", None),
    ("Kế hoạch số 65- KH/BDVTU", "65-KH/BDVTU", "Kế hoạch", None),
    ("chỉ thị số 18 - CT/TW", "18-CT/TW", "Chỉ thị", None),
    ("Chỉ thị số 18 – CT/TW", "18-CT/TW", "Chỉ thị", None),  # en dash
    ("Đề án 06-ĐA/TU", "06-ĐA/TU", "Đề án", None),  # without "số"
    ("Đề án số 06-\u00d0A/TU", "06-ĐA/TU", "Đề án", None),  # look-alike Ð (U+00D0)
    ("Nghị định số 91/2017/NĐ-CP", "91/2017/NĐ-CP", "Nghị định", 2017),
    ("Kế hoạch số 26/KH-UBND", "26/KH-UBND", "Kế hoạch", None),
    ("Chỉ thị số 01/CT-UBND", "01/CT-UBND", "Chỉ thị", None),
    ("Quyết định số 23-QĐ/TW", "23-QĐ/TW", "Quyết định", None),
    ("Quy định số 23-QĐ/TW", "23-QĐ/TW", "Quy định", None),
    ("văn bản số 7-CT/TU", "07-CT/TU", "Chỉ thị", None),
])
def test_citation_variants(text, code, type_name, year):
    cite = one(text)
    assert cite.directive.code == code
    assert cite.type_name == type_name
    assert cite.directive.year == year
    assert cite.text == normalize_text(text) or normalize_text(text).endswith(cite.text)
    # The body linker skips text without a slash: a code without one must never be a citation.
    assert "/" in cite.text and not find_citations(normalize_text(text).replace("/", " "))


@pytest.mark.parametrize("text, year, date", [
    ("Chỉ thị số 16-CT/TU, ngày 02/8/2021 về", 2021, "2021-08-02"),
    ("Chỉ thị số 18-CT/TU, ngày 15/9/2016", 2016, "2016-09-15"),
    ("Kế hoạch số 12-KH/TU ngày 25-10-2017", 2017, "2017-10-25"),
    ("Kế hoạch số 26/KH-UBND, ngày 29/01/2021", 2021, "2021-01-29"),
])
def test_following_date_gives_the_year(text, year, date):
    cite = one(text)
    assert cite.directive.year == year and cite.date.isoformat() == date
    assert "ngày" in cite.text


def test_same_code_different_years_are_different_directives():
    a = one("Chỉ thị số 16-CT/TU ngày 02/8/2021").directive
    b = one("Chỉ thị số 16-CT/TU ngày 10/3/2016").directive
    assert a != b and a.slug == "16-ct-tu-2021" and b.slug == "16-ct-tu-2016"


def test_one_citation_written_three_ways_is_one_directive():
    ids = {one(t).directive for t in ("Đề án số 06-ĐA/TU", "Đề án 06- ĐA/TU", "đề án số 6 - ĐA/TU")}
    assert ids == {DirectiveId("ĐA", 6, "TU")}


def test_state_issuer_written_party_style_is_canonicalised():
    cite = one("Chỉ thị số 16-CT/TTg, ngày 16/5/2016")
    assert cite.directive.code == "16/CT-TTg" and cite.directive.slug == "16-ct-ttg-2016"


@pytest.mark.parametrize("text", [
    "ngày 02/8/2021", "giai đoạn 2021-2026", "(15/10/1930 - 15/10/2021)", "01/10/1991- 01/10/2021",
    "Hotline: 0214.3840.123", "điện thoại 0912-345-678", "6 tháng đầu năm", "Covid -19",
    "08/17 đồng chí", "300.000đ/tháng", "Trung cấp LLCT - HC 03/17", "nhiệm kỳ 2017- 2022",
])
def test_negatives_are_never_citations(text):
    assert find_citations(normalize_text(text)) == []


def test_mentions_without_full_code_are_unresolved_only():
    text = "thực hiện tốt Nghị định 04 và Nghị định 60 của Chính phủ; Quy định số 262; Kế hoạch số 65- KH/BDVTU"
    mentions = find_mentions(text)
    assert [m.text for m in mentions] == ["Nghị định 04", "Nghị định 60", "Quy định số 262"]
    assert [c.directive.code for c in find_citations(text)] == ["65-KH/BDVTU"]


def test_periods_are_not_mentions():
    assert find_mentions("Chương trình 2021-2025 và Kế hoạch 2021") == []


def test_parse_directive_for_front_matter():
    assert parse_directive("16-CT/TU").directive == DirectiveId("CT", 16, "TU")
    assert parse_directive("Nghị định 91/2017/NĐ-CP").directive.year == 2017
    assert parse_directive("Chỉ thị 16") is None
    assert parse_directive("16-CT/TU và 17-CT/TU") is None


def test_json_shape():
    data = one("Nghị định số 91/2017/NĐ-CP ngày 31/7/2017").as_json()
    assert data == {"text": "Nghị định số 91/2017/NĐ-CP ngày 31/7/2017", "start": 0, "end": 41,
                    "code": "91/2017/NĐ-CP", "type": "NĐ", "type_name": "Nghị định", "number": "91",
                    "issuer": "CP", "year": 2017, "date": "2017-07-31"}


def test_renderer_links_only_the_first_mention():
    from newsarchive.directives import DirectiveId
    from newsarchive.render import BodyRenderer
    body = ("Theo Chỉ thị số 16-CT/TU ngày 02/8/2021 và `16-CT/TU` trong mã.\n\n"
            "Nhắc lại 16-CT/TU; còn [liên kết 16-CT/TU](x) thì không.\n\n## Chỉ thị 16-CT/TU\n")
    html, _ = BodyRenderer(["toc"]).render(body, page_url="2021/08/a/",
                                          directives={DirectiveId("CT", 16, "TU", 2021): "van-ban/16-ct-tu-2021/",
                                                      DirectiveId("CT", 16, "TU"): "van-ban/16-ct-tu-2021/"})
    assert html.count("archive-directive-link") == 1
    assert 'href="../../../van-ban/16-ct-tu-2021/"' in html


def test_codes_of_the_national_assembly_and_its_standing_committee():
    from newsarchive.directives import find_citations
    found = {c.directive.code: c for c in find_citations(
        "Pháp lệnh số 34/2007/PL-UBTVQH11, Nghị quyết 76/2025/UBTVQH15 và Luật số 10/2022/QH15.")}
    assert set(found) == {"34/2007/PL-UBTVQH11", "76/2025/UBTVQH15", "10/2022/QH15"}
    assert found["34/2007/PL-UBTVQH11"].type_name == "Pháp lệnh"
    assert found["76/2025/UBTVQH15"].type_name == "Nghị quyết" and found["76/2025/UBTVQH15"].directive.year == 2025
    assert found["10/2022/QH15"].type_name == "Luật"
    assert found["76/2025/UBTVQH15"].directive.issuer_name == "Ủy ban Thường vụ Quốc hội khóa 15"
