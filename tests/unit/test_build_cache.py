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


def _tree(root):
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_ino) for p in sorted(root.rglob("*")) if p.is_file()}


def test_an_early_copy_finished_at_save_equals_a_copy_linked_at_the_end(tmp_path, monkeypatch):
    """The copy a cold build links while Pagefind runs leaves the shards out; at save it gets
    them, files written since and files replaced since (another inode): the same copy, with
    the same manifest, as linking the finished site -- with GNU cp or file by file."""
    for use_cp in (True, False):
        if not use_cp:
            monkeypatch.setattr(build_cache.shutil, "which", lambda name: None)
        root = tmp_path / ("cp" if use_cp else "python")
        site, produced = root / "site", {}
        for path in ["index.html", "2015/03/bai/index.html", "van-ban/16-ct-tu/index.html", "mkdocs-own.js"]:
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_text(path, encoding="utf-8")
        (site / "pagefind").mkdir()
        (site / "pagefind" / "half-written.pf_meta").write_text("...")
        produced = {p: "k-" + p for p in ["index.html", "2015/03/bai/index.html", "van-ban/16-ct-tu/index.html"]}

        early = build_cache.EarlyCopy(root / "cache", site, ["pagefind"])
        assert early.result() == root / "cache" / build_cache.EARLY_FOLDER
        assert not (early.folder / "pagefind").exists() and (early.folder / "2015/03/bai/index.html").exists()
        (site / "pagefind" / "done.pf_meta").write_text("xong")  # Pagefind finishes
        (site / "report.json").write_text("{}")  # written after the wait
        (site / "index.html").unlink()
        (site / "index.html").write_text("trang chủ mới", encoding="utf-8")  # replaced: another inode
        produced.update({"report.json": "k-r"})
        cache = build_cache.SiteCache(site, produced=dict(produced), produced_shards={"pagefind": ("s", 1)})

        assert build_cache.save_site(root / "cache", "key", site, cache, early=early)
        copy = root / "cache" / build_cache.SITE_FOLDER
        assert not early.folder.exists()
        site_files = {path: value for path, value in _tree(site).items() if path != "mkdocs-own.js"}
        assert _tree(copy) == site_files  # same bytes, same inodes: hard links of the site
        manifest = build_cache._read(root / "cache" / build_cache.MANIFEST_FILE, "key")
        assert set(manifest["files"]) == set(produced) and manifest["shards"] == {"pagefind": ("s", 1)}
