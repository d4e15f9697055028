"""Search documents (search_documents.py): Pagefind indexes one small document per article,
not the published pages; the documents folder is reused by the next build only as far as it
checks out."""
from __future__ import annotations

import json
import os

from conftest import build_site, write_article
from newsarchive.search_documents import MANIFEST, SearchDocuments


def _write(documents: SearchDocuments, path: str, text: str, key: str) -> None:
    target = documents.folder / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    documents.record(path, key)


def test_a_document_is_current_only_as_recorded(tmp_path):
    folder = tmp_path / "documents"
    documents = SearchDocuments.open(folder, "fingerprint-1")
    _write(documents, "2021/08/a/index.html", "<p>một</p>", "key-a")
    assert documents.current("2021/08/a/index.html", "key-a")
    assert not documents.current("2021/08/a/index.html", "key-b")  # another record
    assert not documents.current("2021/08/b/index.html", "key-a")  # never written
    documents.save()

    again = SearchDocuments.open(folder, "fingerprint-1")
    assert again.current("2021/08/a/index.html", "key-a")
    (folder / "2021/08/a/index.html").write_text("<p>đã sửa tay</p>", encoding="utf-8")  # someone wrote into it
    assert not again.current("2021/08/a/index.html", "key-a")


def test_another_fingerprint_or_a_broken_manifest_empties_the_folder(tmp_path):
    folder = tmp_path / "documents"
    documents = SearchDocuments.open(folder, "fingerprint-1")
    _write(documents, "2021/08/a/index.html", "<p>một</p>", "key-a")
    documents.save()
    other = SearchDocuments.open(folder, "fingerprint-2")
    assert not other.current("2021/08/a/index.html", "key-a")
    assert not (folder / "2021").exists()

    _write(other, "2021/08/a/index.html", "<p>một</p>", "key-a")
    other.save()
    (folder / MANIFEST).write_text("{không phải json", encoding="utf-8")
    assert not SearchDocuments.open(folder, "fingerprint-2").known
    assert not (folder / "2021").exists()


def test_keep_only_deletes_documents_of_articles_no_longer_there(tmp_path):
    documents = SearchDocuments.open(tmp_path / "documents", "f")
    for path in ("2021/08/a/index.html", "2021/09/b/index.html", "2022/01/c/index.html"):
        _write(documents, path, "<p>x</p>", "k")
    documents.keep_only({"2021/08/a/index.html"}, ("2021/",))
    assert not (documents.folder / "2021/09/b/index.html").exists()
    assert (documents.folder / "2021/08/a/index.html").exists()
    assert (documents.folder / "2022/01/c/index.html").exists()  # another shard's year: not touched
    assert set(documents.known) == {"2021/08/a/index.html", "2022/01/c/index.html"}


def _search_records(site) -> int:
    return json.loads((site / "_archive" / "report.json").read_text(encoding="utf-8"))["report"]["search_records"]


def test_pages_carry_no_search_markup_and_the_index_follows_the_articles(tmp_path, articles_dir):
    for n in range(30):
        write_article(articles_dir, f"2021/bai-{n}.md", title=f"Đổi mới công tác dân vận {n}", date="2021-08-02",
                      units=["Ban Dân vận Tỉnh ủy"], body="Nội dung đặc biệt. " * 20)
    site = tmp_path / "site"
    env = {"SITE_URL": "https://luutru.example.vn/"}
    build_site(articles_dir, site, env=env)
    page = (site / "2021/08/bai-3/index.html").read_text(encoding="utf-8")
    assert "Đổi mới công tác dân vận 3" in page and "data-pagefind" not in page
    documents = tmp_path / "site.cache" / "search" / "build"
    document = (documents / "2021/08/bai-3/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in document and 'data-pagefind-filter="units">Ban Dân vận Tỉnh ủy' in document
    assert "archive-related" not in document  # the article only, not its page
    assert _search_records(site) == 30

    os.remove(articles_dir / "2021/bai-3.md")  # a warm build: the deleted article leaves the index
    build_site(articles_dir, site, env=env)
    assert not (documents / "2021/08/bai-3").exists()
    assert _search_records(site) == 29
    fragments = list((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert len(fragments) == 29
