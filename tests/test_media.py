"""Article media: photos with alt text, captions, responsive sizes; attachments; bad media."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from PIL import Image

from conftest import ROOT, build_site, soup, write_article

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def image(path: Path, size=(1200, 800), fmt="JPEG"):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (40, 90, 160)).save(path, fmt)


@pytest.fixture(scope="module")
def media_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("media")
    arts = base / "articles"
    folder = arts / "2019" / "hoi-thi-dan-van-kheo"
    image(folder / "hoi-thi.jpg")
    image(folder / "anh" / "trao-giai.png", (300, 200), "PNG")
    (folder / "ke-hoach.pdf").write_bytes(PDF)
    write_article(arts, "2019/hoi-thi-dan-van-kheo/index.md", title="Hội thi Dân vận khéo", date="2019-10-15",
                  units=["Đảng bộ Các cơ quan tỉnh"],
                  body="Mở đầu.\n\n![Quang cảnh hội thi](hoi-thi.jpg \"Hội thi Dân vận khéo cấp Đảng bộ năm 2019\")\n\n"
                       "Trao giải: ![Trao giải cho các đội](anh/trao-giai.png)\n\n"
                       "Xem [kế hoạch tổ chức](ke-hoach.pdf).\n")
    image(arts / "_media" / "chung" / "bieu-trung.png", (400, 400), "PNG")
    write_article(arts, "2020/bai-dung-anh-chung.md", title="Bài dùng ảnh chung", date="2020-01-02",
                  body="![Biểu trưng Ban Dân vận](../_media/chung/bieu-trung.png)\n")
    bad = arts / "2021" / "anh-loi"
    bad.mkdir(parents=True)
    (bad / "gia.jpg").write_text("không phải ảnh")
    image(arts / "2021" / "sai-hoa-thuong" / "Hoa.jpg", (100, 100))
    image(arts / "2021" / "thieu-alt" / "hoa.jpg", (100, 100))
    write_article(arts, "2021/anh-loi/index.md", title="Ảnh lỗi", date="2021-01-01", body="![Ảnh giả](gia.jpg)\n")
    write_article(arts, "2021/thieu-anh.md", title="Thiếu ảnh", date="2021-01-02", body="![Ảnh](khong-co.jpg)\n")
    write_article(arts, "2021/sai-hoa-thuong/index.md", title="Sai hoa thường", date="2021-01-03",
                  body="![Hoa](hoa.jpg)\n")
    write_article(arts, "2021/thieu-alt/index.md", title="Thiếu alt", date="2021-01-04", body="![](hoa.jpg)\n")
    write_article(arts, "2021/ra-ngoai.md", title="Ra ngoài", date="2021-01-05", body="[x](../../../../etc/passwd.pdf)\n")
    ref = arts / "2021" / "anh-tham-chieu"
    image(ref / "cau.jpg", (800, 600))
    write_article(arts, "2021/anh-tham-chieu/index.md", title="Ảnh kiểu tham chiếu", date="2021-01-06",
                  body="Cây cầu mới: ![Cây cầu mới][p1]\n\n![Ảnh thiếu][p2]\n\n[p1]: cau.jpg \"Cầu treo\"\n[p2]: mat.jpg\n")
    ok = arts / "2021" / "cau-treo"
    image(ok / "cau.jpg", (800, 600))
    write_article(arts, "2021/cau-treo/index.md", title="Cầu treo", date="2021-01-07",
                  body="![Cây cầu treo mới][anh]\n\n[anh]: cau.jpg \"Cầu treo bản Phố\"\n")
    data = base / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "van-ban").mkdir()
    (data / "van-ban" / "06-da-tu.pdf").write_bytes(PDF)
    with open(data / "directives.yml", "a", encoding="utf-8") as registry:
        registry.write("- code: 07-ĐA/TU\n  date: 2017-12-14\n  pdf: van-ban/06-da-tu.pdf\n")
    write_article(arts, "2018/de-an.md", title="Đề án", date="2018-02-01", directives=["07-ĐA/TU"])
    site = base / "site"
    result = build_site(arts, site, env={"ARCHIVE_DATA_DIR": str(data), "SITE_URL": "https://example.org/"})
    return site, result


def test_photo_has_srcset_dimensions_alt_lazy_loading_and_caption(media_site):
    site, _ = media_site
    doc = soup(site / "2019/10/hoi-thi-dan-van-kheo/index.html")
    figure = doc.select_one(".archive-body figure")
    img = figure.img
    assert img["alt"] == "Quang cảnh hội thi"
    assert (img["width"], img["height"]) == ("1200", "800")
    assert img["loading"] == "lazy" and img["sizes"]
    assert img["srcset"] == "hoi-thi-480w.jpg 480w, hoi-thi-960w.jpg 960w, hoi-thi.jpg 1200w"
    assert figure.figcaption.get_text() == "Hội thi Dân vận khéo cấp Đảng bộ năm 2019"
    for name, width in (("hoi-thi-480w.jpg", 480), ("hoi-thi-960w.jpg", 960), ("hoi-thi.jpg", 1200)):
        with Image.open(site / "2019/10/hoi-thi-dan-van-kheo" / name) as published:
            assert published.width == width
    small = doc.select(".archive-body img")[1]
    assert small["alt"] == "Trao giải cho các đội" and small["srcset"] == "anh/trao-giai.png 300w"


def test_attachment_listed_with_type_and_size(media_site):
    site, _ = media_site
    doc = soup(site / "2019/10/hoi-thi-dan-van-kheo/index.html")
    item = doc.select_one(".archive-attachments li")
    assert item.a["href"] == "ke-hoach.pdf" and "PDF" in item.get_text() and "KB" in item.get_text()
    assert (site / "2019/10/hoi-thi-dan-van-kheo/ke-hoach.pdf").read_bytes() == PDF


def test_shared_media_and_social_card_and_thumbnail(media_site):
    site, _ = media_site
    doc = soup(site / "2020/01/bai-dung-anh-chung/index.html")
    img = doc.select_one(".archive-body img")
    assert img["src"] == "../../../media/chung/bieu-trung.png" and (site / "media/chung/bieu-trung.png").exists()
    og = soup(site / "2019/10/hoi-thi-dan-van-kheo/index.html").select_one('meta[property="og:image"]')
    assert og["content"] == "https://example.org/2019/10/hoi-thi-dan-van-kheo/hoi-thi.jpg"
    listing = soup(site / "don-vi/dang-bo-cac-co-quan-tinh/index.html")
    thumb = listing.select_one(".archive-card__image")
    assert thumb["alt"] == "Quang cảnh hội thi" and thumb["width"] == "480" and thumb["loading"] == "lazy"


def test_directive_registry_pdf_on_the_directive_page(media_site):
    site, _ = media_site
    doc = soup(site / "van-ban/07-da-tu-2017/index.html")
    link = [a for a in doc.select(".archive-directive a") if a["href"].endswith(".pdf")][0]
    assert (site / "van-ban/07-da-tu-2017" / link["href"]).read_bytes() == PDF


@pytest.mark.parametrize("article, fragment", [
    ("2021/anh-loi/index.md", "'gia.jpg' is not a readable image"),
    ("2021/thieu-anh.md", "'khong-co.jpg': file not found"),
    ("2021/sai-hoa-thuong/index.md", "different upper/lower case"),
    ("2021/thieu-alt/index.md", "has no alt text"),
    ("2021/ra-ngoai.md", "outside the articles folder"),
])
def test_bad_media_is_a_clear_error_naming_article_and_file(media_site, article, fragment):
    site, result = media_site
    lines = [l for l in result.stderr.splitlines() if f"articles/{article}" in l and ": media: " in l]
    assert lines and fragment in lines[0], result.stderr[-2000:]
    report = json.loads((site / "_archive/report.json").read_text())
    assert f"articles/{article}" in report["report"]["failed"]


def test_no_broken_image_or_link_anywhere(media_site):
    site, _ = media_site
    missing = []
    for page in site.rglob("*.html"):
        doc = soup(page)
        here = "http://site/" + page.relative_to(site).as_posix()
        for tag, attr in (("img", "src"), ("a", "href"), ("img", "srcset")):
            for element in doc.select(f"{tag}[{attr}]"):
                values = [v.strip().split(" ")[0] for v in element[attr].split(",")] if attr == "srcset" else [element[attr]]
                for value in values:
                    parts = urlsplit(urljoin(here, value))
                    if parts.netloc != "site" or page.name == "404.html":
                        continue
                    target = site / parts.path.lstrip("/")
                    if not (target.is_file() or (target / "index.html").is_file()):
                        missing.append((str(page.relative_to(site)), value))
    assert missing == []


def test_resized_images_are_cached(media_site):
    cache = Path(f"{media_site[0]}.cache") / "media"
    assert any(p.name.endswith("-480.jpg") for p in cache.iterdir())


def test_reference_style_images_are_checked_copied_and_rewritten(media_site):
    site, result = media_site
    assert "articles/2021/anh-tham-chieu/index.md" in result.stderr and "mat.jpg" in result.stderr
    assert not (site / "2021/01/anh-tham-chieu").exists()  # the missing photo is an error: not published
    doc = soup(site / "2021/01/cau-treo/index.html")
    img = doc.select_one(".archive-body figure img")
    assert img["alt"] == "Cây cầu treo mới" and img["srcset"] == "cau-480w.jpg 480w, cau.jpg 800w"
    assert doc.select_one(".archive-body figcaption").get_text() == "Cầu treo bản Phố"
    assert (site / "2021/01/cau-treo/cau-480w.jpg").exists()
