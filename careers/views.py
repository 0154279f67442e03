"""Public pages of the careers app: home, roles, hubs, the salary explorer, the guide's advice."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from config.sitewide.caching import cached_for_visitors
from config.sitewide.pages import HtmxHttpRequest, render_page
from config.sitewide.registry import personal_panels

from . import presentation, selectors
from .explorer import explore_salaries, net_worth_rows
from .explorer_forms import RoleCompareForm, RoleFilterForm, SalaryExplorerForm
from .models import GuideEntry, Hub, SalaryBand

EXPLORER_PASSAGES = ("passage-bands-major-hubs", "passage-bureau-of-labor-statistics")
INTERVIEW_PASSAGES = (
    "passage-interview-overview",
    "passage-interview-rounds",
    "passage-acm",
    "passage-algorithm-questions",
    "passage-ethics-answers",
    "passage-ethics-preparation",
)


@require_safe
@cached_for_visitors()
def home(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {
        "headlines": selectors.headline_figures(),
        "passages": selectors.passages("passage-key-takeaways"),
    }
    if request.user.is_authenticated:
        context["panels"] = personal_panels("home", user=request.user, now=timezone.now())
    return render(request, "careers/home.html", context)


@require_safe
@cached_for_visitors("kind")
def role_list(request: HtmxHttpRequest) -> HttpResponse:
    form = RoleFilterForm(request.GET or None)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    every_role = list(selectors.roles_with_bands())
    roles = [role for role in every_role if role.kind == kind] if kind else every_role
    context = {
        "form": form,
        "kind": kind,
        "kind_counts": presentation.kind_counts(every_role),
        "passages": selectors.passages("passage-bands-major-hubs"),
        "roles": roles,
        "postings": presentation.postings_rows(roles),
        # The columns' headings are the levels' own labels, as every salary band names them.
        "levels": SalaryBand.Level,
    }
    return render_page(request, "careers/role_list.html", context, partial="results")


@require_safe
@cached_for_visitors()
def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    role = get_object_or_404(selectors.role_profiles(), slug=slug)
    context = {
        "role": role,
        "band_rows": presentation.band_rows(role),
        "compare_form": RoleCompareForm(
            roles=[other for other in selectors.role_refs() if other.pk != role.pk]
        ),
    }
    if request.user.is_authenticated:
        context["panels"] = personal_panels(
            "role", user=request.user, now=timezone.now(), role=role
        )
    return render(request, "careers/role_detail.html", context)


@require_safe
@cached_for_visitors("a", "b")
def role_compare(request: HttpRequest) -> HttpResponse:
    roles = list(selectors.roles_with_bands())
    asked = "a" in request.GET or "b" in request.GET
    form = RoleCompareForm(request.GET if asked else None, roles=roles)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        a, b = form.role_a, form.role_b
        context.update(
            role_a=a,
            role_b=b,
            aspects=presentation.compare_aspects(a, b),
            levels=presentation.compare_levels(a, b),
        )
    return render(request, "careers/role_compare.html", context)


@require_safe
@cached_for_visitors()
def hub_list(request: HttpRequest) -> HttpResponse:
    hubs = list(Hub.objects.order_by("sort_order", "name"))
    markets = list(selectors.markets())
    context = {
        "hubs": hubs,
        "international_hubs": [hub for hub in hubs if hub.is_international],
        "postings": presentation.hub_rows(hubs, "active_postings"),
        "growth": presentation.hub_rows(hubs, "growth_percent"),
        "market_rows": presentation.cost_benefit_rows(markets),
        "market_points": presentation.market_points(markets),
        "facts": selectors.facts("bay-area-premium", "seattle-austin-pay"),
    }
    return render(request, "careers/hub_list.html", context)


@require_safe
@cached_for_visitors()
def hub_detail(request: HttpRequest, slug: str) -> HttpResponse:
    hubs = list(Hub.objects.prefetch_related("markets").order_by("sort_order", "name"))
    hub = next((hub for hub in hubs if hub.slug == slug), None)
    if hub is None:
        raise Http404("No hub has that address.")
    context = {
        "hub": hub,
        "standing": presentation.hub_standing(hub, hubs),
        "market_rows": presentation.cost_benefit_rows(list(hub.markets.all())),
    }
    return render(request, "careers/hub_detail.html", context)


@require_safe
@cached_for_visitors("role", "level", "markets", SalaryExplorerForm.SUBMITTED)
def salary_explorer(request: HtmxHttpRequest) -> HttpResponse:
    roles, markets = list(selectors.roles_with_bands()), list(selectors.markets())
    data = SalaryExplorerForm.data_for(request.GET, roles=roles, markets=markets)
    form = SalaryExplorerForm(data, roles=roles, markets=markets)
    context: dict[str, Any] = {"form": form}
    if form.is_valid() and form.baseline is not None:  # a valid form has a baseline
        remote = selectors.facts("remote-pay-percentile").get("remote-pay-percentile")
        band = form.cleaned_data["band"]
        rows = explore_salaries(
            band_min_usd=band.min_usd,
            band_max_usd=band.max_usd,
            markets=form.cleaned_data["markets"],
            baseline_average_usd=form.baseline.average_base_usd,
            remote_percentiles=(remote.value_min, remote.value_max) if remote else None,
        )
        context.update(
            role=form.cleaned_data["role"],
            band=band,
            remote_fact=remote,
            baseline=form.baseline,
            passages=selectors.passages(*EXPLORER_PASSAGES),
            rows=rows,
            worth_rows=net_worth_rows(rows),
        )
    return render_page(request, "careers/salary_explorer.html", context, partial="result")


def _guide_entries(sections: dict[str, str], *fact_slugs: str) -> dict:
    """Guide entries grouped under context names, in each section's order, plus facts."""
    entries = (
        GuideEntry.objects.published()
        .filter(section__in=sections.values())
        .order_by("section", "sort_order", "pk")
    )
    context: dict = {name: [] for name in sections}
    names = {section: name for name, section in sections.items()}
    for entry in entries:
        context[names[entry.section]].append(entry)
    context["facts"] = selectors.facts(*fact_slugs)
    return context


@require_safe
@cached_for_visitors()
def guide_negotiation(request: HttpRequest) -> HttpResponse:
    context = _guide_entries(
        {"tactics": GuideEntry.Section.NEGOTIATION},
        "equity-share",
        "bay-area-premium",
        "seattle-austin-pay",
    )
    return render(request, "careers/guide_negotiation.html", context)


@require_safe
@cached_for_visitors()
def guide_work_arrangements(request: HttpRequest) -> HttpResponse:
    context = _guide_entries(
        {
            "advantages": GuideEntry.Section.REMOTE_ADVANTAGE,
            "limitations": GuideEntry.Section.REMOTE_LIMITATION,
            "onsite": GuideEntry.Section.ONSITE_CASE,
        },
        *presentation.ARRANGEMENT_FACTS,
        "remote-productivity",
        "remote-pay-percentile",
    )
    context["arrangements"] = presentation.arrangement_rows(context["facts"])
    return render(request, "careers/guide_work_arrangements.html", context)


@require_safe
@cached_for_visitors()
def guide_interviews(request: HttpRequest) -> HttpResponse:
    context = _guide_entries({"strategies": GuideEntry.Section.TECHNICAL_PREP})
    context["passages"] = selectors.passages(*INTERVIEW_PASSAGES)
    return render(request, "careers/guide_interviews.html", context)


@require_safe
@cached_for_visitors()
def guide_faq(request: HttpRequest) -> HttpResponse:
    context = _guide_entries({"questions": GuideEntry.Section.FAQ}, "python-required")
    return render(request, "careers/guide_faq.html", context)
