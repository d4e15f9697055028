"""`scripts/archive`: the editors' and CI's command line. File I/O and argument parsing
only; the work is done by the engine's modules."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from dataclasses import asdict, replace
from pathlib import Path

from .directives import find_citations, find_mentions
from . import i18n
from .i18n import _, number
from .models import Severity
from .importer.run import import_files
from .pipeline import build_plan, build_report, load_registries
from .reading import decode, dump_article
from .parallel import worker_count
from .report import set_search_records
from .slices import Slice, SliceError, merge_slices
from .settings import SettingsError, settings_for_cli
from .text import clean_line, slugify

VIETNAM = dt.timezone(dt.timedelta(hours=7))


def cmd_check(args) -> int:
    """Validate every article without building; exit 1 on errors (or on warnings with --strict)."""
    settings = settings_for_cli(args.root, strict=args.strict)
    plan = build_plan(settings, workers=worker_count())  # a one-shot process: forking is safe
    issues = sorted(plan.problems, key=lambda i: (i.path, i.line, i.field))
    for issue in issues:
        level = _("error") if issue.severity is Severity.ERROR else _("warning")
        shown = replace(issue, path=_as_typed(issue.path, settings))
        print(f"{level}: {shown}{_(' [draft]') if issue.draft else ''}")
    report = build_report(plan)
    print(_("{found} file(s): {valid} valid, {failed} with errors, {drafts} draft(s); "
            "{errors} error(s), {warnings} warning(s)").format(
        found=number(report.found), valid=number(report.valid), failed=number(len(report.failed)),
        drafts=number(report.drafts), errors=number(report.errors), warnings=number(report.warnings)), file=sys.stderr)
    failing = report.errors or (args.strict and report.warnings)
    return 1 if failing else 0


def _as_typed(path: str, settings) -> str:
    """A message's file as the editor would type it from the current folder: relative when
    it is below it, absolute otherwise (messages name files from the articles or data folder)."""
    for folder in (settings.articles_dir, settings.data_dir):
        if path == folder.name or path.startswith(folder.name + "/"):
            full = folder.parent / path
            cwd = Path.cwd()
            return str(full.relative_to(cwd)) if full.is_relative_to(cwd) else str(full)
    return path


def cmd_new(args) -> int:
    """Create articles/YYYY/slug.md with a front-matter skeleton."""
    settings = settings_for_cli(args.root)
    title = clean_line(args.title)
    slug = slugify(args.slug or title)
    if not title or not slug:
        print(_("error: the title needs at least one letter or digit"), file=sys.stderr)
        return 2
    date = args.date or dt.datetime.now(VIETNAM).date().isoformat()
    year = date[:4]
    target = settings.articles_dir / year / f"{slug}.md"
    if target.exists():
        print(_("error: {path} already exists; choose another title or --slug").format(path=target), file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = {"title": title, "date": date, "authors": [], "units": [], "campaigns": [], "directives": [],
            "summary": "", "draft": True}
    target.write_text(dump_article(meta, "Nội dung bài viết."), encoding="utf-8")
    print(target)
    return 0


def cmd_directives(args) -> int:
    """Print the directive citations (and unresolved mentions) found in each file."""
    results, status = [], 0
    for name in args.files:
        path = Path(name)
        try:
            text, problems = decode(path.read_bytes(), name)
        except OSError as err:
            text, problems = None, [f"{name}: cannot read: {err.strerror or err}"]
        if text is None:
            print(f"error: {problems[0]}", file=sys.stderr)
            status = 1
            continue
        citations = find_citations(text)
        mentions = find_mentions(text, citations)
        results.append({"file": name, "citations": [c.as_json() for c in citations],
                        "unresolved": [m.as_json() for m in mentions]})
    if args.json:
        json.dump(results, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for result in results:
            print(result["file"])
            for c in result["citations"]:
                print(f"  {c['code']:<18} {c['type_name']:<24} {c['year'] or '?':<5} {c['text']}")
            for m in result["unresolved"]:
                print(f"  {'(unresolved)':<18} {m['type_name']:<24} {'':<5} {m['text']}")
    return status


def cmd_import(args) -> int:
    """Portal pages (text dumps, saved HTML) -> articles; exit 1 if any input failed."""
    settings = settings_for_cli(args.root)
    registries, _problems = load_registries(settings)
    out = Path(args.out).resolve() if args.out else settings.articles_dir
    def progress(done: int, total: int, path: Path) -> None:
        width = 30
        filled = width * done // total
        end = "\n" if done == total else ""
        print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", end=end, file=sys.stderr, flush=True)

    results = import_files([Path(s) for s in args.sources], out, registries.units, registries.campaigns,
                           force=args.force, publisher=clean_line(args.publisher or ""),
                           progress=progress if sys.stderr.isatty() else None, titlecase=args.titlecase)
    for result in results:
        print(result.line())
        for warning in result.warnings:
            print(f"  warning: {warning}")
    if args.report:
        Path(args.report).write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1),
                                     encoding="utf-8")
    if args.score:
        from .importer.score import score_import, score_table
        key = Path(args.score)
        print(score_table(score_import(key, key.parent, results, out)))
    counts = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
    names = {"written": _("written"), "updated": _("updated"), "unchanged": _("unchanged"),
             "needs_review": _("needs review"), "kept_edited": _("kept as edited"),
             "not_article": _("not an article"), "failed": _("failed")}
    print(", ".join(f"{number(n)} {names.get(status, status)}" for status, n in sorted(counts.items()))
          or _("no input files"), file=sys.stderr)
    return 1 if counts.get("failed") or not results else 0


def cmd_bench(args) -> int:
    """Benchmark at several corpus sizes against plain MkDocs and Hugo + Pagefind. The bench is
    a tool beside the engine (scripts/bench.py, with psutil), loaded only for this command."""
    import importlib.util
    sizes = [int(s) for s in args.sizes.split(",")] + ([50_000] if args.with_50k else [])
    script = Path(args.corpus_script) if args.corpus_script else args.root.parent / "shared/corpus/make_corpus.py"
    if not script.exists():
        print(_("error: corpus generator {path} not found; give it with --corpus-script").format(path=script),
              file=sys.stderr)
        return 2
    spec = importlib.util.spec_from_file_location("bench", args.root / "scripts" / "bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.run_bench(args.root, sizes, Path(args.out).resolve(), script, baselines=not args.no_baselines)
    return 0


def cmd_build(args) -> int:
    """`mkdocs build` of the whole site, or (--slice K/N) of one machine's share of it."""
    import subprocess
    env = dict(os.environ)
    if args.slice:
        try:
            Slice.parse(args.slice)
        except SliceError as err:
            print(_("error: {problem}").format(problem=err), file=sys.stderr)
            return 2
        env["ARCHIVE_SLICE"] = args.slice
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(args.root / "mkdocs.yml"), "-d", str(Path(args.out).resolve())]
    if args.strict:
        command.append("--strict")
    return subprocess.run(command, env=env, cwd=args.root).returncode


def cmd_merge(args) -> int:
    """Assemble the folders of `build --slice 1/N` ... `N/N` into one site."""
    try:
        result = merge_slices([Path(f) for f in args.folders], Path(args.out), set_search_records)
    except SliceError as err:
        print(_("error: {problem}").format(problem=err), file=sys.stderr)
        return 1
    print(_("{files} file(s) merged into {out}; the search index covers {records} article(s)").format(
        files=number(result.files), out=args.out, records=number(result.search_records)))
    return 0


def cmd_fuzz(args) -> int:
    """Generated hostile inputs through the whole engine (scripts/fuzz.py, beside the engine)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("fuzz", args.root / "scripts" / "fuzz.py")
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    return fuzz.run_fuzz(args.root, args.examples, args.seed)


def _language(argv: list[str]) -> str | None:
    for n, arg in enumerate(argv):
        if arg == "--lang" and n + 1 < len(argv):
            return argv[n + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    i18n.use(i18n.language_from(os.environ, _language(argv)))
    argparse._ = _  # argparse's own words ("usage:", "options") from our catalogs too
    parser = argparse.ArgumentParser(prog="scripts/archive", description=_("News archive tools."))
    parser.add_argument("--root", type=Path, default=Path.cwd(), help=argparse.SUPPRESS)
    common = argparse.ArgumentParser(add_help=False)  # --lang before or after the command
    common.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS,
                        help=_("language of the messages: vi (default) or en; also from LC_ALL, LC_MESSAGES, LANG"))
    parser._add_container_actions(common)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("check", parents=[common], help=_("validate all articles (file:line: field: message)"))
    p.add_argument("--strict", action="store_true", help=_("warnings fail too (as in `make site`)"))
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("new", parents=[common], help=_("create a new article with a front-matter skeleton"))
    p.add_argument("title")
    p.add_argument("--date", help=_("YYYY-MM-DD (default: today, Vietnam time)"))
    p.add_argument("--slug", help=_("URL slug (default: from the title)"))
    p.set_defaults(func=cmd_new)
    p = sub.add_parser("directives", parents=[common], help=_("list directive citations found in files"))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help=_("JSON: per file, citations and unresolved mentions"))
    p.set_defaults(func=cmd_directives)
    p = sub.add_parser("import", parents=[common], help=_("import portal pages (text dumps or saved HTML) as articles"))
    p.add_argument("sources", nargs="+", metavar="SRC", help=_("files or folders (*.txt, *.html)"))
    p.add_argument("--out", help=_("articles folder to write into (default: the archive's)"))
    p.add_argument("--force", action="store_true", help=_("overwrite articles an editor has changed"))
    p.add_argument("--report", metavar="FILE.json", help=_("write a per-file report"))
    p.add_argument("--publisher", help=_("publisher for pages that do not name one (the portal's owner)"))
    p.add_argument("--titlecase", action="store_true",
                   help=_("show titles written in capitals in sentence case (the printed form is kept in source.title)"))
    p.add_argument("--score", metavar="SOURCES.tsv", help=_("score the import against an answer key and print a table"))
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("bench", parents=[common], help=_("benchmark builds at 1k/10k/20k articles against plain MkDocs and Hugo"))
    p.add_argument("--sizes", default="1000,10000,20000", help=_("comma-separated corpus sizes"))
    p.add_argument("--with-50k", action="store_true", help=_("add a 50,000-article run (no baselines)"))
    p.add_argument("--out", default="bench", help=_("working folder (corpora, sites, results.json)"))
    p.add_argument("--corpus-script", help=_("path to make_corpus.py (default: ../shared/corpus/)"))
    p.add_argument("--no-baselines", action="store_true", help=_("only our build"))
    p.set_defaults(func=cmd_bench)
    p = sub.add_parser("build", parents=[common], help=_("build the site, or one slice of it for a split build"))
    p.add_argument("--slice", metavar="K/N", help=_("write only slice K of N (one machine of N); join them with merge"))
    p.add_argument("--out", default="site", help=_("output folder (default: site)"))
    p.add_argument("--strict", action="store_true", help=_("warnings fail too (as in `make site`)"))
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("merge", parents=[common], help=_("merge the folders of a split build into one site"))
    p.add_argument("folders", nargs="+", metavar="DIR")
    p.add_argument("--out", required=True, help=_("the site folder to create"))
    p.set_defaults(func=cmd_merge)
    p = sub.add_parser("fuzz", parents=[common], help=_("run N generated hostile article files through the engine"))
    p.add_argument("examples", type=int, nargs="?", default=1000, metavar="N")
    p.add_argument("--seed", type=int, help=_("reproduce a run"))
    p.set_defaults(func=cmd_fuzz)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except SettingsError as err:
        print(_("error: {problem}").format(problem=err), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
