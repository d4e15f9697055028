"""`scripts/archive import`: files in, articles and a report out.

Idempotent: the same input gives the same file, and a file is rewritten only if the
importer wrote it and nobody has edited it since (a manifest records what it wrote).
An article an editor changed is kept, with the differing fields reported, unless --force.
"""
from __future__ import annotations
from ..i18n import _

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from ..reading import parse_article_text
from ..media import IMAGE_SUFFIXES
from ..registry import Registry
from ..text import excerpt, slugify
from ..text import term_key
from .html_text import extracted_blocks, html_blocks, looks_like_html
from .legacy import EncodingRefused, decode_legacy
from .markdown_out import article_slug, render
from .portal_page import ArticleDraft, NotAnArticle, parse_portal, text_blocks

MANIFEST = ".import-manifest.json"
JOURNAL = ".import-journal.jsonl"  # entries since the last manifest: what makes a stopped run resumable
INPUT_SUFFIXES = (".txt", ".html", ".htm")


@dataclass
class FileResult:
    input: str
    status: str  # written | updated | unchanged | needs_review | kept_edited | not_article | failed
    output: str = ""
    review: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    error: str = ""

    def line(self) -> str:
        label = {"written": _("written"), "updated": _("updated"), "unchanged": _("unchanged"),
                 "needs_review": _("needs review"), "kept_edited": _("kept as an editor changed it"),
                 "not_article": _("not an article"), "failed": _("FAILED")}[self.status]
        detail = self.error or "; ".join(self.review)
        return f"{label}: {self.input}" + (f" -> {self.output}" if self.output else "") + (f" ({detail})" if detail else "")


def collect_inputs(sources: list[Path]) -> list[Path]:
    found: list[Path] = []
    for source in sources:
        if source.is_dir():
            found.extend(p for p in sorted(source.rglob("*")) if p.suffix.lower() in INPUT_SUFFIXES and p.is_file())
        else:
            found.append(source)
    return found


_HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?$", re.I)


def mirror_url(path: Path, sources: list[Path]) -> str:
    """The page's old address when it lies in a mirrored site (`wget -m` saves host/path...):
    what its redirect must answer. "" when the folder does not look like a mirror."""
    for source in sources:
        if not source.is_dir():
            continue
        try:
            parts = path.resolve().relative_to(source.resolve()).parts
        except ValueError:
            continue
        if source.name and _HOST.match(source.name):
            parts = (source.name, *parts)
        if len(parts) >= 2 and _HOST.match(parts[0]):
            rest = "/".join(parts[1:])
            rest = rest[: -len("index.html")] if rest.endswith("index.html") else rest
            return f"https://{parts[0]}/{rest}"
    return ""


def draft_from_bytes(data: bytes) -> tuple[ArticleDraft, list[str]]:
    text, warnings = decode_legacy(data)
    if looks_like_html(text):
        blocks, meta = extracted_blocks(text) or html_blocks(text)
        draft = parse_portal(blocks, url=meta["url"] if meta["url"].startswith(("http://", "https://")) else "",
                             title_hint=meta["title"], gaps_mark_images=False, page_date=meta.get("date", ""))
        if draft.url:
            path = urlsplit(draft.url).path
            if path and path != "/":
                draft.aliases.append(path)
    else:
        draft = parse_portal(text_blocks(text))
    return draft, warnings


SPECIFIC_WORDS = 3  # a unit's name or alias this long names that unit wherever it stands


def _matches(text_key: str, registry: Registry, min_words: int = 0) -> list[str]:
    """Canonical names whose name or alias stands in the text as whole words; a match inside
    a longer one ("Tỉnh ủy" inside "Ban Dân vận Tỉnh ủy") does not count."""
    spans = []
    for entry in registry.entries:
        for spelling in (entry.name, *entry.aliases):
            key = term_key(spelling)
            if len(key.split()) < min_words:
                continue
            for m in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", text_key):
                spans.append((m.end() - m.start(), m.start(), m.end(), entry.name))
    taken: list[tuple[int, int]] = []
    names: list[tuple[int, str]] = []
    for _rank, start, end, name in sorted(spans, key=lambda s: (-s[0], s[1])):
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        names.append((start, name))
    return list(dict.fromkeys(name for _rank, name in sorted(names)))


def suggest_terms(draft: ArticleDraft, units: Registry, campaigns: Registry) -> None:
    """Units and campaigns named anywhere in the text. A short alias ("Tỉnh ủy") counts in the
    title and lead only: in the body it is as often another province's."""
    head = term_key(f"{draft.title} \n {draft.summary}")
    everything = term_key(" \n ".join([draft.title, draft.summary, *(b.text for b in draft.body)]))
    draft.units = list(dict.fromkeys(_matches(head, units) + _matches(everything, units, min_words=SPECIFIC_WORDS)))
    draft.campaigns = _matches(everything, campaigns)


def saved_photos(draft: ArticleDraft, folder: Path) -> dict[str, tuple[Path, str]]:
    """Images of the page that were saved next to it (relative src that exists and is an
    image): src -> (file, new name). The others are reported as dropped."""
    photos: dict[str, tuple[Path, str]] = {}
    names: set[str] = set()
    for block in draft.body:
        if block.kind != "img" or not block.src or block.src in photos:
            continue
        parts = urlsplit(block.src)
        candidate = (folder / unquote(parts.path)).resolve() if not (parts.scheme or parts.netloc) else None
        if (candidate is None or not candidate.is_relative_to(folder.resolve()) or not candidate.is_file()
                or candidate.suffix.lower() not in IMAGE_SUFFIXES):
            draft.dropped.append(_("image not saved with the page: {src}").format(src=block.src))
            continue
        stem = slugify(candidate.stem) or "anh"
        name = f"{stem}{candidate.suffix.lower()}"
        n = 2
        while name in names:
            name, n = f"{stem}-{n}{candidate.suffix.lower()}", n + 1
        names.add(name)
        photos[block.src] = (candidate, name)
        if not block.text:
            draft.review.append(_("photo {name}: write a description, the alt text, of what it shows").format(name=name))
    return photos


def _digest(content: str | bytes) -> str:
    return hashlib.sha256(content.encode("utf-8") if isinstance(content, str) else content).hexdigest()


def _differences(existing: str, new: str) -> list[str]:
    old_raw, _issues = parse_article_text(existing, Path("x.md"), "x.md")
    new_raw, _issues = parse_article_text(new, Path("x.md"), "x.md")
    if old_raw is None or new_raw is None:
        return ["front matter"]
    keys = sorted(set(old_raw.meta) | set(new_raw.meta), key=str)
    fields_ = [str(k) for k in keys if old_raw.meta.get(k) != new_raw.meta.get(k)]
    if old_raw.body.strip() != new_raw.body.strip():
        fields_.append("body")
    return fields_


def _confined(rel: object) -> bool:
    """A manifest key names an article inside the articles folder: relative, no '..', .md."""
    if not isinstance(rel, str) or "\\" in rel or "\x00" in rel:
        return False
    parts = PurePosixPath(rel)
    return not parts.is_absolute() and ".." not in parts.parts and rel.endswith(".md") and not rel.startswith("/")


def _read_manifest(path: Path) -> dict:
    """The import manifest, keeping only entries that name files inside the articles folder
    (a crafted key such as "../../x/config.txt" must never become a write target)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if _confined(k) and isinstance(v, dict)} if isinstance(data, dict) else {}


def _write_atomic(target: Path, data: bytes) -> None:
    """Write beside, then rename: a crash or Ctrl-C never leaves a half-written article."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.importing-{os.getpid()}")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def _replay_journal(journal: Path, manifest: dict) -> None:
    """Entries of a run that stopped before writing its manifest (one JSON object per line;
    a torn last line is ignored)."""
    if not journal.exists():
        return
    for line in journal.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            rel, entry = json.loads(line)
        except (ValueError, TypeError):
            continue
        if _confined(rel) and isinstance(entry, dict):
            manifest[rel] = entry


def title_case(draft: ArticleDraft, names: list[str]) -> None:
    """An ALL-CAPS title in sentence case, for display, when an editor asks (--titlecase):
    lower case but the first letter, the word after a colon and the names the registries know
    ("Ban Dân vận Tỉnh ủy"). The printed form stays in source.title; a review entry asks for
    the proper names the registries do not know."""
    title = draft.title
    if title.upper() != title or not any(ch.isalpha() for ch in title):
        return
    cased = re.sub(r"(^|[:.!?]\s+)(\w)", lambda m: m.group(1) + m.group(2).upper(), title.lower())
    for name in sorted(names, key=len, reverse=True):
        cased = re.sub(rf"(?<!\w){re.escape(name.lower())}(?!\w)", name, cased, flags=re.IGNORECASE)
    draft.source_title, draft.title = title, cased
    draft.review.append(_("title: written in capitals on the page, shown as '{title}'; check the proper names")
                        .format(title=cased))


PROPER_NAMES = ("Việt Nam", "Đảng", "Nhà nước", "Quốc hội", "Chính phủ", "Mặt trận Tổ quốc", "Hội đồng nhân dân",
                "Ủy ban nhân dân", "Bộ Chính trị", "Ban Bí thư", "Trung ương", "Hồ Chí Minh", "Đại hội", "Nhân dân")


def import_files(sources: list[Path], out_dir: Path, units: Registry, campaigns: Registry, *,
                 force: bool = False, publisher: str = "", progress=None, titlecase: bool = False) -> list[FileResult]:
    """`publisher`: the portal the pages come from, for pages that do not name their publisher.
    `progress(done, total, path)`: called after each input (the CLI draws a bar on a terminal).
    Resumable: each written article is journalled at once, so a run stopped half-way loses
    nothing and the next run continues (its articles are "unchanged", not "edited")."""
    manifest_path = out_dir / MANIFEST
    journal_path = out_dir / JOURNAL
    manifest = _read_manifest(manifest_path)
    _replay_journal(journal_path, manifest)
    out_dir.mkdir(parents=True, exist_ok=True)
    journal = journal_path.open("a", encoding="utf-8")
    results = []
    claimed: dict[str, str] = {}  # output path -> input, within this run
    inputs = collect_inputs(sources)
    for done, path in enumerate(inputs, 1):
        if progress:
            progress(done, len(inputs), path)
        shown = str(path)
        try:
            data = path.read_bytes()
            draft, warnings = draft_from_bytes(data)
        except NotAnArticle as err:  # a menu or a listing page: reported, written nowhere
            results.append(FileResult(shown, "not_article", error=str(err)))
            continue
        except (OSError, EncodingRefused) as err:
            results.append(FileResult(shown, "failed", error=str(getattr(err, "strerror", None) or err)))
            continue
        except Exception as err:  # a bug shown by one page must not stop an import of thousands
            results.append(FileResult(shown, "failed", error=_("internal error while reading the page ({kind}: {text}); "
                                                              "please report it with this file").format(
                kind=type(err).__name__, text=excerpt(str(err)))))
            continue
        if not draft.url:
            draft.url = mirror_url(path, sources)
            old_path = urlsplit(draft.url).path if draft.url else ""
            if old_path and old_path != "/" and old_path not in draft.aliases:
                draft.aliases.append(old_path)
        suggest_terms(draft, units, campaigns)
        if titlecase:
            title_case(draft, [*PROPER_NAMES, *(spelling for registry in (units, campaigns) for e in registry.entries
                                                for spelling in (e.name, *e.aliases))])
        draft.publisher = draft.publisher or publisher
        photos = saved_photos(draft, path.parent)
        text = render(draft, {src: name for src, (_source, name) in photos.items()})
        source_key = _digest(data)
        previous = next((k for k, v in manifest.items() if v.get("source") == source_key), None)
        # An article with photos is a folder: YEAR/slug/index.md with the photos beside it.
        leaf = "/index.md" if photos else ".md"
        rel = previous or f"{draft.year}/{article_slug(draft)}{leaf}"
        base = rel[: -len(leaf)]
        n = 2
        while rel in claimed or (rel != previous and rel in manifest and manifest[rel].get("source") != source_key):
            rel = f"{base}-{n}{leaf}"
            n += 1
        claimed[rel] = shown
        target = out_dir / rel
        result = FileResult(shown, "needs_review" if draft.review else "written", rel, list(draft.review),
                            warnings, draft.dropped)
        if previous and not target.exists() and not force:
            result.status = "kept_edited"
            result.review = [_("the article this page was imported to was moved or deleted; use --force to write it again")]
            results.append(result)
            continue
        if target.exists():
            existing = target.read_text(encoding="utf-8")
            if existing == text:
                result.status = "unchanged"
            elif not force and manifest.get(rel, {}).get("written") != _digest(existing):
                result.status = "kept_edited"
                result.review = [_("differs from a fresh import in: {fields}").format(fields=", ".join(_differences(existing, text)))]
                results.append(result)
                continue
            elif not draft.review:
                result.status = "updated"
        if result.status != "unchanged":
            for source, name in photos.values():
                _write_atomic(target.parent / name, source.read_bytes())
            _write_atomic(target, text.encode("utf-8"))
        manifest[rel] = {"source": source_key, "written": _digest(text), "input": path.name}
        journal.write(json.dumps([rel, manifest[rel]], ensure_ascii=False) + "\n")
        journal.flush()
        results.append(result)
    journal.close()
    _write_atomic(manifest_path, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
    journal_path.unlink(missing_ok=True)
    return results
