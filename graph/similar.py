"""The rule of the import's 名称相近 check, shared by the importer and by the stores' name-key indexes.

Two name keys (names without place and company form) are similar when difflib's ratio reaches SIMILAR_NAME_RATIO;
only keys of at least MIN_KEY_LENGTH characters are checked, and only against keys whose first or last character is
the key's first or last character and whose length differs by at most LENGTH_SLACK. `could_be_similar` is that
rule with difflib's ratio replaced by an upper bound that never rules out a similar pair; `probe_chars` says which
characters of a key every key passing `could_be_similar` contains at least one of, so a store can answer from a
character index instead of reading every key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from difflib import SequenceMatcher
from itertools import combinations

SIMILAR_NAME_RATIO = 0.8
MIN_KEY_LENGTH = 3
LENGTH_SLACK = 2


def is_similar(key: str, other: str) -> bool:
    """difflib's verdict, the one the import reports (`could_be_similar` must hold first)."""
    return SequenceMatcher(None, key, other).ratio() >= SIMILAR_NAME_RATIO


def shared_chars(key: str, other: str) -> int:
    """How many characters the two keys share, counted with repeats."""
    return sum(min(count, other.count(char)) for char, count in Counter(key).items())


def could_be_similar(key: str, other: str) -> bool:
    """Whether `other` may be similar to `key`: the first-or-last-character rule, the length window, and a bound on
    difflib's ratio. The ratio is 2·M/T with M the characters of its matching blocks, never more than the characters
    the two share, so the bound (computed as difflib computes the ratio) rules a pair out exactly."""
    if len(key) < MIN_KEY_LENGTH or abs(len(other) - len(key)) > LENGTH_SLACK or not other:
        return False
    if not {other[0], other[-1]} & {key[0], key[-1]}:
        return False
    return ratio_may_reach(key, other)


def ratio_may_reach(key: str, other: str) -> bool:
    """Whether difflib's ratio of the two can reach SIMILAR_NAME_RATIO, by the shared-character bound."""
    return 2.0 * shared_chars(key, other) / (len(key) + len(other)) >= SIMILAR_NAME_RATIO


def least_shared(length: int) -> int:
    """The fewest characters a key of `length` shares with any key that passes `could_be_similar` against it (the
    shortest allowed other key needs the fewest)."""
    shortest = max(length - LENGTH_SLACK, 1)
    shared = 0
    while 2.0 * shared / (length + shortest) < SIMILAR_NAME_RATIO:
        shared += 1
    return shared


def probe_chars(key: str, cost: Callable[[str], float], at_least: int = 1) -> list[str]:
    """Characters of `key`, cheapest first by `cost`, covering len(key) − least_shared + `at_least` of its positions:
    a key sharing at least least_shared characters with `key` (every key `could_be_similar` passes) shares at least
    `at_least` of them, counted with repeats — with `at_least` 1, contains one of them (prefix filtering). Empty for
    keys too short to be checked, or when `key` has too few characters for `at_least`."""
    needed = len(key) - least_shared(len(key)) + at_least
    if len(key) < MIN_KEY_LENGTH or needed > len(key):
        return []
    counts = Counter(key)
    chosen: list[str] = []
    for char in sorted(counts, key=lambda c: (cost(c), c)):
        if needed <= 0:
            break
        chosen.append(char)
        needed -= counts[char]
    return chosen


def probe_groups(key: str, probes: list[str], at_least: int, most: int) -> list[tuple[str, ...]] | None:
    """Sets of `probes` (`probe_chars(key, …, at_least)`) such that a key sharing at least `at_least` of them with
    `key`, counted with repeats, contains every character of one set: the smallest sets whose characters occur
    `at_least` times in `key` together (a character repeated in `key` may count twice, as it may be shared twice).
    None when they would hold more than `most` characters in all (a search engine's limit on clauses)."""
    counts = Counter(key)
    groups: list[tuple[str, ...]] = []
    held = 0
    for size in range(1, min(at_least, len(probes)) + 1):
        for group in combinations(probes, size):
            total = sum(counts[c] for c in group)
            if total >= at_least and total - min(counts[c] for c in group) < at_least:
                groups.append(group)
                held += size
                if held > most:
                    return None
    return groups
