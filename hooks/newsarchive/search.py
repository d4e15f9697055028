"""Search aids for Pagefind, which indexes the built article pages.

Pagefind folds combining marks ("ủy" ~ "uy") but "đ" is a letter of its own, so readers who
type without accents ("dang uy") would miss "Đảng ủy". Each article page carries a hidden,
low-weight copy of its "đ" words spelt with "d", and a compact token per cited directive
("16cttu") that the search page's query rewriting produces from "16-CT/TU".
"""
from __future__ import annotations

import re

from .models import Article
from .text import fold_accents

_PUNCTUATION = "\"'“”‘’()[]{}<>.,;:!?…*_/\\|-–—#"


def compact_code(code: str) -> str:
    """"16-CT/TU" -> "16cttu", "91/2017/NĐ-CP" -> "912017ndcp" (same rule as the search page's JS)."""
    return re.sub(r"[^0-9a-z]", "", fold_accents(code))


def code_tokens(ref) -> tuple[str, ...]:
    """The code as canonical, and a state code also without its year ("91/NĐ-CP")."""
    directive = ref.directive
    bare = f"{directive.number_text}{directive.type}{directive.issuer}" if directive is not None else ref.name
    return (compact_code(ref.name), compact_code(bare))


def folded_dj_words(article: Article) -> str:
    """Words with "đ", spelt with "d" (Pagefind strips the other marks itself)."""
    text = " ".join((article.title, article.summary, article.body))
    words = dict.fromkeys(w.strip(_PUNCTUATION) for w in text.split() if "đ" in w or "Đ" in w)
    return " ".join(w.replace("đ", "d").replace("Đ", "D") for w in words if w)


def sort_value(article: Article) -> str:
    """Pagefind sorts numbers: partial dates sort as the end of their period, as listings do."""
    d = article.date
    return str(d.year * 10000 + (d.month or 13) * 100 + (d.day or 32))


def search_aids(article: Article) -> dict:
    return {
        "folded": folded_dj_words(article),
        "codes": " ".join(dict.fromkeys(token for t in article.terms if t.directive is not None
                                        for token in code_tokens(t))),
        "sort": sort_value(article),
        "year": str(article.date.year),
    }
