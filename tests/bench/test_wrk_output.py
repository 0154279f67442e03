"""The benchmark runner reads wrk's report and judges each row against its goal."""

from tests.bench.run import TARGETS, Row, judge, parse_wrk

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:40000/roles/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.01ms    3.20ms  80.00ms   90.00%
    Req/Sec   600.00     50.00   700.00     80.00%
  Latency Distribution
     50%  850.00us
     75%   13.00ms
     90%   15.00ms
     99%    1.20s
  12000 requests in 10.00s, 40.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   1200.50
Transfer/sec:      4.00MB
"""


def test_it_reads_throughput_latency_and_every_kind_of_error():
    result = parse_wrk(WRK_OUTPUT)

    assert result == {
        "requests": 12000,
        "rps": 1200.5,
        "p50_ms": 0.85,
        "p99_ms": 1200.0,
        "errors": 7,
    }


def test_it_counts_no_errors_when_wrk_reports_none():
    clean = "\n".join(
        line for line in WRK_OUTPUT.splitlines() if "errors" not in line and "Non-2xx" not in line
    )

    assert parse_wrk(clean)["errors"] == 0


def rows(**by_name):
    targets = {target.name: target for target in TARGETS}
    return [Row(targets[name], rps=rps, p99_ms=p99) for name, (rps, p99) in by_name.items()]


def test_it_judges_each_page_against_its_goal_as_a_share_of_healthz():
    result = rows(
        **{"/healthz": (1000, 20), "home": (500, 40), "roles": (499, 40), "progress": (200, 149)}
    )

    judge(result, smoke=False)

    assert [(row.target.name, row.passed) for row in result] == [
        ("/healthz", True),
        ("home", True),
        ("roles", False),
        ("progress", True),
    ]
    assert result[2].problems == ["49.9% of /healthz < 50%"]


def test_it_judges_a_smoke_run_on_errors_only():
    result = rows(**{"/healthz": (1000, 20), "home": (10, 900)})
    result[1].errors = 1

    judge(result, smoke=True)

    assert result[0].passed
    assert result[1].problems == ["errors: 1"]


def test_it_compares_each_page_with_the_healthz_run_just_before_it():
    result = rows(**{"/healthz": (1000, 20), "home": (600, 40), "roles": (600, 40)})
    result[1].baseline_rps = 1100  # the machine sped up: 600 is under half of this run
    result[2].baseline_rps = 1300

    judge(result, smoke=False)

    assert [round(row.ratio, 3) for row in result[1:]] == [0.545, 0.462]
    assert result[1].passed
    assert result[2].problems == ["46.2% of /healthz < 50%"]
