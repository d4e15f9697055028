"""Media references come from the parsed Markdown tree (reference style too) and raw HTML."""
from newsarchive.media import references


def test_inline_reference_style_and_html_images_in_document_order():
    body = ('Mở đầu ![Ảnh một](a.jpg "Chú thích") và [kế hoạch](ke-hoach.pdf).\n\n![Ảnh hai][p2]\n\n'
            '<p><img src="c.png" alt="x"></p>\n\n[p2]: anh/b.jpg "Tiêu đề"\n')
    assert references(body) == [("image", "a.jpg", "Ảnh một", "Chú thích"), ("link", "ke-hoach.pdf", "", ""),
                                ("image", "anh/b.jpg", "Ảnh hai", "Tiêu đề"), ("image", "c.png", "", "")]


def test_external_and_anchor_links_are_not_media():
    assert references("[web](https://x.vn/a.pdf) [đầu](#top) [thư](mailto:a@x.vn) ![](/abs.jpg)") == []
    assert references("Không có liên kết.") == []
