"""Body rendering: Markdown to sanitised HTML, directive links, table of contents."""
from newsarchive.directives import find_citations
from newsarchive.render import BodyRenderer, relative_url


def test_first_mention_of_a_directive_links_to_its_page():
    renderer = BodyRenderer(["toc", "tables", "attr_list"])
    text = "Theo Chỉ thị số 16-CT/TU và lại 16-CT/TU.\n\n## Kết quả\n\nXong."
    target = {find_citations("16-CT/TU")[0].directive: "van-ban/16-ct-tu/"}
    html, toc = renderer.render(text, page_url="2021/08/a/", directives=target)
    assert html.count('class="archive-directive-link"') == 1 and 'href="../../../van-ban/16-ct-tu/"' in html
    assert [t["name"] for t in toc] == ["Kết quả"]


def test_raw_html_and_attribute_lists_cannot_inject():
    from bs4 import BeautifulSoup
    renderer = BodyRenderer(["attr_list", "md_in_html"])
    html, _ = renderer.render('<script>alert(1)</script>\n\n## Tiêu đề {: .md-header .archive-note #__search }\n\n'
                              'Đoạn\n{: onclick="x()" .md-typeset }\n\n<img src="x.png" onerror="alert(2)">')
    doc = BeautifulSoup(html, "html.parser")
    assert not doc.find("script")
    attrs = [(tag.name, dict(tag.attrs)) for tag in doc.find_all(True)]
    assert ("h2", {"class": ["archive-note"]}) in attrs and ("img", {"src": "x.png"}) in attrs
    assert not any(k.startswith("on") or k == "id" and v.startswith("__") for _, a in attrs for k, v in a.items())
    assert "md-" not in html.replace("Đoạn", "")


def test_relative_urls():
    assert relative_url("media/a.jpg", "2021/08/a/") == "../../../media/a.jpg"
    assert relative_url("van-ban/x/", "2021/a/") == "../../van-ban/x/"
