"""Where jieba cuts a run of Chinese characters, letters and digits into words, computed as jieba's own
`Tokenizer.tokenize` does, in code that mypyc compiles (`loaders.compiled`, run by scripts/setup).

The matcher asks jieba only for the word ends inside one run (`jieba.re_han_default`: a block jieba segments on its
own). jieba does it in three steps, all repeated here step by step with jieba's own dictionary, model and
patterns, so the cuts are the same to the last tie: a DAG of the dictionary words starting at each character
(`get_DAG`), the route of highest summed log frequency through it from the end (`calc`: on equal sums the longer
word), and the hidden Markov model (`finalseg`: Viterbi over B/M/E/S) for each stretch of single characters that is
no dictionary word (`__cut_DAG`). Only the loop around dictionary and model look-ups is new; its answers are
compared with jieba's on every run of the labelled, real and synthetic scopes (tests/test_segmenting.py).
"""

from __future__ import annotations

import re
import sys
from math import log

import jieba
import jieba.finalseg

if __name__ == "loaders.segmenting":
    from loaders.compiled import compiled_segmenting

    _built = compiled_segmenting()
    if _built is not None:
        # this very file compiled by mypyc (scripts/setup), built from it as it now is: importers get that module
        sys.modules[__name__] = _built

MIN_FLOAT = -3.14e100
"""finalseg's probability of what its tables do not list."""
STATES = "BMES"
PREVIOUS = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}
"""finalseg's states (begin, middle, end of a word, single) and the states each may follow, in its order."""


class Segmenter:
    """jieba's cuts of one run, from a tokenizer's dictionary (`FREQ`, `total`) as it stands when this is built:
    `word_ends(run)` equals the set of `end` of `tokenizer.tokenize(run)` for a run `re_han_default` matches whole."""

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        tokenizer.check_initialized()
        self._freq: dict[str, int] = tokenizer.FREQ
        self._log_total: float = log(tokenizer.total)
        self._start: dict[str, float] = jieba.finalseg.start_P
        self._trans: dict[str, dict[str, float]] = jieba.finalseg.trans_P
        self._emit: dict[str, dict[str, float]] = jieba.finalseg.emit_P
        self._han: re.Pattern[str] = jieba.finalseg.re_han
        self._skip: re.Pattern[str] = jieba.finalseg.re_skip
        self._forced: set[str] = jieba.finalseg.Force_Split_Words
        """finalseg's set of words to split (`add_force_split`), the set itself: added to, never replaced."""

    def word_ends(self, run: str) -> list[int]:
        """The end of every word jieba cuts `run` into (`__cut_DAG` with the HMM), in order, the last being len(run)."""
        freq = self._freq
        n = len(run)
        route_x = [0] * (n + 1)
        route_p = [0.0] * (n + 1)
        log_total = self._log_total
        for k in range(n - 1, -1, -1):
            # get_DAG's words from k, then calc's best of them: the greatest (log probability, end), in that order
            best_p = 0.0
            best_x = -1
            i = k
            found = freq.get(run[k])
            while found is not None:
                if found:
                    p = log(found) - log_total + route_p[i + 1]
                    if best_x < 0 or p >= best_p:
                        best_p, best_x = p, i
                i += 1
                if i == n:
                    break
                found = freq.get(run[k : i + 1])
            if best_x < 0:
                best_p, best_x = log(freq.get(run[k]) or 1) - log_total + route_p[k + 1], k
            route_p[k] = best_p
            route_x[k] = best_x
        ends: list[int] = []
        x = 0
        buf_start = 0
        while x < n:
            y = route_x[x] + 1
            if y - x > 1:
                if x > buf_start:
                    self._stretch(run[buf_start:x], ends)
                _add(ends, y - x)
                buf_start = y
            x = y
        if n > buf_start:
            self._stretch(run[buf_start:n], ends)
        return ends

    def _stretch(self, buf: str, ends: list[int]) -> None:
        """`__cut_DAG`'s buffer of single-character words: one word, each character a word where the whole stretch
        is a dictionary word, else finalseg's cut (Chinese blocks by the model, other blocks at letters and digits)."""
        if len(buf) == 1:
            _add(ends, 1)
        elif self._freq.get(buf):
            for _ in buf:
                _add(ends, 1)
        else:
            for block in self._han.split(buf):
                if self._han.match(block):
                    self._hmm(block, ends)
                else:
                    for piece in self._skip.split(block):
                        if piece:
                            _add(ends, len(piece))

    def _hmm(self, block: str, ends: list[int]) -> None:
        """finalseg's `__cut` of a block of Chinese characters: its Viterbi path, each tie broken as Python's max
        breaks it (by state letter), and a word the model is told to split (`add_force_split`) cut into characters."""
        emit, trans = self._emit, self._trans
        probs: dict[str, float] = {}
        paths: dict[str, list[str]] = {}
        first = block[0]
        for y in STATES:
            probs[y] = self._start[y] + emit[y].get(first, MIN_FLOAT)
            paths[y] = [y]
        for t in range(1, len(block)):
            char = block[t]
            now: dict[str, float] = {}
            new_paths: dict[str, list[str]] = {}
            for y in STATES:
                em_p = emit[y].get(char, MIN_FLOAT)
                best_p = 0.0
                best_y = ""
                for y0 in PREVIOUS[y]:
                    p = probs[y0] + trans[y0].get(y, MIN_FLOAT) + em_p
                    if not best_y or p > best_p or (p == best_p and y0 > best_y):
                        best_p, best_y = p, y0
                now[y] = best_p
                new_paths[y] = paths[best_y] + [y]
            probs, paths = now, new_paths
        path = paths["S" if (probs["S"], "S") > (probs["E"], "E") else "E"]
        forced = self._forced
        begin = 0
        done = 0
        for i in range(len(block)):
            state = path[i]
            if state == "B":
                begin = i
            elif state == "E":
                _word(block[begin : i + 1], forced, ends)
                done = i + 1
            elif state == "S":
                _word(block[i], forced, ends)
                done = i + 1
        if done < len(block):
            _word(block[done:], forced, ends)


def _add(ends: list[int], width: int) -> None:
    """The next word's end, as `tokenize` counts it: the words' widths summed from the run's start."""
    ends.append((ends[-1] if ends else 0) + width)


def _word(word: str, forced: set[str], ends: list[int]) -> None:
    """One word of finalseg's cut, or its characters where the model is told to split it."""
    if word in forced:
        for _ in word:
            _add(ends, 1)
    else:
        _add(ends, len(word))
