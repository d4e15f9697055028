"""The search index's chunk size reaches Pagefind (an environment variable its 1.5.2 reads,
named UNSTABLE upstream): if an upgrade stops reading it, queries silently download more."""
import random

from newsarchive.search_index import build_search_index, plan_search

WORDS = [a + b for a in ("b", "c", "d", "đ", "h", "l", "m", "n", "t", "v") for b in ("an", "ân", "ăng", "ôi", "uy", "ương")]


def _site(root):
    rng = random.Random(7)
    for number in range(40):
        text = " ".join(rng.choice(WORDS) for _ in range(150))
        page = root / "2021" / "05" / f"bai-{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<!doctype html><html lang="vi"><head><title>Bài {number}</title></head><body>'
                        f'<article data-pagefind-body><h1>Bài {number}</h1><p>{text}</p></article></body></html>',
                        encoding="utf-8")


def _chunk_files(site):
    return sorted((site / "pagefind" / "index").glob("*.pf_index"))


def test_smaller_chunks_make_more_index_files(tmp_path):
    default, small = tmp_path / "default", tmp_path / "small"
    for site, chunk_size in ((default, None), (small, 300)):
        documents = site.with_name(site.name + "-documents")
        _site(documents)
        site.mkdir()
        result = build_search_index(plan_search({2021: 40}, 5000), documents, site, chunk_size=chunk_size)
        assert result.pages == 40
    # 6,000 word occurrences: one chunk under Pagefind's default, about twenty at 300
    assert len(_chunk_files(default)) == 1
    assert len(_chunk_files(small)) >= 10
