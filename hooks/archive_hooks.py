"""MkDocs adapter (also runs under ProperDocs). With material_shell.py beside it, the only
code that imports mkdocs: each handler translates MkDocs objects into calls to `newsarchive`
(plain Python), so the engine can move to another site generator.

Per-build state travels on the config object MkDocs hands to every event (`config[STATE]`),
so nothing outlives a build. Two process-level facts: which command runs (MkDocs tells it only
to `on_startup`, once per process) and, under `serve`, what a rebuild may take from the last
one (`_REBUILDS`: keyed by content, like the build cache).
"""
from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from material_shell import ArticleRenderer, MaterialShell
from newsarchive import build_cache, extras, report
from newsarchive import i18n
from newsarchive.i18n import _, number
from newsarchive.models import Severity
from newsarchive.parallel import in_forked_child, worker_count
from newsarchive.pipeline import SitePlan, load_archive, plan_site
from newsarchive.search_documents import SearchDocuments
from newsarchive.search_index import SearchIndexError, SearchPlan, build_search_index, plan_search, plan_shards
from newsarchive.settings import ArchiveSettings, SettingsError, publishing_problem
from newsarchive.site_folder import SiteSwap
from newsarchive.slices import Slice, SliceError, plan_key, slice_manifest
from newsarchive.writer import (OutputFile, Rendered, article_page_keys, page_keys, page_path, pages_to_render,
                                search_record_key, write_outputs, write_pages)

log = get_plugin_logger("archive")
MAX_LOGGED = 200  # issues printed one by one; all of them are in the report
STATE = "archive_build"
HOOKS_DIR = Path(__file__).resolve().parent  # our code: part of the build cache's fingerprint
_COMMAND = {"name": "build"}  # set by on_startup; read-only afterwards
_CURRENT_BUILD: dict = {}  # "state": this build's, for on_build_error (which gets no config)
SERVE_MEMO_PAGES = 5000  # previews (newest N articles) are memoised; a whole 10k archive is not held
# Up to this many changed articles (and a twentieth of all), their search documents are written
# as soon as the articles are planned and Pagefind starts on their shards while the build plans
# and writes the rest; more (a cold build) are written with their pages, by the render workers.
EARLY_DOCUMENTS = 300


class _ServeRebuilds:
    """`mkdocs serve` rebuilds the site in one process after every save. What a rebuild may
    reuse from the one before: each article file's load result (by the hash of its bytes),
    each generated page's HTML (by the hash of its PagePlan) and the compiled templates (Jinja
    checks their source). The first two live under the build cache's fingerprints: a changed
    template, registry, setting or our code starts afresh. Never used by `mkdocs build`."""

    def __init__(self):
        self.articles_key, self.articles = "", {}
        self.pages_key, self.pages, self.next_pages = "", {}, {}
        self.templates = _TemplateMemo()
        self.site_dir, self.written, self.next_written = "", {}, {}  # page path -> its key, in the served folder

    def keep_site(self, site_dir: Path) -> Path | None:
        """Before MkDocs empties the served folder: set the last rebuild's pages aside (one
        rename), for `restore_site` to put back once MkDocs has cleaned (rewriting ~1,300 preview
        pages took ~2.4 s of a ~3.5 s rebuild here). Only the folder the last rebuild wrote."""
        if self.next_written:  # the last rebuild failed part-way: what its folder holds is not known
            self.written, self.next_written = {}, {}
        if str(site_dir) != self.site_dir or not self.written or not site_dir.is_dir():
            self.written = {}
            return None
        kept = site_dir.with_name(f".{site_dir.name}.archive-kept")
        shutil.rmtree(kept, ignore_errors=True)
        try:
            os.rename(site_dir, kept)
            site_dir.mkdir()
        except OSError:
            self.written = {}
            return None
        return kept

    def restore_site(self, kept: Path, site_dir: Path) -> None:
        """The last rebuild's generated pages back, and nothing else of it: MkDocs' own files,
        the extras and the search index are made again, as into an empty folder."""
        try:
            site_dir.rmdir()  # MkDocs has emptied it and written nothing yet
            os.rename(kept, site_dir)
            build_cache.keep_only(site_dir, set(self.written), ())
        except OSError:  # then every page is written again
            self.written = {}
            shutil.rmtree(kept, ignore_errors=True)

    def unwritten(self, plans: list, site_dir: Path) -> list:
        """The plans whose page the served folder does not already hold as this rebuild makes it."""
        self.site_dir = str(site_dir)
        todo = []
        for plan in plans:
            path = page_path(plan)
            key = self.key(plan) if self.pages_key else None
            self.next_written[path] = key
            if key is None or self.written.get(path) != key or not (site_dir / path).is_file():
                todo.append(plan)
        return todo

    def key(self, plan) -> str:
        # an article page's key from its articles' bytes (pages.ArticlePagePlan): its context is made only if rendered
        return getattr(plan, "inputs_key", "") or build_cache.value_key(plan)

    def article_memo(self, key: str) -> dict:
        if key != self.articles_key:
            self.articles_key, self.articles = key, {}
        return self.articles

    def keep_articles(self, key: str, memo: dict) -> None:
        self.articles_key, self.articles = key, memo

    def rendering(self, key: str, render, count: int):
        """`render`, memoised for this rebuild and the next (only the pages used this time
        are kept)."""
        if key != self.pages_key:  # other code, templates or settings: no page of the last rebuild stands
            self.pages_key, self.pages = key, {}
            self.written = dict.fromkeys(self.written)  # still known, to delete those not made again
        self.next_pages = {}
        if count > SERVE_MEMO_PAGES:
            self.pages, self.pages_key = {}, ""
            return render

        def memoised(plan) -> str:
            plan_key = self.key(plan)
            html = self.pages.get(plan_key)
            if html is None:
                html = render(plan)
            self.next_pages[plan_key] = html
            return html
        return memoised

    def rendered(self, site_dir: Path) -> None:
        """The rebuild is written: the pages of the last one it did not make again go."""
        for path in set(self.written) - set(self.next_written):
            (site_dir / path).unlink(missing_ok=True)
            build_cache.remove_empty_parents((site_dir / path).parent, site_dir)
        self.pages, self.next_pages = self.next_pages, {}
        self.written, self.next_written = self.next_written, {}


class _TemplateMemo(BytecodeCache):
    """Compiled templates in memory: MkDocs makes a new Jinja environment per rebuild."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


_REBUILDS = _ServeRebuilds()


@dataclass
class BuildState:
    settings: ArchiveSettings
    command: str
    swap: SiteSwap | None = None  # production builds write into a fresh folder
    plan: SitePlan | None = None
    nav_pages: dict = field(default_factory=dict)  # src_uri -> PagePlan, rendered by MkDocs (those in the nav)
    shell_pages: list = field(default_factory=list)  # PagePlans rendered through the shell
    env: object = None
    nav: object = None
    files: object = None
    timings: dict = field(default_factory=dict)
    files_done: float = 0.0
    slice: Slice | None = None  # builds split across machines: this machine's share
    cache_key: str = ""  # the build cache's fingerprint (production builds only)
    site_cache: build_cache.SiteCache | None = None
    restoring: build_cache.SiteRestore | None = None
    committed: bool = False  # the new site is in place
    memo_saved: object = lambda: None  # waits for the article memo to be written
    kept_site: Path | None = None  # serve: the last rebuild's folder, set aside from MkDocs' cleaning
    search: "_SearchBuild | None" = None  # the search index, when the settings build one

    @contextmanager
    def timed(self, name: str):
        """Phase timings, logged with `timings: true` (the benchmark's breakdown)."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


def on_startup(command, dirty):
    _COMMAND["name"] = "serve" if command == "serve" else ("dirty" if dirty else command)


def on_config(config):
    command = _COMMAND["name"]
    i18n.use(i18n.language_from(os.environ))  # messages in the operator's language, Vietnamese by default
    try:
        settings = ArchiveSettings.from_config(
            Path(config.config_file_path).parent, config.extra.get("archive"), docs_dir=config.docs_dir,
            site_url=config.site_url or "", strict=config.strict, include_drafts=command == "serve")
    except SettingsError as err:
        raise PluginError(str(err)) from None
    if command != "serve" and not settings.preview_limit and not settings.local_build:
        problem = publishing_problem(config.site_url or "")
        if problem:
            raise PluginError(problem)
    state = config[STATE] = _CURRENT_BUILD["state"] = BuildState(settings, command)
    try:
        state.slice = Slice.parse(settings.slice) if settings.slice else None
    except SliceError as err:
        raise PluginError(str(err)) from None
    if settings.articles_dir.is_dir() and str(settings.articles_dir) not in map(str, config.watch):
        config.watch.append(str(settings.articles_dir))  # serve follows the configured folder
    if command == "build":  # a clean production build: the old site stays until this one succeeds
        state.swap = SiteSwap(Path(config.site_dir), detach=True)  # one build per process
        state.swap.begin(lambda: log.info(_("another build is writing {path}; waiting for it").format(path=config.site_dir)))
        config.site_dir = str(state.swap.staging)
    return config


def on_pre_build(config):
    state: BuildState = config[STATE]
    if state.command == "serve":
        state.kept_site = _REBUILDS.keep_site(Path(config.site_dir))


def on_files(files, config):
    state: BuildState = config[STATE]
    if state.kept_site is not None:  # MkDocs has cleaned the served folder: the last pages go back
        _REBUILDS.restore_site(state.kept_site, Path(config.site_dir))
    owned = {f.url for f in files.documentation_pages()}
    # A slice is built on a machine with no cache (and never makes one).
    production_build = state.swap is not None and not state.settings.preview_limit and state.slice is None
    cache_dir = state.settings.cache_dir / "build"
    serving = state.command == "serve"
    if production_build or serving:
        state.cache_key = build_cache.fingerprint(
            [HOOKS_DIR, config.theme.custom_dir and Path(config.theme.custom_dir), state.settings.docs_dir,
             state.settings.data_dir, Path(config.config_file_path), state.settings.root / "package-lock.json"],
            [*_fingerprint_values(state.settings), config.site_url or ""])
    # The last site is put into the staging folder while the articles load (MkDocs writes its
    # own files only after this event): where the published site is there (a local build) the
    # cached copy is moved and the replaced site becomes the next copy; on a fresh CI machine
    # (no site/) the copy is linked.
    restoring = state.restoring = build_cache.SiteRestore(
        cache_dir, state.cache_key, state.swap.staging, move=state.swap.site_dir.exists()) if production_build else None
    if state.settings.search:
        state.search = _SearchBuild.open(state, keep=production_build or serving)
    with state.timed("load and plan"), _collector_paused(state.command == "build"):
        memo = None
        if production_build or serving:
            memo_key = build_cache.fingerprint([HOOKS_DIR, state.settings.data_dir], _fingerprint_values(state.settings))
            memo = build_cache.load_article_memo(cache_dir, memo_key) if production_build \
                else _REBUILDS.article_memo(memo_key)
        archive = load_archive(state.settings, memo=memo, workers=_fork_workers(state))
        if memo is not None and archive.memo != memo:
            if serving:
                _REBUILDS.keep_articles(memo_key, archive.memo)
            else:  # pickling 10,000 results takes ~1.5 s: a forked child does it while this one
                # plans, before any worker is forked (at 50k the child beside the page-key
                # workers was the build's memory peak)
                state.memo_saved = in_forked_child(
                    lambda: build_cache.save_article_memo(cache_dir, memo_key, archive.memo, memo))
        planned = (lambda plans: _search_planned(state, config, archive, plans)) if state.search else None
        plan = state.plan = plan_site(archive, owned, articles_planned=planned)
    production = state.command != "serve"
    _log_issues(plan.problems, production)
    blocking = plan.blocking(production=production)
    if config.strict and blocking:
        errors = sum(i.severity is Severity.ERROR for i in blocking)
        raise PluginError(_("{errors} error(s), {warnings} warning(s) in articles or registries: the strict "
                            "build stops; the messages above say what to fix").format(
            errors=number(errors), warnings=number(len(blocking) - errors)))
    in_nav = _nav_sources(config.nav)
    for page in (*plan.pages, report.report_page(plan)):
        if page.src_uri not in in_nav:  # the shell: ~1 ms a page against MkDocs' ~7 (its nav, Markdown)
            state.shell_pages.append(page)
            continue
        state.nav_pages[page.src_uri] = page
        files.append(File.generated(config, page.src_uri, content=f"---\ntemplate: {page.template}\n---\n{page.body}"))
    if restoring is not None:
        with state.timed("restore the last site (waiting)"):
            state.site_cache = restoring.result()
        if state.site_cache.warm:
            log.info(_("build cache: {count} files of the last site can be kept").format(
                count=number(len(state.site_cache.files))))
    state.files_done = time.perf_counter()
    return files


def _nav_sources(nav) -> set[str]:
    """The source files the configured nav names: those pages must be MkDocs pages (the menu
    links them); every other generated page is rendered through the shell."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*map(_nav_sources, nav.values()))
    if isinstance(nav, list):
        return set().union(*map(_nav_sources, nav))
    return set()


@contextmanager
def _collector_paused(one_shot: bool):
    """`mkdocs build` is one process per build, and the articles and the plan live to its end:
    the cyclic collector's scans of them are wasted (~3 s of the 10k load and plan; the plan makes
    no cyclic garbage: peak memory the same with the collector off). Afterwards they are frozen,
    out of the later collections' sight. `serve` rebuilds in one process: it keeps collecting."""
    if not one_shot:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def on_page_markdown(markdown, page, config, files):
    plan = config[STATE].nav_pages.get(page.file.src_uri)
    if plan is not None:
        page.meta["title"] = Markup(escape(plan.title))  # escaped once: Material prints titles raw
    return markdown


def on_page_context(context, page, config, nav):
    state: BuildState = config[STATE]
    plan = state.nav_pages.get(page.file.src_uri)
    if plan is not None:
        context["archive"] = plan.context
        context["archive_kind"] = plan.kind
    elif page.meta.get("template") == "home.html" and state.plan is not None:
        context["archive"] = state.plan.planner.home_context()
        context["archive_kind"] = "home"
    return context


def on_nav(nav, config, files):
    config[STATE].nav = nav
    return nav


def on_env(env, config, files):
    state: BuildState = config[STATE]
    state.env, state.files = env, files
    _use_template_cache(state, env)
    return env


def _use_template_cache(state: BuildState, env) -> None:
    if state.command == "serve":
        env.bytecode_cache = _REBUILDS.templates
    elif state.slice is None:  # compiling the ~45 templates took ~0.4 s of every build
        folder = state.settings.cache_dir / "templates"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(folder))  # keyed by each source's checksum
        except OSError:
            pass


def on_post_build(config):
    state: BuildState = config[STATE]
    if state.plan is None:
        return
    site_dir = Path(config.site_dir)
    state.timings["mkdocs pages and assets"] = time.perf_counter() - state.files_done
    shell = MaterialShell(state.env, config, state.files, state.nav)
    render = shell.render if state.command != "serve" else \
        _REBUILDS.rendering(state.cache_key, shell.render, len(state.shell_pages))
    articles = [p for p in state.shell_pages if p.kind == "article"]
    listings = [p for p in state.shell_pages if p.kind != "article"]
    part = state.slice
    if part is not None:  # article pages with their search shard, the rest by path
        shards = plan_shards(_year_counts(state.plan.index), state.settings.search_shard_pages)
        years = {y for i, shard in enumerate(shards) if part.owns_shard(i) for y in shard}
        articles = [p for p in articles if int(p.url[:4]) in years]
        listings = [p for p in listings if part.owns(page_path(p))]
    workers = _fork_workers(state) if len(articles) >= state.settings.parallel_from else 1
    if workers > 1:
        log.info(_("rendering {count} article pages in {workers} processes").format(
            count=number(len(articles)), workers=workers))
    cache, search = state.site_cache, state.search
    page_key_list = None
    if cache is not None:
        with state.timed("page keys"):
            page_key_list, _records = article_page_keys(articles, workers=_fork_workers(state),
                                                        records=search.keys if search else None)
    with state.timed("article pages"):
        todo = _REBUILDS.unwritten(articles, site_dir) if state.command == "serve" else \
            pages_to_render(articles, cache, page_key_list)
        pending = {p.url: p for p in search.pending} if search else {}  # search documents still to write
        paged = {p.url for p in todo}

        def render_article(plan):
            if plan.url not in pending:
                return render(plan)
            if plan.url not in paged:
                return Rendered(None, shell.articles.document(plan))
            if render == shell.render:  # one rendering of the body for both
                return Rendered(*shell.render_with_document(plan))
            return Rendered(render(plan), shell.articles.document(plan))
        written = write_pages(todo + [p for url, p in pending.items() if url not in paged], render_article, site_dir,
                              workers=workers, documents_dir=search.documents.folder if search else None)
        if search is not None:
            search.written(written.documents)
            if search.future is None:
                search.start(state, site_dir)
    context = extras.ExtraContext(
        site_url=config.site_url or "", site_name=config.site_name,
        media_cache=state.settings.cache_dir / "media",
        render=lambda name, **values: state.env.get_template(name).render(**values),
        page_urls=[(f.url, state.nav_pages[f.src_uri].lastmod if f.src_uri in state.nav_pages else "")
                   for f in state.files.documentation_pages()] + [(p.url, p.lastmod) for p in state.shell_pages])
    # Pagefind needs only the articles' search documents: it indexes (in its own process) while
    # this one renders the listing pages and the extras -- the build is otherwise
    # single-threaded on a 2-core machine.
    with state.timed("listing pages"):
        keys = page_keys(listings, workers=_fork_workers(state)) if cache is not None else None
        todo = _REBUILDS.unwritten(listings, site_dir) if state.command == "serve" else \
            pages_to_render(listings, cache, keys)
        written += write_pages(todo, render, site_dir)
    with state.timed("extras"):
        outputs = extras.build_extras(state.plan, context)
        write_outputs(outputs if part is None else (o for o in outputs if part.owns(o.path)), site_dir, cache)
    # A cold build's cache copy is linked while Pagefind still runs (this process waits idle).
    early = build_cache.EarlyCopy(state.settings.cache_dir / "build", site_dir,
                                  [name.rstrip("/") for name in (search.plan.names if search and search.plan else [])]) \
        if cache is not None and cache.base is None and state.swap is not None and part is None else None
    with state.timed("search index (waiting)"):
        try:
            result = search.result() if search else None
        except BaseException:
            if early is not None:
                early.discard()
            raise
    if search is not None:
        search.close(succeeded=True)
    for failure in written.failures:
        log.error(_("{file}: the page /{url} could not be rendered: {problem}").format(
            file=failure.source or failure.url, url=failure.url, problem=failure.message))
    published = len(articles)
    if result is not None and result.pages != published and part is None:
        log.warning(_("the search index holds {pages} pages but {published} articles were published").format(
            pages=number(result.pages), published=number(published)))
    report_file = report.report_json(state.plan, result.pages if result else None)
    if part is None:
        write_outputs([report_file], site_dir, cache)
    else:
        key = plan_key([p.url for p in state.plan.pages], repr(replace(state.settings, slice="")))
        write_outputs([o for o in [report_file] if part.owns(o.path)]
                      + [OutputFile(part.manifest_path, slice_manifest(part, key, result.counts if result else {}))],
                      site_dir)
    if cache is not None:
        cache.prune()
    if state.command == "serve":
        _REBUILDS.rendered(site_dir)
    if state.plan.archive.failed and state.command != "serve":
        log.warning(_("{count} article file(s) not published; the errors above and the build report say why").format(
            count=number(len(state.plan.failed))))
    if early is not None and (written.failures or _mkdocs_will_abort(config)):
        early.discard()
        early = None
    if written.failures:
        raise PluginError(_("{count} page(s) could not be rendered; the errors above say which").format(
            count=number(len(written.failures))))
    if state.swap is not None and not _mkdocs_will_abort(config):
        if early is not None:
            with state.timed("keep the site for the next build"):
                early.result()  # linked from the staging folder: done before it is renamed

        def keep_for_next_build(replaced):
            if cache is not None:
                with state.timed("keep the site for the next build"):
                    build_cache.save_site(state.settings.cache_dir / "build", state.cache_key, state.swap.site_dir,
                                          cache, previous=replaced, early=early)
        state.committed = True
        state.swap.commit(after=keep_for_next_build)
        log.info(_("site written to {path}").format(path=state.swap.site_dir))
    state.memo_saved()
    if state.settings.timings:
        log.info("timings: " + ", ".join(f"{name} {seconds:.2f}s" for name, seconds in state.timings.items()))
    if state.command == "build":
        # The process ends after this build. Freeing its objects one by one when MkDocs lets go
        # of the config took 5–7 s at 10k; held in a frozen cycle, they go with the process.
        keep = [state, config]
        keep.append(keep)
        gc.freeze()


def on_build_error(error):
    """A failed production build: a cached copy its staging folder took goes back to the cache."""
    state = _CURRENT_BUILD.get("state")
    if state is not None and state.search is not None:
        state.search.close(succeeded=False)
    if state is not None and state.restoring is not None and not state.committed:
        try:
            build_cache.give_back(state.settings.cache_dir / "build", state.site_cache or state.restoring.result())
        except OSError:  # then the next build is a cold one; the build's own error is what counts
            pass


def _mkdocs_will_abort(config) -> bool:
    """A strict MkDocs build aborts after on_post_build if it logged warnings: then the new
    site must not replace the old one."""
    if not config.strict:
        return False
    counters = [h for h in logging.getLogger("mkdocs").handlers if hasattr(h, "get_counts")]
    return any(h.get_counts() for h in counters)


def _fingerprint_values(settings: ArchiveSettings) -> list[str]:
    """What besides files decides the outputs: the settings, the message language, and the
    working folder (messages name files from it)."""
    return [repr(settings), i18n.current(), os.getcwd()]


def _fork_workers(state: BuildState) -> int:
    """Processes for the work split by parallel.py. Forking is safe only in `mkdocs build`:
    serve runs a live-reload server thread."""
    return worker_count() if state.command != "serve" else 1


def _year_counts(index) -> dict[int, int]:
    return {y: len(a) for y, a in index.years.items()}


@dataclass
class _SearchBuild:
    """This build's search index: the documents folder (search_documents.py), which shards it
    indexes (`plan`) and Pagefind running on them (`future`), started as soon as their documents
    are written: right after planning when few articles changed, else after the article pages."""

    documents: SearchDocuments
    scratch: bool  # the folder is this build's own: removed when it ends
    keys: dict = field(default_factory=dict)  # page path -> its search record's key
    plan: SearchPlan | None = None
    pending: list = field(default_factory=list)  # article plans whose document the render workers write
    future: object = None
    pool: ThreadPoolExecutor | None = None
    own_work_done: threading.Event = field(default_factory=threading.Event)  # then a second Pagefind may run

    @classmethod
    def open(cls, state: BuildState, keep: bool) -> "_SearchBuild":
        if keep and state.cache_key:
            folder = state.settings.cache_dir / "search" / ("serve" if state.command == "serve" else "build")
            return cls(SearchDocuments.open(folder, state.cache_key), scratch=False)
        return cls(SearchDocuments.open(Path(tempfile.mkdtemp(prefix="archive-search-")), ""), scratch=True)

    def written(self, paths) -> None:
        for path in paths:
            self.documents.record(path, self.keys.get(path, ""))

    def start(self, state: BuildState, site_dir: Path) -> None:
        if self.plan is None:
            return
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.future = self.pool.submit(build_search_index, self.plan, self.documents.folder, site_dir, state.site_cache,
                                       chunk_size=state.settings.search_chunk_size,
                                       second_run=self.own_work_done.is_set)

    def result(self):
        self.own_work_done.set()
        if self.future is None:
            return None
        try:
            return self.future.result()
        except SearchIndexError as err:
            raise PluginError(str(err)) from None
        finally:
            self.pool.shutdown()
            self.future = None

    def close(self, succeeded: bool) -> None:
        """The manifest is kept only after a build that succeeded; a scratch folder goes."""
        if self.future is not None:  # a failed build: let Pagefind finish before the folders go
            self.own_work_done.set()
            try:
                self.future.result()
            except Exception:
                pass
            self.pool.shutdown()
            self.future = None
        if self.scratch:
            shutil.rmtree(self.documents.folder, ignore_errors=True)
        elif succeeded:
            self.documents.save()


def _search_planned(state: BuildState, config, archive, article_plans: list) -> None:
    """Once the article pages are planned: which shards to index, their documents to write, and
    -- when few changed -- writing those and starting Pagefind now (plan_site's callback)."""
    search = state.search
    if state.restoring is not None:  # done by now (it runs beside the loading)
        state.site_cache = state.restoring.result()
    cache = state.site_cache
    keyed = cache is not None or search.documents.fingerprint
    keys = search.keys = {page_path(p): search_record_key(p) if keyed else "" for p in article_plans}

    def shard_key(years: list[int]) -> str:
        prefixes = tuple(f"{year}/" for year in years)
        return build_cache.value_key((years, sorted(
            (path, key) for path, key in keys.items() if path.startswith(prefixes))))
    plan = search.plan = plan_search(_year_counts(archive.index), state.settings.search_shard_pages, cache, shard_key,
                                     runs=state.slice.owns_shard if state.slice else lambda index: True)
    years = plan.todo_years()
    todo = [p for p in article_plans if int(p.url[:4]) in years]
    search.documents.keep_only({page_path(p) for p in todo}, tuple(f"{year}/" for year in years))
    stale = [p for p in todo if not search.documents.current(page_path(p), keys[page_path(p)])]
    if not plan.todo or len(stale) > min(EARLY_DOCUMENTS, len(article_plans) // 20):
        search.pending = stale
        return
    with state.timed("search documents (early)"):
        renderer = ArticleRenderer(_theme_env(state, config), config)
        written = write_pages(stale, lambda p: Rendered(None, renderer.document(p)), Path(config.site_dir),
                              documents_dir=search.documents.folder)
        search.written(written.documents)
        search.pending = [p for p in stale if page_path(p) not in set(written.documents)]  # failures: reported with the pages
        search.start(state, Path(config.site_dir))


def _theme_env(state: BuildState, config):
    """The theme's template environment before MkDocs makes its own (after the nav)."""
    env = config.theme.get_env()
    _use_template_cache(state, env)
    return env


def _log_issues(issues, production: bool):
    """Errors and warnings as such; in a production build a draft's problems are only
    information (the draft is not published, so they must not fail a strict build)."""
    for issue in issues[:MAX_LOGGED]:
        if production and issue.draft:
            log.info(_("draft: {issue}").format(issue=issue))
        else:
            (log.error if issue.severity is Severity.ERROR else log.warning)(str(issue))
    if len(issues) > MAX_LOGGED:
        log.warning(_("... and {count} more issue(s): see _archive/report.json in the site").format(
            count=number(len(issues) - MAX_LOGGED)))
