"""Writing where the user said, without losing what they had.

An output named like one of the command's own inputs (``foiparse letter.txt -o
letter.txt``, an export onto its database) is refused before it is opened, since
opening it for writing would already empty the input. Outputs are written through a
temporary file renamed over the old one, so a full disk or Ctrl-C leaves the old file
whole.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from typing import IO

from foiparse.errors import OutputIsInputError


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two names are one file: the same inode when both exist (links, ``./x``), else the same real path."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return os.path.realpath(a) == os.path.realpath(b)


def refuse_overwriting(output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]], what: str) -> None:
    """Raise :class:`OutputIsInputError` when ``output`` is one of ``inputs`` (``what`` says what they are)."""
    for source in inputs:
        if same_file(output, source):
            raise OutputIsInputError(
                f"the output is also {what} ({os.fspath(source)}): refusing to write over it",
                path=os.fspath(output),
                output=os.fspath(output),
                input=os.fspath(source),
            )


@contextlib.contextmanager
def write_atomically(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """A file to write ``path`` through: a temporary file beside it, renamed over it once all is written.

    A run that fails or is interrupted (a full disk, Ctrl-C) leaves the old file as it
    was, and no reader sees half a file. A path that is not a regular file (``/dev/null``,
    a pipe) is written in place, as renaming over it would replace the device; so is one
    whose folder does not let us create files, and a read-only file (whose refusal stands).
    An existing file keeps its permissions; a hard link to it keeps the old contents. A
    symbolic link is written through in place, as ``open`` does, so the kernel's checks on
    links in shared folders (``fs.protected_symlinks`` in ``/tmp``) still apply.
    """
    if os.path.islink(path):
        with open(path, "wb") as fh:
            yield fh
        return
    target = os.fspath(path)
    try:
        mode: int | None = os.stat(target).st_mode
    except (OSError, ValueError):
        mode = None
    folder, base = os.path.split(target)
    temp = os.path.join(folder, f".{base}.{secrets.token_hex(4)}.tmp")
    fd = -1
    if mode is None or (stat.S_ISREG(mode) and os.access(target, os.W_OK)):  # a read-only file stays refused
        with contextlib.suppress(OSError):
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    if fd < 0:
        with open(path, "wb") as fh:
            yield fh
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        if mode is not None:
            os.chmod(temp, stat.S_IMODE(mode))
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
