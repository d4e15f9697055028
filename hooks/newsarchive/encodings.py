"""Legacy Vietnamese encodings (core: the checker detects them in articles, the importer
converts them). Old portal pages and Word exports carry text in TCVN3 (ABC,
".VnTime" fonts) or VNI; read as Windows-1252 they become mojibake such as "D©n vËn".

TCVN3 is a one-byte-per-letter code, converted here by its table (TCVN 5712:1993, VN3).
VNI writes a letter as a base plus a modifier byte and differs between font families, so it
is detected and refused with a clear message instead of guessed.
"""
from __future__ import annotations

import re
import unicodedata

# TCVN3 (ABC) code points as they appear when the bytes are read as Latin-1/cp1252 -> Unicode.
# Capital letters with tone marks share the lowercase codes (ABC used a separate capitals font).
_TCVN3 = {
    "µ": "à", "¸": "á", "¶": "ả", "·": "ã", "¹": "ạ",
    "¨": "ă", "»": "ằ", "¾": "ắ", "¼": "ẳ", "½": "ẵ", "Æ": "ặ",
    "©": "â", "Ç": "ầ", "Ê": "ấ", "È": "ẩ", "É": "ẫ", "Ë": "ậ",
    "®": "đ", "Ì": "è", "Ð": "é", "Î": "ẻ", "Ï": "ẽ", "Ñ": "ẹ",
    "ª": "ê", "Ò": "ề", "Õ": "ế", "Ó": "ể", "Ô": "ễ", "Ö": "ệ",
    "×": "ì", "Ý": "í", "Ø": "ỉ", "Ü": "ĩ", "Þ": "ị",
    "ß": "ò", "ã": "ó", "á": "ỏ", "â": "õ", "ä": "ọ",
    "«": "ô", "å": "ồ", "è": "ố", "æ": "ổ", "ç": "ỗ", "é": "ộ",
    "¬": "ơ", "ê": "ờ", "í": "ớ", "ë": "ở", "ì": "ỡ", "î": "ợ",
    "ï": "ù", "ó": "ú", "ñ": "ủ", "ò": "ũ", "ô": "ụ",
    "\u00ad": "ư", "õ": "ừ", "ø": "ứ", "ö": "ử", "÷": "ữ", "ù": "ự",
    "ú": "ỳ", "ý": "ý", "û": "ỷ", "ü": "ỹ", "þ": "ỵ",
    "¡": "Ă", "¢": "Â", "§": "Đ", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư",
}
_TCVN3_TABLE = str.maketrans(_TCVN3)
# Characters that are common in TCVN3 mojibake but rare in real Vietnamese or Western text.
_TCVN3_MARKERS = set("µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßä«åæçé¬ëîï÷þ¡¢§£¤¥¦\u00ad")
_TCVN3_MARKER_RE = re.compile("[" + re.escape("".join(sorted(_TCVN3_MARKERS))) + "]")
_VIETNAMESE_PRECOMPOSED = re.compile("[\u1ea0-\u1ef9ăâđêôơưĂÂĐÊÔƠƯ]")
# VNI: a vowel followed by a modifier letter, e.g. "Vieät", "chaøo", "caùc", "ñoàng".
# Vietnamese letters outside Latin-1: text read from VNI bytes as cp1252 never has them.
_BEYOND_LATIN1 = re.compile("[\u1ea0-\u1ef9ăđơưĂĐƠƯ]")
_VNI_RE = re.compile(r"[aeiouyAEIOUY][øùûõïâäåêëèéìíóòôöü]")


def looks_like_tcvn3(text: str) -> bool:
    markers = len(_TCVN3_MARKER_RE.findall(text))
    if markers < 5:  # the common case, decided by two C-speed scans
        return False
    real = len(_VIETNAMESE_PRECOMPOSED.findall(text))
    if real >= markers / 10:
        return False
    letters = sum(1 for ch in text if ch.isalpha() or ch in _TCVN3_MARKERS)
    return letters >= 20 and markers / letters > 0.03


def looks_like_vni(text: str) -> bool:
    words = re.findall(r"\w+", text)
    if len(words) < 10 or _BEYOND_LATIN1.search(text):
        return False
    hits = sum(1 for w in words if _VNI_RE.search(w))
    return hits / len(words) > 0.15


def tcvn3_to_unicode(text: str) -> str:
    return unicodedata.normalize("NFC", text.translate(_TCVN3_TABLE))
