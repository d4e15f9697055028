"""`scripts/archive import --score SOURCES.tsv`: an import scored against an answer key.

The key (../shared/portal-samples/SOURCES.tsv) gives per page file its title, visible date,
author, cited codes and the portal furniture that must not reach the article. Each imported
article is read back from disk, as an editor would find it, and compared field by field.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..directives import find_citations
from ..reading import parse_article_text
from ..search import compact_code
from ..text import term_key

NONE = "none"
NO_TITLE = "(none in excerpt)"


@dataclass
class Score:
    file: str
    status: str
    title: bool | None = None
    date: bool | None = None
    author: bool | None = None
    codes_found: int = 0
    codes_expected: int = 0
    furniture_left: list[str] = field(default_factory=list)
    longest_kept: bool | None = None
    seen: dict = field(default_factory=dict)


def _codes(text: str) -> set[str]:
    return {c.directive.code for c in find_citations(text)}


def _code_key(code: str) -> str:
    """Codes compared as compact tokens, without the leading zero our canonical form adds ("08")."""
    return re.sub(r"^0+(?=\d)", "", compact_code(code))


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", term_key(text)).strip(" .,:;“”\"'")


def _longest_line(source: Path) -> str:
    lines = [re.sub(r"\s+", " ", line.replace("\u00a0", " ")).strip()
             for line in source.read_text(encoding="utf-8", errors="replace").splitlines()]
    return max(lines, key=len, default="")


def score_import(key_file: Path, inputs: Path, results, out_dir: Path) -> list[Score]:
    by_input = {Path(r.input).name: r for r in results}
    scores = []
    for row in csv.DictReader(key_file.open(encoding="utf-8"), delimiter="\t"):
        result = by_input.get(row["file"])
        status = result.status if result else "missing"
        score = Score(row["file"], status)
        scores.append(score)
        if result is None or not result.output:
            # pages without an article must not become one; the others are a loss
            score.title = row["title"] == NO_TITLE and status == "not_article"
            continue
        raw, _issues = parse_article_text((out_dir / result.output).read_text(encoding="utf-8"),
                                          out_dir / result.output, result.output)
        meta, body = raw.meta, raw.body
        review = " ".join(str(x) for x in (meta.get("review") or []))
        title = str(meta.get("title", ""))
        date = "" if meta.get("date") is None else str(meta.get("date"))
        authors = [str(a) for a in (meta.get("authors") or [])]
        score.seen = {"title": title, "date": date, "authors": authors, "draft": bool(meta.get("draft"))}
        if row["title"] == NO_TITLE:
            score.title = bool(meta.get("draft")) and "title" in review.lower() or "tiêu đề" in review.lower()
        else:
            score.title = _key(title) == _key(row["title"])
        if row["date"] == NONE:  # nothing visible: a date may only be a proposal to review
            score.date = not date or (bool(meta.get("draft")) and ("date" in review.lower() or "ngày" in review.lower()))
        else:
            score.date = date[: len(row["date"])] == row["date"]
        if row["author"] != "?":
            expected = [] if row["author"] == NONE else [_key(row["author"])]
            score.author = [_key(" và ".join(authors))] == expected if expected else not authors
            if expected and not score.author:
                score.author = _key(row["author"]) in {_key(a) for a in authors} or \
                    {_key(a) for a in authors} == {_key(n) for n in re.split(r"\s+(?:và|–|-)\s+|,\s*", row["author"])}
        # the key's codes as written (not through our extractor, which would hide what it misses)
        expected_codes = set() if row["directives"] == NONE else {
            _code_key(item.split()[-1].strip(".,;")) for item in row["directives"].split(" | ") if item.strip()}
        ours = {_code_key(str(d)) for d in (meta.get("directives") or [])} | {
            _code_key(c) for c in _codes(title + "\n" + body)}
        score.codes_expected = len(expected_codes)
        score.codes_found = len(expected_codes & ours)
        text = f"{title}\n{body}"
        lines = {_key(line) for line in text.splitlines() if line.strip()}
        for item in (f.strip() for f in row["furniture"].split(" | ")):
            if not item or item == NONE:
                continue
            if (len(item) >= 12 and item in text) or _key(item) in lines:
                score.furniture_left.append(item)
        longest = _longest_line(inputs / row["file"]) if (inputs / row["file"]).exists() else ""
        if longest and len(longest) > 80:
            score.longest_kept = _key(longest)[30:200] in _key(re.sub(r"[*_\\]", "", text))
    return scores


def score_table(scores: list[Score]) -> str:
    mark = {True: "ok", False: "NO", None: "-"}
    rows = [f"{'file':<40} {'status':<13} title date author codes furniture longest"]
    for s in scores:
        rows.append(f"{s.file[:40]:<40} {s.status:<13} {mark[s.title]:<5} {mark[s.date]:<4} {mark[s.author]:<6} "
                    f"{s.codes_found}/{s.codes_expected:<3} {len(s.furniture_left):<9} {mark[s.longest_kept]}")
    def rate(values):
        values = [v for v in values if v is not None]
        return f"{sum(values)}/{len(values)}"
    found = sum(s.codes_found for s in scores)
    expected = sum(s.codes_expected for s in scores)
    rows.append(f"titles {rate(s.title for s in scores)}, dates {rate(s.date for s in scores)}, "
                f"authors {rate(s.author for s in scores)}, codes {found}/{expected}, "
                f"pages with furniture left {sum(1 for s in scores if s.furniture_left)}, "
                f"longest paragraph kept {rate(s.longest_kept for s in scores)}")
    return "\n".join(rows)
