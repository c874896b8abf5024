"""E-mail reader (.eml): the authority's reply as the document, its attachments listed.

The document text is the message's From, To, Date and Subject lines, then its body (the
plain-text part, or the HTML part through the HTML reader), then a line per attachment
(name, type, size). So the extractors read the headers as they read any letter's: the
authority from From, the date from Date, the reference from Subject, each only where the
body says nothing better, and each grounded in the text. Quoted history below the reply
("-----Original Message-----", "On … wrote:", "> ") stays in the body, where segmentation
marks it as quoted rather than the reply. Attachments are not read here; a batch parses
each PDF or Word attachment as a document of its own, linked to the e-mail.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from foiparse.errors import CorruptFileError, EmptyInputError
from foiparse.model import Attachment, Document, Link, Source, Table

_HEADERS = ("From", "To", "Date", "Subject")


@dataclass(frozen=True, slots=True)
class Attached:
    """An attachment's name, type and bytes."""

    name: str
    content_type: str
    data: bytes


def read_eml(data: bytes, name: str | None = None, *, options: Any = None) -> Document:
    """Read an e-mail saved as .eml (RFC 5322 with MIME parts).

    Raises:
        CorruptFileError: no headers could be read.
        EmptyInputError: no body text and no attachments.
    """
    message = _message(data, name)
    head = "\n".join(f"{key}: {' '.join(str(message[key]).split())}" for key in _HEADERS if message[key] is not None)
    body, tables, links = _body(message, name, options)
    attached = attachments(message)
    if not body.strip() and not attached:
        raise EmptyInputError("empty input: the e-mail has no text and no attachments", path=name)
    text = head + "\n\n" + body.strip("\n") + "\n"
    shift = len(head) + 2 + (len(body) - len(body.lstrip("\n")))
    listed: list[Attachment] = []
    if attached:
        text += "\nAttachments:\n"
        for item in attached:
            start = len(text)
            text += f"{item.name} ({item.content_type}, {len(item.data):,} bytes)\n"
            listed.append(
                Attachment(
                    name=item.name,
                    url=None,
                    span=(start, start + len(item.name)),
                    content_type=item.content_type,
                    size=len(item.data),
                )
            )
    source = Source(
        name=name, format="eml", sha256=hashlib.sha256(data).hexdigest(), bytes=len(data), encoding=None, bom=False
    )
    return Document(
        text=text,
        source=source,
        tables=tuple(Table(t.title, t.columns, t.rows, (t.span[0] + shift, t.span[1] + shift)) for t in tables),
        attachments=tuple(listed),
        links=tuple(Link((link.span[0] + shift, link.span[1] + shift), link.url) for link in links),
    )


def _message(data: bytes, name: str | None) -> EmailMessage:
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:  # the parser is lenient; anything it still refuses is a broken file
        raise CorruptFileError(f"corrupt e-mail: {exc}", path=name) from None
    if not isinstance(message, EmailMessage) or not message.keys():
        raise CorruptFileError("corrupt e-mail: no headers", path=name)
    return message


def _body(message: EmailMessage, name: str | None, options: Any) -> tuple[str, tuple[Table, ...], tuple[Link, ...]]:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return "", (), ()
    content = _content(part)
    if part.get_content_type() == "text/html":
        from foiparse.readers.html import read_html

        limits = {}
        if options is not None:
            limits = {"max_depth": options.max_depth, "max_elements": options.max_elements}
        try:
            page = read_html(content.encode("utf-8"), name, **limits)
        except EmptyInputError:
            return "", (), ()
        return page.text, page.tables, page.links
    return content.replace("\r\n", "\n").replace("\r", "\n"), (), ()


def _content(part: Any) -> str:
    try:
        return str(part.get_content())
    except (LookupError, UnicodeError, ValueError):  # an unknown or lying charset: keep what decodes
        payload = part.get_payload(decode=True) or b""
        return bytes(payload).decode("utf-8", "replace")


def attachments(message: EmailMessage) -> list[Attached]:
    """The message's attachments, in order (names made unique, so each can be a document of its own)."""
    out: list[Attached] = []
    seen: set[str] = set()
    for part in message.iter_attachments():
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        base = part.get_filename() or f"attachment-{len(out) + 1}"
        name, n = base, 1
        while name in seen:
            n += 1
            name = f"{n}-{base}"
        seen.add(name)
        out.append(Attached(name, part.get_content_type(), payload))
    return out


def attachments_of(data: bytes) -> list[Attached]:
    """The attachments of an e-mail's bytes (for a batch to parse each as a document)."""
    return attachments(_message(data, None))
