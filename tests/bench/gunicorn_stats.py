"""gunicorn settings for the benchmark: each worker writes its cache hit counts as it exits."""

import json
import os
from pathlib import Path


def worker_exit(server, worker):
    try:
        from config.sitewide.caching import stats
    except (ImportError, RuntimeError):  # code from before the counts existed
        return
    directory = Path(os.environ["BENCH_STATS_DIR"])
    (directory / f"{os.getpid()}.json").write_text(json.dumps(dict(stats)))
