"""Settings as a fresh process reads them from its environment (they are read at import)."""

import json
import os
import subprocess
import sys


def settings_in_a_fresh_process(*names: str, **environment: str):
    """The named settings' values (one value, or a tuple for several names)."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps([getattr(settings, name) for name in {list(names)!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    values = json.loads(result.stdout)
    return values[0] if len(values) == 1 else tuple(values)
