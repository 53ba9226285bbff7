"""The benchmark's own parts: the load generator against a tiny local server, its statistics,
the targets check and the chart. No timing is asserted anywhere."""

import asyncio
import json
import xml.etree.ElementTree as ET

import pytest

from bench import loadgen, report, run


def test_percentile_interpolates_between_ranks():
    values = [1.0, 2.0, 3.0, 4.0, 5.0]
    assert loadgen.percentile(values, 0) == 1.0
    assert loadgen.percentile(values, 50) == 3.0
    assert loadgen.percentile(values, 100) == 5.0
    assert loadgen.percentile(values, 95) == pytest.approx(4.8)
    assert loadgen.percentile([7.0], 99) == 7.0


def test_summary_counts_everything_but_2xx_as_errors():
    samples = [
        loadgen.Sample("plan", 0.010, 200, 0),
        loadgen.Sample("plan", 0.020, 302, 0),
        loadgen.Sample("plan", 0.030, 0, 0),
        loadgen.Sample("plan", 0.040, 204, 0),
    ]
    summary = loadgen.summarize(samples, duration=2.0)
    assert summary["requests"] == 4
    assert summary["errors"] == 2
    assert summary["rps"] == 2.0
    assert summary["statuses"] == {"0": 1, "200": 1, "204": 1, "302": 1}


def test_only_local_hosts():
    with pytest.raises(ValueError, match=r"127\.0\.0\.1"):
        loadgen.check_local("example.org")


class TinyServer:
    """An HTTP/1.1 server on 127.0.0.1 answering by path: /ok (keep-alive, Content-Length),
    /chunked, /close (Connection: close) and /missing (404)."""

    def __init__(self):
        self.paths: list[str] = []

    async def handle(self, reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ")[1].decode()
                self.paths.append(path)
                if path == "/chunked":
                    writer.write(
                        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        b"5\r\nhello\r\n0\r\n\r\n"
                    )
                elif path == "/close":
                    writer.write(
                        b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"
                    )
                    await writer.drain()
                    break
                elif path == "/missing":
                    writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                else:
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


def _with_server(coro_factory):
    async def main():
        tiny = TinyServer()
        server = await asyncio.start_server(tiny.handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        try:
            return tiny, await asyncio.wait_for(coro_factory(port), 20)
        finally:
            server.close()
            await server.wait_closed()

    return asyncio.run(main())


TARGETS = [
    loadgen.Target("ok", "/ok", (("Cookie", "sessionid=x"),)),
    loadgen.Target("chunked", "/chunked"),
    loadgen.Target("close", "/close"),
    loadgen.Target("missing", "/missing"),
]


def test_open_loop_sends_the_scheduled_number_of_requests_in_order():
    tiny, result = _with_server(
        lambda port: loadgen.open_loop(
            TARGETS, host="127.0.0.1", port=port, rate=200, duration=0.4, timeout=5
        )
    )
    summary = loadgen.summarize_run(result)
    assert summary["all"]["requests"] == 80
    assert sorted(tiny.paths) == sorted(["/ok", "/chunked", "/close", "/missing"] * 20)
    assert summary["pages"]["missing"]["errors"] == 20
    assert summary["pages"]["ok"]["errors"] == 0
    assert summary["pages"]["close"]["errors"] == 0
    assert summary["pages"]["chunked"]["statuses"] == {"200": 20}


def test_closed_loop_stops_at_the_request_limit():
    _tiny, result = _with_server(
        lambda port: loadgen.closed_loop(
            TARGETS[:3], host="127.0.0.1", port=port, clients=3, duration=5, max_requests=60
        )
    )
    summary = loadgen.summarize_run(result)
    assert summary["all"]["requests"] == 60
    assert summary["all"]["errors"] == 0


def test_no_answer_is_an_error_not_a_hang():
    async def refused(_port):
        closed_port = run.free_port()  # nothing listens there
        return await loadgen.closed_loop(
            TARGETS[:1], host="127.0.0.1", port=closed_port, clients=1, duration=5, max_requests=3
        )

    _tiny, result = _with_server(refused)
    assert [s.status for s in result.samples] == [0, 0, 0]


def _result(p95_small: float, p95_big: float, rps: float = 350.0) -> dict:
    def size(p95):
        page = {"p50_ms": 5.0, "p95_ms": p95, "p99_ms": p95 * 2, "max_ms": p95 * 3}
        page.update(rps=10.0, errors=0, requests=100, queries=9)
        return {
            "size": 0,
            "database": {"size_mb": 10.0, "seed_seconds": 250.0, "reused": False},
            "latency": {
                "all": {"p50_ms": 5.0, "p95_ms": p95, "p99_ms": p95 * 2, "rps": 100, "errors": 0},
                "max_connections_used": 4,
            },
            "pages": {"plan": page},
            "capacity": {
                "tool": "wrk",
                "clients": 16,
                "rps": rps,
                "errors": 0,
                "p50_ms": 40.0,
                "p95_ms": 60.0,
                "p99_ms": 80.0,
            },
            "memory": {"peak_rss_mb_per_worker": [80.0], "master_rss_mb": 30.0},
        }

    return {
        "date": "2026-11-24T00:00:00+00:00",
        "machine": {"cpus": 2, "wrk": True},
        "config": {
            "db": "postgresql",
            "seed": 1,
            "offered_rps": 100,
            "duration_s": 60,
            "capacity_clients": 16,
            "capacity_duration_s": 30,
            "conn_max_age": 600,
            "gunicorn": {"workers": 4, "worker_class": "sync", "threads": 1},
            "pages": {"plan": "resident opens their plan"},
            "mix_weights": {"plan": 100},
        },
        "sizes": {"1000": size(p95_small), "100000": size(p95_big)},
    }


def test_targets_are_checked_at_the_large_size():
    good = report.evaluate(_result(10.0, 12.0))
    assert good["latency"]["met"] and good["capacity"]["met"] and good["growth"]["met"]
    assert good["import"]["met"]
    bad = report.evaluate(_result(10.0, 60.0, rps=200.0))
    assert bad["latency"]["missed_by"] == ["plan"]
    assert bad["growth"]["factors"] == {"plan": 6.0}
    assert bad["capacity"]["met"] is False


def test_chart_is_svg_and_report_names_every_page():
    result = _result(10.0, 12.0)
    result["targets"] = report.evaluate(result)
    root = ET.fromstring(report.chart(result))  # noqa: S314 - our own SVG
    assert root.tag.endswith("svg")
    assert len(root.findall("{http://www.w3.org/2000/svg}polyline")) == 1
    text = report.markdown(result, chart_name="x.svg", before=result)
    assert "| plan |" in text and "Before and after" in text
    json.dumps(result)  # what run.py writes


def test_smoke_defaults_are_short_and_stay_out_of_the_committed_results():
    args = run.parse_args(["--smoke"])
    assert args.size_list == [1000]
    assert args.duration == 20
    assert args.rate == 20  # below any machine's capacity: a late answer is a real error
    assert "cache" in args.out
    with pytest.raises(SystemExit):
        run.parse_args(["--duration", "100000"])


def test_requests_left_unanswered_at_the_end_count_as_errors():
    async def silent(reader, writer):
        await asyncio.sleep(30)  # never answers; cancelled when the test's server closes

    async def main():
        server = await asyncio.start_server(silent, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        try:
            return await loadgen.open_loop(
                TARGETS[:1], host="127.0.0.1", port=port, rate=20, duration=0.2, timeout=0.2
            )
        finally:
            server.close()

    result = asyncio.run(main())
    assert len(result.samples) == 4
    assert {s.status for s in result.samples} == {0}


@pytest.mark.django_db
def test_every_page_of_the_mix_answers_its_users_on_a_seeded_municipality():
    """What bench.prepare does before a run, on a small seed: every page has users to ask it,
    and answers them with 200 (count_queries stops on anything else)."""
    import random

    from bench import prepare
    from eigenplan.core.seeding import seed_municipality

    seed_municipality(households=400, seed=21)
    rng = random.Random("bench-test")
    pools = prepare.pick_pools(21, rng)
    users = {row[0] for rows in pools.values() for row in rows}
    sessions, tokens = prepare.log_in(users)
    sequence = prepare.build_sequence(pools, rng, sessions, tokens)
    assert {target["page"] for target in sequence} == set(prepare.PAGES)
    queries = prepare.count_queries(sequence)
    assert set(queries) == set(prepare.PAGES)
