"""Importer: furniture removal, field extraction, idempotence, --force, bad inputs."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SHARED
from newsarchive.importer.legacy import EncodingRefused, decode_legacy, tcvn3_to_unicode
from newsarchive.importer.markdown_out import render
from newsarchive.importer.portal_page import NotAnArticle, parse_portal, text_blocks
from newsarchive.importer.run import draft_from_bytes, import_files
from newsarchive.pipeline import load_registries
from newsarchive.reading import parse_article_text
from newsarchive.settings import ArchiveSettings

SEEDS = SHARED / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
BODY = ("Năm 2019, Ban Dân vận Tỉnh ủy đã chỉ đạo triển khai nhiều hoạt động thiết thực, hiệu quả trong "
        "toàn tỉnh với sự tham gia của đông đảo cán bộ, đảng viên và Nhân dân.")


@pytest.fixture(scope="module")
def registries():
    regs, _ = load_registries(ArchiveSettings.from_config(ROOT, {}))
    return regs


def parse(text: str):
    return parse_portal(text_blocks(text))


def body_text(draft) -> str:
    return "\n".join(b.text for b in draft.body)


FURNITURE = {
    "view counter": ("Tiêu đề bài\nLượt xem: 178\n\n" + BODY, 178),
    "view counter after": ("Tiêu đề bài\n2189 Lượt xem\n\n" + BODY, 2189),
    "read counter": ("Tiêu đề bài\nSố lần đọc: 69985\n\n" + BODY, 69985),
}


@pytest.mark.parametrize("name", FURNITURE)
def test_view_counters_become_provenance(name):
    text, views = FURNITURE[name]
    draft = parse(text)
    assert draft.views == views and "xem" not in body_text(draft).lower() and "đọc:" not in body_text(draft)


@pytest.mark.parametrize("furniture", [
    "Thống kê truy cập\n  • Đang online: 12\n  • Hôm nay: 1,462\n  • Trong tuần: 2,853\n  • Tất cả: 626,721",
    "Đăng nhập",
    "PublishingPortal - Block_BanTin_Toolbar",
    "Tăng cỡ chữ Giảm cỡ chữ",
    "In bài viết\nChia sẻ\nGửi email",
    "Bình luận\n\nHiện tại chưa có bình luận\n\nViết bình luận",
    "Tin liên quan\nĐăng kiểm xe cơ giới: Khâu quan trọng để đảm bảo an toàn\nĐến Trung tâm Đăng kiểm...",
    "anh-hoi-nghi-2019.jpg",
    "Quang cảnh hội nghị ảnh 1",
])
def test_furniture_is_removed(furniture):
    draft = parse(f"Tiêu đề bài viết\n\n{BODY}\n\n{furniture}\n\n{BODY.replace('2019', '2020')}\n")
    text = body_text(draft)
    for line in filter(str.strip, furniture.splitlines()):
        assert line.strip() not in text
    assert draft.dropped


def test_header_furniture_breadcrumb_hotline_and_clock():
    draft = parse("Hotline: 0214.3840.123\nTrang chủ > Tin tức > Dân vận\nThứ năm, 25/04/2024, 20:37 [GMT+7]\n"
                  "Tiêu đề bài viết\nThứ ba, 16/01/2018 - 21:39'\n" + BODY)
    assert draft.title == "Tiêu đề bài viết"
    assert draft.date == "2018-01-16T21:39:00+07:00"  # the line under the title, not the page clock
    assert draft.retrieved == "2024-04-25"
    assert body_text(draft) == BODY


def test_the_page_clock_is_never_the_publication_date():
    draft = parse("Thứ năm, 25/04/2024, 20:37 [GMT+7]\nTiêu đề không ghi năm\n" + BODY)
    assert draft.date == 2019 and draft.retrieved == "2024-04-25"
    assert any("latest year the text mentions" in r for r in draft.review)


def test_no_date_and_no_year_is_a_draft_saying_what_was_seen():
    """Never lose an article: without a date it is a draft whose review says what the page showed."""
    import datetime as dt
    draft = parse_portal(text_blocks(
        "Tiêu đề bài viết hôm nay\nSáng 26/11, tại hội trường, một đoạn văn không có năm nào cả, chỉ có chữ mà "
        "thôi, đủ dài để thành một đoạn văn của bài."), today=dt.date(2024, 5, 1))
    assert draft.draft and draft.date == 2024 and draft.title == "Tiêu đề bài viết hôm nay"
    assert any("Sáng 26/11" in r and "day and month, no year" in r for r in draft.review), draft.review


@pytest.mark.parametrize("signature, authors", [
    ("Bài, ảnh: Trần Minh Tuấn", ["Trần Minh Tuấn"]),
    ("Bài và ảnh: Hương Dịu", ["Hương Dịu"]),
    ("Tin: Thanh Hiền - Lý Thị Vinh", ["Thanh Hiền", "Lý Thị Vinh"]),
    ("Đặng Nguyệt", ["Đặng Nguyệt"]),
])
def test_signature_becomes_authors(signature, authors):
    draft = parse(f"Tiêu đề\n{BODY}\n\n            {signature}\nThông tin mới nhất\nTin khác")
    assert draft.authors == authors and signature.strip() not in body_text(draft)


def test_agency_prefix_becomes_publisher():
    draft = parse(f"Tiêu đề\n(BLC) – {BODY}")
    assert draft.publisher == "Báo Lào Cai" and body_text(draft) == BODY


@needs_seeds
@pytest.mark.parametrize("name, title, date, authors, views, publisher, summary_start", [
    ("000_449f5fbab017e640.txt", "Ban Dân vận vận Tỉnh ủy tiếp tục thực hiện có hiệu quả phong trào thi đua năm 2021",
     2021, ["Đặng Nguyệt"], 178, "", ""),
    ("001_ce509104d9e5d688.txt", "Đảng bộ Các cơ quan tỉnh nâng cao chất lượng phong trào “Dân vận khéo”",
     "2020-09-23", ["Hương Dịu"], None, "", "Những năm qua"),
    ("002_3a2b383f75a8ad9d.txt", "Kết quả công tác dân vận tỉnh Lào Cai 6 tháng đầu năm, nhiệm vụ trọng tâm 6 tháng cuối năm 2021",
     2021, ["Lý Thị Vinh"], 231, "", ""),
    ("003_c7a3783573dbcf60.txt", "Ban Dân vận Tỉnh ủy khen thưởng 9 tập thể có thành tích xuất sắc",
     "2018-01-16T21:39:00+07:00", ["Thanh Hiền"], None, "Báo Lào Cai", ""),
    ("004_a6143bf96c51f2fc.txt", "Công tác dân vận, Quy chế dân chủ ở cơ sở và phong trào thi đua \"Dân vận khéo\" "
     "của Đảng ủy Khối Doanh nghiệp năm 2017", 2017, ["Trần Minh Tuấn"], None, "", "Ban Dân vận Tỉnh ủy nắm"),
])
def test_seed_fields(name, title, date, authors, views, publisher, summary_start):
    draft, warnings = draft_from_bytes((SEEDS / name).read_bytes())
    assert warnings == []
    assert (draft.title, draft.date, draft.authors, draft.views, draft.publisher) == (title, date, authors, views, publisher)
    assert draft.summary.startswith(summary_start) if summary_start else draft.summary == ""
    body = body_text(draft)
    for furniture in ("Lượt xem", "Thống kê truy cập", "Đăng nhập", "PublishingPortal", "Tăng cỡ chữ", "Bình luận",
                      "Đăng kiểm xe", "GMT+7", "Đang online", "(BLC)", "Hội thi Dân vận khéo cấp Đảng bộ năm 2019"):
        assert furniture not in body, furniture
    if isinstance(date, int):  # partial date: flagged with its evidence
        assert draft.review and f"year {date} taken from the title" in draft.review[0]


@needs_seeds
def test_seed_units_and_campaigns_suggested_from_registries(registries):
    from newsarchive.importer.run import suggest_terms
    draft, _ = draft_from_bytes((SEEDS / "004_a6143bf96c51f2fc.txt").read_bytes())
    suggest_terms(draft, registries.units, registries.campaigns)
    # the title's and lead's first, then those the body names by a specific alias ("Ban Thường vụ Tỉnh ủy")
    assert draft.units == ["Đảng ủy Khối Doanh nghiệp", "Ban Dân vận Tỉnh ủy", "Tỉnh ủy Lào Cai"]
    assert "Dân vận khéo" in draft.campaigns


def test_html_page_scripts_and_chrome_never_reach_the_article():
    html = f"""<!doctype html><html><head><title>Hội nghị dân vận - Cổng TTĐT</title>
    <link rel="canonical" href="https://bdvtu.laocai.gov.vn/tin-tuc/hoi-nghi-123.html">
    <meta property="og:title" content="Hội nghị dân vận <script>alert(1)</script>">
    <script>var x = "<p>evil</p>";</script><style>p {{color:red}}</style></head>
    <body><nav><a href="/">Trang chủ</a><a href="/tin">Tin tức</a></nav>
    <article><h1>Hội nghị dân vận</h1><p class="date">02/08/2021</p>
    <p>{BODY} &lt;script&gt;alert(2)&lt;/script&gt;</p><h2>Kết quả</h2><ul><li>Mục một</li></ul>
    <p onclick="alert(3)">Đoạn <b>thứ hai</b> của bài, có <a href="javascript:alert(4)">liên kết</a>.</p>
    <script>alert(5)</script><p>Thanh Hiền</p></article>
    <footer>Bản quyền thuộc về Ban Dân vận</footer><form><input name=q></form></body></html>"""
    draft, _ = draft_from_bytes(html.encode())
    assert draft.title == "Hội nghị dân vận" and draft.date == "2021-08-02" and draft.authors == ["Thanh Hiền"]
    assert draft.url == "https://bdvtu.laocai.gov.vn/tin-tuc/hoi-nghi-123.html"
    assert draft.aliases == ["/tin-tuc/hoi-nghi-123.html"]
    text = render(draft)
    raw, issues = parse_article_text(text, Path("x.md"), "x.md")
    assert issues == []
    assert "<script" not in raw.body and "alert(5)" not in raw.body and "onclick" not in raw.body
    assert "&lt;script&gt;alert(2)" in raw.body  # text that *shows* a tag stays text
    assert "## Kết quả" in raw.body and "- Mục một" in raw.body
    assert "Bản quyền" not in raw.body and "Trang chủ" not in raw.body


def test_markdown_special_characters_in_text_are_escaped():
    draft = parse(f"Tiêu đề\n{BODY}\n# không phải tiêu đề\n1. không phải danh sách *nhấn* [liên kết](x)")
    raw, _ = parse_article_text(render(draft), Path("x.md"), "x.md")
    assert "\\# không phải" in raw.body and "1\\. không" in raw.body and "\\*nhấn\\*" in raw.body


def test_tcvn3_text_is_converted_with_a_warning():
    unicode_text = "ban dân vận tỉnh ủy lào cai tổ chức hội nghị tổng kết công tác dân vận năm 2017"
    reverse = {v: k for k, v in __import__("newsarchive.encodings", fromlist=["_TCVN3"])._TCVN3.items()}
    tcvn3 = "".join(reverse.get(ch, ch) for ch in unicode_text)
    assert tcvn3_to_unicode(tcvn3) == unicode_text
    text, warnings = decode_legacy(tcvn3.encode("latin-1"))
    assert text == unicode_text and "TCVN3" in warnings[0]


@pytest.mark.parametrize("data, fragment", [
    (b"\x00\x01\x02binary\x00", "binary"),
    ("Xin chaøo caùc baïn, Vieät Nam ñoàng chí ñaõ toå chöùc hoäi nghò toång keát".encode("cp1252"), "VNI"),
])
def test_unconvertible_input_is_refused_clearly(data, fragment):
    with pytest.raises(EncodingRefused, match=fragment):
        decode_legacy(data)


def _run_import(tmp_path, *sources, extra=()):
    return subprocess.run([str(ROOT / "scripts/archive"), "import", *map(str, sources), "--out", str(tmp_path / "out"),
                           "--report", str(tmp_path / "report.json"), *extra], capture_output=True, text=True)


def test_bad_inputs_fail_with_reasons_and_nonzero_exit(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in/empty.txt").write_bytes(b"")
    (tmp_path / "in/binary.txt").write_bytes(b"\x00\xff\x00\xfe")
    (tmp_path / "in/notitle.html").write_text("<html><body><script>x()</script></body></html>")
    (tmp_path / "in/good.txt").write_text(f"Tiêu đề tốt\n02/08/2021\n{BODY}\n")
    result = _run_import(tmp_path, tmp_path / "in")
    assert result.returncode == 1
    report = {Path(r["input"]).name: r for r in json.loads((tmp_path / "report.json").read_text())}
    assert report["good.txt"]["status"] == "written"
    # only unreadable input fails; a page without an article is reported as such, written nowhere
    assert report["binary.txt"]["status"] == "failed" and "binary" in report["binary.txt"]["error"]
    assert {report[n]["status"] for n in ("empty.txt", "notitle.html")} == {"not_article"}
    assert "not an article" in report["notitle.html"]["error"]
    assert (tmp_path / "out/2021/tieu-de-tot.md").exists()


@needs_seeds
def test_import_is_idempotent_and_respects_editors(tmp_path):
    first = _run_import(tmp_path, SEEDS)
    assert first.returncode == 0, first.stderr
    files = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*.md")}
    assert len(files) == 5
    second = _run_import(tmp_path, SEEDS)
    assert second.returncode == 0 and "5 unchanged" in second.stderr
    assert {p: p.read_bytes() for p in (tmp_path / "out").rglob("*.md")} == files
    edited = next(p for p in files if "khen-thuong" in p.name)
    edited.write_text(edited.read_text().replace("Thanh Hiền", "Thanh Hiền (sửa)"))
    third = _run_import(tmp_path, SEEDS)
    assert "kept as an editor changed it" in third.stdout and "Thanh Hiền (sửa)" in edited.read_text()
    forced = _run_import(tmp_path, SEEDS, extra=["--force"])
    assert forced.returncode == 0 and edited.read_bytes() == files[edited]


@needs_seeds
def test_reimporting_the_seeds_reproduces_the_bundled_articles(tmp_path, registries):
    """Everything but the fields an editor corrected by hand, which are flagged, not overwritten."""
    articles = tmp_path / "articles"
    shutil.copytree(ROOT / "articles", articles)
    before = {p: p.read_bytes() for p in articles.rglob("*.md")}
    results = import_files([SEEDS], articles, registries.units, registries.campaigns,
                           publisher="Ban Dân vận Tỉnh ủy Lào Cai")
    assert {p: p.read_bytes() for p in articles.rglob("*.md")} == before
    corrected = {"title", "slug", "review", "units", "campaigns"}
    for result in results:
        assert result.status in ("kept_edited", "unchanged"), result
        if result.status == "kept_edited":
            fields = set(result.review[0].split(": ", 1)[1].split(", "))
            assert fields <= corrected, (result.input, fields)


def test_saved_photos_are_kept_in_an_article_folder_others_dropped(tmp_path):
    from PIL import Image
    page = tmp_path / "in" / "trang.html"
    (page.parent / "trang_files").mkdir(parents=True)
    Image.new("RGB", (800, 600), (10, 20, 30)).save(page.parent / "trang_files" / "Ảnh 1.JPG", "JPEG")
    page.write_text(f"""<html><head><title>Hội nghị có ảnh</title></head><body><article>
        <h1>Hội nghị có ảnh</h1><p>02/08/2021</p><p>{BODY}</p>
        <figure><img src="trang_files/%E1%BA%A2nh%201.JPG" alt="Quang cảnh hội nghị"></figure>
        <img src="https://cdn.example/xa.jpg" alt="ảnh ở máy chủ khác"><img src="1.png" alt="">
        <p>Đoạn cuối của bài viết, đủ dài để là một đoạn văn.</p></article></body></html>""", encoding="utf-8")
    result = _run_import(tmp_path, page)
    assert result.returncode == 0, result.stdout + result.stderr
    article = tmp_path / "out/2021/hoi-nghi-co-anh/index.md"
    text = article.read_text()
    assert "![Quang cảnh hội nghị](anh-1.jpg)" in text and (article.parent / "anh-1.jpg").is_file()
    assert "xa.jpg" not in text and "1.png" not in text
    report = json.loads((tmp_path / "report.json").read_text())[0]
    assert any("cdn.example" in d for d in report["dropped"]) and any("1.png" in d for d in report["dropped"])


SAMPLES = SHARED / "portal-samples"
needs_samples = pytest.mark.skipif(not (SAMPLES / "SOURCES.tsv").is_file(), reason="../shared/portal-samples not present")


@needs_samples
def test_portal_samples_scored_against_their_answer_key(tmp_path, registries):
    """The whole samples folder through the importer, read back from disk and scored field by
    field against SOURCES.tsv (the table `scripts/archive import --score` prints)."""
    from newsarchive.importer.score import score_import, score_table
    pages = tmp_path / "pages"
    pages.mkdir()
    for page in SAMPLES.glob("[0-9]*.txt"):
        shutil.copy(page, pages / page.name)
    results = import_files([pages], tmp_path / "out", registries.units, registries.campaigns)
    scores = score_import(SAMPLES / "SOURCES.tsv", SAMPLES, results, tmp_path / "out")
    print(score_table(scores))
    by_file = {s.file: s for s in scores}
    assert by_file["26_baolaichau-menu-only.txt"].status == "not_article"
    assert not [s.file for s in scores if s.status == "failed"]  # never lose an article
    assert sum(bool(s.title) for s in scores) >= 24
    assert all(s.date for s in scores if s.date is not None)
    assert all(s.author for s in scores if s.author is not None)
    assert sum(s.codes_found for s in scores) == sum(s.codes_expected for s in scores)
    assert sum(1 for s in scores if s.furniture_left) <= 1
    assert all(s.longest_kept for s in scores if s.longest_kept is not None)
    # a second run: everything unchanged, needs-review ones included
    again = import_files([pages], tmp_path / "out", registries.units, registries.campaigns)
    assert {r.status for r in again} == {"unchanged", "not_article"}


def test_an_interrupted_import_continues_where_it_stopped(tmp_path, registries, monkeypatch):
    """Ctrl-C after the second file: no half-written file, and the next run writes the rest
    and reports the first two as unchanged (not as edited by someone)."""
    from newsarchive.importer import run
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(4):
        (pages / f"p{n}.txt").write_text(f"Hội nghị dân vận số {n} của tỉnh\n02/08/2021\n{BODY}\n", encoding="utf-8")
    real = run._write_atomic
    calls = {"n": 0}

    def interrupted(target, data):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        real(target, data)
    monkeypatch.setattr(run, "_write_atomic", interrupted)
    with pytest.raises(KeyboardInterrupt):
        import_files([pages], tmp_path / "out", registries.units, registries.campaigns)
    monkeypatch.setattr(run, "_write_atomic", real)
    leftovers = [p.name for p in (tmp_path / "out").rglob("*") if p.is_file() and not p.name.endswith(".md")
                 and not p.name.startswith(".import-")]
    assert leftovers == [] and len(list((tmp_path / "out").rglob("*.md"))) == 2
    results = import_files([pages], tmp_path / "out", registries.units, registries.campaigns)
    assert sorted(r.status for r in results) == ["unchanged", "unchanged", "written", "written"]
    assert not (tmp_path / "out" / run.JOURNAL).exists()


def test_saved_html_goes_through_trafilatura(registries):
    """A saved news page: trafilatura finds the main text (not the sidebar's teasers or the
    header clock); our rules pick title, dateline and signature."""
    html = f"""<!doctype html><html lang="vi"><head><title>Hội nghị dân vận năm 2021 - Cổng TTĐT</title>
    <link rel="canonical" href="https://bdvtu.laocai.gov.vn/tin-tuc/hoi-nghi-123.html"></head>
    <body><header><div class="clock">Thứ năm, 25/04/2024, 20:37 [GMT+7]</div>
    <nav><a href="/">Trang chủ</a> <a href="/tin">Tin tức</a></nav></header>
    <aside><h3>Tin mới</h3><ul><li><a href="/a">Một bài khác về chuyện khác hẳn</a></li></ul></aside>
    <article><h1>Hội nghị dân vận năm 2021</h1><p class="date">02/08/2021 - 08:15</p>
    <p>{BODY}</p><p>Đoạn thứ hai của bài, Ban Dân vận Tỉnh ủy tổng kết và đề ra nhiệm vụ cho năm tới với nhiều chỉ tiêu.</p>
    <p>Thanh Hiền</p></article><footer>Bản quyền thuộc về Ban Dân vận</footer></body></html>"""
    draft, _ = draft_from_bytes(html.encode())
    assert draft.title == "Hội nghị dân vận năm 2021" and draft.date == "2021-08-02T08:15:00+07:00"
    assert draft.authors == ["Thanh Hiền"] and not draft.draft
    body = "\n".join(b.text for b in draft.body)
    assert "Một bài khác" not in body and "Bản quyền" not in body and "Trang chủ" not in body


def test_a_page_of_a_mirrored_site_keeps_its_old_address_as_an_alias(tmp_path, registries):
    page = tmp_path / "mirror" / "bdvtu.laocai.gov.vn" / "tin-tuc" / "hoi-nghi" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(f"<html><body><article><h1>Hội nghị dân vận năm 2021</h1><p>02/08/2021</p><p>{BODY}</p>"
                    f"</article></body></html>", encoding="utf-8")
    results = import_files([tmp_path / "mirror"], tmp_path / "out", registries.units, registries.campaigns)
    raw, _issues = parse_article_text((tmp_path / "out" / results[0].output).read_text(encoding="utf-8"),
                                      Path("x.md"), "x.md")
    assert raw.meta["aliases"] == ["/tin-tuc/hoi-nghi/"]
    assert raw.meta["source"]["url"] == "https://bdvtu.laocai.gov.vn/tin-tuc/hoi-nghi/"


def test_saved_html_where_trafilatura_finds_nothing_falls_back_to_the_article_element(monkeypatch):
    """When trafilatura finds no main text, BeautifulSoup's largest <article> is read instead."""
    from newsarchive.importer import html_text, run
    assert html_text.extracted_blocks("<html><body></body></html>") is None
    monkeypatch.setattr(run, "extracted_blocks", lambda html: None)
    html = (f"<html><body><nav>Trang chủ</nav><article><h1>Hội nghị dân vận</h1><p>02/08/2021</p>"
            f"<p>{BODY}</p></article><footer>Bản quyền</footer></body></html>")
    draft, _ = draft_from_bytes(html.encode())
    assert draft.title == "Hội nghị dân vận" and draft.date == "2021-08-02"
    body = "\n".join(b.text for b in draft.body)
    assert body == BODY and "Trang chủ" not in body and "Bản quyền" not in body


@pytest.mark.parametrize("page", [
    "<html><body>" + "<div>" * 5000 + BODY + "</div>" * 5000 + "</body></html>",  # deeper than the stack
    "<html><body>" + "<span>" * 20000 + BODY + "</body></html>",  # unclosed, text after the last block
])
def test_deeply_nested_html_is_read_not_crashed(page):
    draft, _ = draft_from_bytes(page.encode())
    assert BODY in "\n".join(b.text for b in draft.body) or BODY.startswith(draft.title.rstrip(" …"))
