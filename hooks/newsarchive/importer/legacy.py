"""Importer side of legacy encodings: bytes of a saved page -> NFC text, converting TCVN3
and refusing VNI (the tables and detectors are in the core's `encodings`)."""
from __future__ import annotations

import unicodedata

from ..encodings import looks_like_tcvn3, looks_like_vni, tcvn3_to_unicode
from ..i18n import _


class EncodingRefused(ValueError):
    """Input whose encoding we cannot convert safely; the message says what to do."""


def decode_legacy(data: bytes) -> tuple[str, list[str]]:
    """Bytes in any encoding a portal export may have -> Unicode text and warnings.

    Raises EncodingRefused for binary data and VNI text."""
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif b"\x00" in data[:4096]:
        raise EncodingRefused(_("binary data, NUL bytes: not a text or HTML page"))
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace") if _mostly_cp1252(data) else data.decode("latin-1")
            if not (looks_like_tcvn3(text) or looks_like_vni(text)):
                try:
                    text = data.decode("cp1258")  # Windows Vietnamese
                    warnings.append(_("not UTF-8: read as Windows-1258, the Vietnamese Windows encoding"))
                except UnicodeDecodeError:
                    raise EncodingRefused(_("not UTF-8 and not a known Vietnamese encoding")) from None
    if looks_like_vni(text):  # checked first: VNI's modifier bytes overlap TCVN3's letters
        raise EncodingRefused(_("text looks like VNI encoding, e.g. 'Vieät Nam'; convert it to Unicode first "
                                "with UniKey: Công cụ chuyển mã, VNI Windows -> Unicode"))
    if looks_like_tcvn3(text):
        warnings.append(_("legacy TCVN3 or ABC text converted to Unicode; check capital letters with tone marks"))
        text = tcvn3_to_unicode(text)
    if "\ufffd" in text:
        warnings.append(_("some characters could not be decoded and were replaced by U+FFFD"))
    return unicodedata.normalize("NFC", text), warnings


def _mostly_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False
