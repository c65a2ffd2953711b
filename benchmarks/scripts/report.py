#!/usr/bin/python3
"""Turns what benchmarks/run recorded into results.json, results.md and chart.svg.

Usage: report.py OUT_DIR
Reads OUT_DIR/raw/raw.jsonl (one JSON object per measurement, failure or note), OUT_DIR/raw/meta.json (machine,
versions, settings) and, if present, OUT_DIR/raw/jmh.json (JMH's JSON result). Standard library only.
"""
import copy
import html
import json
import statistics
import sys
from pathlib import Path

SERVER_ORDER = ["jvicorn", "jvicorn-baseline", "jvicorn-vt", "jvicorn-vt-baseline", "naive", "naive-vt", "netty-nio",
                "netty-epoll", "helidon", "jetty", "uvicorn", "nginx", "jvicorn-cli", "jvicorn-launcher",
                "webflux-jvicorn", "webflux-netty"]
SERVER_LABELS = {
    "jvicorn": "jvicorn",
    "jvicorn-vt": "jvicorn (virtual thread per request)",
    # The baseline labels get the baseline's commit in main().
    "jvicorn-baseline": "jvicorn baseline",
    "jvicorn-vt-baseline": "jvicorn baseline (virtual thread per request)",
    "naive": "naive NIO (JVM ceiling)",
    "naive-vt": "naive virtual threads (ceiling)",
    "netty-nio": "Netty (NIO)",
    "netty-epoll": "Netty (epoll)",
    "helidon": "Helidon SE",
    "jetty": "Jetty",
    "uvicorn": "Uvicorn",
    "nginx": "nginx",
    "jvicorn-cli": "jvicorn (CLI jar)",
    "jvicorn-launcher": "jvicorn (launcher, AOT cache)",
    "webflux-jvicorn": "WebFlux on jvicorn",
    "webflux-netty": "WebFlux on Reactor Netty",
}
COLORS = {
    "jvicorn": "#e8590c",
    "jvicorn-vt": "#ff922b",
    "jvicorn-baseline": "#c9a28a",
    "jvicorn-vt-baseline": "#dfc5b2",
    "naive": "#adb5bd",
    "naive-vt": "#ced4da",
    "netty-nio": "#1971c2",
    "netty-epoll": "#74c0fc",
    "helidon": "#7048e8",
    "jetty": "#2f9e44",
    "uvicorn": "#f2b600",
    "nginx": "#495057",
    "jvicorn-cli": "#ffa94d",
    "jvicorn-launcher": "#e8590c",
    "webflux-jvicorn": "#d9480f",
    "webflux-netty": "#1864ab",
}
HTTP_WORKLOADS = ["plaintext", "json", "10k", "1m", "echo", "pipeline"]
# HTTP/2 cleartext (prior knowledge), measured with h2load: no latency percentiles.
H2_WORKLOADS = ["h2-plaintext", "h2-10k"]
H2_SERVERS = ["jvicorn-vt", "jvicorn-vt-baseline", "netty-nio", "netty-epoll", "helidon", "jetty"]
DB_WORKLOADS = ["db", "fortunes"]
NETTY = ["netty-nio", "netty-epoll"]
WORKLOAD_LABELS = {
    "plaintext": "plaintext (13 B)",
    "json": "JSON",
    "10k": "10 KiB GET",
    "1m": "1 MiB GET",
    "echo": "10 KiB POST echo",
    "pipeline": "plaintext, 16-deep pipelining",
    "h2-plaintext": "h2 plaintext (13 B)",
    "h2-10k": "h2 10 KiB GET",
    "db": "single query",
    "fortunes": "fortunes",
    "websocket": "WebSocket echo",
}
# benchmarks/run --baseline: each baseline server and the server of this tree it is compared with.
BASELINE_PAIRS = [("jvicorn-baseline", "jvicorn"), ("jvicorn-vt-baseline", "jvicorn-vt")]
# What the before-and-after table compares, per workload: (metric, label, digits). WebSocket counts messages.
COMPARED_LOAD = [("rps", "requests/s", 0), ("p99_ms", "p99 latency (ms)", 2), ("cpu_us", "server CPU µs/request", 1)]
COMPARED = {
    "idle": [("rss_per_connection", "RSS per connection (B)", 0),
             ("heap_per_connection", "live heap per connection (B)", 0)],
    "startup": [("first_response_ms", "first response (ms)", 1)],
}

# Pairs that are not measured by design (benchmarks/run's supports()).
NOT_APPLICABLE = {
    ("naive", "echo"): "canned replies only",
    ("naive", "websocket"): "canned replies only",
    ("naive", "db"): "canned replies only",
    ("naive", "fortunes"): "canned replies only",
    ("naive-vt", "echo"): "canned replies only",
    ("naive-vt", "websocket"): "canned replies only",
    ("naive-vt", "db"): "canned replies only",
    ("naive-vt", "fortunes"): "canned replies only",
    ("nginx", "websocket"): "no WebSocket application",
    ("nginx", "db"): "no application",
    ("nginx", "fortunes"): "no application",
    ("jvicorn", "db"): "an inline (NonBlockingApplication) app must not block; jvicorn-vt runs the blocking JDBC app",
    ("jvicorn", "fortunes"): "an inline (NonBlockingApplication) app must not block; jvicorn-vt runs the blocking "
                             "JDBC app",
    ("jvicorn-baseline", "db"): "as jvicorn",
    ("jvicorn-baseline", "fortunes"): "as jvicorn",
}


for _server in SERVER_ORDER:
    if _server not in H2_SERVERS:
        for _w in H2_WORKLOADS:
            NOT_APPLICABLE[(_server, _w)] = "no HTTP/2 server" if _server not in ("jvicorn", "jvicorn-baseline") else \
                "HTTP/2 streams always run on virtual threads: jvicorn-vt serves the h2 workloads"


# Pairs found unsupported at run time (jvicorn's WebSocket while it is being written), filled by main().
UNSUPPORTED = set()


def base_workload(key):
    """db@c64 -> db."""
    return key.split("@")[0]


def is_not_applicable(server, workload):
    workload = base_workload(workload)
    if server in ("jvicorn-cli", "jvicorn-launcher"):
        return workload != "startup"
    return (server, workload) in NOT_APPLICABLE or (server, workload) in UNSUPPORTED


def load(out):
    records = []
    with open(out / "raw" / "raw.jsonl") as f:
        for line in f:
            line = line.strip()
            if line:
                records.append(json.loads(line))
    meta = json.loads((out / "raw" / "meta.json").read_text())
    jmh_file = out / "raw" / "jmh.json"
    jmh = json.loads(jmh_file.read_text()) if jmh_file.exists() else None
    return records, meta, jmh


def workload_key(r):
    """The database workloads run at several connection counts: each count is a workload of its own."""
    if r["workload"] in DB_WORKLOADS:
        return "{}@c{}".format(r["workload"], r["connections"])
    return r["workload"]


def samples(records, meta):
    """Per (workload, server, configuration): lists of each metric over the rounds; and each server's default
    configuration, as the runner marked it."""
    hz = meta["machine"]["clock_ticks_per_second"]
    table = {}
    defaults = {}

    def add(workload, r, metric, value):
        if value is not None:
            key = (workload, r["server"], r.get("config", "default"))
            table.setdefault(key, {}).setdefault(metric, []).append(value)

    for r in records:
        kind = r["type"]
        if kind in ("wrk", "h2load", "websocket", "idle", "startup") and r.get("default", True):
            defaults[r["server"]] = r.get("config", "default")
        if kind in ("wrk", "h2load", "websocket", "idle") and r.get("threads"):
            table.setdefault(("threads", r["server"], r.get("config", "default")), {})["threads"] = [r["threads"]]
        if kind == "wrk":
            w = r["wrk"]
            key = workload_key(r)
            seconds = w["duration_us"] / 1e6
            add(key, r, "rps", w["requests"] / seconds if seconds else 0)
            add(key, r, "p50_ms", w["p50_us"] / 1000)
            add(key, r, "p99_ms", w["p99_us"] / 1000)
            add(key, r, "errors",
                w["connect_errors"] + w["read_errors"] + w["write_errors"] + w["status_errors"] + w["timeouts"])
            if w["requests"]:
                add(key, r, "cpu_us", r["cpu_ticks"] * 1e6 / hz / w["requests"])
                if "db_cpu_ticks" in r:
                    add(key, r, "db_cpu_us", r["db_cpu_ticks"] * 1e6 / hz / w["requests"])
            if r.get("rss_bytes"):
                add(key, r, "rss_mib", r["rss_bytes"] / 2 ** 20)
        elif kind == "h2load":
            h = r["h2load"]
            seconds = h["duration_us"] / 1e6
            add(r["workload"], r, "rps", h["requests"] / seconds if seconds else 0)
            add(r["workload"], r, "mean_ms", h["mean_us"] / 1000 if h.get("mean_us") is not None else None)
            add(r["workload"], r, "errors", h["failed"] + h["errored"] + h["timeout"])
            if h["requests"]:
                add(r["workload"], r, "cpu_us", r["cpu_ticks"] * 1e6 / hz / h["requests"])
            if r.get("rss_bytes"):
                add(r["workload"], r, "rss_mib", r["rss_bytes"] / 2 ** 20)
        elif kind == "websocket":
            ws = r["ws"]
            add("websocket", r, "rps", ws["rate"])
            add("websocket", r, "p50_ms", ws["p50_ms"])
            add("websocket", r, "p99_ms", ws["p99_ms"])
            if ws["messages"]:
                add("websocket", r, "cpu_us", r["cpu_ticks"] * 1e6 / hz / ws["messages"])
            if r.get("rss_bytes"):
                add("websocket", r, "rss_mib", r["rss_bytes"] / 2 ** 20)
        elif kind == "idle":
            i = r["idle"]
            add("idle", r, "rss_per_connection", i["rss_per_connection"])
            add("idle", r, "heap_per_connection", i["heap_per_connection"])
            if i["heap_per_connection"] is not None:
                add("idle", r, "memory_per_connection", i["rss_per_connection"] + i["heap_per_connection"])
            add("idle", r, "still_open", i["still_open"])
            add("idle", r, "connections", i["connections"])
        elif kind == "startup":
            add("startup", r, "first_response_ms", r["startup"]["first_response_ms"])
    return table, defaults


def summarize(table, defaults):
    """Medians per configuration; then per workload and server the configuration with the most requests/s ("best")
    and the server's default one, each with its ratio to Netty's best (or default) of both transports."""
    configs = {}
    threads = {}
    for (workload, server, config), metrics in sorted(table.items()):
        if workload == "threads":
            threads[(server, config)] = metrics["threads"][0]
            continue
        entry = configs.setdefault(workload, {}).setdefault(server, {}).setdefault(config, {})
        for metric, values in metrics.items():
            entry[metric] = {"median": statistics.median(values), "samples": values}
    best, default = {}, {}
    for workload, servers in configs.items():
        for server, by_config in servers.items():
            chosen = max(by_config, key=lambda c: by_config[c].get("rps", {}).get("median", 0))
            if workload in ("idle", "startup"):
                chosen = defaults.get(server) if defaults.get(server) in by_config else chosen
            best.setdefault(workload, {})[server] = dict(copy.deepcopy(by_config[chosen]), config=chosen,
                                                         threads=threads.get((server, chosen), ""))
            d = defaults.get(server)
            if d in by_config:
                default.setdefault(workload, {})[server] = dict(copy.deepcopy(by_config[d]), config=d,
                                                                threads=threads.get((server, d), ""))
    for selection in (best, default):
        for workload, servers in selection.items():
            netty = [servers[n] for n in NETTY if n in servers and "rps" in servers[n]]
            reference = max(netty, key=lambda m: m["rps"]["median"]) if netty else None
            for server, metrics in servers.items():
                for metric, m in metrics.items():
                    if not isinstance(m, dict):
                        continue
                    ref = reference.get(metric, {}).get("median") if reference else None
                    m["ratio_to_netty"] = (m["median"] / ref) if ref else None
    return {"by_config": configs, "best": best, "default": default, "threads": threads}


def present_servers(meta):
    wanted = meta.get("servers", SERVER_ORDER)
    return [s for s in SERVER_ORDER if s in wanted]


def fmt_number(v, digits=0):
    if v is None:
        return "—"
    if digits == 0:
        return "{:,.0f}".format(v)
    return "{:,.{}f}".format(v, digits)


def cell(selection, workload, server, metric, digits=0, with_ratio=True, with_config=False):
    """A median from best or default, with its ratio to Netty's and, if asked, the configuration that gave it."""
    if is_not_applicable(server, workload):
        return "n/a"
    entry = selection.get(workload, {}).get(server, {})
    m = entry.get(metric)
    if m is None:
        return "—"
    text = fmt_number(m["median"], digits)
    ratio = m.get("ratio_to_netty")
    if with_ratio and ratio is not None:
        text += " ({:.2f}×)".format(ratio)
    if with_config and entry.get("config", "default") != "default":
        text += " `{}`".format(entry["config"])
    return text


def markdown_table(header, rows, numeric=True):
    align = "---:" if numeric else "---"
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + [align] * (len(header) - 1)) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def workload_label(key):
    w, _, conns = key.partition("@")
    return WORKLOAD_LABELS.get(w, w) + (" " + conns if conns else "")


def metric_table(selection, servers, workloads, metric, digits=0, with_config=False, with_ratio=True):
    header = ["workload"] + [SERVER_LABELS[s] for s in servers]
    rows = []
    for w in workloads:
        rows.append([workload_label(w)] + [cell(selection, w, s, metric, digits, with_ratio, with_config)
                                           for s in servers])
    return markdown_table(header, rows) if rows else "_not measured_"


def configs_table(summary, servers, workloads):
    """Every configuration's requests/s: what the sweep found."""
    header = ["server", "configuration", "threads"] + [workload_label(w) for w in workloads]
    rows = []
    by_config = summary["by_config"]
    for s in servers:
        configs = sorted({c for w in workloads for c in by_config.get(w, {}).get(s, {})})
        for c in configs:
            row = [SERVER_LABELS[s], "`{}`".format(c), summary["threads"].get((s, c), "") or "—"]
            for w in workloads:
                m = by_config.get(w, {}).get(s, {}).get(c, {}).get("rps")
                best = summary["best"].get(w, {}).get(s, {}).get("config")
                text = "n/a" if is_not_applicable(s, w) else fmt_number(m["median"]) if m else "—"
                row.append("**{}**".format(text) if m and best == c and len(configs) > 1 else text)
            rows.append(row)
    lines = markdown_table(header, rows).split("\n")
    lines[1] = "|---|---|---|" + "---:|" * len(workloads)
    return "\n".join(lines)


def database_table(summary, servers, key):
    """One database workload at one connection count: each server's best configuration."""
    best = summary["best"].get(key, {})
    uvicorn = best.get("uvicorn", {}).get("rps", {}).get("median")
    header = ["server", "configuration", "requests/s (× Netty)", "× Uvicorn", "server CPU µs/request (× Netty)",
              "PostgreSQL CPU µs/request", "p99 ms (× Netty)", "p50 ms"]
    rows = []
    for s in servers:
        if is_not_applicable(s, key) or s not in best:
            continue
        e = best[s]
        rps = e.get("rps", {}).get("median")
        rows.append([SERVER_LABELS[s], "`{}`".format(e["config"]) + (" ({})".format(e["threads"]) if e["threads"] else ""),
                     cell(summary["best"], key, s, "rps"),
                     "{:.2f}×".format(rps / uvicorn) if rps and uvicorn else "—",
                     cell(summary["best"], key, s, "cpu_us", 1),
                     cell(summary["best"], key, s, "db_cpu_us", 1, with_ratio=False),
                     cell(summary["best"], key, s, "p99_ms", 1),
                     cell(summary["best"], key, s, "p50_ms", 1, with_ratio=False)])
    lines = markdown_table(header, rows).split("\n")
    lines[1] = "|---|---|" + "---:|" * (len(header) - 2)
    return "\n".join(lines)


def number(x):
    """JMH writes "NaN" as a string (e.g. the error of a single iteration)."""
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if v != v else v


def jmh_table(jmh):
    rows = []
    for b in jmh:
        name = b["benchmark"].replace("io.jvicorn.benchmarks.micro.", "")
        primary = b["primaryMetric"]
        error = number(primary.get("scoreError"))
        alloc = number(b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score"))
        score = "{:,.1f}".format(number(primary["score"]))
        if error is not None:
            score += " ± {:,.1f}".format(error)
        rows.append([name, score, primary["scoreUnit"], "{:,.0f}".format(alloc) if alloc is not None else "—"])
    return markdown_table(["benchmark", "score", "unit", "allocated B/op"], rows)


def all_load_workloads(meta):
    """The workload keys of the run, in order: HTTP, the database ones at each connection count, WebSocket."""
    requested = meta.get("workloads", HTTP_WORKLOADS + ["websocket", "idle", "startup"])
    s = meta["settings"]
    keys = [w for w in HTTP_WORKLOADS + H2_WORKLOADS if w in requested]
    for w in DB_WORKLOADS:
        if w in requested:
            keys += ["{}@c{}".format(w, c) for c in s.get("db_connections", [])]
    if "websocket" in requested:
        keys.append("websocket")
    return keys


def baseline_comparison(summary, meta):
    """Rows comparing each baseline server with its twin, each in its best configuration: medians of both and the
    ratio current / baseline."""
    wanted = meta.get("servers", [])
    requested = meta.get("workloads", HTTP_WORKLOADS + ["websocket", "idle", "startup"])
    best = summary["best"]
    rows = []
    for baseline, current in BASELINE_PAIRS:
        if baseline not in wanted or current not in wanted:
            continue
        for w in all_load_workloads(meta) + [x for x in ("idle", "startup") if x in requested]:
            for metric, label, digits in COMPARED.get(w, COMPARED_LOAD):
                if w in ["pipeline"] + H2_WORKLOADS and metric == "p99_ms":
                    continue        # meaningless for pipelining, not reported by h2load (see the latency tables)
                if w == "websocket":
                    label = label.replace("requests", "messages").replace("request", "message")
                before = best.get(w, {}).get(baseline, {}).get(metric, {}).get("median")
                after = best.get(w, {}).get(current, {}).get(metric, {}).get("median")
                rows.append({"baseline_server": baseline, "server": current, "workload": w, "metric": metric,
                             "label": label, "digits": digits, "baseline": before, "current": after,
                             "ratio": after / before if before and after is not None else None})
    return rows


def baseline_markdown(rows, meta):
    b = meta["baseline"]
    parts = ["## Before and after: this tree against the baseline\n",
             "The baseline is {}, built from a clean copy of that commit with the same JDK and run exactly like "
             "the server of this tree (commit {}), in the same run and rounds, each in its best configuration. The "
             "ratio is this tree's median divided by the baseline's: above 1.00× is more requests/s, or more "
             "latency, CPU or memory.\n".format(
                 "commit " + b["commit"] if b["ref"] == b["commit"]
                 else "`{}` (commit {})".format(b["ref"], b["commit"]), meta["jvicorn_commit"])]
    table = []
    for r in rows:
        ratio = "{:.2f}×".format(r["ratio"]) if r["ratio"] is not None else "—"
        table.append([SERVER_LABELS[r["server"]], workload_label(r["workload"]), r["label"],
                      fmt_number(r["baseline"], r["digits"]), fmt_number(r["current"], r["digits"]), ratio])
    header = ["server", "workload", "measure", "baseline " + b["commit"], "this tree", "this tree / baseline"]
    lines = markdown_table(header, table).split("\n")
    lines[1] = "|---|---|---|---:|---:|---:|"
    parts.append("\n".join(lines) + "\n")
    return parts


def write_markdown(out, summary, meta, records, jmh):
    servers = present_servers(meta)
    load_servers = [s for s in servers if s not in ("jvicorn-cli", "jvicorn-launcher")]
    s = meta["settings"]
    m = meta["machine"]
    v = meta["versions"]
    best, default = summary["best"], summary["default"]
    requested = meta.get("workloads", HTTP_WORKLOADS + ["websocket", "idle", "startup"])
    keys = all_load_workloads(meta)
    db_keys = [k for k in keys if base_workload(k) in DB_WORKLOADS]
    unpipelined = [k for k in keys if k != "pipeline" and k not in H2_WORKLOADS]
    h2_keys = [k for k in keys if k in H2_WORKLOADS]
    sweep = ", ".join("`{}`".format(x) for x in s.get("sweep", ["default"]))
    parts = []
    parts.append("# jvicorn benchmark results\n")
    parts.append(
        "Run `benchmarks/run` ({} mode), {} to {}, jvicorn commit {}. Every figure is the **median of {} round(s)**. "
        "Each JVM server ran in every thread configuration of the sweep ({}) and in its default one, every round; "
        "the headline tables show each server in its **best configuration** for that workload (the one with the "
        "most requests/s; named after the figure: `N` is N loops and N virtual-thread carriers, `LxC` L loops and "
        "C carriers, each server having the knobs it has). In parentheses, the figure divided by **Netty's best** "
        "(the better of its NIO and epoll transports, in their best configurations): above 1.00× means a larger "
        "number, better for throughput, worse for latency, CPU and memory. \"n/a\": the server does not take part "
        "in that workload by design; \"—\": it should have but no figure was recorded (see Notes).\n".format(
            meta["mode"], meta["started"], meta["finished"], meta["jvicorn_commit"], s["rounds"], sweep))
    if meta["mode"] == "smoke":
        parts.append("> **Smoke run**: {} s per measurement and one configuration per server, to check that the "
                     "harness and every server work. The figures are not meaningful.\n".format(s["duration_s"]))
    if meta.get("baseline"):
        parts.extend(baseline_markdown(baseline_comparison(summary, meta), meta))
    parts.append("![requests per second per workload and server](chart.svg)\n")
    parts.append("## Throughput, best configuration against best (requests/s; messages/s for WebSocket)\n")
    parts.append("wrk -t{} -c{} --latency, {} s per run after {} s of warm-up{}{}.\n".format(
        s["wrk_threads"], s["wrk_connections"], s["duration_s"], s["warmup_s"],
        "; the database workloads at the connection counts named, after {} s of warm-up before a server's first "
        "database run".format(s.get("db_warmup_s", 0)) if db_keys else "",
        "; the h2 workloads: HTTP/2 cleartext by prior knowledge, `h2load -c {} -m {} -t 1 -D {}` ({} connections, "
        "{} concurrent streams each), after the same warm-up".format(
            s["wrk_connections"], s.get("h2_streams", "?"), s["duration_s"], s["wrk_connections"],
            s.get("h2_streams", "?")) if h2_keys else ""))
    parts.append(metric_table(best, load_servers, keys, "rps", with_config=True) + "\n")
    parts.append("## Throughput at each server's default configuration (requests/s)\n")
    parts.append("What a user gets without tuning: each server's own thread counts on this machine (configuration "
                 "named after the figure), ratios to Netty's better transport at its default.\n")
    parts.append(metric_table(default, load_servers, keys, "rps", with_config=True) + "\n")
    parts.append("## Server CPU time per request (µs), best configuration\n")
    parts.append("utime + stime of the server process and its children (from /proc/PID/stat) during the "
                 "measured run, divided by the responses (messages for WebSocket). It includes JIT and GC threads. "
                 "Steadier than requests/s on a shared machine.\n")
    parts.append(metric_table(best, load_servers, keys, "cpu_us", 1) + "\n")
    parts.append("## Latency p99 (ms), best configuration\n")
    parts.append("Pipelining has no latency figures: wrk times batches of 16 but corrects for coordinated omission "
                 "as if each response were a request, which makes its percentiles meaningless.{}\n".format(
                     " h2load reports no percentiles: the h2 workloads' mean time per request is in its own table "
                     "below." if h2_keys else ""))
    parts.append(metric_table(best, load_servers, unpipelined, "p99_ms", 2) + "\n")
    parts.append("## Latency p50 (ms), best configuration\n")
    parts.append(metric_table(best, load_servers, unpipelined, "p50_ms", 2) + "\n")
    if h2_keys:
        parts.append("## HTTP/2: mean time per request (ms), best configuration\n")
        parts.append("h2load's mean \"time for request\" (from sending a request's HEADERS to the end of its "
                     "response), with {} streams in flight on each connection.\n".format(s.get("h2_streams", "?")))
        parts.append(metric_table(best, load_servers, h2_keys, "mean_ms", 2) + "\n")
    if db_keys:
        parts.append("## Database workloads (TechEmpower single query and fortunes)\n")
        parts.append(
            "A temporary PostgreSQL {} on the same machine, with TechEmpower's World (10,000 rows) and Fortune "
            "tables; every server has a fixed pool of {} connections (Netty: as many JDBC threads, the queries "
            "offloaded from its event loops; jvicorn, Helidon and Jetty: blocking JDBC on virtual threads; Uvicorn: "
            "asyncpg). Single query: one random row as JSON; fortunes: the table plus one row, sorted, escaped, as "
            "HTML. PostgreSQL's CPU per request is its processes' time over the same run. Each server in its best "
            "configuration.\n".format(v.get("postgresql", "?"), s.get("db_pool", "?")))
        for k in db_keys:
            parts.append("### {}\n".format(workload_label(k)))
            parts.append(database_table(summary, load_servers, k) + "\n")
    parts.append("## Every configuration (requests/s)\n")
    parts.append("The sweep: each server's median in each configuration, its best in bold; threads as the server "
                 "reported them when it started.\n")
    parts.append(configs_table(summary, load_servers, keys) + "\n")
    parts.append("## Resident memory under load (MiB), best configuration\n")
    if s.get("load_jvm_flags"):
        parts.append("RSS of the server process (and children) at the end of each measured run. JVM servers run with "
                     "`{}` and `{}`: the fixed heap is resident from the start, so differences between JVMs come "
                     "from memory outside the heap.\n".format(s["jvm_flags"], s["load_jvm_flags"]))
    else:
        parts.append("RSS of the server process (and children) at the end of each measured run, JVM servers with "
                     "`{}` and the heap not pre-touched.\n".format(s["jvm_flags"]))
    parts.append(metric_table(best, load_servers, keys, "rss_mib", 0) + "\n")
    if "idle" in requested:
        parts.append("## Idle keep-alive connections, default configuration\n")
        naive = best.get("idle", {}).get("naive", {}).get("memory_per_connection", {}).get("median")
        parts.append("{} connections, opened after the HTTP/1.1 workloads (so that the JIT compiler's memory is not "
                     "counted as theirs), each having served one GET /plaintext, then left idle. Resident memory of the "
                     "server process (and children) and, for JVMs, live heap after a full GC (jcmd GC.run, "
                     "GC.heap_info), each as the difference from before the connections were opened, per "
                     "connection, in bytes.{}\n".format(s["idle_connections"], " With the heap pre-touched, RSS counts "
                     "only memory outside the heap, so a connection's whole cost is the sum of the two."
                     if s.get("load_jvm_flags") else ""))
        header = ["measure"] + [SERVER_LABELS[x] for x in load_servers]
        # Idle and start-up keep each server's default configuration where it ran (best() chooses it for them).
        sum_row = []
        for x in load_servers:
            text = cell(best, "idle", x, "memory_per_connection", with_ratio=False)
            cost = best.get("idle", {}).get(x, {}).get("memory_per_connection", {}).get("median")
            if cost is not None and naive:
                text += " ({:.2f}× naive)".format(cost / naive)
            sum_row.append(text)
        rows = [
            ["RSS per connection (B)"] + [cell(best, "idle", x, "rss_per_connection", with_ratio=False)
                                          for x in load_servers],
            ["live heap per connection (B)"] + [cell(best, "idle", x, "heap_per_connection", with_ratio=False)
                                                for x in load_servers],
            ["RSS + heap per connection (B)"] + sum_row,
            ["connections still open"] + [cell(best, "idle", x, "still_open", with_ratio=False)
                                          for x in load_servers],
            ["configuration"] + ["`{}`".format(best["idle"][x]["config"]) if x in best.get("idle", {}) else "—"
                                 for x in load_servers],
        ]
        parts.append(markdown_table(header, rows) + "\n")
    if "startup" in requested:
        parts.append("## Start to first response (ms)\n")
        parts.append("From just before the process is started to the first 200 for GET /plaintext, polled every "
                     "millisecond, each server at its defaults with `{}` (heap not pre-touched, no database). "
                     "\"jvicorn (CLI jar)\" is `java -jar cli/target/jvicorn.jar` serving HelloApp, as a user "
                     "runs it.\n".format(s["jvm_flags"]))
        header = ["measure"] + [SERVER_LABELS[x] for x in servers]
        rows = [["first response (ms)"] + [cell(best, "startup", x, "first_response_ms", 1, with_ratio=False)
                                           for x in servers]]
        parts.append(markdown_table(header, rows) + "\n")
    if jmh:
        parts.append("## Microbenchmarks (JMH, -prof gc)\n")
        parts.append("`java -jar benchmarks/target/benchmarks.jar -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc`; "
                     "allocated B/op is gc.alloc.rate.norm.\n")
        parts.append(jmh_table(jmh) + "\n")
    notes = [r for r in records if r["type"] in ("failure", "note")]
    parts.append("## Notes\n")
    if not notes:
        parts.append("No failures.\n")
    if notes:
        for r in notes:
            parts.append("- round {}: {}{}".format(r["round"], "**failure**: " if r["type"] == "failure" else "",
                                                    r["message"]))
        parts.append("")
    for (server, workload), why in sorted(NOT_APPLICABLE.items()):
        if server not in servers or workload not in requested:
            continue
        parts.append("- {} / {}: n/a, {}.".format(SERVER_LABELS[server], workload, why))
    parts.append("")
    parts.append("## Machine, software, settings\n")
    rows = [
        ["CPU", "{} × {}".format(m["nproc"], m["cpu"])],
        ["memory", m["memory"]],
        ["kernel", m["kernel"]],
        ["JDK", s["jvm"]],
        ["JVM flags (every JVM server)", "`{}`; serving load also `{}`".format(s["jvm_flags"],
                                                                             s.get("load_jvm_flags", ""))],
        ["thread configurations", "{}, and each server's default: {}".format(sweep, ", ".join(
            "{} `{}`".format(k, c) for k, c in s.get("default_configs", {}).items() if c != "default"))],
        ["wrk", "{} (-t{} -c{})".format(v["wrk"], s["wrk_threads"], s["wrk_connections"])],
    ] + ([["h2load", "{} (-c{} -m{} -t1)".format(v.get("h2load", "?"), s["wrk_connections"], s.get("h2_streams", "?"))]]
         if h2_keys else []) + [
        ["WebSocket client", "{} connections, 32-byte text messages, closed loop".format(s["ws_connections"])],
        ["jvicorn", v["jvicorn"]],
        ["Netty", "{} (HttpServerCodec; HTTP/2: Http2ConnectionHandler; NIO and native epoll transports)".format(
            v["netty"])],
        ["Helidon SE WebServer", "{} (virtual threads, its default; TCP_NODELAY; HTTP/2: helidon-webserver-http2)"
                                 .format(v["helidon"])],
        ["Jetty", "{} (core handler; QueuedThreadPool with virtual threads; HTTP/2: HTTP2CServerConnectionFactory)"
                  .format(v["jetty"])],
        ["Spring WebFlux", "{} (one functional-router application: on jvicorn through WebFluxApplication, on Reactor "
                           "Netty {} through ReactorHttpHandlerAdapter)".format(v.get("spring_webflux", "?"),
                                                                                 v.get("reactor_netty", "?"))],
        ["Uvicorn", "{} on Python {}, httptools {}, uvloop {} (`{}`)".format(
            v["uvicorn"], v["python"], v["httptools"], v["uvloop"], s["uvicorn_options"])],
        ["nginx", "{} (1 worker, `return 200`, static files without sendfile, echo module for POST)".format(
            v["nginx"])],
        ["JMH", v["jmh"]],
    ]
    if db_keys:
        rows += [["PostgreSQL", "{} (temporary cluster, fsync off; pool of {} per server)".format(
                     v.get("postgresql"), s.get("db_pool"))],
                 ["PostgreSQL JDBC driver", v.get("postgresql_jdbc", "?")],
                 ["asyncpg", v.get("asyncpg", "?")]]
    parts.append(markdown_table(["", ""], rows, numeric=False) + "\n")
    (out / "results.md").write_text("\n".join(parts))


def short(v):
    if v >= 1e6:
        return "{:.2f}M".format(v / 1e6)
    if v >= 1e4:
        return "{:.0f}k".format(v / 1e3)
    if v >= 1e3:
        return "{:.1f}k".format(v / 1e3)
    return "{:.0f}".format(v)


def write_chart(out, summary, meta):
    """Small multiples: one panel per workload, one bar per server in its best configuration, each panel on its own
    scale."""
    servers = [s for s in present_servers(meta) if s not in ("jvicorn-cli", "jvicorn-launcher")]
    workloads = all_load_workloads(meta)
    best = summary["best"]
    cols = 2
    label_w, bar_w, value_w = 200, 250, 90
    panel_w = label_w + bar_w + value_w
    row_h = 20
    panel_h = 34 + row_h * len(servers) + 12
    top = 64
    width = cols * panel_w + (cols + 1) * 20
    rows_n = max(1, (len(workloads) + cols - 1) // cols)
    height = top + rows_n * panel_h + 36
    svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" '
           'font-family="Helvetica, Arial, sans-serif" font-size="12">'.format(width, height, width, height),
           '<rect width="100%" height="100%" fill="#ffffff"/>',
           '<text x="20" y="28" font-size="18" font-weight="bold">Requests per second, each server in its best '
           'configuration, median of {} round(s) — higher is better</text>'.format(meta["settings"]["rounds"]),
           '<text x="20" y="48" fill="#495057">{} × {}, {}; wrk -t{} -c{}; each panel on its own scale{}</text>'
           .format(meta["machine"]["nproc"], html.escape(meta["machine"]["cpu"]),
                   html.escape(meta["settings"]["jvm"]), meta["settings"]["wrk_threads"],
                   meta["settings"]["wrk_connections"],
                   " — SMOKE RUN, figures not meaningful" if meta["mode"] == "smoke" else "")]
    for i, w in enumerate(workloads):
        x0 = 20 + (i % cols) * (panel_w + 20)
        y0 = top + (i // cols) * panel_h
        values = {s: best.get(w, {}).get(s, {}).get("rps", {}).get("median") for s in servers}
        top_value = max([v for v in values.values() if v] or [1])
        svg.append('<text x="{}" y="{}" font-size="14" font-weight="bold">{}</text>'.format(
            x0, y0 + 18, html.escape(workload_label(w) + (" (messages/s)" if w == "websocket" else ""))))
        for j, s in enumerate(servers):
            y = y0 + 30 + j * row_h
            weight = ' font-weight="bold"' if s == "jvicorn" else ""
            svg.append('<text x="{}" y="{}" text-anchor="end"{}>{}</text>'.format(
                x0 + label_w - 8, y + 13, weight, html.escape(SERVER_LABELS[s])))
            v = values[s]
            if v:
                length = max(1.0, bar_w * v / top_value)
                config = best[w][s].get("config", "default")
                svg.append('<rect x="{}" y="{}" width="{:.1f}" height="{}" fill="{}"/>'.format(
                    x0 + label_w, y + 2, length, row_h - 5, COLORS[s]))
                svg.append('<text x="{:.1f}" y="{}"{}>{}{}</text>'.format(
                    x0 + label_w + length + 5, y + 13, weight, short(v),
                    "" if config == "default" else " [{}]".format(html.escape(config))))
            else:
                text = "n/a" if is_not_applicable(s, w) else "no result"
                svg.append('<text x="{}" y="{}" fill="#868e96">{}</text>'.format(x0 + label_w + 4, y + 13, text))
    svg.append('<text x="20" y="{}" fill="#868e96">jvicorn in orange; [N] or [LxC]: the configuration (loops x '
               'carriers); the naive servers are the JVM\'s ceilings (canned replies, no parsing); nginx (1 worker) '
               'is the native reference.</text>'.format(height - 14))
    svg.append("</svg>")
    (out / "chart.svg").write_text("\n".join(svg) + "\n")


def json_selection(selection):
    return {w: {s: dict(e) for s, e in servers.items()} for w, servers in selection.items()}


def main():
    out = Path(sys.argv[1])
    records, meta, jmh = load(out)
    if meta.get("baseline"):
        commit = meta["baseline"]["commit"]
        SERVER_LABELS["jvicorn-baseline"] = "jvicorn at {} (baseline)".format(commit)
        SERVER_LABELS["jvicorn-vt-baseline"] = "jvicorn at {} (baseline, virtual thread per request)".format(commit)
    UNSUPPORTED.update((r["server"], r["workload"]) for r in records if r["type"] == "unsupported")
    summary = summarize(*samples(records, meta))
    notes = [{"round": r["round"], "type": r["type"], "message": r["message"]}
             for r in records if r["type"] in ("failure", "note")]
    jmh_summary = None
    if jmh:
        jmh_summary = [{
            "benchmark": b["benchmark"],
            "score": number(b["primaryMetric"]["score"]),
            "error": number(b["primaryMetric"].get("scoreError")),
            "unit": b["primaryMetric"]["scoreUnit"],
            "alloc_bytes_per_op": number(b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")),
        } for b in jmh]
    comparison = [{k: v for k, v in r.items() if k not in ("label", "digits")}
                  for r in baseline_comparison(summary, meta)] if meta.get("baseline") else None
    (out / "results.json").write_text(json.dumps(
        {"meta": meta,
         "best": json_selection(summary["best"]),
         "default": json_selection(summary["default"]),
         "by_config": summary["by_config"],
         "baseline_comparison": comparison, "jmh": jmh_summary, "notes": notes},
        indent=2, ensure_ascii=False) + "\n")
    write_markdown(out, summary, meta, records, jmh)
    write_chart(out, summary, meta)


if __name__ == "__main__":
    main()
