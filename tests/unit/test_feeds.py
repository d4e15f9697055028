"""Atom feeds from a SitePlan: parse, absolute links, partial dates, hostile titles escaped."""
import feedparser

from builders import article, plan
from newsarchive.feeds import build_feeds


def test_site_and_term_feeds():
    items = [article("2021/a.md", title="Bài <b>&</b> \"một\"", date="2021-08", units=["Ban Dân vận Tỉnh ủy"]),
             article("2021/b.md", title="Bài hai", date="2021-08-03T10:00:00+07:00")]
    feeds = dict(build_feeds(plan(items), "https://x.vn/", "Lưu trữ"))
    assert set(feeds) == {"feed.xml", "don-vi/ban-dan-van-tinh-uy/feed.xml"}
    parsed = feedparser.parse(feeds["feed.xml"])
    assert not parsed.bozo
    # a month-only date stands for the end of its month in listings (newest first)
    assert [e.title for e in parsed.entries] == ['Bài <b>&</b> "một"', "Bài hai"]
    assert parsed.entries[0].link == "https://x.vn/2021/08/a/" and parsed.entries[0].summary.startswith("Tháng 8 năm 2021")


def test_no_site_url_no_feeds():
    assert build_feeds(plan([article()]), "", "x") == []
