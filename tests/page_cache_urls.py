"""A public page that puts a CSRF token in itself, for the page cache tests."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import include, path
from django.views.decorators.http import require_safe

from config.sitewide.caching import cached_for_visitors


@require_safe
@cached_for_visitors()
def page_with_a_token(request):
    return HttpResponse(
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}">'
    )


urlpatterns = [
    path("with-a-token/", page_with_a_token),
    path("", include("config.urls")),
]
