"""Distinct inputs for the benchmarks, built from the fixtures: no two share their bytes or their figures.

A benchmark that parses the same letter again and again measures its caches, and an
ingest of copies measures its de-duplication. So each input here is a fixture with its
figures, dates and names varied (:func:`vary`): every number keeps its number of digits,
so space-aligned tables stay aligned, and dates stay dates; the citations that name a
law (``section 40(2)``, ``Act 2000``) are left alone, so the same exemptions are found.
PDFs are drawn with reportlab (the dev extra) from a varied letter and a table of varied
figures; the Word letter and the e-mail are the fixtures with their text varied.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "leicester-data-breaches-2019.txt"

SURNAMES = [
    "Achebe",
    "Barker",
    "Chowdhury",
    "Dlamini",
    "Evans",
    "Fairweather",
    "Gallagher",
    "Hussain",
    "Ibrahim",
    "Jones",
    "Kowalski",
    "Lindqvist",
    "Mensah",
    "Novak",
    "Okafor",
    "Patel",
    "Quigley",
    "Rahman",
    "Santos",
    "Thompson",
    "Umarov",
    "Varga",
    "Whitfield",
    "Xu",
    "Yilmaz",
    "Zielinski",
]

# Kept as written: numeric character references, quoted-printable escapes, markup, and
# the numbers that name a law or a provision (a varied one would be another exemption).
_PROTECTED = (
    r"&#x?[0-9a-fA-F]+;|=[0-9A-F]{2}|<[^<>]*>"
    r"|(?i:sections?|s\.|regulations?|reg\.|articles?|schedule|part|chapter|exemptions?|§)\s?\d+[A-Za-z]?|\d+\sU\.S\.C"
    r"|(?i:act|regulations|order|eir|foia|foisa|gdpr|dpa)\s(?:\(Scotland\)\s)?(?:19|20)\d\d"
    r"|\(\d{1,2}\)"
)
_TOKEN = re.compile(
    rf"(?P<keep>{_PROTECTED})|(?<!\w)(?P<num>\d+)(?!\w)|\b(?P<title>Mr|Mrs|Ms|Miss|Dr)(?P<dot>\.?) (?P<name>[A-Z][a-z]+)"
)


def _number(digits: str, v: int) -> str:
    """``digits`` varied by ``v``, the same length; a year stays a year and a day a day."""
    n, width = int(digits), len(digits)
    if v == 0 or n == 0:
        return digits
    if digits[0] == "0":  # 04, 0733: zero-padded days and references stay zero-padded
        if width == 2:
            return f"{(n - 1 + v) % 9 + 1:02d}"
        return f"{(n + v * 7919) % 10**width:0{width}d}"
    if width == 1:
        return str((n - 1 + v) % 9 + 1)
    if width == 2:
        if n <= 12:  # a month stays a month
            return str(10 + (n - 10 + v) % 3)
        return str(13 + (n - 13 + v) % 16) if n <= 28 else str(29 + (n - 29 + v) % 71)
    if width == 4 and 1990 <= n <= 2039:
        return str(2000 + (n - 2000 + v) % 30)
    low = 10 ** (width - 1)
    return str(low + (n - low + v * 7919) % (9 * low))


def vary(text: str, v: int) -> str:
    """``text`` with its figures, dates and people's surnames varied by ``v`` (0: unchanged).

    The same number is varied the same way everywhere in one text, so a total repeated
    in a letter stays one figure.
    """

    def swap(m: re.Match[str]) -> str:
        if m["keep"] is not None:
            return m["keep"]
        if m["num"] is not None:
            return _number(m["num"], v)
        seed = int.from_bytes(hashlib.blake2s(m["name"].encode()).digest()[:4], "big")
        return f"{m['title']}{m['dot']} {SURNAMES[(seed + v) % len(SURNAMES)]}"

    return _TOKEN.sub(swap, text) if v else text


def vary_bytes(data: bytes, v: int) -> bytes:
    """:func:`vary` on bytes in any ASCII-compatible encoding (read as Latin-1, so every byte survives)."""
    return vary(data.decode("latin-1"), v).encode("latin-1")


def text_fixtures() -> list[Path]:
    """The plain-text fixtures, sorted."""
    return sorted(FIXTURES.glob("*.txt"))


def distinct(make: Callable[[int], bytes], count: int) -> Iterator[bytes]:
    """``count`` inputs ``make(i)``, each different from every other: a repeat is made again further on."""
    seen: set[bytes] = set()
    for i in range(count):
        for attempt in range(50):
            data = make(i + attempt * 1_000_003)
            key = hashlib.blake2b(data, digest_size=16).digest()
            if key not in seen:
                break
        else:  # a fixture with nothing to vary: mark it, as the ingest benchmark always did
            data = make(i) + f"\nOur ref: BENCH-{i:06d}\n".encode()
            key = hashlib.blake2b(data, digest_size=16).digest()
        seen.add(key)
        yield data


def letters(count: int) -> list[bytes]:
    """``count`` distinct plain-text letters, taking the text fixtures in turn."""
    sources = [p.read_bytes() for p in text_fixtures()]
    return list(distinct(lambda i: vary_bytes(sources[i % len(sources)], i // len(sources) + 1), count))


# The periods a mass-FOI answer is about, kept as written when its figures are varied, so
# forty varied answers still answer the same request for the same years.
_PERIODS = re.compile(
    r"(?:\d{1,2}\s)?(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s(?:19|20)\d\d|(?:19|20)\d\d\s?[/\-–]\s?(?:(?:19|20)\d\d|\d\d)(?!\d)|(?<![\d/])(?:19|20)\d\d(?![\d/])"
)


def mass_foi(count: int) -> list[tuple[str, bytes]]:
    """``count`` distinct answers to one request: fixtures/massfoi's text, HTML and e-mail letters with
    their figures, references and names varied and their periods kept; ``(suffix, bytes)`` each."""
    sources = [p for p in sorted((FIXTURES / "massfoi").iterdir()) if p.suffix in (".txt", ".html", ".eml")]
    kept = [(p.suffix, p.read_bytes().decode("latin-1")) for p in sources]

    def make(i: int) -> bytes:
        _, text = kept[i % len(kept)]
        periods: list[str] = []

        def hold(m: re.Match[str]) -> str:
            periods.append(m[0])
            return f"PERIODHELD{chr(65 + len(periods) // 26)}{chr(65 + len(periods) % 26)}X"

        held = _PERIODS.sub(hold, text)
        varied = vary(held, i // len(kept) + 1)
        back = re.sub(
            r"PERIODHELD([A-Z])([A-Z])X", lambda m: periods[(ord(m[1]) - 65) * 26 + ord(m[2]) - 65 - 1], varied
        )
        return back.encode("latin-1")

    items = list(distinct(make, count))
    return [(kept[i % len(kept)][0], data) for i, data in enumerate(items)]


def seed_letters(count: int) -> list[bytes]:
    """``count`` distinct letters of the seed's size and shape: the seed, varied."""
    seed = SEED.read_bytes()
    return list(distinct(lambda i: vary_bytes(seed, i + 1), count))


def write(folder: Path, items: list[bytes], suffix: str = ".txt") -> list[Path]:
    """Each item as ``folder/NNNNN<suffix>``; the paths in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, data in enumerate(items):
        path = folder / f"{i:05d}{suffix}"
        path.write_bytes(data)
        paths.append(path)
    return paths


# The 20,000-document ingest's mix, in slots per hundred, dealt in a fixed cycle so that
# any prefix of the run (the first 2,000) has the same mix as the whole.
MIX: tuple[tuple[str, int], ...] = (("txt", 70), ("html", 10), ("pdf", 12), ("docx", 4), ("eml", 4))


def _cycle() -> list[str]:
    slots: list[str] = []
    left = dict(MIX)
    while any(left.values()):
        for kind, _ in MIX:
            if left[kind]:
                slots.append(kind)
                left[kind] -= 1
    return slots


def mixed(folder: Path, count: int, progress: Callable[[int], None] | None = None) -> list[Path]:
    """``count`` distinct documents of :data:`MIX` in ``folder``, the first 2,000 in ``folder/a``, the rest in ``folder/b``."""
    texts = [p.read_bytes() for p in text_fixtures()]
    pages = [p.read_bytes() for p in sorted(FIXTURES.glob("*.html"))]
    word = (FIXTURES / "docx-council-letter.docx").read_bytes()
    mail = (FIXTURES / "eml-reply-with-attachment.eml").read_bytes()
    cycle = _cycle()
    paths: list[Path] = []
    counts: dict[str, int] = {}
    for i in range(count):
        kind = cycle[i % len(cycle)]
        k = counts.get(kind, 0)
        counts[kind] = k + 1
        if kind == "txt":
            data = vary_bytes(texts[k % len(texts)], k // len(texts) + 1)
        elif kind == "html":
            data = vary_bytes(pages[k % len(pages)], k // len(pages) + 1)
        elif kind == "pdf":
            data = letter_pdf(vary_bytes(texts[k % len(texts)], k // len(texts) + 1).decode("latin-1"), k)
        elif kind == "docx":
            data = vary_docx(word, k + 1)
        else:
            data = vary_eml(mail, k + 1)
        path = folder / ("a" if i < 2000 else "b") / f"{i:05d}.{kind}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
        if progress is not None and (i + 1) % 1000 == 0:
            progress(i + 1)
    return paths


_WORD_TEXT = re.compile(r"(<w:t(?:\s[^>]*)?>)([^<]*)(</w:t>)")


def vary_docx(data: bytes, v: int) -> bytes:
    """The Word document ``data`` with the text of its runs varied (the markup untouched)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename in ("word/document.xml", "word/header1.xml", "word/footer1.xml"):
                xml = body.decode("utf-8")
                body = _WORD_TEXT.sub(lambda m: m[1] + vary(m[2], v) + m[3], xml).encode("utf-8")
            target.writestr(info, body)
    return out.getvalue()


def vary_eml(data: bytes, v: int) -> bytes:
    """The e-mail ``data`` with its subject and text part varied; headers, boundaries and attachments kept."""
    text = data.decode("latin-1")
    head, _, body = text.partition("\n\n")
    head = re.sub(r"(?m)^(Subject: .*)$", lambda m: vary(m[1], v), head)
    attachment = body.find("\n--", body.find("quoted-printable"))
    if attachment > 0:
        body = vary(body[:attachment], v) + body[attachment:]
    return (head + "\n\n" + body).encode("latin-1")


def letter_pdf(text: str, k: int) -> bytes:
    """A PDF letter: the paragraphs of ``text``, then a table of figures over one to three pages.

    Two in three tables are ruled (a grid), the rest are aligned columns with no lines.
    """
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    rl_config.invariant = True  # the same bytes for the same k on every run
    body = getSampleStyleSheet()["BodyText"]
    story: list[object] = []
    for block in re.split(r"\n\s*\n", text.replace("\r", "")):
        block = " ".join(block.split())
        if block:
            escaped = block.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            story.append(Paragraph(escaped[:2000], body))
        if len(story) >= 12:
            break
    rows = [["Area", "Reports", "Closed", "Open"]]
    for r in range(12 + (k * 7) % 70):
        reports = 20 + (k * 31 + r * 17) % 400
        closed = reports - (k + r) % 20
        rows.append([f"District {r + 1} ({k % 97})", str(reports), str(closed), str(reports - closed)])
    table = Table(rows, colWidths=[70 * mm, 30 * mm, 30 * mm, 30 * mm], repeatRows=1)
    if k % 3:
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story.append(table)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, topMargin=25 * mm, bottomMargin=22 * mm).build(story)
    return out.getvalue()


def ruled_pdf(path: Path, pages: int) -> Path:
    """The fixtures' generated letter with a ruled table on each of ``pages`` pages (``make_pdfs.ruled_tables``)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_pdfs", FIXTURES / "make_pdfs.py")
    if spec is None or spec.loader is None:
        raise RuntimeError("fixtures/make_pdfs.py cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # needs reportlab (the dev extra)
    module.ruled_tables(path, pages)
    return path
