"""Searching the question bank by words, ranked, with staff-edited aliases ("RAG" also finds
"retrieval-augmented generation") and suggestions when nothing matches.

PostgreSQL searches with its full-text search (an index on the same expression, see
migration 0003); other databases (SQLite) match whole words in Python, which for a bank of
a few hundred questions is one small query. Either way "RAG" never matches "average".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection

from config.sitewide.caching import cached_content

from .models import Category, Question, SearchAlias

# The weights of the fields: a word in the prompt says most about what a question asks.
SEARCH_VECTOR = (
    SearchVector("prompt", weight="A", config="english")
    + SearchVector("key_points", weight="B", config="english")
    + SearchVector("follow_ups", weight="C", config="english")
)
_FIELD_WEIGHTS = {"prompt": 1.0, "key_points": 0.4, "follow_ups": 0.2}

_TOKEN = re.compile(r"[a-z0-9]+(?:[-/+.][a-z0-9]+)*")


def _stem(word: str) -> str:
    # Plurals match their singular: "transformers" finds "transformer".
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def words_of(text: str) -> list[str]:
    """The words of a text, lower-cased and stemmed; "k-NN" and "A/B" stay one word."""
    return [_stem(token) for token in _TOKEN.findall(text.lower())]


def _word_set(text: str) -> set[str]:
    words = set()
    for word in words_of(text):
        words.add(word)
        # "retrieval-augmented" is also "retrieval" and "augmented".
        words.update(_stem(part) for part in re.split(r"[-/+.]", word) if part)
    return words


def _contains(words: set[str], phrase: Sequence[str]) -> bool:
    return bool(phrase) and all(
        word in words or all(part in words for part in re.split(r"[-/+.]", word) if part)
        for word in phrase
    )


def alias_pairs(*, version: int | None = None) -> tuple[tuple[str, str], ...]:
    """Staff's aliases as (term, means), read once per content version (``version``: the
    one the request already read, which saves reading it again)."""
    return cached_content(
        "interviews:search-aliases",
        lambda: tuple(SearchAlias.objects.values_list("term", "means")),
        version=version,
    )


def expand(text: str, aliases: Iterable[tuple[str, str]] | None = None) -> list[str]:
    """The search text and, for every alias it mentions, the alias's other wording."""
    if aliases is None:
        aliases = alias_pairs()
    said = _word_set(text)
    phrases = [text]
    for term, means in aliases:
        for one, other in ((term, means), (means, term)):
            if _contains(said, words_of(one)) and other not in phrases:
                phrases.append(other)
    return phrases


def ranked_ids(text: str, *, questions=None, version: int | None = None) -> list[int]:
    """Ids of the questions matching the text (or an alias of it), best match first."""
    questions = Question.objects.published() if questions is None else questions
    phrases = [phrase for phrase in expand(text, alias_pairs(version=version)) if words_of(phrase)]
    if not phrases:
        return []
    if connection.vendor == "postgresql":
        return _ranked_by_postgres(phrases, questions)
    return _ranked_by_words(phrases, questions)


def _ranked_by_postgres(phrases: list[str], questions) -> list[int]:
    query = reduce(
        or_,
        (
            SearchQuery(phrase, config="english", search_type="plain" if n == 0 else "phrase")
            for n, phrase in enumerate(phrases)
        ),
    )
    return list(
        questions.annotate(search=SEARCH_VECTOR, rank=SearchRank(SEARCH_VECTOR, query))
        .filter(search=query)
        .order_by("-rank", "pk")
        .values_list("pk", flat=True)
    )


def _ranked_by_words(phrases: list[str], questions) -> list[int]:
    """A question matches a phrase when its text holds every word of it; the score adds up
    where the matches are (the prompt counts most) and how many phrases matched."""
    wanted = [words_of(phrase) for phrase in phrases]
    scores: dict[int, float] = {}
    for pk, *texts in questions.values_list("pk", *_FIELD_WEIGHTS):
        fields = [_word_set(field_text) for field_text in texts]
        score = sum(
            weight
            for phrase in wanted
            for words, weight in zip(fields, _FIELD_WEIGHTS.values(), strict=True)
            if _contains(words, phrase)
        )
        if score:
            scores[pk] = score
    return sorted(scores, key=lambda pk: (-scores[pk], pk))


@dataclass(frozen=True)
class Suggestions:
    """What to try when a search finds nothing."""

    terms: list[str]
    categories: list[tuple[str, str]]  # (value, label)


def suggest(text: str, *, vocabulary: Iterable[str], version: int | None = None) -> Suggestions:
    """Words of the bank (and alias terms) spelled close to the search's words, and the
    categories whose names come close; every category when nothing does."""
    aliases = alias_pairs(version=version)
    known = {word for line in vocabulary for word in _word_set(line) if len(word) > 2}
    known.update(term.lower() for term, _ in aliases)
    terms: list[str] = []
    for word in words_of(text):
        for close in difflib.get_close_matches(word, sorted(known), n=3, cutoff=0.75):
            if close != word and close not in terms:
                terms.append(close)
    categories = [
        (value, label)
        for value, label in Category.choices
        if any(
            difflib.get_close_matches(word, words_of(label) + [value], n=1, cutoff=0.75)
            for word in words_of(text)
        )
    ]
    return Suggestions(terms=terms[:5], categories=categories or list(Category.choices))
