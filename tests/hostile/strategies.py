"""Hypothesis strategies for hostile article files: YAML front matter of any structure with
bidi, zero-width and look-alike characters, and Markdown/HTML soup bodies. Used by the
property tests and by `scripts/archive fuzz N` for long runs."""
from __future__ import annotations

import json

from hypothesis import strategies as st

TRICKY = ["\u202e", "\u202d", "\u2066", "\u200b", "\u200d", "\ufeff", "\u00d0", "\u0110", "\u0111", "o\u0309",
          "\x07", "\x1b[31m", "\u0000", "\ud7ff", "ʼ", "\u00a0", "\u2028", "Ð", "ư̛"]
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[a](javascript:alert(1))",
          "![x](../../../etc/passwd)", "{: #__search .md-header }", "<a href='&#106;avascript:alert(1)'>x</a>",
          '<img srcset="javascript:alert(1) 1x">', "<svg onload=alert(1)>", "<style>*{}</style>", "[", "![",
          "]]", "> ", "1. ", "---", "```", "&#x0;", "<!--", "-->", "*", "_", "|", "\n\n", "\n", "Chỉ thị số 16-CT/TU",
          "91/2017/NĐ-CP", "<iframe src=x>", "\\", "%00", "${x}", "{{ x }}", "{% x %}"]
KEYS = ["title", "date", "authors", "units", "campaigns", "directives", "summary", "source", "aliases", "draft",
        "slug", "review", "extra", "0", "", "---"]

words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20) | st.sampled_from(TRICKY + MARKUP)
phrase = st.lists(words, max_size=8).map("".join)
scalars = st.none() | st.booleans() | st.integers(-10**6, 10**12) | phrase | st.sampled_from(
    ["2021-08-02", "2021-13-40", "0001-01-01T00:00:00+07:00", "9999", "/tin/1.html", "https://x.vn/a"])
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(phrase, inner, max_size=3),
                      max_leaves=10)
front_matter = st.dictionaries(st.sampled_from(KEYS), values, max_size=8).map(
    lambda meta: "\n".join(f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                           for k, v in meta.items()))
raw_yaml = st.lists(st.sampled_from(["title: a", "date: 2021", "  - x", "- y", "a: &a [1]", "b: *a", "[", "{",
                                     ": :", "'", '"', "\t", "aliases: [/x]", "draft: yes"]), max_size=8).map("\n".join)
body = st.lists(st.sampled_from(MARKUP) | phrase, max_size=30).map("".join)
article_file = st.builds(lambda fm, b: f"---\n{fm}\n---\n{b}\n", front_matter | raw_yaml, body)
