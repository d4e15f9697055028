"""Legacy TCVN3 detection and conversion (core; the checker and the importer both use it)."""
from newsarchive.encodings import looks_like_tcvn3, looks_like_vni, tcvn3_to_unicode


def test_tcvn3_is_detected_and_converted():
    mojibake = "Ban D©n vËn TØnh ñy tæ chøc héi nghÞ tæng kÕt c«ng t¸c d©n vËn n¨m 2019"
    assert looks_like_tcvn3(mojibake) and not looks_like_tcvn3("Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết")
    assert tcvn3_to_unicode("D©n vËn") == "Dân vận"


def test_vni_is_detected():
    assert looks_like_vni("Ban Daân vaän Tænh uûy toå chöùc hoäi nghò toång keát coâng taùc daân vaän naêm nay")
    assert not looks_like_vni("Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết công tác dân vận năm nay")
