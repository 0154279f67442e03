"""Django's own account pages (login, logout, password reset), with ours first where they
throttle and check lengths: the same names, without a namespace, as django.contrib.auth's."""

from django.urls import include, path

from .auth_views import LoginView, PasswordResetView

urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("", include("django.contrib.auth.urls")),
]
