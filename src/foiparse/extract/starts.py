r"""Where a long phrase pattern can begin, so it is tried only there.

The outcome's phrase patterns are alternations of hundreds of wordings ("please find
attached", "we do not hold", ...). ``re`` tries every alternative at every character, so
a 2 KB letter costs a tenth of a millisecond per pattern, and a dozen of them were half
of a warm parse. Almost every wording starts at a word with a known first few letters.
:func:`starts_of` reads those first letters from the pattern's own parse tree, once;
:class:`WordStarts` indexes the first three letters of every word of a document, once;
:func:`finditer` then tries the pattern only where a document's word begins with one of
its openings. The result is exactly ``pattern.finditer(text, lo, hi)``: a match attempt
at a position is the same whether a scan reached it or it was asked for directly (``\b``
and look-behinds see the text before it either way), and every position a match could
begin at is tried, in order. A pattern whose openings cannot be bounded (one that may
match nothing, or begin inside a word) is scanned the ordinary way.
"""

from __future__ import annotations

import bisect
import hashlib
import importlib
import itertools
import marshal
import os
import re
import sys
from dataclasses import dataclass
from typing import Any

_KEY = 3  # letters of a word's opening that are indexed
_MOST = 4000  # openings of one pattern past which bounding it is not worth it
_SMALL_SET = 12  # characters of a class that are spelt out one by one; a larger class ends the opening

try:
    _parser: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - a Python whose re is laid out differently: scan the ordinary way
    _parser = None


class _Unbounded(Exception):
    """A way through the pattern with no known opening: it must be scanned the ordinary way."""


@dataclass(frozen=True, slots=True)
class Starts:
    r"""The openings of a pattern's matches, lower-cased.

    ``words``: openings of matches that begin at the start of a word (``\b`` then a word
    character), looked up in the document's index of word starts. ``others``: a zero-width
    pattern finding every place an opening of the other matches begins (one on something
    other than a word character, or one that may begin inside a word).
    """

    words: frozenset[str]
    others: re.Pattern[str] | None
    digits: bool = False  # it may begin at any word that starts with a digit
    capitals: bool = False  # or at any word that starts with a capital A-Z


def _ways_in(pattern: re.Pattern[str]) -> set[_Way] | None:
    """Every way into ``pattern``'s matches, read from its parse tree, or None when that cannot be read."""
    if _parser is None or pattern.flags & (re.ASCII | re.LOCALE) or not isinstance(pattern.pattern, str):
        return None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
        return _paths(list(tree), 0, "", False, 0, bool(pattern.flags & re.IGNORECASE))
    except (_Unbounded, RecursionError, AttributeError, TypeError, ValueError, re.error):
        return None


def starts_of(pattern: re.Pattern[str]) -> Starts | None:
    """Where ``pattern``'s matches can begin, or None when that cannot be bounded."""
    found = _ways_in(pattern)
    if found is None:
        return None
    words: set[str] = set()
    others: set[str] = set()
    kinds = {opening for opening, _, _ in found if opening in (_DIGIT_START, _CAPITAL_START)}
    for opening, bounded, _ in found:
        if opening in kinds:
            continue
        if not opening or opening[0].isspace():
            return None  # it may match nothing, begin with anything, or at any space: no cheaper than a scan
        if bounded and is_word_char(opening[0]):
            words.add(opening)
        elif is_word_char(opening[0]) and len(opening) < 2:
            return None  # inside a word, on one letter: nearly everywhere
        else:
            others.add(opening)
    digits, capitals = _DIGIT_START in kinds, _CAPITAL_START in kinds
    if not others:
        return Starts(frozenset(words), None, digits, capitals)
    alternatives = "|".join(re.escape(o) for o in sorted(others, key=lambda o: (-len(o), o)))
    return Starts(frozenset(words), re.compile(f"(?=(?:{alternatives}))", re.I), digits, capitals)


def anywhere_of(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The lower-cased openings of ``pattern``'s matches wherever they begin, or None when that cannot be bounded.

    For a pattern matched at one place (a line's start): a text whose first letters
    begin with none of them cannot match there.
    """
    found = _ways_in(pattern)
    if found is None:
        return None
    out = frozenset(opening for opening, _, _ in found)
    if any(not o or o in (_DIGIT_START, _CAPITAL_START) for o in out):
        return None  # it may match nothing, or begin with any digit or capital
    return out


def is_word_char(ch: str) -> bool:
    r"""What ``\w`` takes (``re``'s Unicode words): a letter, a digit or an underscore."""
    return ch.isalnum() or ch == "_"


_Way = tuple[str, bool, bool]  # an opening, whether it begins at a word boundary, whether it may go on


def _paths(items: list[Any], i: int, opening: str, bounded: bool, depth: int, folded: bool) -> set[_Way]:
    """Every way through ``items[i:]`` after ``opening``: what it opens with, and whether that may go on.

    An opening may go on (third field) only when the sequence ran out before it was
    ``_KEY`` long, so that what follows an enclosing group continues it. One that ended
    on something wide (a large class, a repeat) is closed: a shorter opening is a weaker
    bound, never a wrong one.
    """
    if depth > 60:
        raise _Unbounded
    if len(opening) >= _KEY:
        return {(opening, bounded, False)}
    if i >= len(items):
        return {(opening, bounded, True)}
    op, av = items[i]
    rest = i + 1
    if op is _c.LITERAL:
        return _paths(items, rest, opening + chr(av).lower(), bounded, depth + 1, folded)
    if op is _c.IN:
        chars = _class(av)
        if chars is None:
            if not opening and bounded and (kind := _wide_start(av, folded)):
                return {(kind, True, False)}  # any word that starts with a digit, or a capital
            return {(opening, bounded, False)}  # the opening ends where a wide class begins
        out: set[_Way] = set()
        for ch in chars:
            out |= _paths(items, rest, opening + ch, bounded, depth + 1, folded)
        return _capped(out)
    if op is _c.AT:
        boundary = av is _c.AT_BOUNDARY and not opening
        return _paths(items, rest, opening, bounded or boundary, depth + 1, folded)
    if op is _c.ASSERT and av[0] == 1 and not opening:
        # A look-ahead where the match begins: the match opens as the look-ahead does.
        ahead = _paths(list(av[1]), 0, opening, bounded, depth + 1, folded)
        if all(way[0] for way in ahead):
            return {(o, b, False) for o, b, _ in ahead}
    if op is _c.ASSERT_NOT and av[0] == -1 and not opening and _any_word_char(av[1]):
        return _paths(items, rest, opening, True, depth + 1, folded)  # not after a word character: a word starts
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return _paths(items, rest, opening, bounded, depth + 1, folded)  # it reads text, takes none
    if op in (_c.SUBPATTERN, _c.ATOMIC_GROUP, _c.BRANCH):
        inner = folded
        if op is _c.SUBPATTERN:
            bodies = [av[-1]]
            inner = bool(av[1] & re.IGNORECASE) or (folded and not av[2] & re.IGNORECASE)
        elif op is _c.ATOMIC_GROUP:
            bodies = [av]
        else:
            bodies = av[1]
        out = set()
        for body in bodies:
            for way in _paths(list(body), 0, opening, bounded, depth + 1, inner):
                out |= _paths(items, rest, way[0], way[1], depth + 1, folded) if way[2] else {way}
            _capped(out)
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _, body = av
        # After one repetition the opening ends: another repetition or what follows may come next.
        out = {(o, b, False) for o, b, _ in _paths(list(body), 0, opening, bounded, depth + 1, folded)}
        if low == 0:
            out |= _paths(items, rest, opening, bounded, depth + 1, folded)
        return _capped(out)
    return {(opening, bounded, False)}  # anything else (any character, a back-reference, ...) ends the opening


_DIGIT_START = "\x00digit"  # an opening that stands for any word starting with a digit
_CAPITAL_START = "\x00capital"  # and for any word starting with a capital A-Z


def _wide_start(av: list[tuple[Any, Any]], folded: bool) -> str | None:
    """What a wide class opening a word stands for, when the word-start index can list it."""
    if av == [(_c.CATEGORY, _c.CATEGORY_DIGIT)]:
        return _DIGIT_START
    if av == [(_c.RANGE, (ord("A"), ord("Z")))] and not folded:
        return _CAPITAL_START
    return None


def _any_word_char(body: Any) -> bool:
    r"""Whether a look-behind's body is one class that takes every word character (``[\w...]``)."""
    items = list(body)
    return (
        len(items) == 1
        and items[0][0] is _c.IN
        and (_c.CATEGORY, _c.CATEGORY_WORD) in items[0][1]
        and not any(op is _c.NEGATE for op, _ in items[0][1])
    )


def _class(av: list[tuple[Any, Any]]) -> list[str] | None:
    """The lower-cased characters of a small class, or None for a wide or negated one."""
    chars: set[str] = set()
    for op, value in av:
        if op is _c.LITERAL:
            chars.add(chr(value).lower())
        elif op is _c.RANGE and value[1] - value[0] < _SMALL_SET:
            chars.update(chr(c).lower() for c in range(value[0], value[1] + 1))
        else:
            return None
        if len(chars) > _SMALL_SET:
            return None
    return sorted(chars)


def _capped(found: set[_Way]) -> set[_Way]:
    if len(found) > _MOST:
        raise _Unbounded
    return found


# Words listed by how they begin. ``\d(?<!\w\d)`` finds what ``\b\d`` does (the character before is no word
# character), but opening on a class lets ``re`` skip to each digit rather than test a boundary everywhere.
_KINDS = {"digit": re.compile(r"\d(?<!\w\d)"), "capital": re.compile(r"[A-Z](?<!\w[A-Z])")}
_ANALYSIS = (
    _ways_in,
    starts_of,
    anywhere_of,
    _paths,
    _class,
    _wide_start,
    _any_word_char,
)  # the code whose answers the openings cache keeps


class WordStarts:
    """The first three letters of every word of a text, lower-cased, with where each word begins.

    Built once per document and shared by every pattern; each pattern's positions are
    worked out once per document too, then cut to each range asked for.
    """

    _WORD = re.compile(r"\b\w")

    def __init__(self, text: str) -> None:
        self.text = text
        by_key: dict[str, list[int]] = {}
        wild: list[int] = []  # openings that do not lower-case to plain ASCII: tried for every pattern
        for m in self._WORD.finditer(text):
            p = m.start()
            key = text[p : p + _KEY].lower()
            if key.isascii():
                by_key.setdefault(key, []).append(p)
            else:
                wild.append(p)
        self._by_key = by_key
        self._wild = wild
        self._at: dict[frozenset[str], list[int]] = {}
        self._kinds: dict[str, list[int]] = {}
        self._where: dict[int, list[int]] = {}
        self._keys: list[str] | None = None

    def _ordered(self) -> list[str]:
        """The document's keys in order, for openings shorter than a key (made when first asked)."""
        if self._keys is None:
            self._keys = sorted(self._by_key)
        return self._keys

    def beginning_with(self, kind: str) -> list[int]:
        """Where a word begins with a digit (``"digit"``) or a capital A-Z (``"capital"``), in order."""
        found = self._kinds.get(kind)
        if found is None:
            found = self._kinds[kind] = [m.start() for m in _KINDS[kind].finditer(self.text)]
        return found

    def where(self, starts: Starts) -> list[int]:
        """Every place in the text a match with these openings may begin, in order: worked out once per document.

        Each range asked for is cut from it. A place found by the other openings' pattern
        over the whole text, past the end of a range, is tried in vain at worst: trying a
        place no match begins at finds nothing, and every place one may begin is there.
        """
        found = self._where.get(id(starts))  # a pattern's openings are kept for the process: their id is theirs
        if found is None:
            found = self.at(starts.words)
            more: list[int] = []
            if starts.others is not None:
                more.extend(m.start() for m in starts.others.finditer(self.text))
            if starts.digits:
                more.extend(self.beginning_with("digit"))
            if starts.capitals:
                more.extend(self.beginning_with("capital"))
            if more:
                found = sorted(set(found).union(more))
            self._where[id(starts)] = found
        return found

    def at(self, openings: frozenset[str]) -> list[int]:
        """Where a word begins with one of ``openings``, in order."""
        found = self._at.get(openings)
        if found is None:
            by_key = self._by_key
            whole, short = _split(openings)
            keys = by_key.keys() & whole  # the document's few keys against the pattern's many openings
            if short:
                ordered = self._ordered()
                for opening in short:  # the keys it begins, a run of the keys in order
                    i = bisect.bisect_left(ordered, opening)
                    j = bisect.bisect_left(ordered, opening + "\U0010ffff", i)
                    keys.update(ordered[i:j])
            # Each word start is under one key (or among the wild ones): no place comes twice.
            found = self._at[openings] = sorted(itertools.chain(self._wild, *(by_key[key] for key in keys)))
        return found


_SPLIT: dict[frozenset[str], tuple[frozenset[str], tuple[str, ...]]] = {}


def _split(openings: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """A pattern's openings as long as a key, and the shorter ones (sorted out once per pattern)."""
    found = _SPLIT.get(openings)
    if found is None:
        short = tuple(sorted(o for o in openings if len(o) < _KEY))
        found = _SPLIT[openings] = (frozenset(o for o in openings if len(o) >= _KEY), short)
    return found


_OPENINGS: dict[int, tuple[re.Pattern[str], Starts | None]] = {}
_Saved = (
    tuple[tuple[str, ...], str, bool, bool] | None
)  # a pattern's openings as written: its words, its other characters' class
_saved: dict[tuple[str, int], _Saved] | None = None  # read from the openings cache on first use


def openings(pattern: re.Pattern[str]) -> Starts | None:
    """:func:`starts_of`, worked out on the pattern's first use (the pattern is kept, so its id stays its own).

    Reading a pattern's parse tree costs about as much as half compiling it, so a cold
    process takes the openings from the cache :func:`write_cache` wrote, where it has them.
    """
    known = _OPENINGS.get(id(pattern))
    if known is None:
        key, saved = (pattern.pattern, pattern.flags), _read_cache()
        found = _rebuilt(saved[key]) if key in saved else starts_of(pattern)
        known = _OPENINGS[id(pattern)] = (pattern, found)
    return known[1]


_ANYWHERE: dict[int, tuple[re.Pattern[str], frozenset[str] | None]] = {}
_saved_anywhere: dict[tuple[str, int], tuple[str, ...] | None] = {}  # read with ``_saved``


def openings_anywhere(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """:func:`anywhere_of`, worked out on the pattern's first use, or taken from the openings cache."""
    known = _ANYWHERE.get(id(pattern))
    if known is None:
        key = (pattern.pattern, pattern.flags)
        _read_cache()
        if key in _saved_anywhere:
            saved = _saved_anywhere[key]
            found = None if saved is None else frozenset(saved)
        else:
            found = anywhere_of(pattern)
        known = _ANYWHERE[id(pattern)] = (pattern, found)
    return known[1]


def cache_path() -> str:
    """The openings cache: beside the package's bytecode, named for this Python like it."""
    tag = sys.implementation.cache_tag or "none"
    return os.path.join(os.path.dirname(os.path.dirname(__file__)), "__pycache__", f"openings.{tag}.bin")


def _stamp() -> str:
    """What a cache must have been written by: this Python and this module's reading of patterns."""
    digest = hashlib.sha256()
    for function in _ANALYSIS:
        _digest_code(digest, function.__code__)
    return f"{sys.version}|{_KEY}|{_SMALL_SET}|{digest.hexdigest()}"


def _digest_code(digest: Any, code: Any) -> None:
    """What a function does, not where its file is: a copied or moved tree keeps its cache."""
    digest.update(code.co_code)
    digest.update(repr(code.co_names).encode())
    for const in code.co_consts:
        if hasattr(const, "co_code"):
            _digest_code(digest, const)
        else:
            digest.update(repr(const).encode())


def _read_cache() -> dict[tuple[str, int], _Saved]:
    global _saved, _saved_anywhere
    if _saved is None:
        _saved, _saved_anywhere = {}, {}
        try:
            with open(cache_path(), "rb") as fh:
                stamp, entries, anywhere = marshal.loads(fh.read())
            if stamp == _stamp() and isinstance(entries, dict) and isinstance(anywhere, dict):
                _saved, _saved_anywhere = entries, anywhere
        except (OSError, EOFError, ValueError, TypeError):
            pass  # no cache, or not this Python's: openings are worked out as they are needed
    return _saved


def _rebuilt(saved: _Saved) -> Starts | None:
    if saved is None:
        return None
    words, others, digits, capitals = saved
    return Starts(frozenset(words), re.compile(others, re.I) if others else None, digits, capitals)


def write_cache(path: str | None = None) -> int:
    """Write the openings of every pattern read so far in this process (both kinds); how many were written.

    ``tools/build_patterns.py`` (run by ``make run``) calls it after parsing the fixtures.
    Written beside and renamed over, so that a reader never sees half a file.
    """
    entries: dict[tuple[str, int], _Saved] = {}
    for pattern, found in _OPENINGS.values():
        others = found.others.pattern if found is not None and found.others is not None else ""
        entries[pattern.pattern, pattern.flags] = (
            None if found is None else (tuple(sorted(found.words)), others, found.digits, found.capitals)
        )
    anywhere = {
        (pattern.pattern, pattern.flags): None if found is None else tuple(sorted(found))
        for pattern, found in _ANYWHERE.values()
    }
    from foiparse.outputs import write_atomically  # only the cache builder writes: not on a parse's path

    target = path or cache_path()
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with write_atomically(target) as fh:
        fh.write(marshal.dumps((_stamp(), entries, anywhere)))
    return len(entries) + len(anywhere)


def _where(starts: Starts, words: WordStarts, lo: int, hi: int) -> list[int]:
    at = words.where(starts)
    return at[bisect.bisect_left(at, lo) : bisect.bisect_left(at, hi)]


def finditer(pattern: re.Pattern[str], words: WordStarts, lo: int, hi: int) -> list[re.Match[str]]:
    """``list(pattern.finditer(words.text, lo, hi))``, trying the pattern only where a match can begin."""
    text = words.text
    starts = openings(pattern)
    if starts is None:
        return list(pattern.finditer(text, lo, hi))
    out: list[re.Match[str]] = []
    resume = lo
    for p in _where(starts, words, lo, hi):
        if p < resume:
            continue
        m = pattern.match(text, p, hi)
        if m is not None:
            out.append(m)
            resume = m.end() if m.end() > p else p + 1
    return out


def finditer_each(
    pattern: re.Pattern[str], words: WordStarts, ranges: list[tuple[int, int]]
) -> list[list[re.Match[str]]]:
    """:func:`finditer` over each of ``ranges``: the pattern's openings looked up once, not once a range.

    A letter's paragraphs are many ranges, and most hold no place a phrase can begin.
    """
    starts = openings(pattern)
    if starts is None:
        return [list(pattern.finditer(words.text, lo, hi)) for lo, hi in ranges]
    at = words.where(starts)
    text, match, left = words.text, pattern.match, bisect.bisect_left
    out: list[list[re.Match[str]]] = []
    for lo, hi in ranges:
        i, j = left(at, lo), left(at, hi)
        found: list[re.Match[str]] = []
        resume = lo
        for p in at[i:j] if i < j else ():
            if p < resume:
                continue
            m = match(text, p, hi)
            if m is not None:
                found.append(m)
                resume = m.end() if m.end() > p else p + 1
        out.append(found)
    return out


def search(pattern: re.Pattern[str], words: WordStarts, lo: int, hi: int) -> re.Match[str] | None:
    """``pattern.search(words.text, lo, hi)``, trying the pattern only where a match can begin."""
    text = words.text
    starts = openings(pattern)
    if starts is None:
        return pattern.search(text, lo, hi)
    for p in _where(starts, words, lo, hi):
        if (m := pattern.match(text, p, hi)) is not None:
            return m
    return None
