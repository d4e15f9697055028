"""Vietnamese alphabetical order: letters with marks after their base, Đ after D, tones as a
secondary difference, case as a tertiary one."""
import random

from newsarchive.collation import sort_key

# In dictionary order (Từ điển tiếng Việt: a ă â ... d đ ... ; ngang huyền hỏi ngã sắc nặng).
ORDERED = ["2021", "a", "à", "ả", "ã", "á", "ạ", "an", "ăn", "ân", "Ba", "Bà", "Bả", "Bã", "Bá", "Bạ", "Bác",
           "Ban Dân vận Tỉnh ủy", "Ban Tuyên giáo", "Chỉ thị", "Chương trình", "Công văn", "Dân vận khéo",
           "Dương", "Đảng bộ Các cơ quan tỉnh", "Đảng ủy Khối Doanh nghiệp", "Đề án", "Đoàn Thanh niên",
           "Hoà", "Hòa bình", "Hội Cựu chiến binh", "Hội Nông dân", "Huyện ủy Bát Xát", "Kế hoạch", "Mặt trận",
           "Nghị định", "Nghị quyết", "Ô", "Ơ", "Quy chế", "Tỉnh ủy Lào Cai", "Uỷ ban", "Ủy ban nhân dân", "Ưu tiên",
           "Văn hóa công sở", "Xã"]


def test_dictionary_order():
    shuffled = ORDERED[:]
    random.Random(4).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == ORDERED


def test_nfc_nfd_and_tone_placement_sort_together():
    import unicodedata
    assert sort_key("Hoà")[:3] == sort_key(unicodedata.normalize("NFD", "Hoà"))[:3]
    assert sort_key("hòa")[0] == sort_key("hoà")[0]


def test_case_is_only_a_tertiary_difference():
    assert sorted(["ban", "Ban", "Bàn"], key=sort_key) == ["ban", "Ban", "Bàn"]
