"""The Material shell: how thousands of generated pages get Material's layout cheaply.

Why it exists: rendering each article, term, year and month page through MkDocs' page
pipeline costs a Markdown instance and a full Material render (nav, header, footer) per page;
at 10,000+ articles that dominates the build. A page's Material frame depends only on its URL
depth (links are relative), so one frame -- the "shell" -- is rendered per depth with
placeholders for what varies (path, title, description, head, content), split once at the
placeholders, and each page is that shell joined with its own values and its fragment
template (overrides/fragments/). This is the one place that knows the technique.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from jinja2 import pass_context
from markupsafe import Markup, escape
from mkdocs.commands.build import get_context
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import url_filter as mkdocs_url_filter
from newsarchive.render import BodyRenderer
from newsarchive.urls import nav_section, relative_plain

SHELL_TEMPLATE = "archive_shell.html"
SEARCH_DOCUMENT_TEMPLATE = "search_document.html"
# Placeholders: plain words Material passes through unchanged (and never escapes).
# Template indentation: a line break is kept (so rendering is unchanged), the spaces after it
# go -- about 2.5 KB of every page, 1 KB more of an article page. Never applied to an
# article's own text (<pre> blocks).
_INDENTATION_RE = re.compile(r"\n\s+")
PLACEHOLDERS = {"title": "ZZARCHIVETITLEZZ", "description": "ZZARCHIVEDESCRIPTIONZZ",
                "head": "<!--ZZARCHIVEHEADZZ-->", "content": "<!--ZZARCHIVECONTENTZZ-->"}
BODY_PLACEHOLDER = "<!--ZZARCHIVEBODYZZ-->"  # never in a body: the sanitizer drops comments


@pass_context
def url_filter(context, value):
    """MkDocs' `url` filter, computed directly for the plain links generated pages hold."""
    page = context.get("page")
    if page is not None and isinstance(value, str):
        relative = relative_plain(value, page.url)
        if relative is not None:
            return relative
    return mkdocs_url_filter(context, value)


@dataclass(frozen=True)
class FragmentPage:
    """What fragment templates read as `page` (a subset of MkDocs' Page)."""

    url: str
    title: Markup
    canonical_url: str | None
    content: str = ""
    is_homepage: bool = False
    meta: dict = field(default_factory=dict)


class MaterialShell:
    """Renders PagePlans of the shell kinds into complete Material pages."""

    def __init__(self, env, config, files, nav):
        self.env, self.config, self.files, self.nav = env, config, files, nav
        self.articles = ArticleRenderer(env, config)
        self.fragments = self.articles.fragments
        self._shells: dict[tuple[int, str], tuple[list[str], str]] = {}  # (depth, menu entry) -> (split shell, base_url)
        self._docs = files.documentation_pages()
        self._menu = {item.url: item for item in nav.pages}

    def _shell(self, depth: int, section: str) -> tuple[list[str], str]:
        """The frame for pages this deep under this menu entry, which is shown as the current one."""
        key = (depth, section)
        if key not in self._shells:
            path = "".join(f"zzarchivepath{i}/" for i in range(depth))
            page = Page(None, File.generated(self.config, path + "index.md", content=""), self.config)
            page.markdown, page.content = "", PLACEHOLDERS["content"]
            page.meta = {"title": Markup(PLACEHOLDERS["title"]), "description": Markup(PLACEHOLDERS["description"])}
            context = get_context(self.nav, self._docs, self.config, page)
            context["archive_kind"] = "listing"
            entry = self._menu.get(section)
            if entry is not None:
                entry.active = True  # Material marks the entry and its parents "--active"
            try:
                rendered = _INDENTATION_RE.sub("\n", self.env.get_template(SHELL_TEMPLATE).render(context))
            finally:
                if entry is not None:
                    entry.active = False
            marks = {path: "path", **{mark: key for key, mark in PLACEHOLDERS.items()}}
            pattern = re.compile("(" + "|".join(re.escape(m) for m in marks) + ")")
            # Alternating literal text and placeholder names: joined per page in one pass.
            parts = [marks.get(piece, piece) if n % 2 else piece for n, piece in enumerate(pattern.split(rendered))]
            self._shells[key] = (parts, context["base_url"])
        return self._shells[key]

    def render(self, plan, body: tuple[str, list] | None = None) -> str:
        """The page; `body`: the article's (HTML, headings), when already rendered."""
        parts, base_url = self._shell(plan.url.count("/"), nav_section(plan.url))
        title = Markup(escape(plan.title))
        if plan.kind == "article" and body is None:
            body = self.articles.body(plan)
        html_body, toc = body or ("", [])
        context = self.articles.context(plan, html_body, toc, search=False)
        context["base_url"] = base_url
        summary = plan.context.get("article", {}).get("summary") if plan.kind == "article" else ""
        values = {
            "path": plan.url, "title": html.escape(plan.title),
            "description": html.escape(summary or self.config.site_description or ""),
            "head": self.fragments.get_template("fragments/head.html").render(context),
            "content": self.fragments.get_template(f"fragments/{plan.template}").render(context),
        }
        values["content"] = self.articles.with_body(values["content"], html_body)
        return "".join(values[piece] if n % 2 else piece for n, piece in enumerate(parts))

    def render_with_document(self, plan) -> tuple[str, str]:
        """An article's page and its search document, from one rendering of its body."""
        body = self.articles.body(plan)
        return self.render(plan, body), self.articles.document(plan, body)


class ArticleRenderer:
    """Article bodies and search documents (overrides/search_document.html): needs only the
    theme's environment, not MkDocs' nav, so a build can write the search documents of changed
    articles as soon as they are planned (search_documents.py)."""

    def __init__(self, env, config):
        self.config = config
        # Fragments render in an overlay of MkDocs' environment: templates do not change during
        # a build (serve makes a new environment per rebuild), so no stat per include, and the
        # `url` filter above.
        self.fragments = env.overlay(auto_reload=False)
        self.fragments.filters = {**env.filters, "url": url_filter}
        self.bodies = BodyRenderer(config.markdown_extensions, config.mdx_configs)

    def body(self, plan) -> tuple[str, list]:
        return self.bodies.render(plan.body, plan.media, plan.url, plan.directive_links)

    def context(self, plan, html_body: str, toc: list, search: bool) -> dict:
        title = Markup(escape(plan.title))
        site_url = self.config.site_url or ""
        # The fragment is rendered around a placeholder, its indentation dropped, then the body
        # (which may hold <pre>) put in.
        page = FragmentPage(plan.url, title, urljoin(site_url, plan.url) if site_url else None,
                            BODY_PLACEHOLDER if html_body else "", meta={"title": title})
        return {"page": page, "archive": plan.context, "config": self.config, "archive_kind": plan.kind,
                "toc": toc, "search": search}

    @staticmethod
    def with_body(rendered: str, html_body: str) -> str:
        rendered = _INDENTATION_RE.sub("\n", rendered)
        return rendered.replace(BODY_PLACEHOLDER, html_body, 1) if html_body else rendered

    def document(self, plan, body: tuple[str, list] | None = None) -> str:
        html_body, toc = body or self.body(plan)
        context = self.context(plan, html_body, toc, search=True)
        return self.with_body(self.fragments.get_template(SEARCH_DOCUMENT_TEMPLATE).render(context), html_body)
