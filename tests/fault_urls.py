"""A page with a bug in it, for the tests of what a user sees when a request fails."""

from django.urls import include, path

from config.urls import handler500  # noqa: F401  (the URLconf's error handler is looked up here)


def page_with_a_bug(request):
    raise ValueError("a bug, not a database fault")


urlpatterns = [
    path("with-a-bug/", page_with_a_bug),
    path("", include("config.urls")),
]
