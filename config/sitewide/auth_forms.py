"""The site's own login and password-reset forms: throttled, and junk refused early.

The admin's login uses ``AdminLoginForm`` (set in ``SitewideConfig.ready``), so it counts
failures like the site's (django-axes) and checks lengths too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from .throttling import allow, client_ip

if TYPE_CHECKING:
    LoginFormBase = AuthenticationForm
else:
    LoginFormBase = object

HOUR = 60 * 60
USERNAME_MAX_LENGTH = cast(int, get_user_model()._meta.get_field("username").max_length)


class ThrottledForm:
    """A form mixin that refuses a request for coming too often; the view answers 429 then.

    ``client`` is the address the request came from (``config.sitewide.throttling.client_ip``).
    """

    throttled = False

    def __init__(self, *args, client: str, **kwargs) -> None:
        self.client = client
        super().__init__(*args, **kwargs)

    def limit(self, scope: str, key: str, *, per_hour: int, message: str) -> None:
        if not allow(scope, key, limit=per_hour, seconds=HOUR):
            self.throttled = True
            raise forms.ValidationError(message, code="throttled")


class LoginFormMixin(LoginFormBase):
    """Checks made before the password is tried, so junk never reaches authentication."""

    request: HttpRequest  # the login views always pass it
    throttled = False

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if len(username) > USERNAME_MAX_LENGTH:
            raise forms.ValidationError(
                f"A username has at most {USERNAME_MAX_LENGTH} characters.", code="max_length"
            )
        return username

    def clean(self):
        if failures_from(client_ip(self.request)) >= settings.LOGIN_FAILURES_PER_ADDRESS:
            self.throttled = True
            raise forms.ValidationError(
                "Too many failed logins from your network. Wait a few minutes and try again.",
                code="throttled",
            )
        return super().clean()


def failures_from(address: str) -> int:
    """Failed logins from one address, across every username, within the cool-off."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginForm(LoginFormMixin, AuthenticationForm):
    pass


class AdminLoginForm(LoginFormMixin, AdminAuthenticationForm):
    pass


class ResetForm(ThrottledForm, PasswordResetForm):
    """Password reset: a flood from one network is refused; one inbox gets a few emails an hour.

    Past the per-email limit nothing more is sent, yet the page reads the same, so it tells
    nobody whether the address has an account.
    """

    def clean(self):
        self.limit(
            "reset",
            self.client,
            per_hour=settings.RESETS_PER_ADDRESS_PER_HOUR,
            message="Too many password resets from your network. Try again in an hour.",
        )
        return super().clean()

    def get_users(self, email):
        if not allow(
            "reset-email", email.casefold(), limit=settings.RESETS_PER_EMAIL_PER_HOUR, seconds=HOUR
        ):
            return iter(())
        return super().get_users(email)
