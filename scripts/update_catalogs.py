"""Extract the message ids with Babel and write the Vietnamese catalog from
scripts/translations_vi.py: `.venv/bin/python scripts/update_catalogs.py`.
Exit 1 (and list them) when an id has no translation."""
from __future__ import annotations

import datetime
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "hooks" / "archive_hooks.py", *sorted((ROOT / "hooks" / "newsarchive").glob("*.py")),
           *sorted((ROOT / "hooks" / "newsarchive" / "importer").glob("*.py"))]
PO = ROOT / "hooks" / "newsarchive" / "locale" / "vi" / "LC_MESSAGES" / "newsarchive.po"
ARGPARSE_IDS = ["usage: ", "positional arguments", "options", "show this help message and exit",
                "the following arguments are required: %s", "invalid choice: %(value)r (choose from %(choices)s)",
                "unrecognized arguments: %s", "%(prog)s: error: %(message)s\n"]


def message_ids() -> list[str]:
    ids = []
    for path in SOURCES:
        for _line, message, _comments, _context in extract_from_file("python", path, keywords={"_": None}):
            if isinstance(message, str) and message not in ids:
                ids.append(message)
    return ids + [m for m in ARGPARSE_IDS if m not in ids]


def main() -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    from translations_vi import VI
    ids = message_ids()
    missing = [m for m in ids if m not in VI]
    for m in missing:
        print(f"missing Vietnamese translation: {m!r}", file=sys.stderr)
    fixed = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)  # the same input gives the same file
    catalog = Catalog(locale="vi", domain="newsarchive", project="newsarchive", version="1", charset="utf-8",
                      creation_date=fixed, revision_date=fixed, last_translator="Ban Dân vận Tỉnh ủy Lào Cai",
                      language_team="vi", copyright_holder="Ban Dân vận Tỉnh ủy Lào Cai", fuzzy=False)
    for m in sorted(ids):
        if m in VI:
            catalog.add(m, VI[m])
    PO.parent.mkdir(parents=True, exist_ok=True)
    with open(PO, "wb") as handle:
        write_po(handle, catalog, omit_header=False, sort_output=True, no_location=True, width=100)
    print(f"{PO.relative_to(ROOT)}: {len(ids) - len(missing)} of {len(ids)} messages translated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
