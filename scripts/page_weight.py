"""Bytes a reader's browser downloads per page type, measured in Chromium (part of `bench`).

Cold cache; every response counted as a static host transfers it (text gzipped, see
`_transferred`). The search
query cost is compared with Pagefind's own single index over the same article pages, loaded
the same way (the first 20 results' fragments), so our year shards are seen to cost the
reader nothing extra -- or what they cost. Twice: with Pagefind's default index chunks (what a
user of Pagefind alone gets) and with our chunk size (what the shards themselves add).
"""
from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
QUERY = "dân vận"
BUDGET_KB = {"article": 300, "search_before_query": 500}
_REFERENCE_PAGE = """<!doctype html><meta charset=utf-8><title>reference</title><script type=module>
const pagefind = await import("./pagefind/pagefind.js");
await pagefind.options({excerptLength: 30});
const search = await pagefind.search(new URLSearchParams(location.search).get("q"));
await Promise.all(search.results.slice(0, 20).map(r => r.data()));
document.title = "done " + search.results.length;
</script>"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def _served(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def _sample_pages(site: Path) -> dict[str, str]:
    """One page of each type; the article is the largest one (the worst case)."""
    articles = [p for p in site.glob("[0-9]*/**/index.html")
                if "trang" not in p.parts and 'class="archive-article"' in p.read_text(encoding="utf-8", errors="ignore")[:200_000]]
    article = max(articles, key=lambda p: p.stat().st_size)
    units = sorted(p for p in (site / "don-vi").glob("*/index.html"))
    year = sorted(p for p in site.glob("[0-9][0-9][0-9][0-9]/index.html"))[-1]
    rel = lambda p: p.parent.relative_to(site).as_posix() + "/"  # noqa: E731
    return {"home": "", "article": rel(article), "unit": rel(units[0]) if units else "don-vi/",
            "year": rel(year), "statistics": "thong-ke/", "directives": "van-ban/", "search_before_query": "tim-kiem/"}


_TEXT_TYPES = ("text/", "javascript", "json", "xml", "svg")


def _transferred(response, body: bytes) -> int:
    """What a static host sends: text compressed (GitHub Pages, Cloudflare, Netlify gzip or
    brotli it; gzip -6 here), binaries as they are (Pagefind's files are compressed already)."""
    kind = response.headers.get("content-type", "")
    return len(gzip.compress(body, 6)) if any(t in kind for t in _TEXT_TYPES) else len(body)


def _measure(page, url: str, wait, only_index: bool = False) -> int:
    """Bytes transferred for one page view (only_index: for the search index's files)."""
    sizes: list[int] = []

    def count(response):
        if only_index and "/pagefind" not in response.url:
            return
        try:
            sizes.append(_transferred(response, response.body()))
        except Exception:  # redirects and aborted requests have no body
            pass
    page.on("response", count)
    page.goto(url)
    wait(page)
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", count)
    return sum(sizes)


REFERENCE_MAX_PAGES = 20_000  # Pagefind alone holds ~350 KB per page while indexing: 7 GB here
# figure name -> whether that single Pagefind index over the same pages uses our chunk size (else its default)
REFERENCES = {"pagefind_single_index_query_kb": False, "pagefind_single_index_our_chunks_query_kb": True}


def page_weights(site: Path, reference: bool = True, chunk_size: int | None = None) -> dict:
    """KB per page view on a cold cache, and the query's cost against Pagefind's own index
    (`reference`: build those single indexes too, which larger archives cannot afford;
    `chunk_size`: the archive's search_chunk_size, for the second one)."""
    from playwright.sync_api import sync_playwright
    pages = _sample_pages(site)
    figures: dict = {}
    references = {name: Path(tempfile.mkdtemp(prefix="pagefind-reference-")) for name in REFERENCES} if reference else {}
    try:
        for name, folder in references.items():
            _reference_index(site, folder, chunk_size if REFERENCES[name] else None)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            with _served(site) as url:
                for name, path in pages.items():
                    context = browser.new_context(viewport={"width": 390, "height": 844})
                    figures[name + "_kb"] = round(_measure(context.new_page(), url + path, lambda pg: None) / 1024, 1)
                    context.close()
                # a cold visit with the query: all of it, and the search index's part of it
                done = lambda pg: pg.wait_for_function(  # noqa: E731
                    "document.querySelector('.archive-search-status').textContent.match(/kết quả|Không tìm thấy/)",
                    timeout=120_000)
                for key, only_index in (("search_with_query_kb", False), ("query_index_kb", True)):
                    context = browser.new_context(viewport={"width": 390, "height": 844})
                    figures[key] = round(_measure(context.new_page(), url + "tim-kiem/?q=" + QUERY, done, only_index) / 1024, 1)
                    context.close()
            for name, folder in references.items():
                with _served(folder) as url:
                    context = browser.new_context()
                    figures[name] = round(_measure(
                        context.new_page(), url + "index.html?q=" + QUERY,
                        lambda pg: pg.wait_for_function("document.title.startsWith('done')", timeout=120_000),
                        only_index=True) / 1024, 1)
                    context.close()
            browser.close()
    finally:
        for folder in references.values():
            shutil.rmtree(folder, ignore_errors=True)
    figures["pages"] = pages
    return figures


def _reference_index(site: Path, out: Path, chunk_size: int | None) -> None:
    """Pagefind run once over all article pages of our site, as a user of Pagefind alone would."""
    from newsarchive.search_index import CHUNK_SIZE_VARIABLE
    years = sorted(p.name for p in site.iterdir() if p.is_dir() and p.name.isdigit())
    glob = ("{" + ",".join(years) + "}" if len(years) > 1 else years[0]) + "/**/index.html"
    env = {k: v for k, v in os.environ.items() if k != CHUNK_SIZE_VARIABLE}
    if chunk_size:
        env[CHUNK_SIZE_VARIABLE] = str(chunk_size)
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--glob", glob,
                    "--output-path", str(out / "pagefind"), "--quiet"], check=True, capture_output=True, env=env)
    (out / "index.html").write_text(_REFERENCE_PAGE, encoding="utf-8")


def print_weights(size: int, w: dict) -> None:
    print(f"  page weight at {size:,} (Chromium, phone, cold cache, text gzipped as hosts send it): "
          + ", ".join(f"{name} {w[name + '_kb']} KB" for name in w["pages"]))
    print(f"    budgets: article <= {BUDGET_KB['article']} KB, search page before a query <= "
          f"{BUDGET_KB['search_before_query']} KB")
    print(f"    query '{QUERY}' on a cold cache: whole visit {w['search_with_query_kb']} KB, of it the search index "
          f"{w['query_index_kb']} KB; Pagefind's own single index, same pages, same 20 results: "
          + (f"{w['pagefind_single_index_query_kb']} KB with its default chunks, "
             f"{w['pagefind_single_index_our_chunks_query_kb']} KB with ours" if "pagefind_single_index_query_kb" in w
             else f"not built (over {REFERENCE_MAX_PAGES:,} pages it needs more memory than a CI machine has)"))
