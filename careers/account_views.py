"""Account pages: sign-up, profile, data export and account deletion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_safe

from config.sitewide.accounts import erase_account
from config.sitewide.auth_views import TOO_MANY_REQUESTS
from config.sitewide.export import stream_user_data
from config.sitewide.throttling import client_ip

from .forms import DeleteAccountForm, ProfileForm, SignupForm
from .models import Profile


def _safe_next(request: HttpRequest) -> str:
    """Where the visitor was going, if it is a path of this site; otherwise nothing.

    Only a path: redirect() would look a bare word up as a URL name (a 500 when none).
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else ""


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request)
    if request.user.is_authenticated:
        return redirect(next_url or "accounts:profile")
    form = SignupForm(request.POST or None, client=client_ip(request))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            Profile.objects.create(user=user)
        # Logging in also hands the user what they did before signing up (apps listen
        # for user_logged_in: an assessment taken as a visitor becomes theirs).
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if next_url:
            messages.success(request, "Welcome! What you did before signing up is now yours.")
            return redirect(next_url)
        messages.success(request, "Welcome! Tell us where you are starting from.")
        return redirect("accounts:profile")
    status = TOO_MANY_REQUESTS if form.throttled else 200
    return render(
        request, "registration/signup.html", {"form": form, "next": next_url}, status=status
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    profile, _ = Profile.objects.select_related("target_role", "preferred_hub").get_or_create(
        user=request.user
    )
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:profile")
    return render(request, "careers/profile.html", {"form": form, "profile": profile})


@login_required
@require_safe
def export_data(request: HttpRequest) -> StreamingHttpResponse:
    # Written as it is read: the same memory for two years of practice as for two days.
    response = StreamingHttpResponse(
        stream_user_data(request.user), content_type="application/json"
    )
    filename = f"ai-careers-compass-{request.user.username}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Erased first: if that fails, the member is still signed in and nothing is lost.
        erase_account(user=request.user)
        logout(request)
        messages.success(request, "Your account and all of your data have been deleted.")
        return redirect("careers:home")
    return render(request, "registration/delete_account.html", {"form": form})
