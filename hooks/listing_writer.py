"""MkDocs-side writer for the generated pages that make up nearly all of a large archive:
articles, term, year and month pages. Rendering each through MkDocs' page pipeline costs a
Markdown instance and a full Material render per page; instead one Material "shell" is
rendered per URL depth (relative links depend only on depth) with sentinels for title, URL,
description, head and content, and each page is its shell plus its own fragment template."""
from __future__ import annotations

import html
from urllib.parse import urljoin
from types import SimpleNamespace

from markupsafe import Markup, escape
from mkdocs.commands.build import get_context
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from newsarchive.render import BodyRenderer

SHELL_TEMPLATE = "archive_shell.html"
TITLE = "ZZARCHIVETITLEZZ"
CONTENT = "<!--ZZARCHIVECONTENTZZ-->"
HEAD = "<!--ZZARCHIVEHEADZZ-->"
DESCRIPTION = "ZZARCHIVEDESCRIPTIONZZ"


class ListingWriter:
    def __init__(self, env, config, files, nav):
        self.env, self.config, self.files, self.nav = env, config, files, nav
        self.bodies = BodyRenderer(config.markdown_extensions, config.mdx_configs)
        self._shells: dict[int, tuple[str, str, str]] = {}  # depth -> (html, sentinel path, base_url)
        self._docs = files.documentation_pages()

    def _shell(self, depth: int) -> tuple[str, str, str]:
        if depth not in self._shells:
            path = "".join(f"zzarchivepath{i}/" for i in range(depth))
            page = Page(None, File.generated(self.config, path + "index.md", content=""), self.config)
            page.markdown, page.content = "", CONTENT
            page.meta = {"title": Markup(TITLE), "description": Markup(DESCRIPTION)}
            context = get_context(self.nav, self._docs, self.config, page)
            context["archive_kind"] = "listing"
            rendered = self.env.get_template(SHELL_TEMPLATE).render(context)
            self._shells[depth] = (rendered, path, context["base_url"])
        return self._shells[depth]

    def render(self, plan) -> str:
        shell, path, base_url = self._shell(plan.url.count("/"))
        title = Markup(escape(plan.title))
        page = SimpleNamespace(url=plan.url, title=title, meta={"title": title}, is_homepage=False, content="",
                               canonical_url=urljoin(self.config.site_url or "", plan.url) if self.config.site_url else None)
        context = {"page": page, "base_url": base_url, "archive": plan.context, "config": self.config,
                   "archive_kind": plan.kind, "toc": []}
        if plan.kind == "article":
            page.content, context["toc"] = self.bodies.render(plan.body, plan.media, plan.url, plan.directive_links)
        summary = plan.context.get("article", {}).get("summary") if plan.kind == "article" else ""
        description = html.escape(summary or self.config.site_description or "")
        fragment = self.env.get_template(f"fragments/{plan.template}").render(context)
        head = self.env.get_template("fragments/head.html").render(context)
        return (shell.replace(path, plan.url).replace(TITLE, html.escape(plan.title))
                .replace(DESCRIPTION, description).replace(HEAD, head).replace(CONTENT, fragment))
