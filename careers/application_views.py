"""Pages of the member's job search: the board, one application, reminders and the feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from config.sitewide.pages import AuthenticatedHttpRequest, HtmxHttpRequest, render_page
from config.sitewide.registry import personal_panels

from . import applications as rules
from . import reminders
from .application_forms import (
    AcceptForm,
    ApplicationForm,
    ContactForm,
    MoveForm,
    NewApplicationForm,
    OfferTermsForm,
    ReminderSettingsForm,
)
from .models import Application, StageChange


def _own_application(request: HttpRequest, pk: int) -> Application:
    applications = Application.objects.for_user(request.user).select_related("role", "market")
    return get_object_or_404(applications, pk=pk)


@login_required
@require_safe
def board(request: HtmxHttpRequest) -> HttpResponse:
    # The funnel needs every stage change; one prefetch query serves them all.
    applications = list(
        Application.objects.for_user(request.user)
        .select_related("role")
        .prefetch_related(Prefetch("stage_changes", queryset=StageChange.objects.all()))
    )
    context = {
        "applications": applications,
        "columns": rules.by_stage(applications),
        "funnel": rules.funnel(applications),
        "as_list": request.GET.get("view") == "list",
        "stages": Application.Stage.choices,
    }
    return render_page(request, "careers/applications.html", context, partial="board")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    form = NewApplicationForm(request.POST or None)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in NewApplicationForm.Meta.fields}
        try:
            application = rules.create_application(
                user=request.user, fields=fields, on=timezone.localdate()
            )
        except rules.TooManyApplications:
            form.add_error(
                None,
                f"You can keep {rules.MAX_APPLICATIONS} applications. "
                "Delete an old one to add this.",
            )
        else:
            messages.success(request, f"Saved {application}.")
            return redirect(application)
    status = 400 if form.errors else 200
    return render(request, "careers/application_form.html", {"form": form}, status=status)


@login_required
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    return _detail(request, application)


def _detail(request, application, *, status: int = 200, **forms) -> HttpResponse:
    context = {
        "application": application,
        "history": application.stage_changes.all(),
        "contacts": application.contacts.all(),
        "move_form": forms.get("move_form") or MoveForm(initial={"stage": application.stage}),
        "contact_form": forms.get("contact_form") or ContactForm(),
        "offer_form": forms.get("offer_form") or OfferTermsForm(instance=application),
        "accept_form": AcceptForm(),
        "panels": personal_panels(
            "application", user=request.user, now=timezone.now(), application=application
        ),
    }
    return render(request, "careers/application_detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    form = ApplicationForm(request.POST or None, instance=application)
    if form.is_valid():
        form.save()
        messages.success(request, "Saved your changes.")
        return redirect(application)
    context = {"form": form, "application": application}
    status = 400 if form.errors else 200
    return render(request, "careers/application_form.html", context, status=status)


@login_required
@require_POST
def move(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _detail(request, application, status=400, move_form=form)
    stage = form.cleaned_data["stage"]
    if rules.move_application(
        application=application, stage=stage, on=form.cleaned_data["changed_on"]
    ):
        messages.success(
            request, f"{application.company}: moved to {application.get_stage_display()}."
        )
    if stage in (Application.Stage.OFFER, Application.Stage.INTERVIEWING):
        # The next step happens on the application's page: the offer's terms, or the rounds.
        if request.htmx:
            return HttpResponseClientRedirect(application.get_absolute_url())
        return redirect(application)
    if request.POST.get("from") == "board":
        return redirect("applications:board")
    return redirect(application)


@login_required
@require_POST
def offer_terms(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    form = OfferTermsForm(request.POST, instance=application)
    if not form.is_valid():
        return _detail(request, application, status=400, offer_form=form)
    form.save()
    messages.success(request, "Saved the offer's terms. Compare it with your other offers.")
    return redirect(f"{application.get_absolute_url()}#offer")


@login_required
@require_safe
def compare_offers(request: HttpRequest) -> HttpResponse:
    """The offer comparison, prefilled with the member's offers."""
    offers = rules.offers_to_compare(request.user)
    if not offers:
        messages.info(request, "Add an offer's terms on its application first.")
        return redirect("applications:board")
    return redirect(f"{reverse('careers:offer_compare')}?{rules.comparison_query(offers)}")


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    form = AcceptForm(request.POST)
    form.is_valid()  # one optional tick box: any input is a valid answer
    closed = rules.accept_offer(
        application=application,
        on=timezone.localdate(),
        close_others=form.cleaned_data.get("close_others", False),
    )
    messages.success(request, f"Congratulations on {application.company}!")
    if closed:
        messages.info(
            request,
            f"Withdrew {', '.join(closed)}. A short, warm note to each keeps the door open.",
        )
    return redirect(application)


@login_required
@require_POST
def add_contact(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _detail(request, application, status=400, contact_form=form)
    form.instance.application = application
    form.save()
    return redirect(f"{application.get_absolute_url()}#contacts")


@login_required
@require_POST
def delete_contact(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    get_object_or_404(application.contacts, pk=contact_pk).delete()
    return redirect(f"{application.get_absolute_url()}#contacts")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    if request.method == "POST":
        application.delete()
        messages.success(request, f"Deleted {application}.")
        return redirect("applications:board")
    return render(request, "careers/application_delete.html", {"application": application})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reminder_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    row = reminders.settings_for(request.user)
    form = ReminderSettingsForm(request.POST or None, instance=row)
    if form.is_valid():
        form.save()
        messages.success(request, f"E-mail digest: {row.get_digest_display().lower()}.")
        return redirect("applications:reminders")
    feed_url = (
        request.build_absolute_uri(reverse("applications:calendar", args=[row.calendar_token]))
        if row.calendar_token
        else None
    )
    context = {"form": form, "feed_url": feed_url, "has_email": bool(request.user.email)}
    return render(request, "careers/reminders.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def reset_calendar(request: HttpRequest) -> HttpResponse:
    reminders.reset_calendar_token(user=request.user)
    messages.success(request, "Your calendar has a new address; the old one no longer works.")
    return redirect("applications:reminders")


@require_safe
def calendar(request: HttpRequest, token: str) -> HttpResponse:
    user = reminders.calendar_owner(token)
    if user is None:
        raise Http404
    body = reminders.calendar_feed(user=user, now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


# A mail client posts here without a session or CSRF token (RFC 8058); the signed token is
# the proof, and all it can do is turn the digest off.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        if not reminders.unsubscribe(token):
            raise Http404
        return render(request, "careers/unsubscribed.html")
    return render(request, "careers/unsubscribe.html", {"token": token})
