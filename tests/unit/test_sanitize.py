"""The sanitiser's policy: scripts, handlers, foreign classes/ids and unsafe srcset removed."""
import pytest

from newsarchive.sanitize import sanitize_html


@pytest.mark.parametrize("html, gone", [
    ('<img src="a.jpg" srcset="javascript:alert(1) 1x" alt="x">', "srcset"),
    ('<img src="a.jpg" srcset="data:image/png;base64,AA 1x" alt="x">', "srcset"),
    ('<p class="md-sidebar">x</p>', "class"),
    ('<p id="__drawer">x</p>', "id"),
    ('<a href="javascript:alert(1)">x</a>', "javascript"),
    ('<p onclick="x()">x</p>', "onclick"),
    ('<p dir="&quot;x">x</p>', "dir"),
])
def test_dangerous_attributes_are_removed(html, gone):
    assert gone not in sanitize_html(html)


def test_our_own_markup_survives():
    html = ('<figure><img src="a-480w.jpg" srcset="a-480w.jpg 480w, a.jpg 1200w" alt="Ảnh"></figure>'
            '<h2 id="ket-qua">Kết quả<a class="headerlink" href="#ket-qua">¶</a></h2>'
            '<a class="archive-directive-link" href="../van-ban/x/">16-CT/TU</a><sup id="fnref:1">1</sup>')
    assert sanitize_html(html) == html
