"""Taxonomy registries: the data files editors maintain (data/units.yml, data/campaigns.yml).

Each entry: name (canonical), slug (optional), aliases, description, parent.
Names and aliases are matched by `term_key`, so case, spacing, NFC/NFD and tone-mark
placement ("hoà"/"hòa") never split a term.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from .reading import YamlError, display_path, load_yaml
from .models import Issue, Severity, TaxonomyKind
from .i18n import _
from .text import clean_line, excerpt, normalize_text, slugify, term_key

_ENTRY_KEYS = {"name", "slug", "aliases", "description", "parent"}


@dataclass(frozen=True)
class RegistryEntry:
    name: str
    slug: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    parent: str = ""  # slug


class Registry:
    """Canonical terms of one taxonomy, looked up by any spelling of a name or alias."""

    def __init__(self, kind: TaxonomyKind, entries: list[RegistryEntry]):
        self.kind = kind
        self.entries = entries
        self.by_slug = {e.slug: e for e in entries}
        self._by_key: dict[str, RegistryEntry] = {}
        for entry in entries:
            for spelling in (entry.name, *entry.aliases):
                self._by_key.setdefault(term_key(spelling), entry)

    def resolve(self, name: str) -> RegistryEntry | None:
        return self._by_key.get(term_key(name))

    def suggest(self, name: str) -> list[str]:
        """Did-you-mean: canonical names whose spellings are close to `name`."""
        keys = difflib.get_close_matches(term_key(name), list(self._by_key), n=3, cutoff=0.75)
        names: list[str] = []
        for key in keys:
            canonical = self._by_key[key].name
            if canonical not in names:
                names.append(canonical)
        return names


def load_registry(kind: TaxonomyKind, data_dir: Path, file_name: str) -> tuple[Registry, list[Issue]]:
    path = data_dir / file_name
    if not path.exists():
        return Registry(kind, []), []
    shown = display_path(path, data_dir)
    try:
        raw = load_yaml(normalize_text(path.read_text(encoding="utf-8-sig")))[0] or []
    except YamlError as err:
        return Registry(kind, []), [Issue(shown, _("registry cannot be read: {problem}").format(problem=err),
                                          line=err.line, hint=err.hint)]
    except (OSError, UnicodeDecodeError) as err:
        return Registry(kind, []), [Issue(shown, _("registry cannot be read: {problem}").format(problem=err),
                                          hint=_("save it as UTF-8 text"))]
    if not isinstance(raw, list):
        return Registry(kind, []), [Issue(shown, _("registry must be a list of entries"),
                                          hint=_("start each entry with '- name: ...'"))]
    entries: list[RegistryEntry] = []
    issues: list[Issue] = []
    owner_of: dict[str, str] = {}  # term_key -> canonical name that claimed it
    for number, item in enumerate(raw, 1):
        where = _("{file} entry {number}").format(file=shown, number=number)
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            issues.append(Issue(where, _("each entry needs a text 'name'"), field="name",
                                hint=_("write '- name: ...'")))
            continue
        unknown = set(item) - _ENTRY_KEYS
        if unknown:
            issues.append(Issue(where, _("unknown key(s): {keys}").format(keys=", ".join(sorted(map(str, unknown)))),
                                hint=_("allowed: {keys}").format(keys=", ".join(sorted(_ENTRY_KEYS))),
                                severity=Severity.WARNING))
        name = clean_line(item["name"])
        aliases = item.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        aliases = tuple(clean_line(a) for a in aliases if isinstance(a, str) and a.strip())
        slug = slugify(str(item.get("slug") or name))
        if not slug:
            issues.append(Issue(where, _("no usable slug for {name}").format(name=excerpt(name)), field="slug",
                                hint=_("add 'slug: ...' with letters or digits")))
            continue
        entry = RegistryEntry(name, slug, aliases, clean_line(str(item.get("description") or "")),
                              slugify(str(item.get("parent") or "")))
        clash = next((e for e in entries if e.slug == slug), None)
        if clash:
            issues.append(Issue(where, _("slug '{slug}' is already used by {name}").format(slug=slug, name=excerpt(clash.name)),
                                field="slug", hint=_("give one of them an explicit different 'slug'")))
            continue
        for spelling in (name, *aliases):
            owner = owner_of.setdefault(term_key(spelling), name)
            if owner != name:
                issues.append(Issue(where, _("{spelling} also names {owner}").format(spelling=excerpt(spelling),
                                                                                  owner=excerpt(owner)),
                                    field="aliases", hint=_("keep each spelling under one entry only")))
        entries.append(entry)
    slugs = {e.slug for e in entries}
    for entry in entries:
        if entry.parent and entry.parent not in slugs:
            issues.append(Issue(shown, _("parent '{parent}' of {name} is not in the registry").format(
                parent=entry.parent, name=excerpt(entry.name)), field="parent", severity=Severity.WARNING,
                hint=_("add the parent entry, or correct its slug")))
    return Registry(kind, entries), issues
