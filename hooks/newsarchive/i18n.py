"""Messages in the editor's language, through the standard gettext machinery.

English is the source (message ids in the code, marked with `_()`); each other language has
one catalog, `locale/<lang>/LC_MESSAGES/newsarchive.po`, kept in the repository and compiled
with Babel when first used (no generated .mo file to forget). Vietnamese is the default;
English on request (`--lang en`, or LC_ALL / LC_MESSAGES / LANG starting with "en").
The language is chosen once per process by the command line or the MkDocs adapter
(`use(language_from(environ, explicit))`): the engine never reads the environment itself.
"""
from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

DOMAIN = "newsarchive"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("vi", "en")
DEFAULT = "vi"
_current = {"language": DEFAULT}  # set once per process by use(); read by _() and number()


def language_from(environ, explicit: str | None = None) -> str:
    """--lang wins; then the first of LC_ALL, LC_MESSAGES, LANG that is set (POSIX order).
    Only English is offered besides Vietnamese, so anything else means Vietnamese."""
    if explicit:
        return explicit if explicit in LANGUAGES else DEFAULT
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "en" if value.lower().startswith("en") else DEFAULT
    return DEFAULT


@lru_cache(maxsize=None)
def translation(language: str) -> gettext.NullTranslations:
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.exists():
        return gettext.NullTranslations()  # the source language
    with open(po, "rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def use(language: str) -> None:
    _current["language"] = language if language in LANGUAGES else DEFAULT


def current() -> str:
    return _current["language"]


def _(message: str) -> str:
    return translation(_current["language"]).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translation(_current["language"]).ngettext(singular, plural, n)


def number(value: int) -> str:
    """1.000 in Vietnamese, 1,000 in English."""
    return format_decimal(value, locale=_current["language"])
