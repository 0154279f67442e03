"""Pages of the offer comparison: compare up to four offers, save a comparison, delete one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from config.sitewide.caching import cached_for_visitors
from config.sitewide.pages import HtmxHttpRequest, render_page

from . import selectors
from .models import Offer, OfferComparison
from .offer_comparisons import MAX_SAVED_COMPARISONS, TooManyComparisons, save_offer_comparison
from .offer_forms import (
    MIN_OFFERS,
    OFFER_PREFIX,
    OFFER_SLOTS,
    SaveComparisonForm,
    offer_formset,
    offer_query_string,
)
from .offers import OFFER_YEARS, compare_offers, offer_rows

EQUITY_FACT = "equity-share"


@require_http_methods(["GET", "HEAD", "POST"])
@cached_for_visitors(f"{OFFER_PREFIX}-")
def offer_compare(request: HtmxHttpRequest) -> HttpResponse:
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    markets = list(selectors.markets())
    data = request.POST if request.method == "POST" else request.GET
    asked = any(key.startswith(f"{OFFER_PREFIX}-") for key in data)
    formset = offer_formset(data if asked else None, markets=markets)
    save_form = SaveComparisonForm(request.POST or None)
    context = {
        "formset": formset,
        "save_form": save_form,
        "offer_years": OFFER_YEARS,
        "offer_counts": (MIN_OFFERS, OFFER_SLOTS),
        # The save form re-sends the offers being shown, so saving needs no second page.
        "offer_params": [
            (key, value)
            for key, values in data.lists()
            if key.startswith(f"{OFFER_PREFIX}-") and not key.endswith("_FORMS")
            for value in values
        ],
    }
    if asked and formset.is_valid():
        if request.method == "POST" and save_form.is_valid():
            return _save_comparison(request, save_form.cleaned_data["name"], formset)
        equity = selectors.facts(EQUITY_FACT).get(EQUITY_FACT)
        equity_range = (equity.value_min, equity.value_max) if equity else None
        outcomes = compare_offers(offers=formset.offer_terms(), equity_range=equity_range)
        baseline = next((market for market in markets if market.is_baseline), None)
        context.update(
            offer_rows=offer_rows(outcomes, baseline),
            equity_fact=equity,
            passages=selectors.passages("passage-bands-major-hubs"),
        )
    if request.user.is_authenticated:
        context["saved"] = _saved_comparisons(request.user)
        context["saved_limit"] = MAX_SAVED_COMPARISONS
    return render_page(request, "careers/offer_compare.html", context, partial="offers")


def _save_comparison(request: HttpRequest, name: str, formset) -> HttpResponse:
    try:
        comparison = save_offer_comparison(
            user=request.user, name=name, offers=formset.offer_fields()
        )
    except TooManyComparisons:
        messages.error(
            request, f"You can keep {MAX_SAVED_COMPARISONS} comparisons. Delete one to save this."
        )
        offers = request.POST.copy()
        for key in ("csrfmiddlewaretoken", "name"):
            offers.pop(key, None)
        return redirect(f"{reverse('careers:offer_compare')}?{offers.urlencode()}")
    messages.success(request, f"Saved “{comparison.name}”.")
    query = offer_query_string(list(comparison.offers.select_related("market")))
    return redirect(f"{reverse('careers:offer_compare')}?{query}")


def _saved_comparisons(user) -> list[OfferComparison]:
    offers = Offer.objects.select_related("market").order_by("position", "pk")
    comparisons = OfferComparison.objects.for_user(user).prefetch_related(
        Prefetch("offers", queryset=offers)
    )
    comparisons = list(comparisons)
    for comparison in comparisons:
        comparison.query = _comparison_query(comparison)
    return comparisons


def _comparison_query(comparison: OfferComparison) -> str:
    return offer_query_string(list(comparison.offers.all()))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def offer_delete(request: HttpRequest, pk: int) -> HttpResponse:
    comparison = get_object_or_404(OfferComparison.objects.for_user(request.user), pk=pk)
    if request.method == "POST":
        comparison.delete()
        messages.success(request, f"Deleted “{comparison.name}”.")
        return redirect("careers:offer_compare")
    return render(request, "careers/offer_delete.html", {"comparison": comparison})
