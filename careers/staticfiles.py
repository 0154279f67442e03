"""Static file storage for production: whitenoise's, remembering each file's URL.

The manifest of hashed names is read once when a process starts and never changes while
it runs, so neither does any file's URL. Django's storage works each one out again on
every ``{% static %}`` (a manifest lookup, URL quoting and joining), which made the five
in the page layout a noticeable share of every page.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        url = self._urls.get(name)
        if url is None:
            url = self._urls[name] = super().url(name)
        return url
