"""What a benchmark run means: the issue's targets checked, a Markdown summary, an SVG chart
of p95 per page against size (written by hand: no plotting library), and a line per page for
the console."""

import math
from html import escape

TARGET_SIZE = 100_000
LATENCY_P95_MS = 50
LATENCY_P99_MS = 150
CAPACITY_RPS = 300
GROWTH_FACTOR = 1.5
IMPORT_SECONDS = 600

COLOURS = [
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
    "#bcbd22",
    "#393b79",
    "#637939",
]


def _sizes(result: dict) -> list[int]:
    return sorted(int(s) for s in result["sizes"])


def total_errors(result: dict) -> int:
    errors = 0
    for outcome in result["sizes"].values():
        errors += sum(p["errors"] for p in outcome["pages"].values())
        if outcome.get("capacity"):
            errors += outcome["capacity"]["errors"]
    return errors


DISTURBED_SHARE = 0.2  # more of the machine's CPU than this went to other work: numbers unsure


def disturbance(outcome: dict) -> float:
    """The largest share of the machine's CPU that went to work other than this benchmark
    while one size was measured (0 when unknown)."""
    shares = [
        (phase or {}).get("cpu", {}).get("other_work_share") or 0.0
        for phase in (outcome.get("latency"), outcome.get("capacity"))
    ]
    return max(shares)


def evaluate(result: dict) -> dict:
    """Each of the issue's targets: met, missed, or not measured in this run (None). A check
    whose measurements were disturbed by other work on the machine says so (`disturbed`)."""
    sizes = _sizes(result)
    big = result["sizes"].get(str(TARGET_SIZE))
    checks: dict[str, dict] = {}
    if big is not None:
        missed = [
            name
            for name, p in big["pages"].items()
            if p["p95_ms"] >= LATENCY_P95_MS or p["p99_ms"] >= LATENCY_P99_MS or p["errors"]
        ]
        checks["latency"] = {
            "target": f"at {TARGET_SIZE:,} households and {result['config']['offered_rps']:g} "
            f"requests/s: p95 < {LATENCY_P95_MS} ms, p99 < {LATENCY_P99_MS} ms, no errors, "
            "every page",
            "met": not missed,
            "missed_by": missed,
        }
        capacity = big.get("capacity")
        checks["capacity"] = {
            "target": f"{result['config']['capacity_clients']} clients: at least {CAPACITY_RPS} "
            "requests/s, no errors",
            "met": None
            if capacity is None
            else capacity["rps"] >= CAPACITY_RPS and capacity["errors"] == 0,
            "rps": None if capacity is None else capacity["rps"],
        }
        seconds = big["database"].get("seed_seconds")
        checks["import"] = {
            "target": f"seeding {TARGET_SIZE:,} households in under {IMPORT_SECONDS // 60} minutes",
            "met": None if seconds is None else seconds < IMPORT_SECONDS,
            "seconds": seconds,
        }
    if len(sizes) >= 2 and sizes[0] <= 1000 and sizes[-1] >= TARGET_SIZE:
        small, large = result["sizes"][str(sizes[0])], result["sizes"][str(sizes[-1])]
        factors = {}
        for name, p in large["pages"].items():
            before = small["pages"].get(name)
            if before and before["p95_ms"] > 0:
                factors[name] = round(p["p95_ms"] / before["p95_ms"], 2)
        missed = sorted(name for name, f in factors.items() if f > GROWTH_FACTOR)
        checks["growth"] = {
            "target": f"no page's p95 grows more than {GROWTH_FACTOR}x from {sizes[0]:,} to "
            f"{sizes[-1]:,} households",
            "met": not missed,
            "factors": factors,
            "missed_by": missed,
        }
        checks["growth"]["disturbed"] = max(disturbance(small), disturbance(large))
    if big is not None:
        for name in ("latency", "capacity"):
            checks[name]["disturbed"] = disturbance(big)
    return checks


# --- SVG --------------------------------------------------------------------------------------


def _nice_ceiling(value: float) -> float:
    if value <= 0 or math.isnan(value):
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def chart(result: dict, *, width: int = 760, height: int = 440) -> str:
    """p95 per page (lines) against the number of households (log scale)."""
    sizes = _sizes(result)
    pages = sorted({name for o in result["sizes"].values() for name in o["pages"]})
    left, right, top, bottom = 64, 200, 40, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [
        result["sizes"][str(s)]["pages"][p]["p95_ms"]
        for s in sizes
        for p in pages
        if p in result["sizes"][str(s)]["pages"]
    ]
    y_max = _nice_ceiling(max([v for v in values if not math.isnan(v)], default=1.0))
    y_max = max(y_max, LATENCY_P95_MS * 1.2)
    y_max = _nice_ceiling(y_max)
    log_min, log_max = math.log10(min(sizes)), math.log10(max(sizes))

    def x_of(size: int) -> float:
        if log_max == log_min:
            return left + plot_w / 2
        return left + (math.log10(size) - log_min) / (log_max - log_min) * plot_w

    def y_of(ms: float) -> float:
        return top + plot_h - min(ms, y_max) / y_max * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="22" font-size="14" font-weight="bold">p95 latency per page '
        f"at {result['config']['offered_rps']:g} requests/s ({escape(result['config']['db'])})"
        "</text>",
    ]
    for i in range(6):
        ms = y_max * i / 5
        y = y_of(ms)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{ms:g}</text>')
    target_y = y_of(LATENCY_P95_MS)
    out.append(
        f'<line x1="{left}" y1="{target_y:.1f}" x2="{left + plot_w}" y2="{target_y:.1f}" '
        'stroke="#d62728" stroke-dasharray="6 4"/>'
    )
    out.append(
        f'<text x="{left + plot_w - 4}" y="{target_y - 4:.1f}" text-anchor="end" '
        f'fill="#d62728">target p95 {LATENCY_P95_MS} ms</text>'
    )
    for size in sizes:
        x = x_of(size)
        out.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" stroke="#eee"/>'
        )
        out.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 18}" text-anchor="middle">{size:,}</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="black"/>'
    )
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="black"/>')
    out.append(
        f'<text x="{left + plot_w / 2}" y="{height - 14}" text-anchor="middle">households '
        "(log scale)</text>"
    )
    out.append(
        f'<text x="16" y="{top + plot_h / 2}" text-anchor="middle" '
        f'transform="rotate(-90 16 {top + plot_h / 2})">p95 (ms)</text>'
    )
    for n, page in enumerate(pages):
        colour = COLOURS[n % len(COLOURS)]
        points = [
            (x_of(s), y_of(result["sizes"][str(s)]["pages"][page]["p95_ms"]))
            for s in sizes
            if page in result["sizes"][str(s)]["pages"]
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for x, y in points:
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
        ly = top + 14 + n * 18
        lx = left + plot_w + 16
        out.append(
            f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 18}" y2="{ly - 4}" stroke="{colour}" '
            'stroke-width="3"/>'
        )
        out.append(f'<text x="{lx + 24}" y="{ly}">{escape(page)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


# --- Markdown ---------------------------------------------------------------------------------


def _mark(met) -> str:
    return {True: "met", False: "**missed**", None: "not measured"}[met]


def _ms(value) -> str:
    return (
        "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:g}"
    )


def markdown(result: dict, *, chart_name: str, before: dict | None = None) -> str:
    config, m = result["config"], result["machine"]
    gunicorn = config["gunicorn"]
    lines = [
        f"# Benchmark {result['date']}",
        "",
        f"Machine: {m.get('cpus')} CPUs ({m.get('cpu') or 'unknown'}), {m.get('memory_gb')} GB, "
        f"{m.get('os')}, Python {m.get('python')}"
        + (f", PostgreSQL {m['postgresql']}" if m.get("postgresql") else "")
        + f"; commit {m.get('git_commit', '?')}"
        + (" with local changes in src/" if m.get("git_dirty_src") else "")
        + ".",
        "",
        f"Database: {config['db']}; seed {config['seed']}. Server: gunicorn, "
        f"{gunicorn['workers']} {gunicorn['worker_class']} workers"
        + (f" x {gunicorn['threads']} threads" if gunicorn["threads"] > 1 else "")
        + f", DEBUG off, CONN_MAX_AGE {config['conn_max_age']}. Load generator on the same "
        "machine, in its own process.",
        "",
        f"Latency: open loop at a constant {config['offered_rps']:g} requests/s for "
        f"{config['duration_s']} s, latency from the scheduled send time. Capacity: "
        f"{config['capacity_clients']} clients back to back for {config['capacity_duration_s']} s "
        f"({'wrk' if m.get('wrk') else 'bench.loadgen'}). Queries: Django's test client with "
        "the same credentials, the most of a few requests per page.",
        "",
        "## Targets",
        "",
    ]
    targets = result.get("targets", {})
    if not targets:
        lines.append(f"Not checked: the targets are about {TARGET_SIZE:,} households.")
    for name, check in targets.items():
        detail = ""
        if check.get("missed_by"):
            detail = f" (missed by: {', '.join(check['missed_by'])})"
        if name == "capacity" and check.get("rps") is not None:
            detail += f" ({check['rps']:g} requests/s)"
        if name == "import" and check.get("seconds") is not None:
            detail += f" ({check['seconds']:g} s)"
        if (check.get("disturbed") or 0) > DISTURBED_SHARE:
            detail += (
                f" — not a fair verdict: {check['disturbed']:.0%} of the machine's CPU went to "
                "other work during the measurement"
            )
        lines.append(f"- {name}: {_mark(check['met'])}. {check['target']}{detail}.")
    if "growth" in targets:
        factors = targets["growth"]["factors"]
        lines.append("")
        lines.append(
            "Growth of p95 from the smallest to the largest size: "
            + ", ".join(f"{k} {v:g}x" for k, v in sorted(factors.items()))
            + "."
        )
    lines += ["", f"![p95 per page against size]({chart_name})", ""]
    for size in _sizes(result):
        o = result["sizes"][str(size)]
        db = o["database"]
        lat = o["latency"]
        lines += [
            f"## {size:,} households",
            "",
            f"Database {db['size_mb']:g} MB"
            + (f", seeded in {db['seed_seconds']:g} s" if db.get("seed_seconds") else "")
            + (" (reused)" if db.get("reused") else "")
            + f". Open loop: {lat['all']['rps']:g} requests/s achieved, "
            f"p50 {lat['all']['p50_ms']:g} / p95 {lat['all']['p95_ms']:g} / "
            f"p99 {lat['all']['p99_ms']:g} ms over all pages, {lat['all']['errors']} errors, "
            f"{lat['max_connections_used']} connections used.",
            "",
            "| page | p50 ms | p95 ms | p99 ms | max ms | requests/s | errors | queries |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for name, p in sorted(o["pages"].items()):
            lines.append(
                f"| {name} | {_ms(p['p50_ms'])} | {_ms(p['p95_ms'])} | {_ms(p['p99_ms'])} | "
                f"{_ms(p['max_ms'])} | {p['rps']:g} | {p['errors']} | {_ms(p['queries'])} |"
            )
        cap = o.get("capacity")
        if cap:
            lines += [
                "",
                f"Capacity ({cap['clients']} clients, {cap['tool']}): **{cap['rps']:g} "
                f"requests/s**, {cap['errors']} errors, p50 {cap['p50_ms']:g} / p95 "
                f"{cap['p95_ms']:g} / p99 {cap['p99_ms']:g} ms.",
            ]
        mem = o["memory"]
        peaks = ", ".join(f"{v:g}" for v in mem["peak_rss_mb_per_worker"])
        lines += [
            "",
            f"Peak memory per worker (RSS): {peaks} MB; master {mem['master_rss_mb']:g} MB.",
        ]
        cpu_open = lat.get("cpu") or {}
        cpu_cap = (cap or {}).get("cpu") or {}
        for label, cpu in (("open loop", cpu_open), ("capacity", cpu_cap)):
            if not cpu:
                continue
            lines += [
                "",
                f"CPU per request, {label}: gunicorn workers "
                f"{_ms(cpu.get('worker_cpu_ms_per_request'))} ms, PostgreSQL "
                f"{_ms(cpu.get('database_cpu_ms_per_request'))} ms, load generator "
                f"{_ms(cpu.get('loadgen_cpu_ms_per_request'))} ms; this benchmark's own "
                f"{_ms(cpu.get('own_cpu_ms_per_request'))} ms of the machine's "
                f"{_ms(cpu.get('machine_cpu_ms_per_request'))} ms (other work on the machine: "
                f"{cpu.get('other_work_share', 0):.0%}). "
                + (
                    "On a quiet machine that would be about "
                    f"{_ms(cpu.get('quiet_machine_capacity_rps'))} requests/s."
                    if label == "capacity"
                    else ""
                ),
            ]
        lines.append("")
    lines += ["## Pages", ""]
    for name, text in (config.get("pages") or {}).items():
        weight = (config.get("mix_weights") or {}).get(name)
        lines.append(f"- `{name}` ({weight}% of the mix): {text}")
    if before is not None:
        lines += ["", *compare_lines(before, result)]
    return "\n".join(lines) + "\n"


def compare_lines(before: dict, after: dict) -> list[str]:
    lines = [
        f"## Before and after (before: {before['date']}, commit "
        f"{before['machine'].get('git_commit', '?')})",
        "",
        "| size | page | p95 before | p95 after | p99 before | p99 after | queries before | "
        "queries after |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for size in _sizes(after):
        old = before["sizes"].get(str(size))
        if old is None:
            continue
        for name, p in sorted(after["sizes"][str(size)]["pages"].items()):
            q = old["pages"].get(name)
            if q is None:
                continue
            lines.append(
                f"| {size:,} | {name} | {_ms(q['p95_ms'])} | {_ms(p['p95_ms'])} | "
                f"{_ms(q['p99_ms'])} | {_ms(p['p99_ms'])} | {_ms(q.get('queries'))} | "
                f"{_ms(p.get('queries'))} |"
            )
    lines += ["", "| size | capacity before (req/s) | capacity after (req/s) |", "|---:|---:|---:|"]
    for size in _sizes(after):
        old = before["sizes"].get(str(size))
        cap_new = after["sizes"][str(size)].get("capacity")
        if old is None or not old.get("capacity") or not cap_new:
            continue
        lines.append(f"| {size:,} | {old['capacity']['rps']:g} | {cap_new['rps']:g} |")
    return lines


def console(result: dict) -> str:
    out = []
    for size in _sizes(result):
        o = result["sizes"][str(size)]
        out.append(f"{size:>7,} households  ({o['database']['size_mb']:g} MB)")
        for name, p in sorted(o["pages"].items()):
            out.append(
                f"  {name:<16} p50 {p['p50_ms']:>7.1f}  p95 {p['p95_ms']:>7.1f}  "
                f"p99 {p['p99_ms']:>7.1f} ms  {p['rps']:>6.1f}/s  errors {p['errors']:>3}  "
                f"queries {_ms(p['queries'])}"
            )
        cap = o.get("capacity")
        if cap:
            out.append(
                f"  capacity: {cap['rps']:.1f} requests/s with {cap['clients']} clients, "
                f"p50 {cap['p50_ms']:.1f} p95 {cap['p95_ms']:.1f} p99 {cap['p99_ms']:.1f} ms, "
                f"errors {cap['errors']}"
            )
        out.append(f"  peak RSS per worker (MB): {o['memory']['peak_rss_mb_per_worker']}")
        for label, cpu in (("open", o["latency"].get("cpu")), ("capacity", (cap or {}).get("cpu"))):
            if cpu:
                out.append(
                    f"  CPU ms/request ({label}): workers {cpu['worker_cpu_ms_per_request']}, "
                    f"postgres {cpu['database_cpu_ms_per_request']}, "
                    f"loadgen {cpu['loadgen_cpu_ms_per_request']}, "
                    f"own {cpu['own_cpu_ms_per_request']}, "
                    f"machine {cpu['machine_cpu_ms_per_request']}; "
                    f"other work {cpu['other_work_share']:.0%}; "
                    f"quiet-machine capacity {cpu['quiet_machine_capacity_rps']}/s"
                )
    for name, check in result.get("targets", {}).items():
        out.append(f"target {name}: {_mark(check['met'])}")
    return "\n".join(out)


def main(argv=None) -> int:
    """Write the Markdown summary and the chart again from a results JSON (after a change
    to this module), checking the targets again: python -m bench.report RESULT.json"""
    import argparse
    import json
    from pathlib import Path

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("result")
    parser.add_argument("--compare", help="an earlier results JSON")
    args = parser.parse_args(argv)
    path = Path(args.result)
    result = json.loads(path.read_text())
    result["targets"] = evaluate(result)
    path.write_text(json.dumps(result, indent=2) + "\n")
    svg = path.with_name(path.stem + "-p95.svg")
    svg.write_text(chart(result))
    before = json.loads(Path(args.compare).read_text()) if args.compare else None
    path.with_suffix(".md").write_text(markdown(result, chart_name=svg.name, before=before))
    print(console(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
