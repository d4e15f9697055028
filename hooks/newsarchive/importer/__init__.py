"""Importer: portal pages (text dumps or saved HTML) -> articles with front matter.

legacy.py        bytes -> NFC text (UTF-8/16, TCVN3 mojibake converted, VNI refused)
html_text.py     saved HTML -> text blocks (trafilatura's main text; BeautifulSoup as fallback)
furniture.py     what portal furniture looks like (counters, widgets, toolbars, teasers ...)
datelines.py     datelines as portals print them, and whether they read like a page clock
titles.py        scoring the lines above the body as the title
portal_page.py   text blocks -> ArticleDraft (pure: title, date, author, lead, body ...)
score.py         an import scored against an answer key (--score SOURCES.tsv)
markdown_out.py  ArticleDraft -> front matter + Markdown, and its path
run.py           files in, articles and a report out (idempotent, never clobbers edits)
"""
