"""The importer's detectors, on lines as real portals print them (../shared/portal-samples and
the issue's list): datelines, titles, furniture, bylines, listings, never losing an article."""
from __future__ import annotations

import datetime as dt

import pytest

from newsarchive.importer.datelines import day_and_month, parse_dateline
from newsarchive.importer.portal_page import NotAnArticle, parse_portal, text_blocks
from newsarchive.importer.titles import MIN_SCORE, score_line

TEXT = ("Ban Dân vận Tỉnh ủy đã chỉ đạo triển khai nhiều hoạt động thiết thực, hiệu quả trong toàn tỉnh với "
        "sự tham gia của đông đảo cán bộ, đảng viên và Nhân dân các dân tộc.")
TODAY = dt.date(2026, 1, 10)


@pytest.mark.parametrize("line, value, kind", [
    ("22:19 | 03/07/2020", "2020-07-03T22:19:00+07:00", "published"),
    ("Thứ ba, 18 Tháng 8 2015 16:06", "2015-08-18T16:06:00+07:00", "published"),
    ("Ngày cập nhật 26/10/2019", "2019-10-26", "updated"),
    ("Cập nhật ngày: 8/5/2018", "2018-05-08", "updated"),
    ("14/5/2019 8:43'", "2019-05-14T08:43:00+07:00", "published"),
    ("Đăng ngày 17 - 05 - 2024", "2024-05-17", "published"),
    ("Thứ Sáu, 20/9/2019", "2019-09-20", "published"),
    ("09:47, 15/03/2021 (GMT+7)", "2021-03-15T09:47:00+07:00", "published"),
    ("Thời gian đăng: 26/11/2018 01:49:17 PM", "2018-11-26T13:49:00+07:00", "published"),
    ("Văn hóa - Ngày đăng : 19:54, 30/08/2018", "2018-08-30T19:54:00+07:00", "published"),
    ("Hà Nội, ngày 23 tháng 2 năm 2016", "2016-02-23", "document"),
])
def test_datelines(line, value, kind):
    found = parse_dateline(line)
    assert found is not None and found.value == value and found.kind == kind, found


@pytest.mark.parametrize("line", [
    "Ngày 10/10/1949, Ban Cán sự Đảng tỉnh Lai Châu (nay là Đảng bộ tỉnh Điện Biên và Lai Châu) được thành lập",
    "(10/10/1949 - 10/10/2019)", "Lượt xem: 400", "31/02/2020",
])
def test_text_with_dates_is_not_a_dateline(line):
    assert parse_dateline(line) is None


def test_header_clocks_look_like_clocks():
    assert parse_dateline("Thứ sáu, 2-1-26 12:19:50").clock_like  # two-digit year, seconds
    assert parse_dateline("Chủ Nhật, 14/4/2024").clock_like  # a weekday
    assert not parse_dateline("23/09/2020").clock_like


def test_day_and_month_without_a_year():
    assert day_and_month("Sáng 26/11, tại hội trường Tỉnh ủy") == "Sáng 26/11"


@pytest.mark.parametrize("furniture", [
    "RSS Youtube Facebook", "Tìm kiếm tin tức", "Banner Tỉnh ủy Nghệ An (Home-latest-1)",
    "Trang chủ Thực tiễn › Dân vận", "Quay về E-magazine Dân vận", "Multimedia Đọc Báo in",
    "Kính gửi: Các Tỉnh ủy, Thành ủy", "TRANG THÔNG TIN ĐIỆN TỬ ĐẢNG BỘ TỈNH ĐIỆN BIÊN", "Your IP: 18.207.108.182",
])
def test_furniture_never_scores_as_a_title(furniture):
    score, _reasons = score_line(furniture, near_body=True, before_meta=False)
    assert score < MIN_SCORE, (furniture, score, _reasons)


def test_the_title_is_chosen_not_the_first_line():
    page = ("Thứ sáu, 29/03/2024, 03:46 [GMT+7]\nGỢI Ý TRẢ LỜI\nRSS Youtube Facebook\n"
            "Câu hỏi Cuộc thi “Tìm hiểu 110 năm thành lập tỉnh”\nThứ sáu, 26/04/2019 - 11:21'\n" + TEXT)
    draft = parse_portal(text_blocks(page), today=TODAY)
    assert draft.title == "Câu hỏi Cuộc thi “Tìm hiểu 110 năm thành lập tỉnh”"
    assert draft.date == "2019-04-26T11:21:00+07:00" and not draft.draft  # not the header clock


def test_a_title_after_a_counter_and_a_long_first_line():
    draft = parse_portal(text_blocks(f"Số lần đọc: 69985\nHội nghị tổng kết công tác dân vận\n20/06/2019 - 07:47\n{TEXT}"),
                         today=TODAY)
    assert draft.title == "Hội nghị tổng kết công tác dân vận" and draft.views == 69985
    lead_only = parse_portal(text_blocks((TEXT + " ") * 5), today=TODAY)  # a 700-character first line
    assert lead_only.draft and lead_only.title.startswith("Ban Dân vận Tỉnh ủy đã chỉ đạo")
    assert any("no title" in r for r in lead_only.review)


def test_a_byline_under_the_title_and_before_the_date():
    draft = parse_portal(text_blocks(f"Kon Tum: Nhiều mô hình Dân vận khéo\n R.C.Kim\n{TEXT}"), today=TODAY)
    assert draft.authors == ["R.C.Kim"]
    draft = parse_portal(text_blocks(f"Thúc đẩy quyền tham gia của người dân\nDuy Anh và Công Minh - 07:00, 04/12/2023\n{TEXT}"),
                         today=TODAY)
    assert draft.authors == ["Duy Anh", "Công Minh"] and draft.date == "2023-12-04T07:00:00+07:00"


def test_a_year_before_the_portal_era_is_never_the_date():
    draft = parse_portal(text_blocks(f"Lịch sử ngày Dân vận\nNgày 15-10-1949, Chủ tịch Hồ Chí Minh viết bài "
                                     f"“Dân vận”. {TEXT}"), today=TODAY)
    assert draft.draft and draft.date == TODAY.year and draft.date != 1949


def test_menus_and_listings_are_not_articles():
    with pytest.raises(NotAnArticle, match="not an article"):
        parse_portal(text_blocks("Trang chủ\n • Chính trị\n • Kinh tế\n • Xã hội\n • Văn hóa"), today=TODAY)
    listing = "Tin tức\n" + "".join(f"Bài thứ {n} về công tác dân vận ở cơ sở\n{n:02d}/05/2021\n{TEXT}\n" for n in range(1, 7))
    with pytest.raises(NotAnArticle, match="listing"):
        parse_portal(text_blocks(listing), today=TODAY)


def test_teaser_links_inside_the_text_are_dropped():
    teasers = "MTTQ huyện Bảo Yên: Hiệu ứng từ các cuộc vận động\nMTTQ huyện An Phú “Đoàn kết, dân chủ”\n" \
              "TP Hà Nội: Xây lên những căn nhà yêu thương\n"
    draft = parse_portal(text_blocks(f"Nông thôn mới ở Nghệ An\n20/06/2019\n{TEXT}\n{teasers}{TEXT}"), today=TODAY)
    body = "\n".join(b.text for b in draft.body)
    assert "Bảo Yên" not in body and "Xây lên" not in body and body.count("Ban Dân vận") == 2


@pytest.mark.parametrize("prefix, publisher", [
    ("(BLC) – ", "Báo Lào Cai"), ("(NTO) - ", "Báo Ninh Thuận"), ("CTTĐT - ", "Cổng thông tin điện tử"),
    ("VOV4.VN - ", "VOV4 - Đài Tiếng nói Việt Nam"), ("(kontumtv.vn) – ", "kontumtv.vn"),
])
def test_agency_prefixes_become_the_publisher(prefix, publisher):
    draft = parse_portal(text_blocks(f"Tiêu đề bài viết\n02/08/2021\n{prefix}{TEXT}"), today=TODAY)
    assert draft.publisher == publisher and draft.body[0].text == TEXT


def test_a_sentence_opening_with_an_abbreviation_is_not_a_prefix():
    draft = parse_portal(text_blocks(f"Tiêu đề bài viết\n02/08/2021\nHĐND - {TEXT}"), today=TODAY)
    assert draft.publisher == "" and draft.body[0].text.startswith("HĐND - ")


def test_a_reporter_and_their_agency_at_the_end():
    draft = parse_portal(text_blocks(f"Tiêu đề bài viết\n02/08/2021\n{TEXT}\nAn Kiên/VOV- Tây Bắc"), today=TODAY)
    assert draft.authors == ["An Kiên"] and draft.publisher == "VOV- Tây Bắc"


def test_titlecase_only_when_asked_and_the_printed_title_is_kept():
    from newsarchive.importer.run import PROPER_NAMES, title_case
    draft = parse_portal(text_blocks(f"CHUẨN BỊ CHO NGÀY HỘI TOÀN DÂN: BAN DÂN VẬN TỈNH ỦY VÀ MẶT TRẬN TỔ QUỐC\n"
                                     f"02/08/2021\n{TEXT}"), today=TODAY)
    assert draft.title.isupper()  # never re-cased silently
    title_case(draft, [*PROPER_NAMES, "Ban Dân vận Tỉnh ủy"])
    assert draft.title == "Chuẩn bị cho ngày hội toàn dân: Ban Dân vận Tỉnh ủy và Mặt trận Tổ quốc"
    assert draft.source_title.startswith("CHUẨN BỊ") and any("capitals" in r for r in draft.review)
