"""The default limits on one input, in one place: the readers, the pipeline and the CLI share them."""

from __future__ import annotations

MAX_BYTES = 100 * 1024 * 1024  # larger FOI responses are scanned books, not letters
MAX_PAGES = 2000  # a PDF longer than this is an archive, not a response
MAX_SECONDS = 60.0  # reading one PDF
MAX_MEMORY_MB = 1024  # the address space of one batch worker: a hostile file costs this, not the machine
MAX_CHARS = 5_000_000  # characters of document text: past this, extraction alone takes seconds and hundreds of MB
MAX_HTML_DEPTH = 10_000  # elements open inside each other: HTML parsers slow down with the square of it
MAX_HTML_ELEMENTS = 500_000  # elements in a page: a few seconds of work at most
