from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from careers.account_views import LoginView, PasswordResetView
from careers.forms import AdminLoginForm

admin.site.login_form = AdminLoginForm


def healthz(request: HttpRequest) -> HttpResponse:
    # Liveness only: no template, no session, no database.
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Before django.contrib.auth's own: the same names, with throttling and length checks.
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("careers.account_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("assessment/", include("assessments.urls")),
    path("paths/", include("assessments.path_urls")),
    path("interviews/", include("interviews.urls")),
    path("applications/", include("careers.application_urls")),
    path("", include("careers.urls")),
]
