"""The web editor's configuration (Decap CMS, served at /quan-tri/), generated from our own
front-matter contract and registries at every build, so the form never disagrees with the
checker and a new registry entry is offered at once.

Decap writes what the form holds as YAML front matter + Markdown, in articles/YEAR/slug.md
(the year taken from the article's date, the slug from its title with accents and "đ" removed,
as the build's slugs are). Partial dates are plain text with the checker's pattern.
"""
from __future__ import annotations

from .settings import ArchiveSettings

DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


def _select(name: str, label: str, options: list[str], hint: str) -> dict:
    field = {"name": name, "label": label, "widget": "select", "multiple": True, "required": False, "hint": hint}
    # Decap refuses a select without options: an empty registry gives a free list instead
    return {**field, "options": options} if options else {"name": name, "label": label, "widget": "list",
                                                          "required": False, "hint": hint}


def cms_config(settings: ArchiveSettings, registries, *, repo: str = "", branch: str = "main") -> dict:
    """Decap CMS config.yml as data. `repo` ("owner/name"): the GitHub backend for production;
    without it git-gateway. `local_backend` lets `decap-server` serve an editor's own machine."""
    articles = settings.articles_dir.relative_to(settings.root).as_posix() \
        if settings.articles_dir.is_relative_to(settings.root) else "articles"
    backend = {"name": "github", "repo": repo, "branch": branch} if repo else {"name": "git-gateway", "branch": branch}
    units = [entry.name for entry in registries.units.entries]
    campaigns = [entry.name for entry in registries.campaigns.entries]
    return {
        "backend": backend,
        "local_backend": True,
        "locale": "vi",
        "media_folder": f"{articles}/_media",
        "public_folder": "../_media",  # as an article in YEAR/ refers to a shared photo
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [{
            "name": "articles", "label": "Bài viết", "label_singular": "bài viết",
            "description": "Mỗi bài là một tệp trong thư mục bài viết; bản dựng kiểm tra mọi trường trước khi xuất bản.",
            "folder": articles, "create": True, "extension": "md", "format": "frontmatter",
            # The year folder from the article's own date. Not in `path`: Decap lower-cases that
            # template and drops its quotes, which breaks the date filter; `slug` keeps both, and
            # the "/" written in the template (not in a value) stays a folder.
            "slug": "{{fields.date | date('YYYY')}}/{{slug}}",
            "summary": "{{title}} — {{date}}", "sortable_fields": ["date", "title"],
            "fields": [
                {"name": "title", "label": "Tiêu đề", "widget": "string"},
                {"name": "date", "label": "Ngày đăng", "widget": "string",
                 "hint": "Năm (2021), tháng (2021-08) hoặc ngày (2021-08-02) — ghi phần đã biết.",
                 "pattern": [DATE_PATTERN, "Ghi năm, năm-tháng hoặc năm-tháng-ngày, ví dụ 2021-08-02"]},
                {"name": "authors", "label": "Tác giả", "widget": "list", "required": False},
                {"name": "summary", "label": "Tóm tắt", "widget": "text", "required": False},
                _select("units", "Đơn vị", units, "Chọn từ danh mục data/units.yml"),
                _select("campaigns", "Phong trào", campaigns, "Chọn từ danh mục data/campaigns.yml"),
                {"name": "directives", "label": "Văn bản được trích dẫn", "widget": "list", "required": False,
                 "hint": "Số hiệu, ví dụ 16-CT/TU hoặc 91/2017/NĐ-CP (các số hiệu trong nội dung được tự nhận ra)"},
                {"name": "source", "label": "Nguồn", "widget": "object", "required": False, "collapsed": True,
                 "fields": [
                     {"name": "publisher", "label": "Đơn vị đăng", "widget": "string", "required": False},
                     {"name": "url", "label": "Địa chỉ trang gốc", "widget": "string", "required": False,
                      "pattern": [r"^https?://\S+$", "Địa chỉ bắt đầu bằng http:// hoặc https://"]},
                     {"name": "views", "label": "Lượt xem khi lưu (số liệu lịch sử)", "widget": "number",
                      "value_type": "int", "min": 0, "required": False},
                     {"name": "retrieved", "label": "Ngày lưu", "widget": "string", "required": False,
                      "pattern": [DATE_PATTERN, "Ví dụ 2024-04-25"]},
                 ]},
                {"name": "aliases", "label": "Địa chỉ cũ (chuyển hướng)", "widget": "list", "required": False,
                 "hint": "Đường dẫn trên cổng cũ, ví dụ /tin-tuc/hoi-nghi-123.html"},
                {"name": "draft", "label": "Bản nháp (chưa xuất bản)", "widget": "boolean", "default": False,
                 "required": False},
                {"name": "body", "label": "Nội dung", "widget": "markdown"},
            ],
        }],
    }
