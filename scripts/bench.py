"""`scripts/archive bench`: build generated corpora and compare with baselines side by side.

For each size: our full build (pages, feeds, search index), a plain MkDocs + Material build
(no hooks, articles not in the nav, no search) and Hugo with three taxonomies followed by
Pagefind. Reports wall and CPU time, peak memory of the whole process tree, site size, page
sizes, bytes a reader downloads per page type (page_weight.py, in Chromium), the editor preview
rebuild, and the ratios the budgets are stated in.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))  # loaded by file path from cli.py
import page_weight  # noqa: E402
from newsarchive.settings import read_mkdocs_config  # noqa: E402  (hooks/ is on the path: scripts/archive)

BUDGETS = {"vs_hugo_pagefind_10k": 1.2, "scaling_20k_10k": 2.1, "peak_gib_50k": 4.0, "article_kb": 40.0,
           "preview_s_10k": 2.0, "incremental_share_10k": 0.15, "site_gib_50k": 1.0}
HUGO_CONFIG = """baseURL = "http://localhost/"
title = "bench"
disableKinds = ["sitemap"]
[taxonomies]
unit = "units"
campaign = "campaigns"
directive = "directives"
[pagination]
pagerSize = 20
"""
HUGO_LAYOUTS = {
    "single.html": "<!doctype html><html lang=vi><head><title>{{ .Title }}</title></head><body><main>"
                   "<h1>{{ .Title }}</h1><p>{{ .Date.Format \"02/01/2006\" }}</p>"
                   "{{ range $t, $_ := .Site.Taxonomies }}{{ range $.GetTerms $t }}<a href=\"{{ .RelPermalink }}\">"
                   "{{ .LinkTitle }}</a> {{ end }}{{ end }}{{ .Content }}</main></body></html>",
    "list.html": "<!doctype html><html lang=vi><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>"
                 "<ul>{{ range .Paginator.Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}"
                 "</ul>{{ with .Paginator.Next }}<a href=\"{{ .URL }}\">next</a>{{ end }}</body></html>",
    "terms.html": "<!doctype html><html lang=vi><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>"
                  "<ul>{{ range .Data.Terms.Alphabetical }}<li><a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}"
                  "</a> {{ .Count }}</li>{{ end }}</ul></body></html>",
}


def _proportional(process: psutil.Process) -> int:
    """The process's proportional set size (each shared page split among the processes that map
    it), from /proc/PID/smaps_rollup; its RSS where that file is missing."""
    try:
        with open(f"/proc/{process.pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return process.memory_info().rss


def measure(command: list[str], env: dict | None = None, cwd: Path | None = None, exits=(0,)) -> dict:
    """Run a command; wall time, CPU time of the process tree, peak memory of the tree: RSS
    summed (a forked worker counts every page it shares with its parent again) and PSS summed
    (shared pages counted once: the memory the machine needs)."""
    before = os.times()
    start = time.perf_counter()
    process = psutil.Popen(command, env={**os.environ, **(env or {})}, cwd=cwd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = peak_pss = 0
    while process.poll() is None:
        try:
            tree = [p for p in [process, *process.children(recursive=True)] if p.is_running()]
            peak = max(peak, sum(p.memory_info().rss for p in tree))
            peak_pss = max(peak_pss, sum(_proportional(p) for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.05)
    wall = time.perf_counter() - start
    after = os.times()
    stderr = process.stderr.read()
    if process.returncode not in exits:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{stderr[-3000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "peak_mib": round(peak / 2**20),
            "peak_pss_mib": round(peak_pss / 2**20)}


def site_figures(site: Path) -> dict:
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    articles, listings = [], []
    for page in site.rglob("index.html"):
        rel = page.relative_to(site).parts
        size = page.stat().st_size
        is_article = rel[0].isdigit() and len(rel) >= 3 and not rel[-2].isdigit() and "trang" not in rel
        (articles if is_article else listings).append(size)
    return {"site_mib": round(total / 2**20, 1), "pages": len(articles) + len(listings),
            "files": sum(1 for p in site.rglob("*") if p.is_file()),
            "article_median_kb": round(statistics.median(articles) / 1024, 1) if articles else 0,
            "article_max_kb": round(max(articles, default=0) / 1024, 1),
            "listing_max_kb": round(max(listings, default=0) / 1024, 1)}


def corpus(root: Path, out: Path, size: int, script: Path) -> Path:
    folder = out / f"corpus-{size}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, str(script), str(folder), str(size), "--seed", "1"], check=True)
        (folder / ".complete").write_text("")
    return folder


def ours(root: Path, articles: Path, site: Path, cache: Path | None = None, **env) -> dict:
    """Our production build; cold (a fresh cache folder beside the site) unless `cache` is given."""
    if cache is None:
        cache = site.parent / f"{site.name}.cache"
        shutil.rmtree(cache, ignore_errors=True)
    _settled(site)
    figures = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
                      env={"ARCHIVE_ARTICLES_DIR": str(articles), "NO_MKDOCS_2_WARNING": "1", "ARCHIVE_CACHE_DIR": str(cache),
                           "SITE_URL": "https://luutru.example.vn/", **env}, cwd=root)
    return figures


def _settled(site: Path, limit_s: float = 300) -> None:
    """Wait until the last build's replaced site is gone: a build deletes it in a process of its
    own after it returns (site_folder.py), which on a machine that starts the next build at once
    would slow that one -- a CI job starts with no site/ at all. Each build is timed alone."""
    deadline = time.monotonic() + limit_s
    while any(site.parent.glob(f".{site.name}.old-*")) and time.monotonic() < deadline:
        time.sleep(0.2)


def _retitle(path: Path, title: str, slug: str | None = None) -> None:
    lines = [f'title: "{title}"\n' if line.startswith("title:") else line
             for line in path.read_text(encoding="utf-8").splitlines(keepends=True)]
    if slug:
        lines.insert(1, f"slug: {slug}\n")
    path.write_text("".join(lines), encoding="utf-8")


def incremental(root: Path, articles: Path, work: Path) -> dict:
    """Production builds from the build cache, as CI runs them after a push: a cold build,
    then one article added (newest year), then one article's title edited (an older year)."""
    copy = work / "incremental-articles"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(articles, copy)  # the builds edit files: never touch the shared corpus
    site, cache = work / "incremental-site", work / "incremental-site.cache"
    shutil.rmtree(cache, ignore_errors=True)
    cold = ours(root, copy, site, cache)
    years = sorted(p for p in copy.iterdir() if p.is_dir() and p.name.isdigit())
    newest = sorted(years[-1].glob("*.md"))
    added = years[-1] / "bai-moi-them-vao.md"
    shutil.copy(newest[0], added)
    _retitle(added, "Hội nghị mới về công tác dân vận", "bai-moi-them-vao")
    after_add = ours(root, copy, site, cache)
    _retitle(sorted(years[len(years) // 2].glob("*.md"))[0], "Tiêu đề đã được sửa lại")
    after_edit = ours(root, copy, site, cache)
    shutil.rmtree(copy, ignore_errors=True)
    return {"cold_s": cold["wall_s"], "added_s": after_add["wall_s"], "edited_s": after_edit["wall_s"],
            "added_share": round(after_add["wall_s"] / cold["wall_s"], 3),
            "edited_share": round(after_edit["wall_s"] / cold["wall_s"], 3)}


def plain_mkdocs(articles: Path, work: Path) -> dict:
    shutil.rmtree(work, ignore_errors=True)
    (work / "docs").mkdir(parents=True)
    shutil.copytree(articles, work / "docs" / "bai", ignore=shutil.ignore_patterns(".*"))
    (work / "docs" / "index.md").write_text("# Bench\n")
    (work / "mkdocs.yml").write_text("site_name: bench\ntheme:\n  name: material\n  font: false\nnav:\n  - index.md\n"
                                     "plugins: []\nvalidation:\n  nav:\n    omitted_files: ignore\n")
    return measure([sys.executable, "-m", "mkdocs", "build", "-q"], env={"NO_MKDOCS_2_WARNING": "1"}, cwd=work)


def hugo_pagefind(articles: Path, work: Path) -> dict:
    shutil.rmtree(work, ignore_errors=True)
    (work / "layouts" / "_default").mkdir(parents=True)
    for name, text in HUGO_LAYOUTS.items():
        (work / "layouts" / "_default" / name).write_text(text)
    (work / "hugo.toml").write_text(HUGO_CONFIG)
    shutil.copytree(articles, work / "content" / "posts", ignore=shutil.ignore_patterns(".*"))
    hugo = shutil.which("hugo", path=str(Path(sys.executable).parent)) or "hugo"
    build = measure([hugo, "--quiet", "--destination", "public"], cwd=work)
    index = measure([sys.executable, "-m", "pagefind", "--site", str(work / "public")], cwd=work)
    return {"hugo_s": build["wall_s"], "pagefind_s": index["wall_s"],
            "wall_s": round(build["wall_s"] + index["wall_s"], 2), "cpu_s": round(build["cpu_s"] + index["cpu_s"], 2),
            "peak_mib": max(build["peak_mib"], index["peak_mib"])}


_REBUILD_SCRIPT = """
import os, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
articles = Path(os.environ["ARCHIVE_ARTICLES_DIR"])
newest = max(articles.rglob("*.md"), key=lambda p: p.stat().st_mtime)
config = load_config(sys.argv[1], site_dir=sys.argv[2])
config.plugins.on_startup(command="serve", dirty=False)  # as `mkdocs serve` announces itself, once
build(config)  # first build: what `mkdocs serve` does at start
newest.write_text(newest.read_text(encoding="utf-8") + "\\n", encoding="utf-8")  # an editor saves
config = load_config(sys.argv[1], site_dir=sys.argv[2])
start = time.perf_counter()
build(config)  # the rebuild `mkdocs serve` runs after a save (same process, modules loaded)
print(round(time.perf_counter() - start, 2))
"""


def serve_rebuild(root: Path, articles: Path, site: Path, limit: int = 200) -> float:
    """Seconds for the rebuild `mkdocs serve` runs after an editor saves an article, in
    preview mode (newest `limit` files), measured inside one process as serve does it."""
    copy = site.parent / f"{site.name}-articles"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(articles, copy)  # the rebuild edits a file: never touch the shared corpus
    done = subprocess.run([sys.executable, "-c", _REBUILD_SCRIPT, str(root / "mkdocs.yml"), str(site)],
                          env={**os.environ, "ARCHIVE_ARTICLES_DIR": str(copy), "ARCHIVE_PREVIEW_LIMIT": str(limit),
                               "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(root / "hooks")},
                          capture_output=True, text=True, cwd=root)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    shutil.rmtree(copy, ignore_errors=True)
    return float(done.stdout.strip().splitlines()[-1])


def hostile_overhead(root: Path, articles: Path, work: Path) -> dict:
    """What the hostile catalogue (tests/hostile/cases.py) adds to `scripts/archive check` of a
    corpus: the same stages the build runs before rendering, where every hostile file is refused."""
    sys.path[:0] = [str(root / "tests")]
    from hostile.cases import CASES
    copy = work / "hostile-corpus"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(articles, copy)
    env = {"NO_MKDOCS_2_WARNING": "1"}
    plain = measure([str(root / "scripts/archive"), "check"], env={**env, "ARCHIVE_ARTICLES_DIR": str(copy)})
    for name, content, _ in CASES:
        (copy / "2021" / name).parent.mkdir(parents=True, exist_ok=True)
        (copy / "2021" / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    hostile = measure([str(root / "scripts/archive"), "check"], env={**env, "ARCHIVE_ARTICLES_DIR": str(copy)},
                      exits=(1,))  # check fails on them, as it must
    shutil.rmtree(copy, ignore_errors=True)
    return {"check_s": plain["wall_s"], "check_with_catalogue_s": hostile["wall_s"], "cases": len(CASES),
            "extra_s": round(hostile["wall_s"] - plain["wall_s"], 2), "peak_mib": hostile["peak_mib"]}


def slice_overhead(root: Path, articles: Path, work: Path, count: int) -> dict:
    """The split build run here one slice after another, as `count` machines would, and the
    merge: the total against a single build measures the work each machine repeats (load and
    plan of the whole archive, MkDocs' own pages)."""
    env = {"ARCHIVE_ARTICLES_DIR": str(articles), "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://luutru.example.vn/"}
    walls, peaks, folders = [], [], []
    for k in range(1, count + 1):
        out = work / f"slice-{k}-of-{count}"
        shutil.rmtree(out, ignore_errors=True)
        figures = measure([str(root / "scripts/archive"), "build", "--slice", f"{k}/{count}", "--out", str(out)], env=env)
        walls.append(figures["wall_s"])
        peaks.append(figures["peak_mib"])
        folders.append(out)
    merged = work / f"merged-{count}"
    shutil.rmtree(merged, ignore_errors=True)
    merge = measure([str(root / "scripts/archive"), "merge", *map(str, folders), "--out", str(merged)], env=env)
    for folder in (*folders, merged):
        shutil.rmtree(folder, ignore_errors=True)
    return {"slices": count, "slice_s": walls, "merge_s": merge["wall_s"], "total_s": round(sum(walls) + merge["wall_s"], 2),
            "peak_mib": max(peaks)}


def run_bench(root: Path, sizes: list[int], out: Path, script: Path, baselines: bool = True) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    results: dict = {"sizes": {}, "budgets": BUDGETS, "cores": os.cpu_count()}
    chunk_size = read_mkdocs_config(root)["extra"]["archive"]["search_chunk_size"]  # for the reference index
    for size in sizes:
        articles = corpus(root, out, size, script)
        row: dict = {"ours": ours(root, articles, out / f"site-{size}")}
        row["ours"].update(site_figures(out / f"site-{size}"))
        if Path(page_weight.CHROMIUM).exists():
            row["page_weight"] = page_weight.page_weights(out / f"site-{size}", chunk_size=chunk_size,
                                                          reference=size <= page_weight.REFERENCE_MAX_PAGES)
        if size == 10_000 or size == sizes[0]:
            preview = ours(root, articles, out / f"preview-{size}", ARCHIVE_PREVIEW_LIMIT="200")
            preview["serve_rebuild_s"] = serve_rebuild(root, articles, out / f"preview-{size}")
            row["preview_200"] = preview
            row["hostile"] = hostile_overhead(root, articles, out)
            row["incremental"] = incremental(root, articles, out)
        if size <= 10_000:
            row["split"] = slice_overhead(root, articles, out, 2)
            row["split"]["ratio"] = round(row["split"]["total_s"] / row["ours"]["wall_s"], 2)
        if baselines and size <= 20_000:
            row["plain_mkdocs"] = plain_mkdocs(articles, out / f"plain-{size}")
            row["hugo_pagefind"] = hugo_pagefind(articles, out / f"hugo-{size}")
            row["ratio_vs_hugo_pagefind"] = round(row["ours"]["wall_s"] / row["hugo_pagefind"]["wall_s"], 2)
            row["ratio_vs_plain_mkdocs"] = round(row["ours"]["wall_s"] / row["plain_mkdocs"]["wall_s"], 2)
        results["sizes"][size] = row
        print_row(size, row)
    if 10_000 in results["sizes"] and 20_000 in results["sizes"]:
        results["scaling_20k_10k"] = round(results["sizes"][20_000]["ours"]["wall_s"]
                                           / results["sizes"][10_000]["ours"]["wall_s"], 2)
        print(f"t(20k)/t(10k) = {results['scaling_20k_10k']} (budget <= {BUDGETS['scaling_20k_10k']})")
    (out / "results.json").write_text(json.dumps(results, indent=1))
    return results


def print_row(size: int, row: dict) -> None:
    o = row["ours"]
    print(f"\n== {size:,} articles ==")
    print(f"ours (pages + feeds + search): wall {o['wall_s']} s, cpu {o['cpu_s']} s, peak {o['peak_mib']} MiB RSS summed, "
          f"{o['peak_pss_mib']} MiB PSS summed" + (f" (budget <= {BUDGETS['peak_gib_50k']} GiB at 50k)" if size >= 50_000 else "")
          + f", {o['pages']:,} pages, {o['files']:,} files, site {o['site_mib']} MiB"
          + (f" (budget <= {BUDGETS['site_gib_50k']} GiB at 50k)" if size >= 50_000 else ""))
    print(f"  article page median {o['article_median_kb']} KB, largest {o['article_max_kb']} KB "
          f"(budget <= {BUDGETS['article_kb']} KB); largest listing page {o['listing_max_kb']} KB")
    if "page_weight" in row:
        page_weight.print_weights(size, row["page_weight"])
    if "preview_200" in row:
        p = row["preview_200"]
        print(f"  preview (newest 200): cold `mkdocs build` {p['wall_s']} s; rebuild after a save, as "
              f"`mkdocs serve` does it: {p['serve_rebuild_s']} s (budget <= {BUDGETS['preview_s_10k']} s at 10k)")
    if "incremental" in row:
        x = row["incremental"]
        print(f"  incremental production builds (build cache): cold {x['cold_s']} s; one article added "
              f"{x['added_s']} s ({x['added_share']:.0%} of cold), one title edited {x['edited_s']} s "
              f"({x['edited_share']:.0%}) (budget <= {BUDGETS['incremental_share_10k']:.0%} at 10k)")
    if "split" in row:
        x = row["split"]
        print(f"  split build, {x['slices']} slices one after another: {' + '.join(map(str, x['slice_s']))} s, merge "
              f"{x['merge_s']} s = {x['total_s']} s, {x['ratio']}x the single build (budget <= 1.15 at 10k, "
              f"1.5 at 900), peak per slice {x['peak_mib']} MiB")
    if "hostile" in row:
        x = row["hostile"]
        print(f"  hostile catalogue ({x['cases']} files) added to the corpus: `check` {x['check_s']} s -> "
              f"{x['check_with_catalogue_s']} s ({x['extra_s']:+} s), peak {x['peak_mib']} MiB")
    if "hugo_pagefind" in row:
        h, p = row["hugo_pagefind"], row["plain_mkdocs"]
        print(f"plain MkDocs + Material: wall {p['wall_s']} s, peak {p['peak_mib']} MiB")
        print(f"Hugo {h['hugo_s']} s + Pagefind {h['pagefind_s']} s = {h['wall_s']} s, peak {h['peak_mib']} MiB")
        print(f"ratio ours / (Hugo + Pagefind) = {row['ratio_vs_hugo_pagefind']} "
              f"(budget <= {BUDGETS['vs_hugo_pagefind_10k']} at 10k); ours / plain MkDocs = {row['ratio_vs_plain_mkdocs']}")
