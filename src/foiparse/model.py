"""The output model: frozen dataclasses, one per item of the output contract.

Every extracted item carries ``span = (start, end)``: offsets into the document text
(Python ``str`` indices, end exclusive) whose slice is the evidence for the item.
The model imports nothing else from foiparse; JSON conversion lives in ``serialize``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

SCHEMA_VERSION: Final = "1.5"

Span = tuple[int, int]

FORMATS: Final = ("text", "html", "pdf", "docx", "odt", "doc", "eml")
OUTCOMES: Final = (
    "disclosed",
    "partly_disclosed",
    "refused",
    "not_held",
    "neither_confirm_nor_deny",
    "unknown",
)
EXEMPTION_KINDS: Final = ("absolute", "qualified", "cost_limit", "vexatious", "repeated")
BLOCK_KINDS: Final = (
    "heading",
    "paragraph",
    "list_item",
    "table",
    "quote",
    "signature",
    "boilerplate",
    "blank",
)


@dataclass(frozen=True, slots=True)
class Source:
    """Where the document came from: enough to find, verify and re-create the input."""

    name: str | None
    format: str
    sha256: str
    bytes: int
    encoding: str | None = None
    bom: bool = False
    pages: int | None = None
    # What made the text where foiparse did not read the format itself: "libreoffice" (a
    # .doc or .odt converted), "tesseract" or "rapidocr" (pages recognised from images).
    converter: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of the segmentation; the blocks of a response tile its text exactly."""

    kind: str
    text: str
    span: Span
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Authority:
    """The public authority that wrote the response."""

    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Reference:
    """The response's own reference number: as written, and its identifying part."""

    text: str
    id: str
    span: Span


@dataclass(frozen=True, slots=True)
class Question:
    """One numbered part of a request (``number`` as written: ``1``, ``1a``, ``ii``, ``Q3``)."""

    number: str
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Request:
    """The requester's words as the response reproduces them."""

    text: str
    span: Span
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True, slots=True)
class PriorRequest:
    """An earlier FOI request or published response the letter points to."""

    reference: str | None
    id: str | None
    span: Span
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Exemption:
    """A ground the authority relies on to withhold or refuse information."""

    law: str
    provision: str
    name: str | None
    kind: str | None
    cited_as: str
    span: Span


@dataclass(frozen=True, slots=True)
class Period:
    """The period a figure covers: ISO dates, partial allowed (``2019``, ``2019-07``)."""

    start: str | None
    end: str | None


@dataclass(frozen=True, slots=True)
class Total:
    """A figure the authority states in prose as an answer."""

    value: int | float
    text: str
    unit: str
    measure: str | None
    span: Span
    period: Period | None = None
    # How likely the figure is an answer (0..1, two places): weighed from the evidence around it.
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Table:
    """A table of figures; ``rows`` keep every cell exactly as written."""

    title: str | None
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    span: Span
    page: int | None = None
    row_pages: tuple[int, ...] = ()  # the page of each row (PDF): a table may run over several


@dataclass(frozen=True, slots=True)
class Message:
    """One message of a correspondence thread (a WhatDoTheyKnow request page, say).

    ``direction`` is ``to_authority`` (the requester writing) or ``from_authority``;
    ``span`` covers the message in the document text, header included.
    """

    direction: str
    author: str | None
    date: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file the document links to or attaches (a letter, a spreadsheet): its name and address."""

    name: str
    url: str | None
    span: Span | None = None
    content_type: str | None = None  # an e-mail's attachment: its MIME type and size in bytes
    size: int | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink of the source: the span of its text in the document text, and where it points."""

    span: Span
    url: str


@dataclass(frozen=True, slots=True)
class OcrLine:
    """A line of text recognised on a page image: where a reader can find it on the page, and how sure the engine was.

    ``box`` is (left, top, right, bottom) in PDF points from the page's top-left corner;
    ``confidence`` is the engine's mean over the line's words, 0 to 1.
    """

    span: Span
    page: int
    box: tuple[float, float, float, float]
    confidence: float


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """A soft problem worth a reader's attention; never a reason to fail."""

    code: str
    message: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class FoiResponse:
    """One parsed FOI response: what the JSON output holds."""

    source: Source
    blocks: tuple[Block, ...]
    authority: Authority | None = None
    reference: Reference | None = None
    date: str | None = None
    date_span: Span | None = None
    legislation: tuple[str, ...] = ()
    outcome: str = "unknown"
    request: Request | None = None
    prior_requests: tuple[PriorRequest, ...] = ()
    exemptions: tuple[Exemption, ...] = ()
    totals: tuple[Total, ...] = ()
    tables: tuple[Table, ...] = ()
    status: str | None = None
    messages: tuple[Message, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()
    ocr_lines: tuple[OcrLine, ...] = ()  # the lines recognised on scanned pages, in text order (none otherwise)
    schema_version: str = field(default=SCHEMA_VERSION)

    @property
    def text(self) -> str:
        """The document text, rebuilt from the blocks that tile it."""
        return "".join(block.text for block in self.blocks)


@dataclass(frozen=True, slots=True)
class Document:
    """What a reader returns: the document text and what the format itself told us.

    Readers of structured formats (HTML, PDF) may hand over blocks and tables they
    found in the markup; for plain text both are empty and the pipeline finds them.
    """

    text: str
    source: Source
    blocks: tuple[Block, ...] = ()
    tables: tuple[Table, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()
    status: str | None = None  # a request's status as the page states it ("not_held", "successful")
    messages: tuple[Message, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    links: tuple[Link, ...] = ()
    page_starts: tuple[int, ...] = ()  # where each page's text begins (PDF)
    furniture: tuple[Span, ...] = ()  # running headers and footers repeated on the pages (PDF)
    ocr_lines: tuple[OcrLine, ...] = ()  # lines recognised on page images (a scanned PDF)
