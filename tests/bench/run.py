"""Load benchmark modelling real users: gunicorn in production mode on a seeded database, wrk.

    python -m tests.bench.run                    # what `make bench` runs (SQLite; PostgreSQL
                                                 # when DATABASE_URL is set)
    python -m tests.bench.run --users 20000      # the same with ten times the users
    python -m tests.bench.run --soak 600         # worker memory over a ten-minute mixed run
    python -m tests.bench.run --smoke            # a few seconds: checks only that nothing errors
    python -m tests.bench.run --servers 2 --redis redis://127.0.0.1:6379/3
                                                 # two app servers, one Redis, behind nginx

The database is seeded with ``seed_demo`` (2,000 users by default). Three mixes are driven
at 16 connections, each replaying a long shuffled list of requests:

- anonymous: home, roles, a role, hubs, a hub, salaries and offers with varied query
  strings (filters, and tracking tags a newsletter link carries), no cookies;
- signed-in journeys: 250 demo users who practised (two of them daily for two years, 50,000
  ratings each: ``--long-members``), rotating, each through the bank with
  varied filters and pages, a question from across the bank, its answer revealed (htmx),
  a rating POST and the progress page;
- rating POSTs alone, rotating through the same users and questions.

Then the growth table (``tests.bench.growth``): members with 200 to 50,000 ratings (two years
of daily practice), the progress page after a rating and the data export measured in one
process, each as a ratio to a bare signed-in page in the same run.

With ``--servers 2`` (PostgreSQL and ``--redis`` needed) two gunicorns, each with its own
workers, serve one database and share one Redis cache, behind nginx on one port, as a site
that outgrew one machine; wrk drives the proxy, /healthz included. ``--proxy`` puts the one
server behind the same nginx, for a like-for-like comparison. Above 2,000 users on
PostgreSQL, 2,000 are seeded and copied inside the database (``tests.bench.members``).

Every figure is a ratio to /healthz driven on the same server just before and just after
the mix (their mean), because a shared machine's speed drifts; absolute requests/s mean
little there. Each mix runs on a freshly started server (so its cache hit rates and worker
memory are its own), ``--reps`` times (3); the report gives min / median / max.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from tests.e2e.live_site import HOST, ROOT, LiveSite, forget_release, free_port

HERE = Path(__file__).resolve().parent
JOURNEY_SCRIPT = HERE / "journey.lua"
STATS_HOOK = "python:tests.bench.gunicorn_stats"
# Workers import the whole site as they boot; on a busy shared machine that takes minutes.
START_TIMEOUT = 600


@dataclass(frozen=True)
class Goal:
    min_ratio: float | None  # throughput as a share of /healthz
    max_p99_ms: float
    label: str


GOALS = {
    "anonymous": Goal(0.30, 150, "≥ 0.30× /healthz, p99 < 150 ms"),
    "signed-in": Goal(0.10, 150, "≥ 0.10× /healthz, p99 < 150 ms"),
    "post": Goal(None, 200, "p99 < 200 ms"),
}


@dataclass
class Run:
    """One wrk run's figures."""

    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    requests: int = 0
    errors: int = 0


@dataclass
class Measure:
    """One repetition of one mix, on a server of its own."""

    mix: str
    run: Run
    healthz_before: float
    healthz_after: float
    hit_rates: dict[str, tuple[int, int]] = field(default_factory=dict)  # cache → (hits, misses)
    rss_mb: list[float] = field(default_factory=list)  # each worker at the end
    rss_growth_mb: float = 0.0  # largest growth of one worker from warm to the end

    @property
    def ratio(self) -> float:
        reference = (self.healthz_before + self.healthz_after) / 2
        return self.run.rps / reference if reference else 0.0


# -- wrk -----------------------------------------------------------------------------------


def run_wrk(url: str, *, seconds: int, args, script_file: Path | None = None) -> str:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", "5s"]
    if script_file is not None:
        command += ["-s", str(JOURNEY_SCRIPT), url, "--", str(script_file)]
    else:
        command.append(url)
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120)
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
    redirects = re.search(r"Unexpected redirects: (\d+)", output)
    errors = sum(map(int, socket.groups())) if socket else 0
    errors += int(status.group(1)) if status else 0
    errors += int(redirects.group(1)) if redirects else 0
    return {
        "requests": requests,
        "rps": rps,
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "errors": errors,
    }


# -- what the mixes request ----------------------------------------------------------------

_SITE_FACTS = """\
import secrets
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from careers.models import Hub, Market, Role, SalaryBand
from interviews.models import Category, Question

# Demo users who have practised, signed in with sessions made on the server (what a login
# leaves behind) so that hundreds of them cost no password hashing.
backend = next(path for path in settings.AUTHENTICATION_BACKENDS if "axes" not in path)
users = list(
    get_user_model().objects.filter(is_staff=False, is_active=True, interview_reviews__isnull=False)
    .distinct().order_by("pk")[: data["count"]]
)
sessions = []
for user in users:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    sessions.append([session.session_key, secrets.token_hex(16)])
result = {
    "sessions": sessions,
    "questions": list(Question.objects.filter(is_published=True).values_list("pk", flat=True)),
    "categories": list(Category.values),
    "roles": list(Role.objects.values_list("slug", flat=True)),
    "salary_roles": sorted(set(SalaryBand.objects.values_list("role__slug", flat=True))),
    "levels": sorted(set(SalaryBand.objects.values_list("level", flat=True))),
    "hubs": list(Hub.objects.values_list("slug", flat=True)),
    "markets": list(Market.objects.values_list("slug", flat=True)),
}
"""


def line(method: str, path: str, *, cookie: str = "", headers=(), body: str = "") -> str:
    extra = "|".join(f"{name}:{value}" for name, value in headers)
    return f"{method}\t{path}\t{cookie}\t{extra}\t{body}\n"


def anonymous_mix(facts: dict, rng: random.Random, size: int = 1200) -> list[str]:
    """Public pages as visitors reach them: plain, filtered, and from tagged links."""

    def tagged(path: str) -> str:
        # A third of visits come from a newsletter or social link carrying tracking tags.
        if rng.random() < 0.33:
            tags = {"utm_source": rng.choice(["newsletter", "social", "partner"])}
            tags["utm_campaign"] = f"c{rng.randint(1, 400)}"
            return path + ("&" if "?" in path else "?") + urlencode(tags)
        return path

    def salaries() -> str:
        markets = rng.sample(facts["markets"], k=min(len(facts["markets"]), rng.randint(2, 3)))
        query = [
            ("role", rng.choice(facts["salary_roles"])),
            ("level", rng.choice(facts["levels"])),
        ]
        return "/salaries/?" + urlencode(query + [("markets", m) for m in markets])

    def offers() -> str:
        query = {"offer-TOTAL_FORMS": 2, "offer-INITIAL_FORMS": 0}
        for n in range(2):
            query[f"offer-{n}-base_usd"] = rng.choice([120_000, 150_000, 180_000, 210_000])
            query[f"offer-{n}-market"] = rng.choice(facts["markets"])
        return "/salaries/offers/?" + urlencode(query)

    pages = [
        (lambda: "/", 3),
        (lambda: rng.choice(["/roles/", "/roles/?kind=core", "/roles/?kind=emerging"]), 2),
        (lambda: f"/roles/{rng.choice(facts['roles'])}/", 3),
        (lambda: "/hubs/", 1),
        (lambda: f"/hubs/{rng.choice(facts['hubs'])}/", 2),
        (salaries, 2),
        (offers, 1),
    ]
    makers = [maker for maker, weight in pages for _ in range(weight)]
    return [line("GET", tagged(rng.choice(makers)())) for _ in range(size)]


def _bank_query(facts: dict, rng: random.Random) -> str:
    """One or two filters of the bank, or a later page: what people click."""
    choices = [
        lambda: ("category", rng.choice(facts["categories"])),
        lambda: ("difficulty", rng.randint(1, 3)),
        lambda: ("role", rng.choice(facts["roles"])),
        lambda: ("status", rng.choice(["new", "learning", "due", "mastered"])),
        lambda: ("bookmarked", "on"),
        lambda: ("page", rng.randint(2, 4)),
        lambda: ("q", rng.choice(["model", "data", "bias", "latency", "metric", "team"])),
    ]
    picked = dict(choice() for choice in rng.sample(choices, k=rng.randint(1, 2)))
    return "/interviews/?" + urlencode(picked)


def journey_mix(facts: dict, rng: random.Random, journeys_per_user: int = 4) -> list[str]:
    """Each signed-in user's journeys, users interleaved: bank, question, reveal, rate, progress."""
    lines = []
    htmx = [("HX-Request", "true")]
    for _ in range(journeys_per_user):
        for session_key, csrf in facts["sessions"]:
            cookie = f"sessionid={session_key}; csrftoken={csrf}"
            question = f"/interviews/{rng.choice(facts['questions'])}/"
            rating = urlencode({"rating": rng.choice([1, 2, 3, 3, 3, 4])})
            lines += [
                line("GET", _bank_query(facts, rng), cookie=cookie),
                line("GET", question, cookie=cookie),
                line("GET", question + "?show=1", cookie=cookie, headers=htmx),
                line(
                    "POST",
                    question + "rate/",
                    cookie=cookie,
                    headers=[*htmx, ("X-CSRFToken", csrf)],
                    body=rating,
                ),
                line("GET", "/interviews/progress/", cookie=cookie),
                line("GET", _bank_query(facts, rng), cookie=cookie, headers=htmx),
            ]
    return lines


def rating_mix(facts: dict, rng: random.Random, size: int = 1500) -> list[str]:
    lines = []
    for _ in range(size):
        session_key, csrf = rng.choice(facts["sessions"])
        question = rng.choice(facts["questions"])
        lines.append(
            line(
                "POST",
                f"/interviews/{question}/rate/",
                cookie=f"sessionid={session_key}; csrftoken={csrf}",
                headers=[("HX-Request", "true"), ("X-CSRFToken", csrf)],
                body=urlencode({"rating": rng.choice([1, 2, 3, 4])}),
            )
        )
    return lines


# -- the servers ----------------------------------------------------------------------------

NGINX_CONFIG = """\
worker_processes 1;
daemon off;
user root;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {workdir}/nginx-body;
    proxy_temp_path {workdir}/nginx-proxy;
    fastcgi_temp_path {workdir}/nginx-fastcgi;
    uwsgi_temp_path {workdir}/nginx-uwsgi;
    scgi_temp_path {workdir}/nginx-scgi;
    upstream app {{
{servers}
        keepalive 64;
    }}
    server {{
        listen {host}:{port};
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
        }}
    }}
}}
"""


@dataclass
class Servers:
    """One gunicorn, or several on one database and one Redis behind nginx on one port."""

    sites: list[LiveSite]
    workdir: Path
    proxied: bool = False
    proxy: subprocess.Popen | None = None
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}" if self.proxied else self.sites[0].url

    def start(self, *, timeout: float) -> None:
        for site in self.sites:
            site.start(timeout=timeout)
        if self.proxied:
            self._start_proxy()

    def _start_proxy(self) -> None:
        self.port = free_port()
        upstreams = "\n".join(f"        server {HOST}:{site.port};" for site in self.sites)
        config = self.workdir / "nginx.conf"
        config.write_text(
            NGINX_CONFIG.format(workdir=self.workdir, servers=upstreams, host=HOST, port=self.port)
        )
        self.proxy = subprocess.Popen(
            ["nginx", "-p", str(self.workdir), "-c", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"nginx did not answer:\n{self.proxy_log()}")

    def proxy_log(self) -> str:
        path = self.workdir / "nginx-error.log"
        return path.read_text() if path.exists() else ""

    def stop(self) -> None:
        if self.proxy is not None:
            self.proxy.terminate()
            self.proxy.wait(timeout=15)
            self.proxy = None
        for site in self.sites:
            site.stop()

    def log(self, tail: int) -> str:
        return "\n".join(site.log(tail=tail) for site in self.sites)


def worker_rss_mb(servers: Servers) -> dict[int, float]:
    """Resident memory of each gunicorn worker of every server, by pid."""
    sizes = {}
    for site in servers.sites:
        sizes.update(_site_worker_rss_mb(site))
    return sizes


def _site_worker_rss_mb(site: LiveSite) -> dict[int, float]:
    if site.process is None:
        return {}
    pid = site.process.pid
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return {}
    sizes = {}
    for child in children:
        try:
            status = Path(f"/proc/{child}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
        if match:
            sizes[int(child)] = int(match.group(1)) / 1024
    return sizes


def read_stats(stats_dir: Path) -> dict[str, tuple[int, int]]:
    """Cache hits and misses summed over the workers (written as they exit)."""
    totals: dict[str, list[int]] = {}
    for path in stats_dir.glob("*.json"):
        for key, count in json.loads(path.read_text()).items():
            cache, outcome = key.rsplit(":", 1)
            pair = totals.setdefault(cache, [0, 0])
            pair[0 if outcome == "hit" else 1] += count
        path.unlink()
    return {cache: (hits, misses) for cache, (hits, misses) in totals.items()}


def measure(site: Servers, mix: str, lines: list[str], args, workdir: Path) -> Measure:
    """Start a fresh server, warm it with the mix, then /healthz, the mix, /healthz."""
    script = workdir / f"{mix}.tsv"
    script.write_text("".join(lines))
    site.start(timeout=START_TIMEOUT)
    try:
        url = site.url + "/"
        if args.warmup:
            run_wrk(url, seconds=args.warmup, args=args, script_file=script)
        warm = worker_rss_mb(site)
        before = parse_wrk(run_wrk(site.url + "/healthz", seconds=args.duration, args=args))
        figures = parse_wrk(run_wrk(url, seconds=args.duration, args=args, script_file=script))
        after = parse_wrk(run_wrk(site.url + "/healthz", seconds=args.duration, args=args))
        end = worker_rss_mb(site)
    finally:
        site.stop()
    result = Measure(
        mix=mix,
        run=Run(**figures),
        healthz_before=before["rps"],
        healthz_after=after["rps"],
        hit_rates=read_stats(workdir / "stats"),
        rss_mb=sorted(end.values()),
        rss_growth_mb=max((end[pid] - warm.get(pid, end[pid]) for pid in end), default=0.0),
    )
    result.run.errors += before["errors"] + after["errors"]
    return result


def soak(site: Servers, mixes: dict[str, list[str]], args, workdir: Path) -> list[tuple]:
    """Alternate the anonymous and signed-in mixes for ``args.soak`` seconds on one server."""
    scripts = {}
    for mix, lines in mixes.items():
        scripts[mix] = workdir / f"soak-{mix}.tsv"
        scripts[mix].write_text("".join(lines))
    samples = []
    site.start(timeout=START_TIMEOUT)
    try:
        run_wrk(site.url + "/", seconds=args.warmup, args=args, script_file=scripts["signed-in"])
        started = time.monotonic()
        samples.append((0, worker_rss_mb(site), None))
        chunk = 0
        while time.monotonic() - started < args.soak:
            mix = ["anonymous", "signed-in"][chunk % 2]
            output = run_wrk(site.url + "/", seconds=30, args=args, script_file=scripts[mix])
            samples.append(
                (round(time.monotonic() - started), worker_rss_mb(site), parse_wrk(output))
            )
            chunk += 1
    finally:
        site.stop()
    return samples


# -- the report ------------------------------------------------------------------------------


def spread(values: list[float], fmt: str) -> str:
    if not values:
        return "—"
    return " / ".join(format(v, fmt) for v in (min(values), statistics.median(values), max(values)))


def judge(mix: str, measures: list[Measure], *, smoke: bool) -> list[str]:
    problems = []
    errors = sum(m.run.errors for m in measures)
    if errors:
        problems.append(f"{errors} errors")
    if smoke:
        return problems
    goal = GOALS[mix]
    ratio = statistics.median(m.ratio for m in measures)
    if goal.min_ratio is not None and ratio < goal.min_ratio:
        problems.append(f"median {ratio:.2f}× < {goal.min_ratio:.2f}×")
    p99 = statistics.median(m.run.p99_ms for m in measures)
    if p99 >= goal.max_p99_ms:
        problems.append(f"median p99 {p99:.0f} ms ≥ {goal.max_p99_ms:.0f} ms")
    return problems


def results_table(results: dict[str, list[Measure]], *, smoke: bool) -> str:
    lines = [
        "| mix | vs /healthz (min / median / max) | req/s | /healthz req/s | p50 ms | p99 ms "
        "| errors | goal | result |",
        "|" + "---|" * 9,
    ]
    for mix, measures in results.items():
        problems = judge(mix, measures, smoke=smoke)
        verdict = "pass" if not problems else "MISSED: " + "; ".join(problems)
        if smoke and not problems:
            verdict = "no errors (smoke run: goals not judged)"
        healthz = [(m.healthz_before + m.healthz_after) / 2 for m in measures]
        lines.append(
            f"| {mix} | {spread([m.ratio for m in measures], '.3f')} "
            f"| {spread([m.run.rps for m in measures], ',.0f')} | {spread(healthz, ',.0f')} "
            f"| {spread([m.run.p50_ms for m in measures], '.1f')} "
            f"| {spread([m.run.p99_ms for m in measures], '.1f')} "
            f"| {sum(m.run.errors for m in measures)} | {GOALS[mix].label} | {verdict} |"
        )
    return "\n".join(lines)


def caches_table(results: dict[str, list[Measure]]) -> str:
    lines = ["| mix | cache | hits | misses | hit rate |", "|---|---|---|---|---|"]
    for mix, measures in results.items():
        totals: dict[str, list[int]] = {}
        for m in measures:
            for cache, (hits, misses) in m.hit_rates.items():
                pair = totals.setdefault(cache, [0, 0])
                pair[0] += hits
                pair[1] += misses
        if not totals:
            note = "no cache counts: none kept, or code from before they were counted"
            lines.append(f"| {mix} | ({note}) | — | — | — |")
        for cache, (hits, misses) in sorted(totals.items()):
            rate = hits / (hits + misses) if hits + misses else 0
            lines.append(f"| {mix} | {cache} | {hits:,} | {misses:,} | {rate:.0%} |")
    return "\n".join(lines)


def memory_table(results: dict[str, list[Measure]]) -> str:
    lines = [
        "| mix | worker RSS at the end, MB (min–max over workers and reps) "
        "| largest growth of one worker during the measured run, MB |",
        "|---|---|---|",
    ]
    for mix, measures in results.items():
        sizes = [size for m in measures for size in m.rss_mb]
        growth = max((m.rss_growth_mb for m in measures), default=0)
        span = f"{min(sizes):.0f}–{max(sizes):.0f}" if sizes else "—"
        lines.append(f"| {mix} | {span} | {growth:.1f} |")
    return "\n".join(lines)


def soak_table(samples: list[tuple]) -> str:
    first = samples[0][1]
    lines = [
        "| seconds | mix just run | req/s | p99 ms | errors | worker RSS, MB "
        "| growth since warm, MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for n, (seconds, sizes, figures) in enumerate(samples):
        growth = max((sizes[pid] - first.get(pid, sizes[pid]) for pid in sizes), default=0)
        mix = "warm-up" if figures is None else ["anonymous", "signed-in"][(n - 1) % 2]
        rps = f"{figures['rps']:,.0f}" if figures else "—"
        p99 = f"{figures['p99_ms']:.0f}" if figures else "—"
        errors = figures["errors"] if figures else "—"
        rss = ", ".join(f"{size:.0f}" for size in sorted(sizes.values()))
        lines.append(f"| {seconds} | {mix} | {rps} | {p99} | {errors} | {rss} | {growth:.1f} |")
    return "\n".join(lines)


def growth(site: LiveSite, args) -> dict:
    """The growth table's figures: ``tests.bench.growth`` against the site's database."""
    command = [sys.executable, "-m", "tests.bench.growth", "--sizes", args.growth]
    command += ["--reps", str(args.growth_reps), "--export-reps", str(args.export_reps)]
    result = subprocess.run(
        command, cwd=ROOT, env=site.env, capture_output=True, text=True, timeout=3600
    )
    if result.returncode != 0:
        raise RuntimeError(f"The growth measurement failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def growth_table(figures: dict) -> str:
    lines = [
        "| ratings | progress after a rating, ms (× bare page) | export, ms (× bare page) "
        "| export's first bytes, ms (× bare page) | export peak memory, KB (× bare page) "
        "| rating POST, ms | bare signed-in page, ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in figures["rows"]:
        lines.append(
            f"| {row['ratings']:,} | {row['progress_ms']:.1f} ({row['progress_ratio']:.2f}×) "
            f"| {row['export_ms']:,.0f} ({row['export_ratio']:.1f}×) "
            f"| {row['first_bytes_ms']:.1f} ({row['first_bytes_ratio']:.2f}×) "
            f"| {row['export_peak_kb']:,.0f} ({row['memory_ratio']:.1f}×) "
            f"| {row['rating_ms']:.1f} | {row['bare_ms']:.1f} |"
        )
    return "\n".join(lines)


def machine_facts(site: LiveSite, args, seeded: str) -> list[tuple[str, str]]:
    cpu = "unknown"
    with open("/proc/cpuinfo") as cpuinfo:
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line), cpu)
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    database = site.run_django(
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('select sqlite_version()' if connection.vendor == 'sqlite' "
        "else 'show server_version')\n"
        "    result = f'{connection.vendor} {cursor.fetchone()[0]}'"
    )
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    return [
        ("Date (UTC)", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")),
        ("Code", args.label or commit or "this checkout"),
        ("Load average before the run", " ".join(f"{load:.2f}" for load in args.load_before)),
        ("CPU", f"{cpu}, {os.cpu_count()} cores, shared with other work"),
        (
            "Python / Django",
            f"{platform.python_version()} / {importlib.metadata.version('Django')}",
        ),
        (
            "gunicorn",
            f"{importlib.metadata.version('gunicorn')}, {args.workers} gthread workers"
            f" × {args.worker_threads} threads",
        ),
        ("Database", database),
        (
            "Servers",
            f"{args.servers} × gunicorn"
            + (" behind nginx on one port" if args.proxy else "")
            + (", one shared Redis cache" if args.redis else ", each its own local-memory cache"),
        ),
        ("Data", seeded),
        ("Signed-in users rotating", str(args.signed_in_count)),
        (
            "Load",
            f"{wrk_version.split(' [')[0].strip()}, {args.threads} threads, "
            f"{args.connections} connections, {args.warmup} s warm-up, {args.duration} s per "
            f"run, {args.reps} repetitions",
        ),
    ]


def report(args, facts, results, samples, growth_figures=None) -> str:
    database = dict(facts)["Database"].split(" ")[0]
    lines = [
        f"### {database}, {args.users:,} users"
        + (" (smoke run: judged on errors only)" if args.smoke else ""),
        "",
        "| | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in facts),
        "",
    ]
    if results:
        lines += [
            results_table(results, smoke=args.smoke),
            "",
            "Cache hit rates (warm-up included):",
            "",
        ]
        lines += [caches_table(results), "", "Worker memory:", "", memory_table(results), ""]
    if samples:
        lines += [f"Memory over a {args.soak} s mixed run:", "", soak_table(samples), ""]
    if growth_figures:
        lines += [
            f"Growth with the member's history ({growth_figures['questions']} questions in "
            f"the bank; medians of {args.growth_reps}, exports of {args.export_reps}; "
            "one process, in production mode):",
            "",
            growth_table(growth_figures),
            "",
        ]
    return "\n".join(lines)


# -- main -----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="a few seconds; judge errors only")
    parser.add_argument("--users", type=int, default=2000, help="demo users to seed (2000)")
    parser.add_argument("--signed-in", type=int, default=250, help="users rotating (250)")
    parser.add_argument("--reps", type=int, default=3, help="repetitions of each mix (3)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per run (10)")
    parser.add_argument("--warmup", type=int, default=5, help="warm-up seconds per mix (5)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    # As the README runs it in production: three workers of four threads each.
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (3)")
    parser.add_argument(
        "--worker-threads", type=int, default=4, help="threads per gunicorn worker (4)"
    )
    parser.add_argument("--soak", type=int, default=0, help="seconds of a memory run instead")
    parser.add_argument(
        "--growth",
        default="200,2000,10000,50000",
        help="ratings of the growth table's members ('' for none)",
    )
    parser.add_argument(
        "--long-members",
        type=int,
        default=2,
        help="seeded users with two years of daily practice, among those signed in (2)",
    )
    parser.add_argument("--growth-reps", type=int, default=15)
    parser.add_argument("--export-reps", type=int, default=5)
    parser.add_argument("--servers", type=int, default=1, help="app servers behind nginx (1)")
    parser.add_argument("--proxy", action="store_true", help="nginx in front of one server too")
    parser.add_argument("--redis", default="", help="REDIS_URL of the shared cache (none)")
    parser.add_argument("--label", default="", help="what code this is, for the report")
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    if args.smoke:
        # No warm-up: it is not measured, and a smoke run judges only errors in what is.
        args.duration, args.warmup, args.reps = 2, 0, 1
        args.users, args.signed_in = min(args.users, 30), min(args.signed_in, 5)
        args.growth, args.growth_reps, args.export_reps = "200,2000", 3, 1
        args.long_members = 0
    args.proxy = args.proxy or args.servers > 1
    if args.servers > 1 and not args.redis:
        parser.error("--servers above 1 needs --redis: servers share their cache")
    return args


# Above this many users, seed_demo writes this many and the database copies them.
SEEDED_BY_HAND = 2000


def seed(site: LiveSite, args) -> str:
    """Seed the demo users (copies of 2,000 above that, on PostgreSQL); says what was run."""
    started = time.monotonic()
    copied = args.users > SEEDED_BY_HAND and site.database.engine == "postgresql"
    command = ["seed_demo", "--users", str(SEEDED_BY_HAND if copied else args.users)]
    command += ["--seed", "1"]
    site.manage(*command, "--force", timeout=3600)
    if copied:
        copy = [sys.executable, "-m", "tests.bench.members", "--total", str(args.users)]
        subprocess.run(copy, cwd=ROOT, env=site.env, check=True, timeout=3600)
        command.append(f"copied to {args.users:,} (tests.bench.members)")
    if args.long_members:
        long = ["seed_demo", "--users", str(args.long_members), "--seed", "1"]
        site.manage(*long, "--long-members", str(args.long_members), "--force", timeout=3600)
        command += ["--long-members", str(args.long_members)]
    return f"{' '.join(command)} ({time.monotonic() - started:.0f} s)"


def servers_for(site: LiveSite, args, workdir: Path) -> Servers:
    """The site's server, and more on its database and Redis (same keys and release)."""
    sites = [site]
    for number in range(1, args.servers):
        (workdir / f"server-{number}").mkdir()
        sites.append(
            LiveSite(
                database=site.database,
                env=site.env,
                workdir=workdir / f"server-{number}",
                workers=args.workers,
                gunicorn_args=site.gunicorn_args,
            )
        )
    return Servers(sites=sites, workdir=workdir, proxied=args.proxy)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.load_before = os.getloadavg()  # the machine may be shared: say how busy it was
    for tool in ["wrk"] + (["nginx"] if args.proxy else []):
        if not shutil.which(tool):
            print(f"{tool} is not installed (apt-get install {tool})", file=sys.stderr)
            return 2
    workdir = Path(tempfile.mkdtemp(prefix="compass-bench-"))
    (workdir / "stats").mkdir()
    site = LiveSite.create(
        label="bench", workdir=workdir, workers=args.workers, redis_url=args.redis
    )
    site.env["BENCH_STATS_DIR"] = str(workdir / "stats")
    site.gunicorn_args = [
        "--config",
        STATS_HOOK,
        "--worker-class",
        "gthread",
        "--threads",
        str(args.worker_threads),
    ]
    servers = servers_for(site, args, workdir)
    results: dict[str, list[Measure]] = {}
    samples: list[tuple] = []
    growth_figures = None
    try:
        print(f"Preparing a {site.database.engine} database in production mode…", flush=True)
        site.prepare()
        seeded = seed(site, args)
        facts_data = site.run_django(_SITE_FACTS, count=args.signed_in)
        args.signed_in_count = len(facts_data["sessions"])
        rng = random.Random(1)
        mixes = {
            "anonymous": anonymous_mix(facts_data, rng),
            "signed-in": journey_mix(facts_data, rng),
            "post": rating_mix(facts_data, rng),
        }
        if args.soak:
            both = {k: mixes[k] for k in ("anonymous", "signed-in")}
            samples = soak(servers, both, args, workdir)
        else:
            for rep in range(args.reps):
                for mix, lines in mixes.items():
                    print(f"  {mix}, repetition {rep + 1}…", end=" ", flush=True)
                    result = measure(servers, mix, lines, args, workdir)
                    results.setdefault(mix, []).append(result)
                    print(
                        f"{result.ratio:.3f}× /healthz, p99 {result.run.p99_ms:.0f} ms", flush=True
                    )
        if args.growth and not args.soak:
            print(f"  growth table, members with {args.growth} ratings…", flush=True)
            growth_figures = growth(site, args)
        facts = machine_facts(site, args, seeded)
        server_errors = "Traceback" in servers.log(tail=100_000)
        if server_errors:
            print(f"The server logged errors:\n{servers.log(tail=60)}", file=sys.stderr)
    finally:
        servers.stop()
        site.close()
        if args.redis:
            forget_release(args.redis, site.env["DJANGO_RELEASE"])
        shutil.rmtree(workdir, ignore_errors=True)

    text = report(args, facts, results, samples, growth_figures)
    print()
    print(text)
    if args.output:
        args.output.write_text(text)
        print(f"\nWritten to {args.output}")
    failed = [mix for mix, measures in results.items() if judge(mix, measures, smoke=args.smoke)]
    failed += ["the server logged a traceback"] if server_errors else []
    if failed:
        print(f"\nMissed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
