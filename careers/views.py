"""Public pages of the careers app."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .caching import cached_for_visitors


@cached_for_visitors
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "careers/home.html")
