"""Builds split across machines: every machine computes the same global plan and writes a
deterministic share of the site; `merge_slices` assembles the shares into the site a single
machine would have built.

- A slice is "K/N". Article pages go with their search shard, so that each slice's Pagefind
  runs find their pages on the slice's own disk: shard i (0 = newest, as `plan_shards` lists
  them) belongs to slice i mod N + 1. Every other file we write (listing pages, feeds,
  redirects, the sitemap, media ...) belongs to slice hash(path) mod N + 1, a hash that is
  the same on every machine.
- MkDocs' own pages and theme files are written by every slice (they are the same
  everywhere): the merge checks that copies of one file are byte-identical.
- Each slice also writes `_slice/K-of-N.json`: the plan's key and its search shards with
  their page counts. The merge refuses slices of different plans, a missing or repeated K,
  and files that differ between slices; it writes the build report's search record count
  for the whole site (each slice knows only its own shards).
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .build_cache import digest, link_tree
from .i18n import _

SLICE_FOLDER = "_slice"


class SliceError(ValueError):
    """A wrong slice or an incomplete or inconsistent set of slices: the message says which."""


@dataclass(frozen=True)
class Slice:
    number: int  # 1 .. count
    count: int

    @classmethod
    def parse(cls, text: str) -> "Slice":
        try:
            number, count = (int(part) for part in text.split("/"))
        except ValueError:
            raise SliceError(_("slice '{text}': write it as K/N, e.g. 2/4").format(text=text)) from None
        if not 1 <= number <= count:
            raise SliceError(_("slice '{text}': K must be between 1 and N").format(text=text))
        return cls(number, count)

    def owns(self, path: str) -> bool:
        return int(digest(path.encode("utf-8"))[:12], 16) % self.count + 1 == self.number

    def owns_shard(self, index: int) -> bool:
        return index % self.count + 1 == self.number

    @property
    def manifest_path(self) -> str:
        return f"{SLICE_FOLDER}/{self.number}-of-{self.count}.json"


def plan_key(urls: list[str], settings_text: str) -> str:
    """Which global plan a slice was cut from: its pages and settings."""
    return digest("\n".join([settings_text, *urls]).encode("utf-8"))


def slice_manifest(part: Slice, key: str, shards: dict[str, int]) -> bytes:
    return json.dumps({"slice": part.number, "of": part.count, "plan": key, "shards": shards},
                      ensure_ascii=False, sort_keys=True).encode("utf-8")


@dataclass(frozen=True)
class MergeResult:
    files: int
    search_records: int


def merge_slices(folders: list[Path], out: Path, fix_report) -> MergeResult:
    """Assemble slice folders into `out` (new or empty). `fix_report(out, records)` writes the
    whole site's search record count into the build report."""
    manifests = []
    for folder in folders:
        found = sorted((folder / SLICE_FOLDER).glob("*-of-*.json"))
        if len(found) != 1:
            raise SliceError(_("{folder}: not the output of one `scripts/archive build --slice`").format(folder=folder))
        manifests.append((folder, json.loads(found[0].read_text(encoding="utf-8"))))
    counts = {m["of"] for _folder, m in manifests}
    plans = {m["plan"] for _folder, m in manifests}
    if len(counts) != 1 or len(plans) != 1:
        raise SliceError(_("the slices were cut from different plans (other articles, settings or N)"))
    count = counts.pop()
    numbers = sorted(m["slice"] for _folder, m in manifests)
    if numbers != list(range(1, count + 1)):
        missing = sorted(set(range(1, count + 1)) - set(numbers))
        raise SliceError(_("slices {numbers} of {count} given; missing: {missing}").format(
            numbers=", ".join(map(str, numbers)), count=count, missing=", ".join(map(str, missing)) or "-"))
    if out.exists() and any(out.iterdir()):
        raise SliceError(_("{folder} is not empty").format(folder=out))
    manifests.sort(key=lambda fm: fm[1]["slice"])
    written, rest = 0, manifests
    if out.exists():
        out.rmdir()
    out.parent.mkdir(parents=True, exist_ok=True)
    if link_tree(manifests[0][0], out):  # the first slice whole, in C: it is most of the files
        shutil.rmtree(out / SLICE_FOLDER)
        written = sum(len(names) for root, _dirs, names in os.walk(out))
        rest = manifests[1:]
    else:  # another file system: file by file below
        shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    for folder, _manifest in rest:
        for root, dirnames, names in os.walk(folder):
            rel_root = Path(root).relative_to(folder)
            if rel_root.parts[:1] == (SLICE_FOLDER,):
                dirnames[:] = []
                continue
            (out / rel_root).mkdir(parents=True, exist_ok=True)
            for name in names:
                source, target = Path(root) / name, out / rel_root / name
                if target.exists():
                    if target.read_bytes() != source.read_bytes():
                        raise SliceError(_("{path} differs between slices").format(path=(rel_root / name).as_posix()))
                    continue
                try:
                    os.link(source, target)
                except OSError:
                    shutil.copy2(source, target)
                written += 1
    records = sum(pages for _folder, m in manifests for pages in m["shards"].values())
    fix_report(out, records)
    return MergeResult(written, records)
