"""Profile one page of the benchmark mix in-process with pyinstrument, against the prepared
benchmark database, through Django's whole request handling (middleware, view, template),
without HTTP:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eigenplan_bench_100000_1 \\
    EIGENPLAN_DEMO=1 DEBUG=0 EIGENPLAN_DATA_DIR=bench/cache/data \\
    .venv/bin/python -m bench.profile --targets bench/cache/run/postgresql-100000-1/targets.json \\
        --page plan --requests 300 [--html out.html]

Uses the same requests and credentials as the load (bench.prepare's targets.json). Prints the
mean time per request and pyinstrument's call tree. pyinstrument is a bench-only tool.
"""

import argparse
import json
import os
import statistics
import time


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", required=True)
    parser.add_argument("--page", required=True, help="a page name of the mix, or 'all'")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--html", help="also write pyinstrument's HTML report here")
    parser.add_argument("--no-profile", action="store_true", help="only time the requests")
    parser.add_argument("--all-frames", action="store_true", help="show library frames too")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigenplan.settings")
    import django

    django.setup()
    from django.test import Client

    with open(args.targets, encoding="utf-8") as f:
        sequence = json.load(f)["sequence"]
    chosen = [t for t in sequence if args.page in ("all", t["page"])][: args.requests]
    if not chosen:
        raise SystemExit(f"no requests for page {args.page!r}")

    client = Client(HTTP_HOST="127.0.0.1")  # one: a new one would load the middleware again

    def send(target):
        client.cookies.clear()
        headers = dict(target["headers"])
        if "Cookie" in headers:
            name, _sep, value = headers.pop("Cookie").partition("=")
            client.cookies[name] = value
        response = client.get(target["path"], headers=headers)
        if response.status_code != 200:
            raise SystemExit(f"{target['path']} answered {response.status_code}")

    for target in chosen[:10]:  # warm: imports, templates, connection
        send(target)
    profiler = None
    if not args.no_profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
    times = []
    cpu_started = time.process_time()
    for target in chosen:
        started = time.perf_counter()
        send(target)
        times.append((time.perf_counter() - started) * 1000)
    cpu = (time.process_time() - cpu_started) * 1000 / len(chosen)
    if profiler is not None:
        profiler.stop()
    times.sort()
    print(
        f"{args.page}: {len(times)} requests, CPU {cpu:.2f} ms each (this process, not the "
        f"database), wall mean {statistics.mean(times):.2f} ms, median "
        f"{statistics.median(times):.2f} ms, p95 {times[int(len(times) * 0.95) - 1]:.2f} ms"
    )
    if profiler is not None:
        print(profiler.output_text(unicode=False, color=False, show_all=args.all_frames))
        if args.html:
            with open(args.html, "w", encoding="utf-8") as f:
                f.write(profiler.output_html())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
