"""newsarchive: the archive engine, plain Python with no MkDocs import.

Stages, one module each: reading -> validation -> taxonomy -> pages -> extras.
`pipeline.load_archive` runs them; `hooks/archive_hooks.py` adapts them to MkDocs.
"""
