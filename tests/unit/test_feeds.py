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


def test_a_feed_key_follows_its_entries_and_only_them():
    from newsarchive.feeds import ENTRIES, feeds_of

    def keys(**changed):
        items = [article(f"2021/b{n:02d}.md", date=f"2021-08-{n:02d}", units=["Ban Dân vận Tỉnh ủy"],
                         **{"title": f"Bài {n}", **(changed if n == 1 else {})}) for n in range(1, ENTRIES + 3)]
        return {feed.path: feed.key for feed in feeds_of(plan(items), "https://x.vn/", "Lưu trữ")}
    base = keys()
    assert keys() == base
    assert keys(title="Bài một đã sửa") == base  # the oldest, not among the latest ENTRIES
    items = [article("2021/a.md", title="Một", units=["Ban Dân vận Tỉnh ủy"]), article("2021/b.md", title="Hai")]
    first = {f.path: f.key for f in feeds_of(plan(items), "https://x.vn/", "Lưu trữ")}
    items[1] = article("2021/b.md", title="Hai đã sửa")
    second = {f.path: f.key for f in feeds_of(plan(items), "https://x.vn/", "Lưu trữ")}
    assert first["feed.xml"] != second["feed.xml"]  # b is in the site's feed
    assert first["don-vi/ban-dan-van-tinh-uy/feed.xml"] == second["don-vi/ban-dan-van-tinh-uy/feed.xml"]
