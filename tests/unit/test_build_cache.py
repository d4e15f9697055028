import copy
import time

from newsarchive import build_cache


def test_value_key_ignores_which_objects_are_shared():
    card = {"title": "Hội nghị", "units": [{"name": "Ban Dân vận Tỉnh ủy"}]}
    shared = {"related": [card], "newer": card}
    copied = {"related": [copy.deepcopy(card)], "newer": copy.deepcopy(card)}
    assert build_cache.value_key(shared) == build_cache.value_key(copied)
    assert build_cache.value_key(shared) != build_cache.value_key({**shared, "newer": None})


def test_fingerprint_follows_files_but_not_compiled_python(tmp_path):
    code = tmp_path / "hooks"
    (code / "__pycache__").mkdir(parents=True)
    (code / "a.py").write_text("x = 1\n")
    first = build_cache.fingerprint([code], ["vi"])
    (code / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0compiled")
    assert build_cache.fingerprint([code], ["vi"]) == first
    assert build_cache.fingerprint([code], ["en"]) != first
    (code / "a.py").write_text("x = 2\n")
    assert build_cache.fingerprint([code], ["vi"]) != first


def test_foreign_and_corrupt_caches_are_ignored_and_removed(tmp_path):
    build_cache.save_article_memo(tmp_path, "key-1", {"a.md": ("k", "result")})
    assert build_cache.load_article_memo(tmp_path, "key-1") == {"a.md": ("k", "result")}
    assert build_cache.load_article_memo(tmp_path, "key-2") == {}  # another fingerprint
    path = tmp_path / build_cache.ARTICLES_FILE.format(part=build_cache.memo_part("a.md"))
    assert not path.exists()
    build_cache.save_article_memo(tmp_path, "key-1", {"a.md": ("k", "result")})
    data = bytearray(path.read_bytes())
    data[-3] ^= 0xFF  # one flipped byte in the payload
    path.write_bytes(bytes(data))
    assert build_cache.load_article_memo(tmp_path, "key-1") == {}
    assert not path.exists()


def test_a_changed_entry_rewrites_only_its_part_of_the_memo(tmp_path):
    memo = {f"{n}.md": (f"k{n}", f"result {n}") for n in range(200)}
    build_cache.save_article_memo(tmp_path, "key", memo)
    last = build_cache.load_article_memo(tmp_path, "key")
    assert last == memo
    files = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    assert len(files) == build_cache.MEMO_PARTS
    time.sleep(0.01)
    changed = {**last, "7.md": ("k7 new", "result 7 new")}
    build_cache.save_article_memo(tmp_path, "key", changed, last)
    rewritten = {p.name for p in tmp_path.iterdir() if p.stat().st_mtime_ns != files[p.name]}
    assert rewritten == {build_cache.ARTICLES_FILE.format(part=build_cache.memo_part("7.md"))}
    assert build_cache.load_article_memo(tmp_path, "key") == changed
    del changed["7.md"]  # a deleted article: its part too
    build_cache.save_article_memo(tmp_path, "key", changed, build_cache.load_article_memo(tmp_path, "key"))
    assert build_cache.load_article_memo(tmp_path, "key") == changed


def test_only_self_contained_articles_are_memoised():
    assert build_cache.memoisable("---\ntitle: A\n---\nNội dung.\n".encode())
    assert not build_cache.memoisable(b"---\ntitle: A\n---\n![Anh](anh.jpg)\n")
    assert not build_cache.memoisable(b"---\ntitle: A\n---\n[tep]: tep.pdf\n")
    assert not build_cache.memoisable(b'---\ntitle: A\n---\n<img src="x.png">\n')


def test_a_restore_that_fails_leaves_an_empty_staging_folder(tmp_path):
    """A manifest that checks out but cannot be used (here without its shard list) fails the
    restore after the links were made: the build goes on cold, with none of those links."""
    cache_dir, staging = tmp_path / "cache", tmp_path / "staging"
    (cache_dir / build_cache.SITE_FOLDER).mkdir(parents=True)
    (cache_dir / build_cache.SITE_FOLDER / "index.html").write_text("trang cũ", encoding="utf-8")
    build_cache._write(cache_dir / build_cache.MANIFEST_FILE, "k", {"files": {}})
    staging.mkdir()
    cache = build_cache.SiteRestore(cache_dir, "k", staging).result()
    assert not cache.warm and list(staging.iterdir()) == []


def test_files_under_lists_every_file_but_the_skipped_shards_with_find_or_without(tmp_path, monkeypatch):
    for path in ["index.html", "2015/03/bai/index.html", "pagefind/pagefind.js", "pagefind-2/x.pf_meta",
                 "pagefind-22/y", "van-ban/a b/feed.xml", "dòng\nmới.txt"]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x")
    (tmp_path / "empty-folder").mkdir()
    expected = ["2015/03/bai/index.html", "dòng\nmới.txt", "index.html", "pagefind-22/y", "van-ban/a b/feed.xml"]
    assert sorted(build_cache._files_under(tmp_path, ["pagefind", "pagefind-2"])) == expected
    monkeypatch.setattr(build_cache.shutil, "which", lambda name: None)  # the os.walk way
    assert sorted(build_cache._files_under(tmp_path, ["pagefind", "pagefind-2"])) == expected
    build_cache.keep_only(tmp_path, {"index.html"}, ["pagefind"])
    assert sorted(build_cache._files_under(tmp_path, [])) == ["index.html", "pagefind/pagefind.js"]
