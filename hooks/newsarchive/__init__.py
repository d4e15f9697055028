"""newsarchive: the archive engine, plain Python with no MkDocs import.

Pure stages, one module each, run in order by `pipeline.build_plan`:
reading -> validation -> taxonomy (index) -> pages (plan) -> SitePlan.
Writers (`writer`, `site_folder`) are the only code that touches the disk;
`hooks/archive_hooks.py` adapts all of it to MkDocs (and ProperDocs).
"""
