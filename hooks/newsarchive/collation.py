"""Vietnamese alphabetical order, one key for every sorted list. The search page's filters
(docs/javascripts/archive-search.js) sort with `localeCompare(…, "vi")`, the CLDR Vietnamese
collation, which is this same rule.

The alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y: a letter with a
breve, circumflex, horn or stroke is a letter of its own after its base ("Đ" after every "D").
Tones are a secondary difference (ngang, huyền, hỏi, ngã, sắc, nặng), case a tertiary one, so
"Ba" < "Bà" < "Bả" < "Bã" < "Bá" < "Bạ" < "Bác".
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy" + "fjwz"  # then the letters Vietnamese borrows
_ORDER = {letter: n for n, letter in enumerate(ALPHABET)}
# Marks that make a new letter of their base, and the letter they make.
_LETTER_MARKS = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê", ("o", "\u0302"): "ô",
                 ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng


def _units(text: str):
    """(letter or character, tone, is_upper) per base character of the text."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "đ").replace("Ð", "đ"))
    upper_source = unicodedata.normalize("NFD", text)
    result = []
    for ch, original in zip(decomposed, upper_source):
        if unicodedata.combining(ch):
            if not result:
                continue
            letter, tone, upper = result[-1]
            if (letter, ch) in _LETTER_MARKS:
                result[-1] = (_LETTER_MARKS[(letter, ch)], tone, upper)
            elif ch in _TONES:
                result[-1] = (letter, _TONES[ch], upper)
            continue
        result.append((ch.lower(), 0, original.isupper() or original == "Đ"))
    return result


@lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple:
    """Primary: letters in Vietnamese alphabetical order (spaces and punctuation first,
    digits before letters); secondary: tones; tertiary: upper case after lower."""
    units = _units(text.strip())
    primary = []
    for letter, _tone, _upper in units:
        if letter in _ORDER:
            primary.append((2, _ORDER[letter], ""))
        elif letter.isdigit():
            primary.append((1, int(letter), ""))
        elif letter.isalpha():
            primary.append((2, len(ALPHABET), letter))  # other scripts after ours, by code point
        else:
            primary.append((0, 0, ""))  # spaces and punctuation
    return (tuple(primary), tuple(t for _, t, _ in units), tuple(u for _, _, u in units), text)
