"""MkDocs adapter. With listing_writer.py beside it, the only code that imports mkdocs: each
handler translates MkDocs objects to calls into `newsarchive` (plain Python), so the engine
can move to another site generator."""
from __future__ import annotations

import os
import traceback
from concurrent.futures import ThreadPoolExecutor
import time
from contextlib import contextmanager
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from listing_writer import ListingWriter
from newsarchive import extras
from newsarchive.models import Severity
from newsarchive.pipeline import load_archive
from newsarchive.search_index import SearchIndexError, build_search_index
from newsarchive.settings import ArchiveSettings, SettingsError

log = get_plugin_logger("archive")
MAX_LOGGED = 200  # issues printed one by one; all of them are in the report


# Page kinds written by ListingWriter (shell + fragment) instead of MkDocs' page pipeline.
SHELL_KINDS = {"article", "term", "year", "month"}


class _State:
    command = "build"
    settings: ArchiveSettings | None = None
    archive = None
    plans: dict = {}
    listings: list = []
    env = nav = files = writer = None
    timings: dict = {}
    files_done = 0.0


state = _State()


@contextmanager
def timed(name: str):
    """Phase timings, printed with ARCHIVE_TIMINGS=1 (the benchmark's breakdown)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        state.timings[name] = state.timings.get(name, 0.0) + time.perf_counter() - start


def on_startup(command, dirty):
    state.command = command


def on_pre_build(config):
    state.timings = {}


def on_config(config):
    try:
        state.settings = ArchiveSettings.from_config(
            Path(config.config_file_path).parent, config.extra.get("archive"), strict=config.strict,
            include_drafts=state.command == "serve")
    except SettingsError as err:
        raise PluginError(str(err)) from None
    return config


def on_files(files, config):
    with timed("load"):
        archive = state.archive = load_archive(state.settings)
    with timed("plan"):
        plans = archive.pages() + [extras.report_page(archive)]
    _log_issues(archive.issues)
    if config.strict and archive.issues:
        raise PluginError(f"{archive.report.errors} error(s), {archive.report.warnings} warning(s) in articles "
                          "or registries; strict build stops (see the messages above)")
    state.plans, state.listings = {}, []
    for plan in plans:
        if files.get_file_from_path(plan.src_uri) is not None:
            log.error(f"{plan.src_uri}: a hand-written page in docs/ takes the URL of a generated page")
            continue
        if plan.kind in SHELL_KINDS:
            state.listings.append(plan)
            continue
        state.plans[plan.src_uri] = plan
        files.append(File.generated(config, plan.src_uri, content=f"---\ntemplate: {plan.template}\n---\n{plan.body}"))
    state.files_done = time.perf_counter()
    return files


def on_page_markdown(markdown, page, config, files):
    plan = state.plans.get(page.file.src_uri)
    if plan is not None:
        page.meta["title"] = Markup(escape(plan.title))  # escaped once: Material prints titles raw
    return markdown


def on_page_context(context, page, config, nav):
    plan = state.plans.get(page.file.src_uri)
    if plan is not None:
        context["archive"] = plan.context
        context["archive_kind"] = plan.kind
    elif page.meta.get("template") == "home.html" and state.archive is not None:
        context["archive"] = state.archive.planner.home_context()
        context["archive_kind"] = "home"
    return context


def on_nav(nav, config, files):
    state.nav = nav
    return nav


def on_env(env, config, files):
    state.env, state.files = env, files
    return env


def on_post_build(config):
    if state.archive is None:
        return
    site_dir = Path(config.site_dir)
    state.timings["mkdocs pages and assets"] = time.perf_counter() - state.files_done
    writer = ListingWriter(state.env, config, state.files, state.nav)

    state.writer = writer
    articles = [plan for plan in state.listings if plan.kind == "article"]
    with timed("article pages"):
        if _can_fork(len(articles)):
            _render_in_parallel(articles, site_dir)
        else:
            extras.write_outputs(_page_outputs(articles), site_dir)
    # Pagefind needs only the article pages: it indexes (in its own process) while this one
    # renders the listing pages -- the build is otherwise single-threaded on a 2-core machine.
    with ThreadPoolExecutor(max_workers=1) as pool:
        search = pool.submit(_search_index, site_dir) if state.settings.search else None
        with timed("listing pages"):
            extras.write_outputs(_page_outputs(p for p in state.listings if p.kind != "article"), site_dir)
        with timed("search index (waiting)"):
            result = search.result() if search else None
    report = state.archive.report
    if result is not None:
        report.search_records = result.pages
        if result.pages != report.pages.get("article", 0):
            log.warning(f"search index holds {result.pages} pages but {report.pages.get('article', 0)} articles "
                        "were published")
    context = extras.ExtraContext(
        site_url=config.site_url or "", site_name=config.site_name,
        media_cache=state.settings.root / ".cache" / "media",
        render=lambda name, **values: state.env.get_template(name).render(**values),
        page_urls=[(f.url, state.plans[f.src_uri].lastmod if f.src_uri in state.plans else "")
                   for f in state.files.documentation_pages()] + [(plan.url, plan.lastmod) for plan in state.listings])
    with timed("extras"):
        extras.write_outputs(extras.build_extras(state.archive, context), site_dir)
    if os.environ.get("ARCHIVE_TIMINGS"):
        log.info("timings: " + ", ".join(f"{name} {seconds:.2f}s" for name, seconds in state.timings.items()))
    if state.archive.errors and state.command != "serve":
        log.warning(f"{len(state.archive.errors)} article file(s) not published; see the errors above "
                    "and the build report")


def _can_fork(count: int) -> bool:
    """Only in `mkdocs build`: serve runs a live-reload server thread, and forking a threaded
    process can deadlock. Small archives are not worth starting processes for."""
    return (state.command == "build" and count >= state.settings.parallel_from and (os.cpu_count() or 1) > 1
            and hasattr(os, "fork"))


def _page_outputs(plans):
    """Generated pages as files, rendered one at a time as they are written."""
    return (extras.OutputFile(plan.url + "index.html", state.writer.render(plan).encode("utf-8")) for plan in plans)


def _render_share(articles, number: int, workers: int, site_dir: Path) -> int:
    return extras.write_outputs(_page_outputs(articles[number::workers]), site_dir)


def _render_in_parallel(articles, site_dir: Path) -> None:
    """Article pages are the CPU-heavy part (Markdown, sanitising): one forked process per core
    renders every n-th page (the children inherit everything, nothing is pickled)."""
    workers = min(os.cpu_count() or 1, 4)
    log.info(f"rendering {len(articles)} article pages in {workers} processes")
    children = []
    for number in range(1, workers):
        pid = os.fork()
        if pid == 0:  # child: render its share, report success through the exit status only
            status = 1
            try:
                status = 0 if _render_share(articles, number, workers, site_dir) == len(articles[number::workers]) else 1
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(status)
        children.append(pid)
    _render_share(articles, 0, workers, site_dir)
    failed = [pid for pid in children if os.waitpid(pid, 0)[1] != 0]
    if failed:
        raise PluginError(f"{len(failed)} page-rendering worker(s) failed (their traceback is above)")


def _search_index(site_dir: Path):
    try:
        return build_search_index(site_dir, {y: len(a) for y, a in state.archive.index.years.items()},
                                  state.settings.search_shard_pages)
    except SearchIndexError as err:
        raise PluginError(str(err)) from None



def _log_issues(issues):
    for issue in issues[:MAX_LOGGED]:
        (log.error if issue.severity is Severity.ERROR else log.warning)(str(issue))
    if len(issues) > MAX_LOGGED:
        log.warning(f"... and {len(issues) - MAX_LOGGED} more issue(s): see _archive/report.json in the site")
