"""A small HTTP/1.1 load generator for 127.0.0.1, in one asyncio process.

Two modes, both bounded in number of requests and in time:

- open loop (`open_loop`): requests are *scheduled* at a constant arrival rate, one every
  1/rate seconds, whatever the server does. Latency is measured from the scheduled send time,
  not from the moment a connection was free, so a slow server cannot hide its queue
  (no coordinated omission). When every connection is busy a new one is opened, up to
  `max_connections`; beyond that the request waits, and the wait counts in its latency.
- closed loop (`closed_loop`): `clients` connections, each sending its next request as soon as
  the previous answer is in, until the deadline: the capacity of the server.

The client speaks just enough HTTP/1.1 for these pages: GET, keep-alive when the server allows
it (gunicorn's sync workers close after each answer), Content-Length or chunked bodies. It
refuses any host but 127.0.0.1/localhost.
"""

import asyncio
import json
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@dataclass(frozen=True)
class Target:
    page: str
    path: str
    headers: tuple[tuple[str, str], ...] = ()

    def raw(self, host: str, port: int) -> bytes:
        lines = [f"GET {self.path} HTTP/1.1", f"Host: {host}:{port}"]
        lines += [f"{name}: {value}" for name, value in self.headers]
        lines += ["Accept-Encoding: identity", "Connection: keep-alive", "", ""]
        return "\r\n".join(lines).encode("latin-1")


@dataclass
class Sample:
    page: str
    latency: float  # seconds, from the scheduled (open loop) or actual (closed loop) send time
    status: int  # 0: no answer (connection error or timeout)
    finished: float  # loop time


@dataclass
class Run:
    mode: str
    duration: float  # seconds the requests were sent over
    samples: list[Sample] = field(default_factory=list)
    max_connections_used: int = 0
    late_sends: int = 0  # open loop: requests the event loop sent more than 5 ms late


def check_local(host: str) -> None:
    if host not in LOCAL_HOSTS:
        raise ValueError(f"The load generator only talks to 127.0.0.1, not to {host!r}.")


class Connection:
    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    @property
    def is_open(self) -> bool:
        return self.writer is not None

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(self, raw: bytes) -> int:
        """Send one request and read the whole answer; return the status code."""
        reused = self.is_open
        try:
            return await self._request(raw)
        except (ConnectionError, asyncio.IncompleteReadError):
            self.close()
            if not reused:
                raise
        # A kept-alive connection the server had closed meanwhile: once more on a new one.
        return await self._request(raw)

    async def _request(self, raw: bytes) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.reader, self.writer
        writer.write(raw)
        await writer.drain()
        status_line = await reader.readuntil(b"\r\n")
        parts = status_line.split(b" ", 2)
        if len(parts) < 2 or not parts[0].startswith(b"HTTP/1."):
            raise ConnectionError(f"not an HTTP answer: {status_line[:60]!r}")
        status = int(parts[1])
        length, chunked, close = None, False, parts[0] == b"HTTP/1.0"
        while True:
            line = await reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _sep, value = line.partition(b":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value:
                chunked = True
            elif name == b"connection":
                close = value == b"close"
        if chunked:
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await reader.readexactly(size + 2)
                if size == 0:
                    break
        elif length is not None:
            await reader.readexactly(length)
        else:
            await reader.read()  # until the server closes
            close = True
        if close:
            self.close()
        return status


async def _timed(conn: Connection, raw: bytes, timeout: float) -> int:
    try:
        return await asyncio.wait_for(conn.request(raw), timeout)
    except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
        conn.close()
        return 0


async def open_loop(
    targets: Sequence[Target],
    *,
    host: str,
    port: int,
    rate: float,
    duration: float,
    timeout: float = 10.0,
    max_connections: int = 64,
    offset: int = 0,
) -> Run:
    """`rate` requests a second for `duration` seconds, at fixed intervals, going through
    `targets` in order (from `offset`, wrapping around)."""
    check_local(host)
    if rate <= 0 or duration <= 0 or not targets:
        raise ValueError("rate, duration and targets must be positive and non-empty")
    loop = asyncio.get_running_loop()
    total = math.floor(rate * duration)
    run = Run(mode="open", duration=duration)
    idle: list[Connection] = []
    slots = asyncio.Semaphore(max_connections)
    opened = 0
    raws = {}

    async def one(target: Target, scheduled: float) -> None:
        nonlocal opened
        async with slots:
            if idle:
                conn = idle.pop()
            else:
                conn = Connection(host, port)
                opened += 1
            raw = raws.get(target)
            if raw is None:
                raw = raws[target] = target.raw(host, port)
            status = await _timed(conn, raw, timeout)
            now = loop.time()
            run.samples.append(Sample(target.page, now - scheduled, status, now))
            idle.append(conn)

    tasks: dict[asyncio.Task, tuple[Target, float]] = {}
    start = loop.time() + 0.05
    for i in range(total):
        scheduled = start + i / rate
        delay = scheduled - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        elif delay < -0.005:
            run.late_sends += 1
        target = targets[(offset + i) % len(targets)]
        task = asyncio.create_task(one(target, scheduled))
        tasks[task] = (target, scheduled)
    _done, pending = await asyncio.wait(tasks, timeout=timeout + 5) if tasks else (set(), set())
    now = loop.time()
    for task in pending:  # still waiting for a connection or an answer: counted, as errors
        task.cancel()
        target, scheduled = tasks[task]
        run.samples.append(Sample(target.page, now - scheduled, 0, now))
    for conn in idle:
        conn.close()
    run.max_connections_used = opened
    return run


async def closed_loop(
    targets: Sequence[Target],
    *,
    host: str,
    port: int,
    clients: int,
    duration: float,
    timeout: float = 10.0,
    max_requests: int = 1_000_000,
    offset: int = 0,
) -> Run:
    """`clients` connections sending back to back for `duration` seconds (and at most
    `max_requests` requests in all)."""
    check_local(host)
    if clients < 1 or duration <= 0 or not targets:
        raise ValueError("clients, duration and targets must be positive and non-empty")
    loop = asyncio.get_running_loop()
    run = Run(mode="closed", duration=duration)
    counter = offset
    sent = 0
    deadline = loop.time() + duration

    async def client() -> None:
        nonlocal counter, sent
        conn = Connection(host, port)
        while loop.time() < deadline and sent < max_requests:
            target = targets[counter % len(targets)]
            counter += 1
            sent += 1
            started = loop.time()
            status = await _timed(conn, target.raw(host, port), timeout)
            now = loop.time()
            run.samples.append(Sample(target.page, now - started, status, now))
        conn.close()

    await asyncio.wait_for(asyncio.gather(*(client() for _ in range(clients))), duration + timeout)
    run.max_connections_used = clients
    return run


# --- statistics -----------------------------------------------------------------------------


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between closest ranks."""
    if not sorted_values:
        return float("nan")
    if len(sorted_values) == 1:
        return sorted_values[0]
    position = (len(sorted_values) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def summarize(samples: Sequence[Sample], duration: float) -> dict:
    latencies = sorted(s.latency * 1000 for s in samples)
    errors = sum(1 for s in samples if not 200 <= s.status < 300)
    return {
        "requests": len(samples),
        "p50_ms": round(percentile(latencies, 50), 2),
        "p95_ms": round(percentile(latencies, 95), 2),
        "p99_ms": round(percentile(latencies, 99), 2),
        "max_ms": round(latencies[-1], 2) if latencies else float("nan"),
        "rps": round(len(samples) / duration, 2) if duration else 0.0,
        "errors": errors,
        "statuses": _statuses(samples),
    }


def _statuses(samples: Sequence[Sample]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for s in samples:
        counts[str(s.status)] = counts.get(str(s.status), 0) + 1
    return dict(sorted(counts.items()))


def summarize_run(run: Run) -> dict:
    pages: dict[str, list[Sample]] = {}
    for s in run.samples:
        pages.setdefault(s.page, []).append(s)
    return {
        "mode": run.mode,
        "duration_s": run.duration,
        "max_connections_used": run.max_connections_used,
        "late_sends": run.late_sends,
        "all": summarize(run.samples, run.duration),
        "pages": {page: summarize(pages[page], run.duration) for page in sorted(pages)},
    }


# --- command line: used by bench.run in a process of its own -------------------------------


def load_targets(path: str) -> list[Target]:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return [
        Target(t["page"], t["path"], tuple((k, v) for k, v in t.get("headers", {}).items()))
        for t in data["sequence"]
    ]


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", required=True, help="targets.json written by bench.prepare")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mode", choices=["open", "closed"], required=True)
    parser.add_argument("--rate", type=float, default=100.0, help="open loop: requests/s")
    parser.add_argument("--clients", type=int, default=16, help="closed loop: connections")
    parser.add_argument("--duration", type=float, required=True, help="seconds")
    parser.add_argument("--offset", type=int, default=0, help="where to start in the sequence")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    parser.add_argument("--out", required=True, help="JSON summary to write")
    args = parser.parse_args(argv)
    targets = load_targets(args.targets)
    started = time.time()
    if args.mode == "open":
        run = asyncio.run(
            open_loop(
                targets,
                host=args.host,
                port=args.port,
                rate=args.rate,
                duration=args.duration,
                timeout=args.timeout,
                offset=args.offset,
            )
        )
    else:
        run = asyncio.run(
            closed_loop(
                targets,
                host=args.host,
                port=args.port,
                clients=args.clients,
                duration=args.duration,
                timeout=args.timeout,
                offset=args.offset,
            )
        )
    summary = summarize_run(run)
    summary["started_at"] = started
    if args.mode == "open":
        summary["offered_rps"] = args.rate
    else:
        summary["clients"] = args.clients
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
