"""Vietnamese text helpers: normalisation, matching keys, slugs."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from slugify import slugify as _slugify

# Combining tone marks of Vietnamese: grave, acute, tilde, hook above, dot below.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SPACE_RE = re.compile(r"\s+")
_BIDI_RE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")  # bidi controls
# Control characters (not tab or newline): never part of an article's text; they break XML
# (feeds) and reach terminals as escape sequences.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# In one-line fields also bidi controls (they reorder what a reader sees) and invisible
# zero-width spaces and BOMs.
_FIELD_INVISIBLE_RE = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# U+00D0 (Icelandic eth) is a look-alike of U+0110 "Đ" found in old Vietnamese documents.


def normalize_text(text: str) -> str:
    """NFC, look-alike letters fixed, line endings unified; for every string we read."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    return unicodedata.normalize("NFC", _CONTROL_RE.sub("", text))


def clean_line(text: str) -> str:
    """normalize_text plus collapsed white space, without bidi or zero-width characters: for
    names, titles, terms."""
    return _SPACE_RE.sub(" ", _FIELD_INVISIBLE_RE.sub("", normalize_text(text))).strip()


@lru_cache(maxsize=65536)  # syllables repeat: a few thousand of them make up most titles
def _canonical_tone_placement(word: str) -> str:
    """Move every tone mark of a syllable to its end, so "hoà" and "hòa" give one key."""
    decomposed = unicodedata.normalize("NFD", word)
    marks = "".join(ch for ch in decomposed if ch in TONE_MARKS)
    base = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    return base + marks


_WORD_RE = re.compile(r"\w+")


@lru_cache(maxsize=65536)
def term_key(text: str) -> str:
    """Matching key for a term: case, white space and tone-mark placement folded.

    Accents themselves stay significant ("Hòa" and "Hoa" are different names). Works on
    running text too (punctuation is kept, each word is folded on its own).
    """
    folded = _WORD_RE.sub(lambda m: _canonical_tone_placement(m.group(0)), clean_line(text).casefold())
    return unicodedata.normalize("NFC", folded)


def fold_accents(text: str) -> str:
    """Lower-case ASCII-ish form used for accent-insensitive search ("Đảng ủy" -> "dang uy")."""
    decomposed = unicodedata.normalize("NFD", normalize_text(text).replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=65536)  # terms repeat across thousands of articles; slugify is slow per call
def slugify(text: str, max_length: int = 80) -> str:
    """ASCII slug ("Đảng ủy" -> "dang-uy"), stable for the same text."""
    # The backend named: python-slugify's "auto" tries to import `unidecode` (not installed)
    # on every call before falling back to text-unidecode -- a failed import per term.
    return _slugify(normalize_text(text), max_length=max_length, word_boundary=True, backend="text-unidecode")


def excerpt(value, limit: int = 60) -> str:
    """A value as messages quote it: short, one line, control and bidi characters shown as
    escapes -- never the whole of a huge or hostile value."""
    text = value if isinstance(value, str) else repr(value)[: limit * 4]
    shown = "".join(ch if ch.isprintable() and not _BIDI_RE.match(ch) else f"\\u{ord(ch):04x}" for ch in text[:limit])
    shown += "…" if len(text) > limit else ""
    return f"'{shown}'" if isinstance(value, str) else shown


_MD_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_MD_LINK_RE = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_MD_TAG_RE = re.compile(r"<[^>]*>")
_MD_MARK_RE = re.compile(r"(\*\*|__|\*|`)")
_MD_SKIP_RE = re.compile(r"^\s*(#|>|!\[|\||<figure|<img|\{:|[-*_]{3,}\s*$)")


def plain_lead(markdown: str, limit: int = 240) -> str:
    """The first paragraph of an article's Markdown as plain text, cut at a word: the lead a
    listing shows when the article has no summary. Headings, photos, quotes and tables are
    skipped; links keep their text."""
    for block in re.split(r"\n\s*\n", markdown):
        if not block.strip() or _MD_SKIP_RE.match(block):
            continue
        text = _MD_MARK_RE.sub("", _MD_TAG_RE.sub("", _MD_LINK_RE.sub(r"\1", _MD_IMAGE_RE.sub("", block))))
        text = _SPACE_RE.sub(" ", text).strip()
        if len(text) < 20:  # a dateline or a signature, not a lead
            continue
        if len(text) <= limit:
            return text
        return text[:limit].rsplit(" ", 1)[0].rstrip(",;:–-") + " …"
    return ""
