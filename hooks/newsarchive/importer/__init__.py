"""Importer: portal pages (text dumps or saved HTML) -> articles with front matter.

legacy.py        bytes -> NFC text (UTF-8/16, TCVN3 mojibake converted, VNI refused)
html_text.py     saved HTML -> text blocks, scripts and page furniture removed
furniture.py     what portal furniture looks like (counters, widgets, toolbars, teasers ...)
portal_page.py   text blocks -> ArticleDraft (pure: title, date, author, lead, body ...)
markdown_out.py  ArticleDraft -> front matter + Markdown, and its path
run.py           files in, articles and a report out (idempotent, never clobbers edits)
"""
