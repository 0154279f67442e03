"""Searching the question bank by words, ranked, with staff-edited aliases both ways ("RAG"
also finds "retrieval-augmented generation", and that finds "RAG"), and suggestions when
nothing matches.

Matching is the site's one matcher (config/sitewide/matching.py: Snowball stems, typing
slips, "k-NN" and "kNN" alike), run in Python on every database, so SQLite and PostgreSQL
give the same results; the bank is a few hundred questions, read in one small query.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from config.sitewide.caching import cached_content
from config.sitewide.matching import content_words, find_phrases, words_of

from .models import Category, Question, SearchAlias

# Where a word is found says how much it tells: the prompt most, then the answer guide.
FIELD_WEIGHTS = {"prompt": 1.0, "key_points": 0.4, "follow_ups": 0.2}
# A question scoring less than this share of the best match is noise beside it.
MIN_SHARE_OF_BEST = 0.4
# A word said only in brackets is named in passing, as an example ("impute with ... model-
# based methods (KNN, iterative)"): it counts this much of its field's weight.
IN_BRACKETS = 0.5
_BRACKETS = re.compile(r"\([^()]*\)")


def alias_pairs(*, version: int | None = None) -> tuple[tuple[str, str], ...]:
    """Staff's aliases as (term, means), read once per content version (``version``: the
    one the request already read, which saves reading it again)."""
    return cached_content(
        "interviews:search-aliases",
        lambda: tuple(SearchAlias.objects.values_list("term", "means")),
        version=version,
    )


def concepts(text: str, aliases: Iterable[tuple[str, str]]) -> list[tuple[str, ...]]:
    """What a search asks for, each as the wordings that say it: the aliases it mentions
    (every wording of them; aliases said by the same words are one) and its other words.
    "transformer attention" is two concepts; "knn" is one, with "k-nearest neighbours"."""
    by_span: dict[str, tuple[str, ...]] = {}
    covered: set[str] = set()
    for term, means in aliases:
        spans = [span for spans in find_phrases(text, [term, means]).values() for span in spans]
        if spans:
            key = " ".join(sorted(spans)).lower()
            by_span[key] = tuple(dict.fromkeys((*by_span.get(key, ()), term, means)))
            covered.update(words_of(" ".join(spans)))
    others = [
        (word,) for word in dict.fromkeys(content_words(text)) if not set(words_of(word)) <= covered
    ]
    return [*by_span.values(), *others]


def expand(text: str, aliases: Iterable[tuple[str, str]] | None = None) -> list[str]:
    """The search text and, for every alias it mentions, the alias's other wording."""
    aliases = alias_pairs() if aliases is None else tuple(aliases)
    phrases = [text]
    for term, means in aliases:
        for one, other in ((term, means), (means, term)):
            if find_phrases(text, [one]) and other not in phrases:
                phrases.append(other)
    return phrases


def ranked_ids(text: str, *, questions=None, version: int | None = None) -> list[int]:
    """Ids of the questions that say any of the search's words (or an alias of them), best
    first: the more of them, and the more in the prompt, the better."""
    questions = Question.objects.published() if questions is None else questions
    wanted = concepts(text, alias_pairs(version=version))
    if not wanted:
        return []
    scores: dict[int, float] = {}
    for pk, *texts in questions.values_list("pk", *FIELD_WEIGHTS):
        score = sum(
            weight * _said(field_text, wordings)
            for wordings in wanted
            for field_text, weight in zip(texts, FIELD_WEIGHTS.values(), strict=True)
        )
        if score:
            scores[pk] = score
    if not scores:
        return []
    floor = max(scores.values()) * MIN_SHARE_OF_BEST
    return sorted((pk for pk in scores if scores[pk] >= floor), key=lambda pk: (-scores[pk], pk))


def _said(text: str, wordings: tuple[str, ...]) -> float:
    """1 when the text says one of the wordings, IN_BRACKETS when only in brackets, else 0."""
    if not find_phrases(text, wordings):
        return 0
    return 1 if find_phrases(_BRACKETS.sub(" ", text), wordings) else IN_BRACKETS


@dataclass(frozen=True)
class Suggestions:
    """What to try when a search finds nothing."""

    terms: list[str]
    categories: list[tuple[str, str]]  # (value, label)


def suggest(text: str, *, vocabulary: Iterable[str], version: int | None = None) -> Suggestions:
    """Words of the bank (and alias terms) spelled close to the search's words, and the
    categories whose names come close; every category when nothing does. A suggestion is
    never the search's own word again ("Did you mean kubernetes?")."""
    aliases = alias_pairs(version=version)
    known = {
        part.lower()
        for line in vocabulary
        for word in content_words(line)
        for part in {word, *re.split(r"[-/]", word)}
        if len(part) > 2
    }
    known.update(term.lower() for term, _ in aliases)
    said = set(words_of(text))
    terms: list[str] = []
    for word in content_words(text):
        for close in difflib.get_close_matches(word.lower(), sorted(known), n=3, cutoff=0.75):
            if not set(words_of(close)) <= said and close not in terms:
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
