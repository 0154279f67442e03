"""Load benchmark: gunicorn in production mode on a seeded database, driven by wrk.

    python -m tests.bench.run              # what `make bench` runs; writes BENCHMARKS.md
    python -m tests.bench.run --smoke      # a few seconds, checks only that nothing errors

Each target is driven for a fixed time at 16 connections after a warm-up; the table gives
requests/s, p50, p99, errors and the throughput as a share of /healthz, driven again just
before each target so that drift in a shared machine's speed cancels out, and marks every
goal met or missed. Add a target with one line in TARGETS. A target whose URL
answers 404 at warm-up is skipped as "not available yet".
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl

from tests.e2e.live_site import PASSWORD, ROOT, HttpClient, LiveSite

HERE = Path(__file__).resolve().parent
POST_SCRIPT = HERE / "post.lua"
SIGNED_IN_USERS = 8  # rating POSTs rotate through them, so they do not all queue on one row


@dataclass(frozen=True)
class Request:
    path: str
    body: str = ""  # urlencoded; POST targets only


@dataclass(frozen=True)
class Goal:
    min_ratio: float | None  # throughput as a share of /healthz
    max_p99_ms: float
    label: str


GOALS = {
    "baseline": Goal(None, 150, "p99 < 150 ms"),
    "anonymous": Goal(0.50, 150, "≥ 50% of /healthz, p99 < 150 ms"),
    "signed-in": Goal(0.20, 150, "≥ 20% of /healthz, p99 < 150 ms"),
    "post": Goal(None, 200, "p99 < 200 ms"),
}


@dataclass
class Bench:
    """What a finder needs: the site and signed-in clients."""

    site: LiveSite
    clients: list[HttpClient]


Finder = Callable[[Bench], "Request | None"]


@dataclass(frozen=True)
class Target:
    name: str
    request: str | Finder  # a path, or a function of the Bench (None: nothing to drive yet)
    kind: str  # a key of GOALS
    smoke: bool = False  # part of the few-second smoke run

    @property
    def signed_in(self) -> bool:
        return self.kind in {"signed-in", "post"}


def first_question(bench: Bench) -> Request | None:
    page = bench.clients[0].get("/interviews/")
    match = re.search(r'href="(/interviews/\d+/)"', page.text) if page.status == 200 else None
    return Request(match.group(1)) if match else None


def rating_post(bench: Bench) -> Request | None:
    question = first_question(bench)
    return Request(f"{question.path}rate/", "rating=3") if question else None


TARGETS = [
    Target("/healthz", "/healthz", "baseline", smoke=True),
    Target("home", "/", "anonymous", smoke=True),
    Target("roles", "/roles/", "anonymous"),
    Target("a role", "/roles/machine-learning-engineer/", "anonymous"),
    Target("hubs", "/hubs/", "anonymous"),
    Target(
        "salaries with a query",
        "/salaries/?role=machine-learning-engineer&level=mid&markets=austin&markets=seattle",
        "anonymous",
    ),
    Target("bank, filtered", "/interviews/?category=system-design&difficulty=2", "signed-in"),
    Target("a question", first_question, "signed-in", smoke=True),
    Target("progress", "/interviews/progress/", "signed-in"),
    Target("rating POST", rating_post, "post", smoke=True),
]


@dataclass
class Row:
    target: Target
    path: str = ""
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    requests: int = 0
    errors: int = 0
    ratio: float | None = None
    baseline_rps: float = 0.0  # /healthz, driven just before this target
    skipped: str = ""  # why it did not run
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.skipped and not self.problems


# -- wrk -----------------------------------------------------------------------------------


def run_wrk(
    url: str, *, seconds: int, connections: int, threads: int, headers=(), script_args=()
) -> str:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", "5s"]
    for header in headers:
        command += ["-H", header]
    if script_args:
        command += ["-s", str(POST_SCRIPT)]
    command += [url, *(["--", *script_args] if script_args else [])]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed: {result.stdout}\n{result.stderr}")
    return result.stdout


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(output: str) -> dict:
    def latency(percent: str) -> float:
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
        if not match:
            raise ValueError(f"no {percent}% latency in wrk output:\n{output}")
        return float(match.group(1)) * _UNITS_MS[match.group(2)]

    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = sum(map(int, socket.groups())) if socket else 0
    errors += int(status.group(1)) if status else 0
    return {
        "requests": requests,
        "rps": rps,
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "errors": errors,
    }


# -- the run -------------------------------------------------------------------------------

_PICK_USERS = """\
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

# The first demo users seed_demo made who have practised (their history makes the signed-in
# pages realistic: a user who never practised has an empty progress page), given a known
# password so the benchmark signs in through the login form like anyone else.
User = get_user_model()
names = list(
    User.objects.filter(is_staff=False, is_active=True, interview_reviews__isnull=False)
    .distinct().order_by("pk").values_list("username", flat=True)[: data["count"]]
)
User.objects.filter(username__in=names).update(password=make_password(data["password"]))
result = names
"""


def signed_in_clients(site: LiveSite, count: int) -> list[HttpClient]:
    names = site.run_django(_PICK_USERS, count=count, password=PASSWORD)
    missing = [f"bench-{n}" for n in range(count - len(names))]
    if missing:
        site.create_users(missing)
    clients = []
    for name in names + missing:
        client = site.client()
        client.login(name)
        clients.append(client)
    return clients


def seed(site: LiveSite, users: int) -> str:
    if not list(ROOT.glob("*/management/commands/seed_demo.py")):
        return "none (seed_demo does not exist yet)"
    site.manage("seed_demo", "--users", str(users), "--seed", "1", "--force", timeout=1800)
    return f"seed_demo --users {users} --seed 1"


def drive(bench: Bench, target: Target, args, workdir: Path) -> Row:
    row = Row(target)
    request = Request(target.request) if isinstance(target.request, str) else None
    request = request or target.request(bench)
    if request is None:
        row.skipped = "not available yet (nothing to drive)"
        return row
    row.path = request.path
    client = bench.clients[0] if target.signed_in else bench.site.client()
    if target.kind == "post":
        check = client.post(request.path, parse_qsl(request.body, keep_blank_values=True))
    else:
        check = client.get(request.path)
    if check.status == 404:
        row.skipped = "not available yet (404)"
        return row
    if check.status >= 400 or "/accounts/login/" in check.location:
        row.problems.append(f"answered {check.status} {check.location} at warm-up")
        return row

    headers, script_args = [], []
    if target.kind == "post":
        lines = workdir / f"post-{len(list(workdir.glob('post-*')))}.tsv"
        lines.write_text(
            "".join(
                f"{c.cookie('sessionid')}\t{c.cookie('csrftoken')}\t{request.path}\t{request.body}\n"
                for c in bench.clients
            )
        )
        script_args = [str(lines)]
    elif target.signed_in:
        # Both cookies a signed-in browser holds: without the CSRF one, every page would
        # mint a new CSRF secret and cookie, which no real visitor's page does.
        client = bench.clients[0]
        cookies = f"sessionid={client.cookie('sessionid')}; csrftoken={client.cookie('csrftoken')}"
        headers = [f"Cookie: {cookies}"]
    url = bench.site.url + request.path
    wrk = {
        "connections": args.connections,
        "threads": args.threads,
        "headers": headers,
        "script_args": script_args,
    }
    # Warm-up fills every worker's page cache and connection pool before the clock starts.
    run_wrk(url, seconds=args.warmup, **wrk)
    for key, value in parse_wrk(run_wrk(url, seconds=args.duration, **wrk)).items():
        setattr(row, key, value)
    return row


def judge(rows: list[Row], *, smoke: bool) -> None:
    baseline = next((r for r in rows if r.target.kind == "baseline" and not r.skipped), None)
    for row in rows:
        if row.skipped or row.problems:
            continue
        reference = row.baseline_rps or (baseline.rps if baseline else 0)
        if reference:
            row.ratio = row.rps / reference
        if row.errors:
            row.problems.append(f"errors: {row.errors}")
        if smoke:
            continue
        goal = GOALS[row.target.kind]
        if goal.min_ratio is not None and (row.ratio or 0) < goal.min_ratio:
            row.problems.append(f"{row.ratio or 0:.1%} of /healthz < {goal.min_ratio:.0%}")
        if row.p99_ms >= goal.max_p99_ms:
            row.problems.append(f"p99 {row.p99_ms:.0f} ms ≥ {goal.max_p99_ms:.0f} ms")


def table(rows: list[Row], *, smoke: bool = False) -> str:
    head = (
        "| page | URL | kind | req/s | /healthz just before, req/s | vs /healthz | p50 ms "
        "| p99 ms | errors | goal | result |"
    )
    lines = [head, "|" + "---|" * 11]
    for row in rows:
        goal = GOALS[row.target.kind].label
        if row.skipped:
            lines.append(f"| {row.target.name} | {row.path or '—'} | {row.target.kind} | "
                         f"— | — | — | — | — | — | {goal} | skipped: {row.skipped} |")  # fmt: skip
            continue
        ratio = f"{row.ratio:.0%}" if row.ratio is not None else "—"
        paired = f"{row.baseline_rps:,.0f}" if row.baseline_rps else "—"
        passed = "no errors (smoke run: goals not judged)" if smoke else "pass"
        result = passed if row.passed else "FAIL: " + "; ".join(row.problems)
        lines.append(
            f"| {row.target.name} | `{row.path}` | {row.target.kind} | {row.rps:,.0f} | {paired} | "
            f"{ratio} | "
            f"{row.p50_ms:.1f} | {row.p99_ms:.1f} | {row.errors} | {goal} | {result} |"
        )
    return "\n".join(lines)


def machine_facts(site: LiveSite, args, seeded: str) -> list[tuple[str, str]]:
    cpu = "unknown"
    with open("/proc/cpuinfo") as cpuinfo:
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line), cpu)
    with open("/proc/meminfo") as meminfo:
        kib = int(next(line.split()[1] for line in meminfo if line.startswith("MemTotal")))
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    database = site.run_django(
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('select sqlite_version()' if connection.vendor == 'sqlite' "
        "else 'show server_version')\n"
        "    result = f'{connection.vendor} {cursor.fetchone()[0]}'"
    )
    return [
        ("Date (UTC)", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")),
        ("Load average before the run", " ".join(f"{load:.2f}" for load in args.load_before)),
        ("CPU", f"{cpu}, {os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))})"),
        ("Memory", f"{kib / 1024 / 1024:.1f} GiB"),
        ("OS", platform.platform()),
        ("Python", platform.python_version()),
        ("Django", importlib.metadata.version("Django")),
        ("gunicorn", f"{importlib.metadata.version('gunicorn')}, {args.workers} sync workers"),
        ("Database", database),
        ("Data", seeded),
        ("Settings", "DJANGO_DEBUG=0, DJANGO_PLAIN_HTTP=1 (production mode on loopback)"),
        (
            "Load",
            f"{wrk_version.split(' [')[0].strip()}, {args.threads} threads, "
            f"{args.connections} connections, {args.warmup} s warm-up, {args.duration} s each",
        ),
    ]


def report(rows: list[Row], facts: list[tuple[str, str]], *, smoke: bool) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m tests.bench.run`); do not edit by hand."
        + (" Smoke run: short, judged on errors only." if smoke else ""),
        "",
        "## Machine and settings",
        "",
        "| | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in facts),
        "",
        "## Results",
        "",
        table(rows, smoke=smoke),
        "",
        "## Goals",
        "",
        "- No errors: every answer 2xx or 3xx, no socket errors or timeouts.",
        "- Anonymous GET pages: at least 50% of /healthz throughput on the same run. Each page"
        " is compared with /healthz driven just before it, as a shared machine's speed drifts.",
        "- Signed-in GET pages: at least 20% of /healthz throughput.",
        "- p99 latency under 150 ms for GET pages and under 200 ms for the rating POST.",
        "",
    ]
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="a few seconds; judge errors only")
    parser.add_argument("--duration", type=int, default=10, help="seconds per target (10)")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up seconds per target (2)")
    parser.add_argument("--users", type=int, default=2000, help="demo users to seed (2000)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    cores = len(os.sched_getaffinity(0))
    parser.add_argument("--workers", type=int, default=2 * cores + 1, help="gunicorn workers")
    parser.add_argument("--output", type=Path, help="default: BENCHMARKS.md (not in --smoke)")
    parser.add_argument("--only", action="append", help="run only targets with these names")
    args = parser.parse_args(argv)
    if args.smoke:
        args.duration, args.warmup, args.users = 1, 1, min(args.users, 20)
    if args.output is None and not args.smoke:
        args.output = ROOT / "BENCHMARKS.md"
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.load_before = os.getloadavg()  # the machine may be shared: say how busy it was
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2
    targets = [t for t in TARGETS if (t.smoke or not args.smoke)]
    targets = [t for t in targets if not args.only or t.name in args.only or t.kind == "baseline"]
    workdir = Path(tempfile.mkdtemp(prefix="compass-bench-"))
    site = LiveSite.create(label="bench", workdir=workdir, workers=args.workers)
    try:
        print(f"Preparing a {site.database.engine} database in production mode…", flush=True)
        site.prepare()
        seeded = seed(site, args.users)
        site.start()
        bench = Bench(site=site, clients=signed_in_clients(site, SIGNED_IN_USERS))
        rows = []
        baseline = next(t for t in targets if t.kind == "baseline")
        for target in targets:
            print(f"  {target.name}…", end=" ", flush=True)
            # A shared machine's speed drifts over minutes: each page is compared with
            # /healthz driven just before it, not with one baseline run at the start.
            paired = drive(bench, baseline, args, workdir).rps if target is not baseline else 0
            row = drive(bench, target, args, workdir)
            row.baseline_rps = paired
            rows.append(row)
            print(row.skipped or f"{row.rps:,.0f} req/s", flush=True)
        judge(rows, smoke=args.smoke)
        facts = machine_facts(site, args, seeded)
        if "Traceback" in site.log(tail=100_000):
            print(f"The server logged errors:\n{site.log()}", file=sys.stderr)
            rows[0].problems.append("the server logged a traceback")
    finally:
        site.close()
        shutil.rmtree(workdir, ignore_errors=True)

    print()
    print(table(rows, smoke=args.smoke))
    if args.output:
        args.output.write_text(report(rows, facts, smoke=args.smoke))
        print(f"\nWritten to {args.output}")
    failed = [row.target.name for row in rows if row.problems]
    if failed:
        print(f"\nMissed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
