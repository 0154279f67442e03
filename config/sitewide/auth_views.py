"""The site's login and password-reset pages: Django's views with the throttled forms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import views as auth_views

from .auth_forms import LoginForm, ResetForm
from .throttling import client_ip

if TYPE_CHECKING:
    from django.views.generic.edit import FormMixin
else:
    FormMixin = object

TOO_MANY_REQUESTS = 429


class TooManyRequestsMixin(FormMixin):
    """A form refused for coming too often answers 429, not 200."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = TOO_MANY_REQUESTS
        return response


class LoginView(TooManyRequestsMixin, auth_views.LoginView):
    authentication_form = LoginForm


class PasswordResetView(TooManyRequestsMixin, auth_views.PasswordResetView):
    form_class = ResetForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "client": client_ip(self.request)}
