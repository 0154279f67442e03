"""WSGI entry point for gunicorn."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Everything loaded so far (Django, the apps, their modules) lives as long as the process.
# Frozen, it is left out of the garbage collector's full passes, which otherwise rescan
# those hundred thousand objects every few hundred requests.
gc.freeze()
