import unicodedata

from newsarchive.text import clean_line, fold_accents, normalize_text, slugify, term_key


def test_tone_mark_placement_gives_one_key():
    assert term_key("Văn hoá công sở") == term_key("Văn hóa công sở")
    assert term_key("Tỉnh uỷ") == term_key("Tỉnh ủy")
    assert term_key("hoà") == term_key("hòa")


def test_key_folds_case_space_and_nfd_but_keeps_accents():
    nfd = unicodedata.normalize("NFD", "Dân  vận\tKHÉO ")
    assert term_key(nfd) == term_key("dân vận khéo")
    assert term_key("Hòa") != term_key("Hoa")
    assert term_key("Đảng") != term_key("Dang")


def test_normalize_text_nfc_lookalike_and_line_endings():
    text = normalize_text(unicodedata.normalize("NFD", "Ðề án\r\nsố") + "\r")
    assert text == "Đề án\nsố\n"
    assert unicodedata.is_normalized("NFC", text)
    assert clean_line("  a \n b ") == "a b"


def test_slug_is_ascii_with_d_for_dj():
    assert slugify("Đảng ủy Khối Doanh nghiệp") == "dang-uy-khoi-doanh-nghiep"
    assert slugify("Ðề án") == "de-an"  # U+00D0 look-alike
    assert slugify(unicodedata.normalize("NFD", "Hội Nông dân")) == "hoi-nong-dan"
    assert slugify("") == ""
    assert slugify("../../etc/passwd") == "etc-passwd"


def test_fold_accents_for_search():
    assert fold_accents("Đảng ủy Khối Doanh nghiệp") == "dang uy khoi doanh nghiep"
