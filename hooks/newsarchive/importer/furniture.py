"""What portal furniture looks like. Each pattern matches a whole (stripped) line.

The lists are data: add a pattern when a new portal layout shows new furniture.
"""
from __future__ import annotations

import re

_I = re.IGNORECASE

# View counters; the number is kept as provenance (source.views), never shown as a counter.
VIEW_COUNTER = [
    re.compile(r"^(?:lượt xem|số lần đọc|lượt đọc|số lượt xem|đã xem)\s*:?\s*(?P<n>\d[\d.,]*)\s*(?:lượt)?$", _I),
    re.compile(r"^(?P<n>\d[\d.,]*)\s*(?:lượt xem|lượt đọc|lần đọc)$", _I),
]
# The page's own clock when it was saved: "Thứ năm, 25/04/2024, 20:37 [GMT+7]".
SAVE_CLOCK = re.compile(
    r"^(?:(?:thứ\s+\w+|chủ nhật)\s*,?\s*)?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\s*,?\s*(?P<H>\d{1,2}):(?P<M>\d{2})"
    r"\s*\[?\(?GMT\s*\+?\s*7\)?\]?$", _I)
BLOCK_LABEL = re.compile(r"^PublishingPortal\b", _I)
# Lines that are never article text, wherever they stand.
ALWAYS = [re.compile(p, _I) for p in (
    r"^PublishingPortal\b.*$",  # CMS block labels
    r"^(?:tăng|giảm)\s+cỡ\s+chữ(?:\s+(?:tăng|giảm)\s+cỡ\s+chữ)*$",
    r"^(?:cỡ chữ|font size|kích thước chữ)\s*:?.*$",
    r"^(?:A\s*[-+]\s*){1,3}$",
    r"^(?:in bài(?: viết)?|in trang|bản in|gửi (?:bài|email|cho bạn bè)|chia sẻ(?: bài viết)?|lưu bài(?: viết)?"
    r"|quay lại|về đầu trang|lên đầu trang|trở về|facebook|zalo|twitter|email|print)\s*[:|]?$",
    r"^(?:(?:in bài|chia sẻ|gửi email|facebook|zalo|twitter|bản in)\s*[|/·]?\s*){2,}$",
    r"^đăng nhập$", r"^đăng ký$", r"^đăng xuất$",
    r"^(?:thống kê truy cập|đang online|đang truy cập|hôm nay|hôm qua|trong tuần|tuần trước|trong tháng"
    r"|tháng trước|tất cả|tổng (?:số )?(?:truy cập|lượt truy cập)|lượt truy cập)\s*:?\s*[\d.,]*$",
    r"^[•·▪●◦*-]\s*(?:đang online|hôm nay|trong tuần|tất cả|hôm qua|trong tháng)\s*:?\s*[\d.,]*$",
    r"^(?:trang chủ|trang chính|home)\s*(?:[>»/|›]\s*[^>»/|›]+)*$",  # breadcrumbs
    r"^[^\s.]+\.(?:jpe?g|png|gif|webp|bmp|tiff?)$",  # image file-name leftovers
    r"^(?:ảnh|hình)\s*\d+$",
    r"^(?:A\s+){1,2}A$",  # text-size buttons
    r"^(?:responsive image|image|icon\b.*|hình ảnh minh họa)$",  # alt texts left by the page's markup
    r"^(?:file|tệp|tập tin|tải về|download|đính kèm|tài liệu đính kèm)\s*:.*$",  # attachment labels
    r"^(?:your ip|địa chỉ ip( của bạn)?|ip của bạn|server time|giờ máy chủ)\s*:.*$",  # visitor widgets
)]
# Header-only furniture (before the title): hotlines, portal names, menus.
HEADER_ONLY = [re.compile(p, _I) for p in (
    r"^(?:hotline|đường dây nóng|điện thoại|tel|fax|e-?mail|liên hệ)\s*:.*$",
    r"^(?:tìm kiếm|search|menu|trang chủ|giới thiệu|tin tức|liên hệ|sơ đồ site)$",
    # the heading block of an official document, above its own title
    r"^(?:đảng cộng sản việt nam|cộng hòa xã hội chủ nghĩa việt nam|cộng hoà xã hội chủ nghĩa việt nam"
    r"|độc lập\s*[-–]\s*tự do\s*[-–]\s*hạnh phúc|ban chấp hành trung ương|\*|\|)$",
    r"^chào mừng\b.*$",  # banner slogans ("CHÀO MỪNG ĐẠI HỘI ĐẢNG CÁC CẤP …"), in capitals only: see is_furniture
)]
# The article ends where one of these starts: comments, teasers, widgets.
TAIL_START = re.compile(
    r"^(?:bình luận|ý kiến bạn đọc|viết bình luận|gửi bình luận|hiện tại chưa có bình luận|thông tin mới nhất"
    r"|tin mới nhất|tin liên quan|bài viết liên quan|các tin khác|tin khác|tin cùng chuyên mục|xem thêm"
    r"|tin mới hơn|tin cũ hơn|tin đã đưa|thống kê truy cập|đọc nhiều nhất|tin đọc nhiều|tiêu điểm"
    r"|tin nổi bật|xem nhiều nhất|trả lời|để lại bình luận|để lại một bình luận"
    r"|email của bạn sẽ không được hiển thị công khai.*)\s*:?$", _I)
# "… ảnh 1": a photo caption whose image was not saved.
NUMBERED_CAPTION = re.compile(r"^(?P<text>.{3,200}?)\s*[-–(]?\s*(?:ảnh|hình)\s*\d+\)?$", _I)
# Signatures: "Bài, ảnh: Trần Minh Tuấn", "Tin: ...", or a bare name on the last line.
SIGNATURE = re.compile(
    r"^(?:bài\s*(?:,|và)\s*ảnh|bài và ảnh|bài|tin\s*(?:,|và)\s*ảnh|tin|ảnh|tác giả(?: bài viết)?|nhóm phóng viên"
    r"|thực hiện|nhóm thực hiện|pv|ctv)"
    r"\s*:\s*(?P<names>.{2,120})$", _I)
# "An Kiên/VOV- Tây Bắc", "Minh Hà (TTXVN)": a reporter and the agency they file for.
_NAMES = r"(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*\s*){1,5}(?:(?:,|và|-|–)\s*(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*\s*){1,5})*"  # "Ngọc Chí – Đức Thắng"
NAME_AGENCY = re.compile(rf"^(?P<names>{_NAMES})"
                         r"\s*(?:/\s*|\(\s*)(?P<agency>[A-ZĐ][\wÀ-ỹ.]{1,12}(?:\s*[-–]\s*[\wÀ-ỹ ]{2,30})?)\)?$")
SOURCE_LINE = re.compile(r"^(?:nguồn|theo)\s*:?\s*(?P<publisher>.{2,120})$", _I)
NAME_LIST = re.compile(rf"^{_NAMES}$")
# Agency prefix opening the lead: "(BLC) – ".
# The agency that opens the lead: "(BLC) – ", "(NTO) - ", "(kontumtv.vn) – ", "CTTĐT - ", "VOV4.VN - ".
AGENCY_PREFIX = re.compile(
    r"^(?:\((?P<code>[A-ZĐ][A-ZĐ0-9]{1,9}(?:\.VN)?|[a-z0-9-]+\.(?:vn|com|net|org)(?:\.vn)?)\)"
    r"|(?P<bare>[A-ZĐ][A-ZĐ0-9]{1,9}(?:\.VN)?))\s*[-–—]\s+(?=\S)", re.IGNORECASE)
AGENCIES = {
    "BLC": "Báo Lào Cai", "TTXVN": "Thông tấn xã Việt Nam", "VOV": "Đài Tiếng nói Việt Nam",
    "VTV": "Đài Truyền hình Việt Nam", "ND": "Báo Nhân Dân", "QĐND": "Báo Quân đội nhân dân",
    "ĐCSVN": "Báo điện tử Đảng Cộng sản Việt Nam", "TG": "Tạp chí Tuyên giáo", "DV": "Tạp chí Dân vận",
    "LCTV": "Đài Phát thanh - Truyền hình Lào Cai",
    "CTTĐT": "Cổng thông tin điện tử", "NTO": "Báo Ninh Thuận", "VOV4.VN": "VOV4 - Đài Tiếng nói Việt Nam",
    "TTXVN": "Thông tấn xã Việt Nam", "VNA": "Thông tấn xã Việt Nam",
}


def is_furniture(line: str, *, in_header: bool) -> bool:
    if any(p.match(line) for p in ALWAYS):
        return True
    if not in_header:
        return False
    return any(p.match(line) for p in HEADER_ONLY) and (not line.lower().startswith("chào mừng") or line.upper() == line)


def view_count(line: str) -> int | None:
    for pattern in VIEW_COUNTER:
        m = pattern.match(line)
        if m:
            digits = re.sub(r"[.,]", "", m["n"])
            return int(digits) if digits.isdigit() else None
    return None
