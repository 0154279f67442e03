"""The root URLconf: each app's URLs included by dotted path, so config imports no app."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.cache import never_cache

handler500 = "config.sitewide.middleware.server_error"


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    # Liveness only: no template, no session, no database (never_cache marks it private and
    # no-store, so no middleware looks up who is signed in).
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("careers.account_urls")),
    path("accounts/", include("config.sitewide.auth_urls")),
    path("assessment/", include("assessments.urls")),
    path("paths/", include("assessments.path_urls")),
    path("interviews/", include("interviews.urls")),
    path("applications/", include("careers.application_urls")),
    path("", include("careers.urls")),
]
