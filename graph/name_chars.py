"""The embedded store's index of enterprise name keys by character, for the import's 名称相近 check.

Each distinct name key gets a number once; per character, an array of the numbers of the keys containing it, and per
character, the keys starting or ending with it. Built by the store's first similar-name lookup (one pass over the
enterprises; building it while the file is read cost every process that opens the store, the app included), then
kept up to date on every write (a key is counted in and out as enterprises take it or lose it), so no lookup ever
reads every key. A key no enterprise holds any more keeps its number and its array entries
(its count is 0, lookups skip it): a rename costs no array rewrite, and the entries are dropped when the index is
saved (`to_bytes`).

The embedded store saves the index beside each snapshot (`to_bytes`, tagged with the snapshot it describes) and a
process opening that snapshot reads it back (`from_bytes`) instead of reading every enterprise: a few arrays and one
string, checked by length and CRC-32 before they are trusted.
"""

from __future__ import annotations

import re
import sys
import zlib
from array import array
from collections import Counter
from itertools import accumulate, pairwise

import numpy

from graph.similar import LENGTH_SLACK, SIMILAR_NAME_RATIO, probe_chars

_HEADER = re.compile(
    rb"chainkg-name-keys 1 (\S+) ([0-9]{1,10}) ([0-9]{1,10}) ([0-9]{1,12}) ([0-9]{1,10}) ([0-9]{1,12}) "
    rb"([0-9]{1,13}) ([0-9a-f]{8})\n"
)
"""The saved index's first line: the tag (the snapshot it belongs to), the numbers of keys, of characters and of
their entries, of end characters and of their entries, the bytes of the keys' text, and the CRC-32 of the rest."""
_HEADER_MAX = 400


class NameKeyIndex:
    """Distinct name keys, each with how many enterprises hold it, looked up by character."""

    def __init__(self) -> None:
        self._number: dict[str, int] = {}
        self._keys: list[str] = []
        self._holders = array("I")
        self._length = array("I")
        self._first = array("I")
        self._last = array("I")
        self._by_char: dict[str, array[int]] = {}
        self._by_end: dict[str, array[int]] = {}

    def add(self, key: str) -> None:
        """One more enterprise holds `key` (an empty key is not indexed)."""
        if not key:
            return
        number = self._number.get(key)
        if number is not None:
            self._holders[number] += 1
            return
        number = self._number[key] = len(self._keys)
        self._keys.append(key)
        self._holders.append(1)
        self._length.append(len(key))
        self._first.append(ord(key[0]))
        self._last.append(ord(key[-1]))
        for index, chars in ((self._by_char, set(key)), (self._by_end, {key[0], key[-1]})):
            for char in chars:
                numbers = index.get(char)
                if numbers is None:
                    numbers = index[char] = array("I")
                numbers.append(number)

    def remove(self, key: str) -> None:
        """One enterprise fewer holds `key`."""
        number = self._number.get(key)
        if number is not None and self._holders[number] > 0:
            self._holders[number] -= 1

    def candidates(self, key: str) -> set[str]:
        """Held keys of length within LENGTH_SLACK of `key`'s whose first or last character is `key`'s first or
        last, containing one of `key`'s `probe_chars` (or, where cheaper, every key of its two end buckets), and
        that still may reach the ratio when each character of `key` they contain counts as often as `key` has it
        (an upper bound of the shared characters, from the arrays, which are in number order): a superset of the
        keys `could_be_similar` passes."""
        ends = {key[0], key[-1]}
        probes = probe_chars(key, lambda c: len(self._by_char.get(c, ())))
        by_probe = sum(len(self._by_char.get(c, ())) for c in probes)
        by_end = sum(len(self._by_end.get(c, ())) for c in ends)
        lists = [self._by_char[c] for c in probes if c in self._by_char] if by_probe <= by_end else None
        if lists is None:
            lists = [self._by_end[c] for c in ends if c in self._by_end]
        if not lists:
            return set()
        numbers = numpy.unique(numpy.concatenate([numpy.frombuffer(part, dtype=numpy.uint32) for part in lists]))
        length = numpy.frombuffer(self._length, dtype=numpy.uint32)[numbers].astype(numpy.int64)
        first = numpy.frombuffer(self._first, dtype=numpy.uint32)[numbers]
        last = numpy.frombuffer(self._last, dtype=numpy.uint32)[numbers]
        codes = numpy.array([ord(c) for c in ends], dtype=numpy.uint32)
        keep = (
            (numpy.frombuffer(self._holders, dtype=numpy.uint32)[numbers] > 0)
            & (numpy.abs(length - len(key)) <= LENGTH_SLACK)
            & (numpy.isin(first, codes) | numpy.isin(last, codes))
        )
        numbers, length = numbers[keep], length[keep]
        shared = numpy.zeros(len(numbers), dtype=numpy.int64)
        for char, count in Counter(key).items():
            holding = numpy.frombuffer(self._by_char[char], dtype=numpy.uint32) if char in self._by_char else None
            if holding is not None and len(holding):
                at = numpy.minimum(numpy.searchsorted(holding, numbers), len(holding) - 1)
                shared += count * (holding[at] == numbers)
        keep = 2.0 * shared / (len(key) + length) >= SIMILAR_NAME_RATIO
        keys = self._keys
        return {keys[n] for n in numbers[keep].tolist()}

    def to_bytes(self, tag: str) -> bytes:
        """The index as a file for `from_bytes` with the same `tag` (no whitespace): the held keys renumbered in
        their order (keys no enterprise holds are dropped, so the arrays stay in number order), as uint32 arrays —
        holders, lengths, first and last characters; per character and per end character its code, how many keys,
        and their numbers — then the keys' UTF-8 text, after a header line with the sizes and the CRC-32."""
        held = numpy.frombuffer(self._holders, dtype=numpy.uint32) > 0
        renumber = (numpy.cumsum(held) - 1).astype(numpy.uint32)
        per_key = [numpy.frombuffer(a, dtype=numpy.uint32)[held] for a in (self._holders, self._length)]
        per_key += [numpy.frombuffer(a, dtype=numpy.uint32)[held] for a in (self._first, self._last)]
        sections: list[bytes] = [part.tobytes() for part in per_key]
        sizes: list[int] = [int(held.sum())]
        for index in (self._by_char, self._by_end):
            codes, counts, numbers = [], [], []
            for char, entries in index.items():
                kept = numpy.frombuffer(entries, dtype=numpy.uint32)
                kept = renumber[kept[held[kept]]]
                if len(kept):
                    codes.append(ord(char))
                    counts.append(len(kept))
                    numbers.append(kept)
            joined = numpy.concatenate(numbers) if numbers else numpy.zeros(0, dtype=numpy.uint32)
            sections += [numpy.array(part, dtype=numpy.uint32).tobytes() for part in (codes, counts)]
            sections.append(joined.tobytes())
            sizes += [len(codes), len(joined)]
        text = "".join(key for key, keep in zip(self._keys, held.tolist(), strict=True) if keep).encode("utf-8")
        sections.append(text)
        payload = b"".join(sections)
        fields = " ".join(str(size) for size in [*sizes, len(text)])
        return b"chainkg-name-keys 1 %s %s %08x\n" % (tag.encode(), fields.encode(), zlib.crc32(payload)) + payload

    @classmethod
    def from_bytes(cls, data: bytes, tag: str) -> NameKeyIndex | None:
        """The index `to_bytes` saved with `tag`; None when the data was saved for another tag, is cut short or
        damaged (sizes, CRC-32, text, numbers out of range) — the caller then builds the index afresh."""
        found = _HEADER.match(data[:_HEADER_MAX])
        if found is None or found.group(1).decode() != tag:
            return None
        count, chars, char_entries, ends, end_entries, text_bytes = (int(found.group(i)) for i in range(2, 8))
        words = 4 * count + 2 * chars + char_entries + 2 * ends + end_entries
        payload = memoryview(data)[found.end() :]
        if len(payload) != 4 * words + text_bytes or zlib.crc32(payload) != int(found.group(8), 16):
            return None
        numbers = numpy.frombuffer(payload, dtype=numpy.uint32, count=words)
        try:
            text = bytes(payload[4 * words :]).decode("utf-8")
        except UnicodeDecodeError:
            return None
        holders, length, first, last = (numbers[i * count : (i + 1) * count] for i in range(4))
        at = 4 * count
        tables = []
        for size, entries in ((chars, char_entries), (ends, end_entries)):
            codes, counts = numbers[at : at + size], numbers[at + size : at + 2 * size]
            listed = numbers[at + 2 * size : at + 2 * size + entries]
            at += 2 * size + entries
            if int(counts.sum()) != entries or (len(listed) and int(listed.max()) >= count):
                return None
            if size and int(codes.max()) > sys.maxunicode:
                return None
            tables.append((codes, counts, listed))
        if int(length.sum()) != len(text) or (count and int(length.min()) == 0):
            return None
        index = cls()
        bounds = list(accumulate(length.tolist(), initial=0))
        index._keys = [text[start:end] for start, end in pairwise(bounds)]
        index._number = dict(zip(index._keys, range(count), strict=True))
        if len(index._number) != count:
            return None
        for target, source in zip(
            (index._holders, index._length, index._first, index._last), (holders, length, first, last), strict=True
        ):
            target.frombytes(source.tobytes())
        for table, (codes, counts, listed) in zip((index._by_char, index._by_end), tables, strict=True):
            offsets = list(accumulate(counts.tolist(), initial=0))
            for code, (start, end) in zip(codes.tolist(), pairwise(offsets), strict=True):
                table[chr(code)] = array("I", listed[start:end].tobytes())
        return index

    def memory_bytes(self) -> int:
        """Bytes the index holds: its arrays, dictionaries, list and key strings (the store keeps properties
        packed, so these strings are the index's own); an estimate from `sys.getsizeof`, for the benchmark."""
        arrays = [self._holders, self._length, self._first, self._last, *self._by_char.values(), *self._by_end.values()]
        return (
            sum(sys.getsizeof(a) for a in arrays)
            + sys.getsizeof(self._number)
            + sys.getsizeof(self._keys)
            + sys.getsizeof(self._by_char)
            + sys.getsizeof(self._by_end)
            + sum(sys.getsizeof(k) for k in self._keys)
        )
