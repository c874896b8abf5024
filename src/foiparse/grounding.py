"""Checks that a response's evidence is where its spans say: what JSON Schema cannot see.

A file can follow the schema and still lie: a span past the end of the text, a
total whose span slices to another figure, blocks that leave a gap, a text input's
``source.encoding`` that cannot write its text back. ``foiparse validate`` and
``render`` run this after the schema, so a hand-edited or corrupted file is caught
before anyone trusts it, and the two agree on what ``render`` can print.
"""

from __future__ import annotations

import codecs

from foiparse.errors import GroundingError
from foiparse.model import FoiResponse, Span

# Codecs Python has that are not character sets: they encode host names or escapes, or nothing.
_NOT_CHARSETS = frozenset({"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape"})


def check_grounding(response: FoiResponse, *, path: str | None = None) -> None:
    """Raise :class:`GroundingError` at the first span that does not hold its evidence."""
    _check_encoding(response, path)
    pos = 0
    for i, block in enumerate(response.blocks):
        if block.span != (pos, pos + len(block.text)):
            raise GroundingError(
                f"$.blocks[{i}].span is {list(block.span)}, but the blocks before it end at {pos} "
                f"and its text has {len(block.text)} characters",
                path=path,
                json_path=f"$.blocks[{i}].span",
            )
        pos = block.span[1]
    text = response.text

    def need(where: str, span: Span | None, evidence: str | None) -> None:
        if span is None:
            return
        start, end = span
        if not 0 <= start <= end <= len(text):
            raise GroundingError(
                f"{where} is {list(span)}, outside the text (0 to {len(text)})", path=path, json_path=where
            )
        if evidence is not None and text[start:end] != evidence:
            raise GroundingError(
                f"{where} slices to {text[start:end][:40]!r}, not to {evidence[:40]!r}", path=path, json_path=where
            )

    if response.authority:
        need("$.authority.span", response.authority.span, response.authority.name)
    if response.reference:
        need("$.reference.span", response.reference.span, response.reference.text)
    need("$.date_span", response.date_span, None)
    request = response.request
    if request is not None:
        for i, question in enumerate(request.questions):
            need(f"$.request.questions[{i}].span", question.span, question.text)
        joined = bool(request.questions) and request.text == "\n".join(q.text for q in request.questions)
        need("$.request.span", request.span, None if joined else request.text)
    for i, prior in enumerate(response.prior_requests):
        # A prior request known only by a link is grounded in the link's text, which need not be its address.
        need(f"$.prior_requests[{i}].span", prior.span, prior.reference)
    for i, exemption in enumerate(response.exemptions):
        need(f"$.exemptions[{i}].span", exemption.span, exemption.cited_as)
    for i, total in enumerate(response.totals):
        need(f"$.totals[{i}].span", total.span, total.text)
    for i, table in enumerate(response.tables):
        need(f"$.tables[{i}].span", table.span, None)
    for i, message in enumerate(response.messages):
        need(f"$.messages[{i}].span", message.span, None)
    for i, attachment in enumerate(response.attachments):
        need(f"$.attachments[{i}].span", attachment.span, attachment.name)
    for i, warning in enumerate(response.warnings):
        need(f"$.warnings[{i}].span", warning.span, None)
    for i, line in enumerate(response.ocr_lines):
        need(f"$.ocr_lines[{i}].span", line.span, None)


def _check_encoding(response: FoiResponse, path: str | None) -> None:
    """A text input's encoding must be a character set Python has, able to write the text back.

    ``render`` writes a text input's document text in that encoding; ``str.encode`` takes
    any codec name, and some (``idna``, ``undefined``, ``rot13``) are no character set.
    """
    source = response.source
    if source.format != "text" or source.encoding is None:
        return
    where = "$.source.encoding"

    def refuse(why: str) -> GroundingError:
        return GroundingError(f"{where} is {source.encoding!r}: {why}", path=path, json_path=where)

    try:
        name = codecs.lookup(source.encoding).name
    except (LookupError, ValueError):
        raise refuse("no character set Python knows") from None
    if name in _NOT_CHARSETS:
        raise refuse("a codec that is no character set")
    try:
        response.text.encode(source.encoding)
    except LookupError:  # rot13, base64: codecs, but not text encodings
        raise refuse("a codec that is no character set") from None
    except UnicodeEncodeError as exc:
        raise refuse(f"it cannot write the text back (offset {exc.start})") from None
    except (UnicodeError, ValueError) as exc:
        raise refuse(f"it cannot write the text back ({exc})") from None
