"""Practice sessions: which questions to ask, in what order, and where the user has got to;
and checking an answer against the key points (with the site's one matcher,
config/sitewide/matching.py), which suggests a rating when the evidence is clear."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from careers.models import Profile
from careers.selectors import RoleRef, role_by
from config.sitewide.matching import content_words, find_phrases, is_common, word_count, words_of

from .bank import practised_catalogue
from .models import Rating
from .progress import due_today_ids
from .rounds import categories_first
from .search import alias_pairs
from .shapes import shape_for
from .status import Status, cards_for, status_of
from .timer import parse_started_at, seconds_between, suggested_seconds

STAR_TEMPLATE = "Situation:\n\nTask:\n\nAction:\n\nResult:\n"
DEFAULT_SESSION_SIZE = 10
MAX_SESSION_SIZE = 50
# At most this many questions of one category in a row, when another category is on offer.
MAX_IN_A_ROW = 2

# Other apps may know a target role the profile does not (e.g. the latest assessment's
# recommended path); they register a function user -> RoleRef | None here.
TargetRoleProvider = Callable[[Any], "RoleRef | None"]
target_role_providers: list[TargetRoleProvider] = []


def register_target_role_provider(provider: TargetRoleProvider) -> None:
    if provider not in target_role_providers:
        target_role_providers.append(provider)


def target_role_for(*, user) -> RoleRef | None:
    """The role the user prepares for: the profile's choice first, then any provider's."""
    role_id = Profile.objects.filter(user=user).values_list("target_role_id", flat=True).first()
    return target_role_from(user=user, chosen_id=role_id)


def target_role_from(*, user, chosen_id: int | None) -> RoleRef | None:
    """``target_role_for`` when the profile's choice (``chosen_id``) was read already."""
    role = role_by(pk=chosen_id) if chosen_id is not None else None
    if role is not None:
        return role
    for provider in target_role_providers:
        role = provider(user)
        if role is not None:
            return role
    return None


def count_due(*, user, now: datetime) -> int:
    """How many of the questions the user practises are due: what "Practise now" serves."""
    return len(due_today_ids(user=user, now=now))


def due_session_size(due: int) -> int:
    """The size of the session "Practise now" starts: every due question, up to the most a
    session holds (the rest wait for the next one)."""
    return min(due, MAX_SESSION_SIZE)


class Candidate(NamedTuple):
    """A question that may go into a session, with what orders it there."""

    pk: int
    category: str
    difficulty: int
    is_due: bool


def spread_over_categories(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Take turns between categories, each one's easiest first, so a cut-off keeps a mix."""
    by_category: dict[str, list[Candidate]] = {}
    for candidate in sorted(candidates, key=lambda c: (c.difficulty, c.pk)):
        by_category.setdefault(candidate.category, []).append(candidate)
    turns = list(by_category.values())
    spread = []
    while turns:
        spread += [pending.pop(0) for pending in turns]
        turns = [pending for pending in turns if pending]
    return spread


def session_order(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The order to ask a session's questions in.

    Due reviews come before new questions, and each group goes from easier to harder;
    but no category comes more than MAX_IN_A_ROW times running while another is waiting,
    as interviews mix topics and interleaving helps recall. Among equals the category with
    most questions left goes first, so the others are still there to break its runs.
    """
    left = Counter(candidate.category for candidate in candidates)
    waiting = list(enumerate(candidates))
    ordered: list[Candidate] = []
    while waiting:
        recent = {c.category for c in ordered[-MAX_IN_A_ROW:]}
        run_of_one = len(ordered) >= MAX_IN_A_ROW and len(recent) == 1
        allowed = [item for item in waiting if not (run_of_one and item[1].category in recent)]
        index, pick = min(
            allowed or waiting,
            key=lambda item: (
                not item[1].is_due,
                item[1].difficulty,
                -left[item[1].category],
                item[0],
            ),
        )
        waiting.remove((index, pick))
        left[pick.category] -= 1
        ordered.append(pick)
    return ordered


def build_queue(
    *,
    user,
    size: int,
    categories: Sequence[str],
    role: RoleRef | None,
    now: datetime,
    first_categories: Sequence[str] = (),
) -> list[int]:
    """Question ids for one session: due reviews (most overdue first, those of
    ``first_categories`` before the rest), then new ones.

    New questions suit the target role first (the member's own for it, then those of its
    interview shape's categories, then its others), then any other new question in the chosen
    categories, so a short role list still fills the session; either way they are taken
    in turn from each category. ``session_order`` then interleaves and ramps them. Worked
    out from the user's cards (one query), the published bank (kept per content version)
    and the user's own questions (one query).
    """
    cards = cards_for(user=user)
    questions = [
        question
        for question in practised_catalogue(user=user).questions
        if not categories or question.category in categories
    ]
    statuses = {question.pk: status_of(cards.get(question.pk), now=now) for question in questions}
    due = sorted(
        (q for q in questions if statuses[q.pk] == Status.DUE),
        key=lambda q: (q.category not in first_categories, cards[q.pk].due, q.pk),
    )
    chosen = [Candidate(q.pk, q.category, q.difficulty, is_due=True) for q in due[:size]]
    fresh = [question for question in questions if statuses[question.pk] == Status.NEW]
    for_role = [question for question in fresh if role and role.pk in question.role_ids]
    # The member's own questions for the role lead (they expect them in that interview),
    # then the role's questions in the categories its interviews ask first (its shape).
    shape = shape_for(role.pk) if role else None
    own = [q for q in for_role if q.own]
    in_shape = [
        q for q in for_role if not q.own and (shape is None or q.category in shape.categories)
    ]
    rest_of_role = [q for q in for_role if q not in own and q not in in_shape]
    others = [question for question in fresh if question not in for_role]
    for group in (own, in_shape, rest_of_role, others):
        spread = spread_over_categories(
            [Candidate(q.pk, q.category, q.difficulty, is_due=False) for q in group]
        )
        chosen += spread[: max(0, size - len(chosen))]
    return [candidate.pk for candidate in session_order(chosen)]


def next_question_id(*, user, after: int, now: datetime) -> int | None:
    """The question to ask after ``after`` was rated: the head of the user's queue for their
    target role (due reviews, then the role's new questions), never the same one again."""
    role = target_role_for(user=user)
    queue = build_queue(user=user, size=2, categories=[], role=role, now=now)
    return next((pk for pk in queue if pk != after), None)


# -- recall, not re-reading ----------------------------------------------------------------


def is_current_draft(*, drafted_at: datetime | None, last_rated_at: datetime | None) -> bool:
    """A saved answer belongs to the attempt under way when it was written after the last
    rating; one written before is the last attempt's, which a review must not show before
    the member has answered again and rated (they would read it instead of recalling)."""
    if drafted_at is None:
        return False
    return last_rated_at is None or drafted_at > last_rated_at


def answer_box_start(
    *, draft: str | None, drafted_at: datetime | None, last_rated_at: datetime | None, star: bool
) -> str:
    """What the answer box starts with: this attempt's draft, else empty (or the STAR
    outline for stories), never the last attempt's answer."""
    if draft is not None and is_current_draft(drafted_at=drafted_at, last_rated_at=last_rated_at):
        return draft
    return STAR_TEMPLATE if star else ""


def last_answer(
    *, draft: str | None, drafted_at: datetime | None, last_rated_at: datetime | None
) -> str | None:
    """The last attempt's answer, offered ("show my last answer") once this one is rated."""
    if draft is None or is_current_draft(drafted_at=drafted_at, last_rated_at=last_rated_at):
        return None
    return draft


# -- checking an answer against the key points ---------------------------------------------

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


def session_queue(
    *, user, size: int, categories: Sequence[str], due_today: bool, now: datetime
) -> list[int]:
    """The questions of a session the user asked for: exactly today's due ones, or a mix.

    With an interview coming up, due reviews of its round's categories come first.
    """
    first = categories_first(user=user, now=now)
    if due_today:
        due = due_today_ids(user=user, now=now)
        if first:
            category_of = {q.pk: q.category for q in practised_catalogue(user=user).questions}
            due.sort(key=lambda pk: category_of.get(pk) not in first)
        return due[:size]
    role = target_role_for(user=user)
    return build_queue(
        user=user, size=size, categories=categories, role=role, now=now, first_categories=first
    )


@dataclass
class PracticeSession:
    """A session as kept in the user's session store (plain JSON-friendly values)."""

    question_ids: list[int]
    position: int = 0
    ratings: dict[str, int] = field(default_factory=dict)
    timed: bool = False
    # When the current question was first shown: [question id, ISO time]; the timer's start.
    shown: list = field(default_factory=list)

    SESSION_KEY = "interviews_practice"

    @classmethod
    def from_store(cls, store) -> PracticeSession | None:
        data = store.get(cls.SESSION_KEY)
        if not isinstance(data, dict):
            return None
        try:
            return cls(
                question_ids=[int(pk) for pk in data["question_ids"]],
                position=int(data["position"]),
                ratings={str(k): int(v) for k, v in data.get("ratings", {}).items()},
                timed=bool(data.get("timed", False)),
                shown=list(data.get("shown") or []),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def save(self, store) -> None:
        store[self.SESSION_KEY] = {
            "question_ids": self.question_ids,
            "position": self.position,
            "ratings": self.ratings,
            "timed": self.timed,
            "shown": self.shown,
        }

    @classmethod
    def clear(cls, store) -> None:
        store.pop(cls.SESSION_KEY, None)

    @property
    def finished(self) -> bool:
        return self.position >= len(self.question_ids)

    @property
    def current_id(self) -> int | None:
        return None if self.finished else self.question_ids[self.position]

    def record(self, *, question_id: int, rating: int) -> None:
        self.ratings[str(question_id)] = rating
        self.position += 1

    def end(self) -> None:
        """Stop here: the questions not reached drop out and the summary shows the rest."""
        self.question_ids = self.question_ids[: self.position]

    def shown_at(self, *, now: datetime) -> datetime:
        """When the current question was first shown; records ``now`` the first time."""
        current = self.current_id
        if len(self.shown) == 2 and self.shown[0] == current:
            started = parse_started_at(self.shown[1], now=now)
            if started is not None:
                return started
        self.shown = [current, now.isoformat()]
        return now


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
    chosen = {i for i, point in enumerate(found) if point.clear} if guessing else set(ticked)
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
        seconds=seconds_between(started_at, now) if timed else None,
        limit=suggested_seconds(question.category) if timed else None,
    )
