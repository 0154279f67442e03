"""The rules of a member's job search: stages and their history, the funnel, offers."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median

from django.db import transaction

from .models import Application, Offer, StageChange
from .offer_forms import offer_query_string

Stage = Application.Stage

MAX_POSTING_CHARS = 20_000
MAX_APPLICATIONS = 500
# Stages in the order a search moves forward; the closed ones end it from anywhere.
PROGRESS = (
    Stage.SAVED,
    Stage.APPLIED,
    Stage.SCREENING,
    Stage.INTERVIEWING,
    Stage.OFFER,
    Stage.ACCEPTED,
)
CLOSED = frozenset({Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN})
FUNNEL = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER)
# The offer comparison has four slots.
COMPARED_OFFERS = 4


class TooManyApplications(Exception):
    """The member already keeps as many applications as we store for one person."""


@transaction.atomic
def create_application(*, user, fields: dict, on: datetime.date) -> Application:
    """Save a new application and the day it reached its first stage."""
    if Application.objects.for_user(user).count() >= MAX_APPLICATIONS:
        raise TooManyApplications
    application = Application.objects.create(user=user, **fields)
    StageChange.objects.create(application=application, stage=application.stage, changed_on=on)
    return application


@transaction.atomic
def move_application(*, application: Application, stage: str, on: datetime.date) -> bool:
    """Move to any stage (skipping some is fine) and keep the day; False if already there."""
    if stage == application.stage:
        return False
    application.stage = stage
    application.save(update_fields=["stage", "updated_at"])
    StageChange.objects.create(application=application, stage=stage, changed_on=on)
    return True


@transaction.atomic
def accept_offer(*, application: Application, on: datetime.date, close_others: bool) -> list[str]:
    """Record the acceptance; with ``close_others`` withdraw every other open application.

    Returns the companies of the applications withdrawn, for a polite note to each.
    """
    move_application(application=application, stage=Stage.ACCEPTED, on=on)
    if not close_others:
        return []
    others = (
        Application.objects.for_user(application.user)
        .exclude(pk=application.pk)
        .exclude(stage__in=CLOSED)
    )
    closed = []
    for other in others:
        move_application(application=other, stage=Stage.WITHDRAWN, on=on)
        closed.append(other.company)
    return closed


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    label: str
    reached: int
    rate_percent: int | None  # of those that reached the step before; None for the first
    median_days: int | None  # how long applications stayed at this stage before moving on


def _progress_index(stage: str) -> int:
    return PROGRESS.index(stage) if stage in PROGRESS else -1


def funnel(applications: Iterable[Application]) -> list[FunnelStep]:
    """Applied → screening → interviewing → offer: how many reached each, and how long each
    stage took. ``applications`` come with their ``stage_changes`` prefetched.

    A stage counts as reached when the history reaches it or any stage after it, since a
    member may skip stages (an offer straight after applying still went through applying).
    """
    reached = dict.fromkeys(FUNNEL, 0)
    days: dict[str, list[int]] = {stage: [] for stage in FUNNEL}
    for application in applications:
        changes = list(application.stage_changes.all())
        furthest = max((_progress_index(change.stage) for change in changes), default=-1)
        for stage in FUNNEL:
            if furthest >= _progress_index(stage):
                reached[stage] += 1
        for change, following in zip(changes, changes[1:], strict=False):
            if change.stage in days:
                days[change.stage].append((following.changed_on - change.changed_on).days)
    steps = []
    previous = None
    for stage in FUNNEL:
        rate = None
        if previous is not None:
            rate = round(100 * reached[stage] / reached[previous]) if reached[previous] else 0
        steps.append(
            FunnelStep(
                stage=stage,
                label=Stage(stage).label,
                reached=reached[stage],
                rate_percent=rate,
                median_days=round(median(days[stage])) if days[stage] else None,
            )
        )
        previous = stage
    return steps


def by_stage(applications: Sequence[Application]) -> list[tuple[str, str, list[Application]]]:
    """The board's columns: every stage with its applications, in the stages' order."""
    columns: dict[str, list[Application]] = {stage: [] for stage in Stage.values}
    for application in applications:
        columns[application.stage].append(application)
    return [(stage, Stage(stage).label, columns[stage]) for stage in Stage.values]


def offer_terms(application: Application) -> Offer:
    """The application's offer as an (unsaved) Offer of the comparison, defaults elsewhere."""
    return Offer(
        label=application.company[: Offer._meta.get_field("label").max_length],
        base_usd=application.offer_base_usd or 0,
        bonus_usd=application.offer_bonus_usd or 0,
        sign_on_usd=application.offer_sign_on_usd or 0,
        equity_grant_usd=application.offer_equity_grant_usd or 0,
        market=application.market,
    )


def offers_to_compare(user) -> list[Application]:
    """The member's applications at offer (or accepted) with a base salary, newest first."""
    return list(
        Application.objects.for_user(user)
        .filter(stage__in=[Stage.OFFER, Stage.ACCEPTED], offer_base_usd__isnull=False)
        .select_related("market")[:COMPARED_OFFERS]
    )


def comparison_query(applications: Sequence[Application]) -> str:
    """The offer comparison's GET query, prefilled with these applications' offers."""
    return offer_query_string([offer_terms(application) for application in applications])
