"""The benchmark runner reads wrk's report and judges each mix against its goal."""

from tests.bench.run import Measure, Run, judge, parse_wrk

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


def test_it_counts_the_journeys_unexpected_redirects_as_errors():
    assert parse_wrk(WRK_OUTPUT + "Unexpected redirects: 5\n")["errors"] == 12


def measures(mix, *figures):
    """Measures of one mix from (req/s, p99 ms, /healthz before, /healthz after)."""
    return [
        Measure(mix, Run(rps=rps, p99_ms=p99), healthz_before=before, healthz_after=after)
        for rps, p99, before, after in figures
    ]


def test_it_compares_each_mix_with_healthz_just_before_and_after():
    (measure,) = measures("signed-in", (110, 40, 1000, 1200))

    assert measure.ratio == 0.1


def test_it_judges_the_median_of_the_repetitions_against_the_goal():
    passing = measures(
        "signed-in", (90, 40, 1000, 1000), (120, 40, 1000, 1000), (150, 40, 1000, 1000)
    )
    failing = measures(
        "anonymous", (250, 40, 1000, 1000), (290, 40, 1000, 1000), (400, 40, 1000, 1000)
    )

    assert judge("signed-in", passing, smoke=False) == []
    assert judge("anonymous", failing, smoke=False) == ["median 0.29× < 0.30×"]


def test_it_judges_latency_per_mix():
    posts = measures("post", (50, 199, 1000, 1000))
    slow = measures("post", (50, 200, 1000, 1000))

    assert judge("post", posts, smoke=False) == []
    assert judge("post", slow, smoke=False) == ["median p99 200 ms ≥ 200 ms"]


def test_it_judges_a_smoke_run_on_errors_only():
    result = measures("signed-in", (1, 900, 1000, 1000))
    result[0].run.errors = 1

    assert judge("signed-in", result, smoke=True) == ["1 errors"]
    result[0].run.errors = 0
    assert judge("signed-in", result, smoke=True) == []
