"""The hostile-input catalogue: files an editor might paste, a contributor send or an import
write, each with the problem it must produce. It grows with every case found (also by
`scripts/archive fuzz`). Each case: file name, content (str or bytes) and what `check`
must say: (field, words in the message), or None when the article must be published."""
from __future__ import annotations

BOMB = "a: &a ['x','x','x','x','x','x','x','x','x']\n" + "".join(
    f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))


def fm(lines: str, body: str = "Nội dung bài viết.\n") -> str:
    return f"---\n{lines}\n---\n{body}"


CASES = [
    ("alias_bomb_title.md", fm(BOMB + "title: *i\ndate: 2021"),
     ("front matter", "alias")),
    ("alias_bomb_authors.md", fm(BOMB + "title: Bom\ndate: 2021\nauthors: [*i]"), ("front matter", "alias")),
    ("nested_300.md", fm("title: " + "[" * 300 + "]" * 300 + "\ndate: 2021"), ("front matter", "nested")),
    ("nested_30000.md", fm("title: " + "[" * 30000 + "]" * 30000 + "\ndate: 2021"), ("front matter", "nested")),
    ("nested_blocks.md", fm("title: a\ndate: 2021\nsource:\n" + "".join(" " * n + f"k{n}:\n" for n in range(1, 300))),
     ("front matter", "nested")),
    ("year_1_offset.md", fm('title: Năm 1\ndate: "0001-01-01T00:00:00+07:00"'), ("date", "out of range")),
    ("year_9999_offset.md", fm('title: Năm 9999\ndate: "9999-12-31T23:59:59-07:00"'), ("date", "out of range")),
    ("control_in_title.md", fm('title: "Chuông \\a báo \\x1b[31m đỏ"\ndate: 2021-03-04'), None),
    ("bidi_in_title.md", fm('title: "Tiêu đề \\u202egnál\\u202c bình thường"\ndate: 2021-03-05'), None),
    ("alias_long_segment.md", fm(f"title: Dài\ndate: 2021\naliases: [/{'a' * 300}.html]"), ("aliases", "200 bytes")),
    ("alias_redirects_file.md", fm("title: Chuyển\ndate: 2021\naliases: [/_redirects]"), ("aliases", "collides")),
    ("alias_search_page.md", fm("title: Tìm\ndate: 2021\naliases: [/tim-kiem/]"), ("aliases", "collides")),
    ("alias_into_pagefind.md", fm("title: Chỉ mục\ndate: 2021\naliases: [/pagefind/pagefind.js]"), ("aliases", "collides")),
    ("alias_into_assets.md", fm("title: Tài sản\ndate: 2021\naliases: [/assets/javascripts/x.js]"), ("aliases", "collides")),
    ("alias_feed.md", fm("title: Tin\ndate: 2021\naliases: [/FEED.xml]"), ("aliases", "collides")),
    ("alias_with_space.md", fm('title: Cách\ndate: 2021\naliases: ["/tin tuc/1.html"]'), ("aliases", "space")),
    ("summary_huge.md", fm("title: Tóm tắt\ndate: 2021\nsummary: '" + "rất dài " * 180000 + "'"), ("summary", "limit")),
    ("authors_many.md", fm("title: Nhiều\ndate: 2021\nauthors: [" + ", ".join(f"'Tác giả {n}'" for n in range(5000)) + "]"),
     ("authors", "limit")),
    ("key_not_text.md", fm("1: x\ntitle: Khoá\ndate: 2021"), ("front matter", "not a field name")),
    ("body_images_20k.md", fm("title: Ảnh\ndate: 2021", "![" * 10000), ("body", "'['")),
    ("body_brackets_200k.md", fm("title: Ngoặc\ndate: 2021", "[" * 200000), ("body", "'['")),
    ("body_brackets_spread.md", fm("title: Ngoặc rải\ndate: 2021", ("[a] " * 250 + "\n\n") * 400), ("body", "'['")),
    ("body_quotes_nested.md", fm("title: Trích\ndate: 2021", "> " * 2000), ("body", "nested")),
    ("body_lists_nested.md", fm("title: Danh sách\ndate: 2021", "1. " * 2000), ("body", "nested")),
    ("body_rules.md", fm("title: Kẻ\ndate: 2021", "---\n" * 1000), ("body", "'---'")),
    ("body_long_block.md", fm("title: Khối dài\ndate: 2021", "dòng\n" * 6000), ("body", "lines without a blank line")),
    ("body_tags.md", fm("title: Thẻ\ndate: 2021", "<div>" * 30000), ("body", "'<'")),
    ("source_url_data.md", fm("title: Nguồn\ndate: 2021\nsource:\n  url: 'data:text/html,<script>alert(1)</script>'"),
     ("source", "not a web address")),
    ("source_url_credentials.md", fm("title: Nguồn 2\ndate: 2021\nsource:\n  url: 'https://user@evil.example/'"),
     ("source", "not a web address")),
    ("attr_list_material.md", fm("title: Thuộc tính\ndate: 2021-05-06",
                                 "## Đầu {: #__search .md-header }\n\nĐoạn {: .md-typeset }\n"), None),
    ("srcset_javascript.md", fm("title: Srcset\ndate: 2021-05-07",
                                '<img src="https://anh.example.vn/a.png" srcset="javascript:alert(1) 1x" alt="x">\n'), None),
]

# Registry files (data/): (file name, content, (words in the message)).
REGISTRY_CASES = [
    ("directives.yml", "- code: 16-CT/TU\n  year: '20x1'\n- code: 17-CT/TU\n  url: 'javascript:alert(1)'\n"
                       "- code: 18-CT/TU\n  url: 'https://vanban.example.vn/18'\n", ("is not a year", "is not a web address")),
    ("units.yml", "- &a {name: Ban A}\n- *a\n- name: Ban B\n", ("alias",)),
]
