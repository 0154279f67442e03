"""One way, for the whole site, of telling whether a text says a word or phrase: real
stemming (Snowball English, through PyStemmer), tolerance of typing slips in rare words
(rapidfuzz; a real word is never taken for a slip, by wordfreq's frequencies), a phrase's
words found close together within one sentence, and "k-NN", "kNN" and "k nn" alike.

``words_of`` gives a text's words; ``find_phrases`` says which of some phrases (skill names,
aliases, key-point evidence) a text contains and with which of its own words, so a page can
show a person why. ``is_common`` tells an everyday word ("check") from a telling one
("silhouette"), and ``content_words`` a phrase's words that say something.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

# A word, with its joining marks: "k-NN", "A/B", "retrieval-augmented", "fp32", "C++".
_TOKEN = re.compile(r"[a-z0-9]+(?:[-/+.'][a-z0-9]+)*\+*")
_JOINS = re.compile(r"[-/+.']+")
# British and American spellings meet before stemming: "normalise" is "normalize",
# "analyse" is "analyze", "neighbour" is "neighbor" and "centre" is "center".
_ISE = re.compile(r"(?<=[a-z]{3})([iy])s(e|ed|es|ing|ation|ations)$")
_OUR = re.compile(r"(?<=[a-z]{3})our(s|ed|ing|hood|hoods|able)?$")
_RE = re.compile(r"(?<=[a-z]{2})([tb])re(s|d)?$")

# Words that say nothing on their own; a phrase made only of them is matched word for word.
STOP_WORDS = frozenset(
    re.findall(
        r"\w+",
        """a about above after again also am an and are as at be because been before being
        below between but by can could did do does doing down during for from further had
        has have having he her here hers him his how i if in into is it its itself just me
        my now of off on once or our out over she should so than that the their them then
        there these they this those through to too under until up was we were what when
        where which while who whom why will with would you your""",
    )
)
# Kept as words: "no", "not", "only", "same", "each", "all", "more" change what a phrase says.

_STOP_STEMS = frozenset(STOP_WORDS)
# How far apart, in words, the words of one phrase may be found (beyond the phrase's length).
SLACK = 3
# A word at least this frequent (Zipf scale) is a real word, never taken for a typing slip.
TYPO_FLOOR = 3.0
# Where a sentence ends: its words are not taken together with the next sentence's.
_SENTENCE_END = re.compile(r"[.!?;:](?=\s|$)|\n\s*\n")


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """One lower-case word's stem: "neighbours" → "neighbour", "normalised" → "normaliz"."""
    word = _RE.sub(r"\1er\2", _OUR.sub(r"or\1", _ISE.sub(r"\1z\2", word)))
    return _stemmer().stemWord(word)


def _tokens(text: str) -> list[re.Match]:
    return list(_TOKEN.finditer(text.lower()))


def word_count(text: str) -> int:
    """How many words the text has, as the matcher reads them: "k-NN" and "A/B" are one."""
    return len(_tokens(text))


def _parts(token: str) -> list[str]:
    return [part for part in _JOINS.split(token) if part]


def words_of(text: str) -> list[str]:
    """The text's words, lower-cased and stemmed; "k-NN", "A/B" and "retrieval-augmented"
    stay one word and are followed by their parts ("k-nn", "k", "nn")."""
    words: list[str] = []
    for match in _tokens(text):
        parts = _parts(match.group())
        if len(parts) > 1:
            words.append("-".join(stem(part) for part in parts))
        words += [stem(part) for part in parts]
    return words


@dataclass(frozen=True)
class _Place:
    """One word of a text: the forms it can be matched by, where it is in the text, the
    sentence it belongs to, and whether it may be a slip for another word."""

    forms: frozenset[str]
    start: int
    end: int
    sentence: int
    maybe_typo: bool


def _places(text: str) -> list[_Place]:
    places: list[_Place] = []
    lowered = text.lower()
    ends = [match.end() for match in _SENTENCE_END.finditer(lowered)]
    for match in _tokens(text):
        parts = _parts(match.group())
        offset = match.start()
        sentence = bisect_right(ends, match.start())
        for n, part in enumerate(parts):
            start = lowered.index(part, offset)
            offset = start + len(part)
            typo = not is_common(part, floor=TYPO_FLOOR)
            if n == 0 and len(parts) > 1:
                # "k-NN" is also "knn" and "A/B" is "ab": the whole word, when found so.
                forms = frozenset({stem(part), "".join(parts)})
                places.append(_Place(forms, start, match.end(), sentence, typo))
            else:
                places.append(_Place(frozenset({stem(part)}), start, offset, sentence, typo))
    return places


def content_words(phrase: str) -> list[str]:
    """A phrase's words that say something (lower-case, not stemmed): filler words dropped,
    joined words ("k-NN") kept whole."""
    return [
        token
        for token in (match.group() for match in _tokens(phrase))
        if len(_parts(token)) > 1 or token not in STOP_WORDS
    ]


def is_common(word: str, *, floor: float = 4.0) -> bool:
    """Whether a word is frequent in everyday English (at least ``floor`` on the Zipf scale,
    ten times in a million words for 4.0), so that it says little on its own: "check" is,
    "silhouette" is not."""
    # Imported on first use: wordfreq and its text tools take 0.18 s to import, paid by every
    # process Django starts (servers, commands, test workers) though only answer checks need it.
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= floor


# A group of words that must stand together, in order (the parts of "k-NN").
Group = tuple[str, ...]


@lru_cache(maxsize=4096)
def _variants(phrase: str) -> tuple[tuple[Group, ...], ...]:
    """The ways a phrase may be written: its joined words split ("k", "nn", side by side)
    or run together ("knn"); filler words dropped when two words or more are left, so
    "mean of the points" is "mean … points" but "no match" stays as it is."""
    split: list[Group] = []
    joined: list[Group] = []
    for token in (match.group() for match in _tokens(phrase)):
        parts = _parts(token)
        split.append(tuple(stem(part) for part in parts))
        joined.append((stem(token),) if len(parts) == 1 else ("".join(parts),))
    variants = []
    for groups in (split, joined):
        content = [group for group in groups if len(group) > 1 or group[0] not in _STOP_STEMS]
        chosen = tuple(content if len(content) >= 2 else groups)
        if chosen and chosen not in variants:
            variants.append(chosen)
    return tuple(variants)


def _typo_limit(word: str) -> int:
    """How many typing slips a word may carry and still count: none in short words, where
    one slip makes another word ("rag" and "bag")."""
    if len(word) >= 9:
        return 2
    if len(word) >= 5 and not any(ch.isdigit() for ch in word):
        return 1
    return 0


class _Index:
    """A text's words, looked up by form, typos allowed."""

    def __init__(self, text: str) -> None:
        self.places = _places(text)
        self.at: dict[str, list[int]] = {}
        self.slips: dict[str, list[int]] = {}  # forms of words that may be typing slips
        for position, place in enumerate(self.places):
            for form in place.forms:
                self.at.setdefault(form, []).append(position)
                if place.maybe_typo:
                    self.slips.setdefault(form, []).append(position)
        self.slip_forms = list(self.slips)
        self._near: dict[str, list[int]] = {}

    def positions(self, word: str) -> list[int]:
        if word not in self._near:
            found = list(self.at.get(word, []))
            if _typo_limit(word):
                for form, distance, _ in extract(
                    word, self.slip_forms, scorer=OSA.distance, score_cutoff=2, limit=None
                ):
                    # A slip in a long, rare word; never another real word ("cause", "clause").
                    longer = max(form, word, key=len)
                    if form != word and form[0] == word[0] and distance <= _typo_limit(longer):
                        found += self.slips[form]
            self._near[word] = sorted(set(found))
        return self._near[word]

    def _group_spans(self, group: Group) -> list[tuple[int, int]]:
        starts = self.positions(group[0])
        return [
            (start, start + len(group) - 1)
            for start in starts
            if all(start + n in self.positions(word) for n, word in enumerate(group[1:], 1))
        ]

    def find(self, groups: tuple[Group, ...]) -> list[tuple[int, int]]:
        """The first and last positions of each place where all the groups are said close
        together, in one sentence, in any order."""
        found = [self._group_spans(group) for group in groups]
        if not all(found):
            return []
        window = sum(len(group) for group in groups) + SLACK
        spans: list[tuple[int, int]] = []
        for first in found[0]:
            sentence = self.places[first[0]].sentence
            chosen = [first]
            for candidates in found[1:]:
                near = [
                    span
                    for span in candidates
                    if abs(span[0] - first[0]) < window
                    and self.places[span[0]].sentence == sentence
                    and span not in chosen
                ]
                if not near:
                    break
                chosen.append(min(near, key=lambda span: abs(span[0] - first[0])))
            else:
                span = (min(s[0] for s in chosen), max(s[1] for s in chosen))
                overlaps = any(span[0] <= end and start <= span[1] for start, end in spans)
                if span[1] - span[0] < window and not overlaps:
                    spans.append(span)
        return spans


@lru_cache(maxsize=1024)
def _index_of(text: str) -> _Index:
    # Texts are searched again and again (the bank's questions on every search): an index
    # depends on nothing but its text, so it is kept by text.
    return _Index(text)


def find_phrases(text: str, phrases: Iterable[str]) -> dict[str, list[str]]:
    """For each phrase the text says (after stemming, typos allowed), the text's own words
    that said it, e.g. ``{"k-nearest neighbours": ["k nearest neighbors"]}``. Phrases the
    text does not say are left out."""
    index = _index_of(text)
    found: dict[str, list[str]] = {}
    for phrase in phrases:
        spans: dict[int, str] = {}  # by where they start, so they read in the text's order
        for variant in _variants(phrase):
            for first, last in index.find(variant):
                start = index.places[first].start
                spans.setdefault(start, text[start : index.places[last].end])
        if spans:
            found[phrase] = [spans[start] for start in sorted(spans)]
    return found
