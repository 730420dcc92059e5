"""The embedded store's index of enterprise name keys by character, for the import's 名称相近 check.

Each distinct name key gets a number once; per character, an array of the numbers of the keys containing it, and per
character, the keys starting or ending with it. Built by the store's first similar-name lookup (one pass over the
enterprises; building it while the file is read cost every process that opens the store, the app included), then
kept up to date on every write (a key is counted in and out as enterprises take it or lose it), so no lookup ever
reads every key. A key no enterprise holds any more keeps its number and its array entries
(its count is 0, lookups skip it): a rename costs no array rewrite, and the entries are dropped when the store is
next read from disk.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter

import numpy

from graph.similar import LENGTH_SLACK, SIMILAR_NAME_RATIO, probe_chars


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
