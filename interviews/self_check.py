"""The self-check: an answer set against a question's key points (with the site's one
matcher, config/sitewide/matching.py), which suggests a rating when the evidence is clear."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from config.sitewide.matching import content_words, find_phrases, is_common, word_count, words_of

from .models import Rating
from .scheduling import Attempt
from .search import alias_pairs
from .timer import seconds_between, suggested_seconds

# An answer with at least this many words of its own (not the prompt's) is a real attempt:
# word matching alone never calls it "could not answer".
SUBSTANTIVE_WORDS = 12


class Evidence(NamedTuple):
    """How clearly an answer shows a key point, and the answer's own words that show it."""

    clear: bool
    said: tuple[str, ...]

    @property
    def weak(self) -> bool:
        return bool(self.said) and not self.clear


def with_aliases(terms: Sequence[str], aliases: Iterable[tuple[str, str]]) -> list[str]:
    """The terms and, for each that is a search alias's wording, the alias's other wording."""
    stems = {tuple(words_of(term)): term for term in terms}
    more = [
        other
        for term, means in aliases
        for one, other in ((term, means), (means, term))
        if tuple(words_of(one)) in stems and other not in terms
    ]
    return [*terms, *dict.fromkeys(more)]


def _says_enough(phrase: str, said: str) -> bool:
    """Whether one evidence phrase, found as ``said`` in the answer, shows its point alone:
    two words that say something ("same scale"), three words of any kind ("how far off"),
    or a rare word, rare in the answer too ("silhouette"; not the "random" that matched
    "randomize")."""
    words = content_words(phrase)
    if len(words) >= 2 or word_count(phrase) >= 3:
        return True
    return bool(words) and not (is_common(words[0]) or is_common(said))


def point_evidence(answer: str, *, point: str, terms: Sequence[str], prompt: str = "") -> Evidence:
    """How clearly the answer shows one key point.

    With staff's evidence terms: clear when it says a phrase of two words or more ("same
    scale"), a rare word ("silhouette", "leakage") or two different everyday words
    ("average", "middle"); one everyday word alone is weak. Without terms, the point's own
    words: clear when half of them (two at least) are said. Words the prompt already gives
    away show nothing ("missing values" in an answer to "How do you handle missing values?").
    """
    given = set(words_of(prompt))

    def telling(phrase: str) -> bool:
        # Filler words count too when the phrase is little more than them ("all of the left").
        content = content_words(phrase)
        said = " ".join(content) if len(content) >= 2 else phrase
        return any(stem not in given for stem in words_of(said))

    if terms:
        found = {
            phrase: said for phrase, said in find_phrases(answer, terms).items() if telling(phrase)
        }
        strong = any(_says_enough(phrase, spans[0]) for phrase, spans in found.items())
        everyday = {" ".join(words_of(spans[0])) for spans in found.values()}
        clear = strong or len(everyday) >= 2
    else:
        wanted = [word for word in dict.fromkeys(content_words(point)) if telling(word)]
        found = find_phrases(answer, wanted)
        clear = len(found) >= max(2, (len(wanted) + 1) // 2)
    said = tuple(dict.fromkeys(span for spans in found.values() for span in spans))
    return Evidence(clear=clear, said=said)


def is_substantive(answer: str, *, prompt: str = "") -> bool:
    """Whether the answer says enough of its own to be a real attempt (not blank, not the
    prompt copied back)."""
    given = set(words_of(prompt))
    own = [word for word in content_words(answer) if not set(words_of(word)) <= given]
    return len(own) >= SUBSTANTIVE_WORDS


def likely_covered(
    answer: str,
    key_points: Sequence[str],
    *,
    evidence: Sequence[Sequence[str]] = (),
    prompt: str = "",
    aliases: Iterable[tuple[str, str]] = (),
) -> list[int]:
    """Which key points (by position) the typed answer clearly covers: a first guess the
    user corrects, not a grade. Points shown only weakly are left for the user to tick."""
    return [
        index
        for index, found in enumerate(
            answer_evidence(answer, key_points, evidence=evidence, prompt=prompt, aliases=aliases)
        )
        if found.clear
    ]


def answer_evidence(
    answer: str,
    key_points: Sequence[str],
    *,
    evidence: Sequence[Sequence[str]] = (),
    prompt: str = "",
    aliases: Iterable[tuple[str, str]] = (),
) -> list[Evidence]:
    """``point_evidence`` for each key point, with the shared search aliases."""
    aliases = tuple(aliases)
    terms = [*evidence, *[() for _ in range(len(key_points) - len(evidence))]]
    return [
        point_evidence(answer, point=point, terms=with_aliases(point_terms, aliases), prompt=prompt)
        for point, point_terms in zip(key_points, terms, strict=False)
    ]


def suggest_rating(
    *, covered: int, total: int, seconds: int | None = None, limit: int | None = None
) -> Rating:
    """A rating from how many key points the answer covered (and whether it ran over time).

    Everything covered is Easy, two thirds Good, a third Hard, less Again; an answer that
    took more than the suggested time is at best Good, as in an interview it ran long.
    """
    if total <= 0:
        return Rating.GOOD
    share = covered / total
    if share >= 1:
        rating = Rating.EASY
    elif share >= 2 / 3:
        rating = Rating.GOOD
    elif share >= 1 / 3:
        rating = Rating.HARD
    else:
        rating = Rating.AGAIN
    if seconds is not None and limit is not None and seconds > limit:
        rating = min(rating, Rating.GOOD)
    return Rating(rating)


@dataclass(frozen=True)
class KeyPointCheck:
    index: int
    text: str
    ticked: bool
    # The answer's own words that showed this point, so the user sees why it was ticked.
    said: tuple[str, ...] = ()
    # Some sign of the point, not enough to tick it: the user is asked to decide.
    unsure: bool = False


@dataclass(frozen=True)
class AnswerCheck:
    """The key points as a checklist, ticked as covered, and the rating that suggests (None
    while our guess is unsure: the user ticks, then the suggestion follows their ticks)."""

    points: list[KeyPointCheck]
    suggested: Rating | None
    seconds: int | None = None  # how long the answer took, when timed
    limit: int | None = None  # the suggested time, when timed

    @property
    def covered(self) -> int:
        return sum(point.ticked for point in self.points)

    @property
    def covered_texts(self) -> list[str]:
        return [point.text for point in self.points if point.ticked]

    @property
    def unsure(self) -> bool:
        return self.suggested is None

    def attempt(self) -> Attempt:
        """What the rating this check leads to keeps of it, with its review."""
        return Attempt(
            covered_points=self.covered_texts,
            key_point_total=len(self.points),
            suggested_rating=self.suggested,
            seconds_taken=self.seconds,
        )


def check_answer(
    *,
    key_points: Sequence[str],
    answer: str,
    ticked: Sequence[int] | None = None,
    seconds: int | None = None,
    limit: int | None = None,
    evidence: Sequence[Sequence[str]] = (),
    prompt: str = "",
    aliases: Iterable[tuple[str, str]] = (),
) -> AnswerCheck:
    """The checklist for an answer: the user's ticks, or until they tick, our first guess.

    The guess ticks only points the answer clearly shows. It suggests a rating only when it
    is sure: no point half-shown, something typed, and never "Again" for a real attempt,
    which word matching alone cannot fail.
    """
    found = answer_evidence(answer, key_points, evidence=evidence, prompt=prompt, aliases=aliases)
    guessing = ticked is None
    chosen = {i for i, point in enumerate(found) if point.clear} if ticked is None else set(ticked)
    points = [
        KeyPointCheck(
            index=index,
            text=text,
            ticked=index in chosen,
            said=point.said if point.clear or point.weak else (),
            unsure=guessing and point.weak,
        )
        for index, (text, point) in enumerate(zip(key_points, found, strict=True))
    ]
    suggested: Rating | None = suggest_rating(
        covered=len(chosen & set(range(len(points)))),
        total=len(points),
        seconds=seconds,
        limit=limit,
    )
    if guessing and (
        not answer.strip()
        or any(point.unsure for point in points)
        or (suggested == Rating.AGAIN and is_substantive(answer, prompt=prompt))
    ):
        suggested = None
    return AnswerCheck(points=points, suggested=suggested, seconds=seconds, limit=limit)


def question_check(
    question,
    *,
    answer: str,
    ticked: Sequence[int] | None,
    seconds: int | None = None,
    limit: int | None = None,
) -> AnswerCheck:
    """``check_answer`` for a question: its key points and their evidence, its prompt (which
    gives nothing away) and the shared search aliases."""
    evidence = question.key_point_evidence_list
    # The aliases only widen evidence terms, and only a guess reads them.
    guessing_with_terms = ticked is None and any(evidence)
    return check_answer(
        key_points=question.key_point_list,
        answer=answer,
        ticked=ticked,
        seconds=seconds,
        limit=limit,
        evidence=evidence,
        prompt=question.prompt,
        aliases=alias_pairs() if guessing_with_terms else (),
    )


def timed_check(
    question,
    *,
    answer: str,
    ticked: Sequence[int] | None,
    started_at: datetime | None,
    now: datetime,
) -> AnswerCheck:
    """``question_check`` with the timer: ``started_at`` is when the timer started (None
    when it is off); the time taken is worked out here, on the server, never sent by the
    page."""
    timed = started_at is not None
    return question_check(
        question,
        answer=answer,
        ticked=ticked,
        seconds=seconds_between(started_at, now) if started_at is not None else None,
        limit=suggested_seconds(question.category) if timed else None,
    )
