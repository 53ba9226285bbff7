"""The benchmark: a synthetic municipality per size, served by gunicorn on 127.0.0.1, under a
mixed load of the real journeys from a second process.

    python -m bench.run                          # 1,000, 10,000 and 100,000 households, PostgreSQL
    python -m bench.run --db sqlite --sizes 1000
    python -m bench.run --smoke                  # CI: 1,000 households, 20 s, 20/s; fails on errors

Per size: create or reuse the database `eigenplan_bench_<size>_<seed>` (SQLite:
bench/cache/eigenplan_bench_<size>_<seed>.sqlite3), migrate and seed it (bench.prepare), start
gunicorn, warm up, then

1. latency: an open loop at a constant arrival rate (bench.loadgen), per page p50/p95/p99;
2. capacity: a closed loop of N clients with wrk (bench/wrk/mix.lua), or with bench.loadgen when
   wrk is missing;

while reading the workers' memory from /proc. Writes bench/results/<date>[-label].json, a
Markdown summary beside it and an SVG chart of p95 per page against size. The exit status is 1
when any request was answered with anything but 2xx (or not at all), never because of latency.
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import resource
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from bench import report
from bench.prepare import NEEDS_FRESH_DATABASE

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CACHE = BENCH / "cache"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# --- databases --------------------------------------------------------------------------------


def database_name(size: int, seed: int) -> str:
    return f"eigenplan_bench_{size}_{seed}"


def database_url(db: str, size: int, seed: int, pg_server: str) -> str:
    if db == "postgresql":
        return f"{pg_server}/{database_name(size, seed)}"
    return f"sqlite:///{CACHE / (database_name(size, seed) + '.sqlite3')}"


def ensure_pg_database(pg_server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            log(f"creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(args, size: int) -> None:
    """Only ever a benchmark database: eigenplan_bench_<size>_<seed>."""
    name = database_name(size, args.seed)
    log(f"dropping {name}, to seed it again")
    if args.db == "postgresql":
        import psycopg

        with psycopg.connect(f"{args.pg_server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        for path in CACHE.glob(f"{name}.sqlite3*"):
            path.unlink()


def postgres_version(pg_server: str) -> str:
    import psycopg

    with psycopg.connect(f"{pg_server}/postgres") as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def django_env(url: str, conn_max_age: int) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        EIGENPLAN_DEMO="1",  # seeding needs demo mode...
        DEBUG="0",  # ...but the pages are served as in production
        EIGENPLAN_DATA_DIR=str(CACHE / "data"),
        CONN_MAX_AGE=str(conn_max_age),
        LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
    )
    return env


# --- the server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn in a process group of its own, stopped by its own pid."""

    def __init__(self, env: dict, *, workers: int, worker_class: str, threads: int, log_path):
        self.port = free_port()
        gunicorn = Path(sys.executable).with_name("gunicorn")
        argv = [str(gunicorn)] if gunicorn.exists() else [sys.executable, "-m", "gunicorn"]
        argv += [
            "eigenplan.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--worker-class",
            worker_class,
            "--threads",
            str(threads),
            "--backlog",
            "2048",
            "--timeout",
            "60",
            "--no-control-socket",
        ]
        self.argv = argv
        self.log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
            argv, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        url = f"http://127.0.0.1:{self.port}/inloggen/"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start; see {self.log.name}")
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s")

    def workers(self) -> list[int]:
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
            return [int(p) for p in children.read_text().split()]
        except OSError:
            return []

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        self.log.close()


def rss_kib(pid: int) -> dict[str, int]:
    """Current (VmRSS) and peak (VmHWM) resident memory of a process, in KiB."""
    found = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _sep, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0])
    return found


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_cpu_seconds(pid: int) -> float:
    """user + system CPU time of a process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    try:
        first = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0.0, 0.0
    values = [int(v) for v in first[:8]]
    idle = values[3] + values[4]
    return (sum(values) - idle) / CLOCK_TICKS, sum(values) / CLOCK_TICKS


def wait_for_quiet(limit: float, busy_below: float = 0.35) -> float:
    """Other work on the machine skews every number here. Wait (at most `limit` seconds) until
    the machine is mostly idle; return the busy share seen last."""
    deadline = time.monotonic() + limit
    while True:
        busy0, total0 = machine_cpu()
        time.sleep(2)
        busy1, total1 = machine_cpu()
        share = (busy1 - busy0) / max(total1 - total0, 1e-9)
        if share < busy_below or time.monotonic() >= deadline:
            return round(share, 2)
        log(f"machine {share:.0%} busy with other work; waiting")


def pg_backends(pg_server: str, database: str) -> list[int]:
    """The PostgreSQL server processes serving the benchmark database (same machine)."""
    import psycopg

    try:
        with psycopg.connect(f"{pg_server}/postgres") as conn:
            rows = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [database],
            ).fetchall()
    except psycopg.Error:
        return []
    return [row[0] for row in rows]


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class CpuWatch:
    """CPU used during one phase by the gunicorn workers, by the PostgreSQL processes serving
    the benchmark database, by the load generator, and by the whole machine. The first three
    are this benchmark's own cost per request, which does not depend on what else the machine
    does; from it follows the capacity the machine would have with nothing else running."""

    def __init__(self, server: "Server", backends=None):
        self.server = server
        self.backends = backends or (lambda: [])

    def _own(self) -> dict[str, float]:
        return {
            "workers": sum(process_cpu_seconds(pid) for pid in self.server.workers()),
            "database": sum(process_cpu_seconds(pid) for pid in self.backends()),
        }

    def __enter__(self):
        self.start_own = self._own()
        self.start_children = children_cpu_seconds()
        self.machine = machine_cpu()
        return self

    def __exit__(self, *exc):
        end_own = self._own()
        busy0, total0 = self.machine
        busy1, total1 = machine_cpu()
        self.machine_busy_share = (busy1 - busy0) / max(total1 - total0, 1e-9)
        self.machine_busy_seconds = busy1 - busy0
        self.worker_seconds = end_own["workers"] - self.start_own["workers"]
        self.database_seconds = max(0.0, end_own["database"] - self.start_own["database"])
        self.loadgen_seconds = children_cpu_seconds() - self.start_children

    def summary(self, requests: int) -> dict:
        def per_request(seconds: float):
            return round(seconds * 1000 / requests, 2) if requests else None

        own = self.worker_seconds + self.database_seconds + self.loadgen_seconds
        cpus = os.cpu_count() or 1
        return {
            "worker_cpu_ms_per_request": per_request(self.worker_seconds),
            "database_cpu_ms_per_request": per_request(self.database_seconds),
            "loadgen_cpu_ms_per_request": per_request(self.loadgen_seconds),
            "own_cpu_ms_per_request": per_request(own),
            "machine_cpu_ms_per_request": per_request(self.machine_busy_seconds),
            "machine_busy_share": round(self.machine_busy_share, 2),
            "other_work_share": round(
                max(0.0, self.machine_busy_seconds - own) / max(self.machine_busy_seconds, 1e-9),
                2,
            ),
            "quiet_machine_capacity_rps": round(cpus * 1000 / per_request(own), 1)
            if requests and own > 0
            else None,
        }


class MemoryWatch:
    """Samples the workers' memory once a second while load runs; keeps each one's peak."""

    def __init__(self, server: Server):
        self.server = server
        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(5)
        self.sample()

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self.sample()

    def sample(self) -> None:
        for pid in self.server.workers():
            mem = rss_kib(pid)
            peak = max(mem.get("VmHWM", 0), mem.get("VmRSS", 0))
            self.peak[pid] = max(self.peak.get(pid, 0), peak)

    def summary(self) -> dict:
        per_worker = sorted((round(kib / 1024, 1) for kib in self.peak.values()), reverse=True)
        master = rss_kib(self.server.process.pid)
        return {
            "peak_rss_mb_per_worker": per_worker,
            "peak_rss_mb_max": per_worker[0] if per_worker else None,
            "master_rss_mb": round(master.get("VmHWM", 0) / 1024, 1),
        }


# --- load -------------------------------------------------------------------------------------


def run_loadgen(env: dict, targets: Path, port: int, out: Path, **options) -> dict:
    argv = [sys.executable, "-m", "bench.loadgen", "--targets", str(targets), "--port", str(port)]
    argv += ["--out", str(out)]
    for key, value in options.items():
        argv += [f"--{key.replace('_', '-')}", str(value)]
    limit = float(options["duration"]) + 60
    subprocess.run(argv, env=env, check=True, timeout=limit, cwd=ROOT)  # noqa: S603
    return json.loads(out.read_text())


def run_wrk(requests: Path, port: int, out: Path, *, clients: int, duration: int) -> dict:
    env = dict(os.environ, BENCH_WRK_REQUESTS=str(requests), BENCH_WRK_OUT=str(out))
    argv = [
        shutil.which("wrk") or "wrk",
        f"--threads={min(2, clients)}",
        f"--connections={clients}",
        f"--duration={duration}s",
        "--timeout=10s",
        f"--script={BENCH / 'wrk' / 'mix.lua'}",
        f"http://127.0.0.1:{port}/",
    ]
    subprocess.run(  # noqa: S603 - wrk from the system, fixed arguments
        argv, env=env, check=True, timeout=duration + 60, stdout=subprocess.DEVNULL
    )
    result = json.loads(out.read_text())
    result["clients"] = clients
    result["errors"] = result["non_2xx"] + sum(result["socket_errors"].values())
    return result


def capacity_from_loadgen(summary: dict) -> dict:
    overall = summary["all"]
    return {
        "tool": "bench.loadgen (closed loop)",
        "clients": summary["clients"],
        "requests": overall["requests"],
        "duration_s": summary["duration_s"],
        **{k: overall[k] for k in ("rps", "p50_ms", "p95_ms", "p99_ms", "max_ms", "errors")},
        "pages": summary["pages"],
    }


def bench_size(size: int, args, results_dir: Path) -> dict:
    url = database_url(args.db, size, args.seed, args.pg_server)
    key = f"{args.db}-{size}-{args.seed}"
    work = CACHE / "run" / key
    work.mkdir(parents=True, exist_ok=True)
    if args.db == "postgresql":
        ensure_pg_database(args.pg_server, database_name(size, args.seed))
    env = django_env(url, args.conn_max_age)
    log(f"{size:,} households: preparing ({args.db})")
    argv = [
        *(sys.executable, "-m", "bench.prepare"),
        *("--size", str(size), "--seed", str(args.seed), "--out", str(work)),
    ]
    for attempt in (1, 2):
        prepared = subprocess.run(  # noqa: S603
            argv,
            env=env,
            timeout=args.prepare_timeout,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        if prepared.returncode == NEEDS_FRESH_DATABASE and attempt == 1:
            drop_database(args, size)
            continue
        prepared.check_returncode()
        break
    info = json.loads(prepared.stdout.strip().splitlines()[-1])
    seeding = info["seeding"]
    how = "reused" if seeding["reused"] else f"took {seeding['seed_seconds']} s"
    log(f"{size:,} households: database {info['database_bytes'] / 1e6:.0f} MB, seeding {how}")
    server = Server(
        env,
        workers=args.workers,
        worker_class=args.worker_class,
        threads=args.threads,
        log_path=work / "gunicorn.log",
    )
    try:
        server.wait_ready()
        targets = work / "targets.json"
        log(f"{size:,} households: warming up {args.warmup} s")
        run_loadgen(
            env,
            targets,
            server.port,
            work / "warmup.json",
            mode="closed",
            clients=4,
            duration=args.warmup,
            offset=30_000,
        )
        if args.db == "postgresql":
            name = database_name(size, args.seed)

            def backends():
                return pg_backends(args.pg_server, name)
        else:
            backends = None
        quiet_before = wait_for_quiet(args.quiet_wait)
        with MemoryWatch(server) as memory:
            log(f"{size:,} households: open loop, {args.rate:g} requests/s for {args.duration} s")
            with CpuWatch(server, backends) as open_cpu:
                latency = run_loadgen(
                    env,
                    targets,
                    server.port,
                    work / "open.json",
                    mode="open",
                    rate=args.rate,
                    duration=args.duration,
                )
            if args.capacity_duration > 0:
                log(
                    f"{size:,} households: capacity, {args.clients} clients, "
                    f"{args.capacity_duration} s"
                )
                quiet_capacity = wait_for_quiet(args.quiet_wait)
                with CpuWatch(server, backends) as capacity_cpu:
                    if shutil.which("wrk") and not args.no_wrk:
                        capacity = run_wrk(
                            work / "requests.tsv",
                            server.port,
                            work / "wrk.json",
                            clients=args.clients,
                            duration=args.capacity_duration,
                        )
                    else:
                        capacity = capacity_from_loadgen(
                            run_loadgen(
                                env,
                                targets,
                                server.port,
                                work / "closed.json",
                                mode="closed",
                                clients=args.clients,
                                duration=args.capacity_duration,
                                offset=15_000,
                            )
                        )
                capacity["cpu"] = capacity_cpu.summary(capacity["requests"])
                capacity["machine_busy_before"] = quiet_capacity
            else:
                capacity = None
    finally:
        server.stop()
    pages = {}
    for page, stats in latency["pages"].items():
        pages[page] = {
            **{k: stats[k] for k in ("p50_ms", "p95_ms", "p99_ms", "max_ms", "rps", "errors")},
            "requests": stats["requests"],
            "queries": info["queries"].get(page, {}).get("max"),
            "statuses": stats["statuses"],
        }
    return {
        "size": size,
        "database": {
            "engine": info["vendor"],
            "name": info["database"],
            "size_bytes": info["database_bytes"],
            "size_mb": round(info["database_bytes"] / 1e6, 1),
            "seed_seconds": info["seeding"]["seed_seconds"],
            "reused": info["seeding"]["reused"],
        },
        "latency": {
            "offered_rps": args.rate,
            "duration_s": args.duration,
            "late_sends": latency["late_sends"],
            "max_connections_used": latency["max_connections_used"],
            "all": {k: latency["all"][k] for k in ("p50_ms", "p95_ms", "p99_ms", "rps", "errors")},
            "cpu": open_cpu.summary(latency["all"]["requests"]),
            "machine_busy_before": quiet_before,
        },
        "pages": pages,
        "capacity": capacity,
        "memory": memory.summary(),
        "queries": info["queries"],
        "pools": info["pool_sizes"],
        "gunicorn": " ".join(server.argv[1:]),
    }


# --- the machine ------------------------------------------------------------------------------


def machine(args) -> dict:
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = 0
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = int(line.split()[1])
    info = {
        "hostname": platform.node(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gb": round(mem / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "wrk": bool(shutil.which("wrk")) and not args.no_wrk,
    }
    if args.db == "postgresql":
        with contextlib.suppress(Exception):
            info["postgresql"] = postgres_version(args.pg_server)
    with contextlib.suppress(Exception):  # the code measured: the tree, or a PYTHONPATH copy
        info["eigenplan_code"] = subprocess.run(
            [
                sys.executable,
                "-c",
                "import eigenplan, os; print(os.path.dirname(eigenplan.__file__))",
            ],
            env=django_env("sqlite://:memory:", 0),
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
    with contextlib.suppress(Exception):
        info["git_commit"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        info["git_dirty_src"] = bool(dirty)
    return info


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000", help="households, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--pg-server", default=os.environ.get("BENCH_PG_SERVER", PG_SERVER))
    parser.add_argument("--rate", type=float, default=100.0, help="open loop: requests/s")
    parser.add_argument("--duration", type=int, default=60, help="open loop: seconds")
    parser.add_argument("--clients", type=int, default=16, help="capacity: concurrent clients")
    parser.add_argument("--capacity-duration", type=int, default=30, help="capacity: seconds")
    parser.add_argument("--warmup", type=int, default=5, help="seconds, not measured")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument("--conn-max-age", type=int, default=600, help="CONN_MAX_AGE, seconds")
    parser.add_argument("--no-wrk", action="store_true", help="capacity with bench.loadgen")
    parser.add_argument(
        "--quiet-wait",
        type=int,
        default=120,
        help="seconds to wait, at most, for other work on the machine to stop before measuring",
    )
    parser.add_argument("--prepare-timeout", type=int, default=1800, help="seconds")
    parser.add_argument("--label", default="", help="suffix of the result files")
    parser.add_argument("--out", default=str(BENCH / "results"), help="results directory")
    parser.add_argument("--compare", help="an earlier results JSON to show before/after against")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="CI: 1,000 households, 20 s open loop at 20 requests/s, 10 s capacity, results in "
        "bench/cache",
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.sizes = "1000"
        args.duration = 20
        # The smoke run checks that the harness and every page of the mix work, not what the
        # machine can take: at a rate below any machine's capacity a late answer is a real error,
        # not a queue (CI's machine served about 50 requests/s of the mix on 2026-11-29).
        args.rate = min(args.rate, 20.0)
        args.capacity_duration = 10
        args.warmup = 3
        args.quiet_wait = min(args.quiet_wait, 10)
        if args.out == str(BENCH / "results"):
            args.out = str(CACHE / "smoke")
        args.label = args.label or "smoke"
    args.size_list = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if not args.size_list or min(args.size_list) < 1:
        parser.error("--sizes: give one or more positive numbers")
    for name in ("duration", "capacity_duration", "warmup"):
        if not 0 <= getattr(args, name) <= 3600:
            parser.error(f"--{name.replace('_', '-')} is between 0 and 3600 seconds")
    if not 0 < args.rate <= 5000 or not 1 <= args.clients <= 512:
        parser.error("--rate is at most 5000 a second, --clients between 1 and 512")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    # Stopped with SIGTERM (make, CI, timeout): unwind, so that gunicorn is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    results_dir = Path(args.out)
    results_dir.mkdir(parents=True, exist_ok=True)
    started = datetime.datetime.now(datetime.UTC)
    result = {
        "schema": 1,
        "date": started.isoformat(timespec="seconds"),
        "machine": machine(args),
        "config": {
            "seed": args.seed,
            "db": args.db,
            "offered_rps": args.rate,
            "duration_s": args.duration,
            "capacity_clients": args.clients,
            "capacity_duration_s": args.capacity_duration,
            "warmup_s": args.warmup,
            "gunicorn": {
                "workers": args.workers,
                "worker_class": args.worker_class,
                "threads": args.threads,
            },
            "conn_max_age": args.conn_max_age,
            "debug": False,
            "pages": None,
        },
        "sizes": {},
    }
    stem = started.strftime("%Y-%m-%d") + (f"-{args.label}" if args.label else "")
    json_path = results_dir / f"{stem}.json"
    for size in args.size_list:
        outcome = bench_size(size, args, results_dir)
        result["sizes"][str(size)] = outcome
        # What is measured is kept, even when a later size fails.
        json_path.write_text(json.dumps({**result, "complete": False}, indent=2) + "\n")
    from bench.prepare import PAGES

    result["config"]["pages"] = {name: text for name, (_w, text) in PAGES.items()}
    result["config"]["mix_weights"] = {name: w for name, (w, _t) in PAGES.items()}
    result["targets"] = report.evaluate(result)
    result["complete"] = True
    json_path.write_text(json.dumps(result, indent=2) + "\n")
    svg_path = results_dir / f"{stem}-p95.svg"
    svg_path.write_text(report.chart(result))
    before = json.loads(Path(args.compare).read_text()) if args.compare else None
    md_path = results_dir / f"{stem}.md"
    md_path.write_text(report.markdown(result, chart_name=svg_path.name, before=before))
    log(f"wrote {json_path}, {md_path.name} and {svg_path.name}")
    print(report.console(result))
    errors = report.total_errors(result)
    if errors:
        log(f"FAILED: {errors} requests were not answered with 2xx")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
