"""Send the same request several times at once, as a double click or two tabs would."""

from __future__ import annotations

import threading

from django.db import connection
from django.test import Client

# A request that lost the race for the database lock may be refused: SQLite's shared
# in-memory test database refuses at once, a 503 from a view or a 400 from Django's session
# save (SessionInterrupted). Never a 500, and never a second row.
ACCEPTED = {200, 302, 400, 503}


def send_together(client: Client, url: str, data: dict, *, times: int = 4, **extra) -> list[int]:
    """POST ``data`` to ``url`` from ``times`` threads at once, all with ``client``'s cookies
    (the same signed-in session); returns the status codes."""
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    start = threading.Barrier(times)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def send() -> None:
        twin = Client(raise_request_exception=False)
        for name, value in cookies.items():
            twin.cookies[name] = value
        try:
            start.wait()
            statuses.append(twin.post(url, data, **extra).status_code)
        except BaseException as error:  # reported below, in the test's own thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return statuses
