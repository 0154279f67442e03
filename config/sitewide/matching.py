"""One way, for the whole site, of telling whether a text says a word or phrase: real
stemming (Snowball English, through PyStemmer) and tolerance of small typos (rapidfuzz).

``words_of`` gives a text's words; ``find_phrases`` says which of some phrases (skill names,
aliases, key-point evidence) a text contains and with which of its own words, so a page can
show a person why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

# A word, with its joining marks: "k-NN", "A/B", "retrieval-augmented", "fp32", "C++".
_TOKEN = re.compile(r"[a-z0-9]+(?:[-/+.'][a-z0-9]+)*\+*")
_JOINS = re.compile(r"[-/+.']+")
# British and American spellings meet before stemming: "normalise" is "normalize".
_ISE = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations)$")

# Words that say nothing on their own; a phrase made only of them is matched word for word.
STOP_WORDS = frozenset(
    re.findall(
        r"\w+",
        """a about above after again all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself
    just me more most my no nor not now of off on once only or other our out over own same
    she should so some such than that the their them then there these they this those
    through to too under until up very was we were what when where which while who whom why
    will with would you your""",
    )
)

# How far apart, in words, the words of one phrase may be found (beyond the phrase's length).
SLACK = 3


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """One lower-case word's stem: "neighbours" → "neighbour", "normalised" → "normaliz"."""
    return _stemmer().stemWord(_ISE.sub(r"iz\1", word))


def _tokens(text: str) -> list[re.Match]:
    return list(_TOKEN.finditer(text.lower()))


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
    """One word of a text: the forms it can be matched by, and where it is in the text."""

    forms: frozenset[str]
    start: int
    end: int


def _places(text: str) -> list[_Place]:
    places: list[_Place] = []
    lowered = text.lower()
    for match in _tokens(text):
        parts = _parts(match.group())
        offset = match.start()
        for n, part in enumerate(parts):
            start = lowered.index(part, offset)
            offset = start + len(part)
            if n == 0 and len(parts) > 1:
                # "k-NN" is also "knn" and "A/B" is "ab": the whole word, when found so.
                forms = frozenset({stem(part), "".join(parts)})
                places.append(_Place(forms, start, match.end()))
            else:
                places.append(_Place(frozenset({stem(part)}), start, offset))
    return places


def _variants(phrase: str) -> list[tuple[str, ...]]:
    """The ways a phrase may be written: its joined words split ("k", "nn") or run
    together ("knn"); filler words dropped unless nothing else is left."""
    split: list[tuple[str, bool]] = []  # (word, may be dropped as filler)
    joined: list[tuple[str, bool]] = []
    for token in (match.group() for match in _tokens(phrase)):
        parts = _parts(token)
        alone = len(parts) == 1
        split += [(stem(part), alone and part in STOP_WORDS) for part in parts]
        if alone:
            joined.append((stem(token), token in STOP_WORDS))
        else:
            joined.append(("".join(parts), False))
    variants = []
    for words in (split, joined):
        content = tuple(word for word, filler in words if not filler)
        chosen = content or tuple(word for word, _ in words)
        if chosen and chosen not in variants:
            variants.append(chosen)
    return variants


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
        for position, place in enumerate(self.places):
            for form in place.forms:
                self.at.setdefault(form, []).append(position)
        self.vocabulary = list(self.at)
        self._near: dict[str, list[int]] = {}

    def positions(self, word: str) -> list[int]:
        if word not in self._near:
            found = list(self.at.get(word, []))
            if _typo_limit(word):
                for form, distance, _ in extract(
                    word, self.vocabulary, scorer=OSA.distance, score_cutoff=2, limit=None
                ):
                    # A slip in a long word, not a different short word ("cache", "cash").
                    longer = max(form, word, key=len)
                    if form != word and form[0] == word[0] and distance <= _typo_limit(longer):
                        found += self.at[form]
            self._near[word] = sorted(set(found))
        return self._near[word]

    def find(self, words: tuple[str, ...]) -> list[tuple[int, int]]:
        """The first and last positions of each place where all the words are said close
        together (in any order)."""
        found = [self.positions(word) for word in words]
        if not all(found):
            return []
        window = len(words) + SLACK
        spans: list[tuple[int, int]] = []
        for first in found[0]:
            chosen = [first]
            for positions in found[1:]:
                near = [p for p in positions if abs(p - first) < window]
                if not near:
                    break
                chosen.append(min(near, key=lambda p: abs(p - first)))
            else:
                span = (min(chosen), max(chosen))
                overlaps = any(span[0] <= end and start <= span[1] for start, end in spans)
                if span[1] - span[0] < window and not overlaps:
                    spans.append(span)
        return spans


def find_phrases(text: str, phrases: Iterable[str]) -> dict[str, list[str]]:
    """For each phrase the text says (after stemming, typos allowed), the text's own words
    that said it, e.g. ``{"k-nearest neighbours": ["k nearest neighbors"]}``. Phrases the
    text does not say are left out."""
    index = _Index(text)
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
