"""One probe over generated article files, shared by the property tests and
`scripts/archive fuzz`: read -> validate -> index -> plan -> render in memory. Nothing may
escape as an exception, every file is published or named in a problem, each file costs
bounded time, and rendered bodies carry no script, handler or javascript: URL."""
from __future__ import annotations

import time
from pathlib import Path

from bs4 import BeautifulSoup

from builders import archive, registries
from newsarchive.pipeline import build_report, plan_site
from newsarchive.reading import parse_article_text
from newsarchive.render import BodyRenderer
from newsarchive.text import normalize_text
from newsarchive.validation import validate

SECONDS_PER_FILE = 2.0
_RENDERER = BodyRenderer(["toc", "tables", "attr_list", "md_in_html", "footnotes"])
_REGISTRIES = registries()


def check_files(files: list[str]) -> None:
    start = time.perf_counter()
    valid = []
    for n, text in enumerate(files):
        raw, _ = parse_article_text(normalize_text(text), Path(f"/archive/articles/2021/f{n}.md"),
                                    f"articles/2021/f{n}.md")
        article = validate(raw, _REGISTRIES)[0] if raw is not None else None
        if article is not None:
            valid.append(article)
    site = plan_site(archive(valid, regs=_REGISTRIES), set())
    report = build_report(site)
    assert report.published + len(site.archive.drafts) + len(site.failed) == len(valid)
    for page in site.pages:
        if page.kind != "article":
            continue
        html, _ = _RENDERER.render(page.body, page.media, page.url, page.directive_links)
        doc = BeautifulSoup(html, "html.parser")
        assert not doc.find(["script", "iframe", "style", "svg", "object", "embed"]), html
        for tag in doc.find_all(True):
            assert not any(a.lower().startswith("on") for a in tag.attrs), tag
            for attr in ("href", "src", "srcset"):
                assert not str(tag.get(attr, "")).strip().lower().startswith(("javascript:", "data:")), tag
            assert not str(tag.get("id", "")).startswith("__"), tag
    elapsed = time.perf_counter() - start
    assert elapsed < SECONDS_PER_FILE * len(files), f"{elapsed:.1f} s for {len(files)} file(s)"
