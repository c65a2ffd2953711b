#!/usr/bin/python3
"""Turns what benchmarks/run recorded into results.json, results.md and chart.svg.

Usage: report.py OUT_DIR
Reads OUT_DIR/raw/raw.jsonl (one JSON object per measurement, failure or note), OUT_DIR/raw/meta.json (machine,
versions, settings) and, if present, OUT_DIR/raw/jmh.json (JMH's JSON result). Standard library only.
"""
import html
import json
import statistics
import sys
from pathlib import Path

SERVER_ORDER = ["jvicorn", "jvicorn-baseline", "jvicorn-vt", "jvicorn-vt-baseline", "naive", "netty-nio", "netty-epoll", "helidon", "jetty", "uvicorn", "nginx", "jvicorn-cli"]
SERVER_LABELS = {
    "jvicorn": "jvicorn",
    "jvicorn-vt": "jvicorn (virtual thread per request)",
    # The baseline labels get the baseline's commit in main().
    "jvicorn-baseline": "jvicorn baseline",
    "jvicorn-vt-baseline": "jvicorn baseline (virtual thread per request)",
    "naive": "naive NIO (JVM ceiling)",
    "netty-nio": "Netty (NIO)",
    "netty-epoll": "Netty (epoll)",
    "helidon": "Helidon SE",
    "jetty": "Jetty",
    "uvicorn": "Uvicorn",
    "nginx": "nginx",
    "jvicorn-cli": "jvicorn (CLI jar)",
}
COLORS = {
    "jvicorn": "#e8590c",
    "jvicorn-vt": "#ff922b",
    "jvicorn-baseline": "#c9a28a",
    "jvicorn-vt-baseline": "#dfc5b2",
    "naive": "#adb5bd",
    "netty-nio": "#1971c2",
    "netty-epoll": "#74c0fc",
    "helidon": "#7048e8",
    "jetty": "#2f9e44",
    "uvicorn": "#f2b600",
    "nginx": "#495057",
    "jvicorn-cli": "#ffa94d",
}
HTTP_WORKLOADS = ["plaintext", "json", "10k", "1m", "echo", "pipeline"]
WORKLOAD_LABELS = {
    "plaintext": "plaintext (13 B)",
    "json": "JSON",
    "10k": "10 KiB GET",
    "1m": "1 MiB GET",
    "echo": "10 KiB POST echo",
    "pipeline": "plaintext, 16-deep pipelining",
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
    ("nginx", "websocket"): "no WebSocket application",
}


# Pairs found unsupported at run time (jvicorn's WebSocket while it is being written), filled by main().
UNSUPPORTED = set()


def is_not_applicable(server, workload):
    if server == "jvicorn-cli":
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


def samples(records, meta):
    """Per (workload, server): lists of each metric over the rounds."""
    hz = meta["machine"]["clock_ticks_per_second"]
    table = {}

    def add(workload, server, metric, value):
        if value is not None:
            table.setdefault((workload, server), {}).setdefault(metric, []).append(value)

    for r in records:
        kind = r["type"]
        if kind == "wrk":
            w = r["wrk"]
            seconds = w["duration_us"] / 1e6
            add(r["workload"], r["server"], "rps", w["requests"] / seconds if seconds else 0)
            add(r["workload"], r["server"], "p50_ms", w["p50_us"] / 1000)
            add(r["workload"], r["server"], "p99_ms", w["p99_us"] / 1000)
            add(r["workload"], r["server"], "errors",
                w["connect_errors"] + w["read_errors"] + w["write_errors"] + w["status_errors"] + w["timeouts"])
            if w["requests"]:
                add(r["workload"], r["server"], "cpu_us", r["cpu_ticks"] * 1e6 / hz / w["requests"])
        elif kind == "websocket":
            ws = r["ws"]
            add("websocket", r["server"], "rps", ws["rate"])
            add("websocket", r["server"], "p50_ms", ws["p50_ms"])
            add("websocket", r["server"], "p99_ms", ws["p99_ms"])
            if ws["messages"]:
                add("websocket", r["server"], "cpu_us", r["cpu_ticks"] * 1e6 / hz / ws["messages"])
        elif kind == "idle":
            i = r["idle"]
            add("idle", r["server"], "rss_per_connection", i["rss_per_connection"])
            add("idle", r["server"], "heap_per_connection", i["heap_per_connection"])
            add("idle", r["server"], "still_open", i["still_open"])
            add("idle", r["server"], "connections", i["connections"])
        elif kind == "startup":
            add("startup", r["server"], "first_response_ms", r["startup"]["first_response_ms"])
    return table


def summarize(table):
    """Medians, and each median's ratio to jvicorn's for the same workload and metric."""
    result = {}
    for (workload, server), metrics in sorted(table.items()):
        entry = result.setdefault(workload, {}).setdefault(server, {})
        for metric, values in metrics.items():
            entry[metric] = {"median": statistics.median(values), "samples": values}
    for workload, servers in result.items():
        base = servers.get("jvicorn") or (servers.get("jvicorn-cli") if workload == "startup" else None)
        for server, metrics in servers.items():
            for metric, m in metrics.items():
                reference = base.get(metric, {}).get("median") if base else None
                m["ratio_to_jvicorn"] = (m["median"] / reference) if reference else None
    return result


def present_servers(summary, meta):
    wanted = meta.get("servers", SERVER_ORDER)
    return [s for s in SERVER_ORDER if s in wanted]


def fmt_number(v, digits=0):
    if v is None:
        return "—"
    if digits == 0:
        return "{:,.0f}".format(v)
    return "{:,.{}f}".format(v, digits)


def cell(summary, workload, server, metric, digits=0, with_ratio=True, scale=1.0):
    if is_not_applicable(server, workload):
        return "n/a"
    m = summary.get(workload, {}).get(server, {}).get(metric)
    if m is None:
        return "—"
    text = fmt_number(m["median"] * scale, digits)
    ratio = m.get("ratio_to_jvicorn")
    if with_ratio and ratio is not None and server != "jvicorn":
        text += " ({:.2f}×)".format(ratio)
    return text


def markdown_table(header, rows, numeric=True):
    align = "---:" if numeric else "---"
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + [align] * (len(header) - 1)) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def metric_table(summary, servers, workloads, metric, digits=0, scale=1.0):
    header = ["workload"] + [SERVER_LABELS[s] for s in servers]
    rows = []
    for w in workloads:
        rows.append([WORKLOAD_LABELS.get(w, w)] + [cell(summary, w, s, metric, digits, scale=scale) for s in servers])
    return markdown_table(header, rows) if rows else "_not measured_"


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


def baseline_comparison(summary, meta):
    """Rows comparing each baseline server with its twin: medians of both and the ratio current / baseline."""
    wanted = meta.get("servers", [])
    requested = meta.get("workloads", HTTP_WORKLOADS + ["websocket", "idle", "startup"])
    rows = []
    for baseline, current in BASELINE_PAIRS:
        if baseline not in wanted or current not in wanted:
            continue
        for w in HTTP_WORKLOADS + ["websocket", "idle", "startup"]:
            if w not in requested:
                continue
            for metric, label, digits in COMPARED.get(w, COMPARED_LOAD):
                if w == "pipeline" and metric == "p99_ms":
                    continue        # meaningless for pipelining (see the latency tables)
                if w == "websocket":
                    label = label.replace("requests", "messages").replace("request", "message")
                before = summary.get(w, {}).get(baseline, {}).get(metric, {}).get("median")
                after = summary.get(w, {}).get(current, {}).get(metric, {}).get("median")
                rows.append({"baseline_server": baseline, "server": current, "workload": w, "metric": metric,
                             "label": label, "digits": digits, "baseline": before, "current": after,
                             "ratio": after / before if before and after is not None else None})
    return rows


def baseline_markdown(rows, meta):
    b = meta["baseline"]
    parts = ["## Before and after: this tree against the baseline\n",
             "The baseline is {}, built from a clean copy of that commit with the same JDK and run exactly like "
             "the server of this tree (commit {}), in the same run and rounds. The ratio is this tree's median "
             "divided by the baseline's: above 1.00× is more requests/s, or more latency, CPU or memory.\n".format(
                 "commit " + b["commit"] if b["ref"] == b["commit"]
                 else "`{}` (commit {})".format(b["ref"], b["commit"]), meta["jvicorn_commit"])]
    table = []
    for r in rows:
        ratio = "{:.2f}×".format(r["ratio"]) if r["ratio"] is not None else "—"
        table.append([SERVER_LABELS[r["server"]], WORKLOAD_LABELS.get(r["workload"], r["workload"]), r["label"],
                      fmt_number(r["baseline"], r["digits"]), fmt_number(r["current"], r["digits"]), ratio])
    header = ["server", "workload", "measure", "baseline " + b["commit"], "this tree", "this tree / baseline"]
    lines = markdown_table(header, table).split("\n")
    lines[1] = "|---|---|---|---:|---:|---:|"
    parts.append("\n".join(lines) + "\n")
    return parts


def write_markdown(out, summary, meta, records, jmh):
    servers = present_servers(summary, meta)
    load_servers = [s for s in servers if s != "jvicorn-cli"]
    s = meta["settings"]
    m = meta["machine"]
    v = meta["versions"]
    requested = meta.get("workloads", HTTP_WORKLOADS + ["websocket", "idle", "startup"])
    http = [w for w in HTTP_WORKLOADS if w in requested]
    ws = ["websocket"] if "websocket" in requested else []
    parts = []
    parts.append("# jvicorn benchmark results\n")
    parts.append(
        "Run `benchmarks/run` ({} mode), {} to {}, jvicorn commit {}. Every figure is the **median of {} round(s)**; "
        "in parentheses, the server's figure divided by jvicorn's (so above 1.00× means a larger number than "
        "jvicorn's: better for throughput, worse for latency, CPU and memory). \"n/a\": the server does not take "
        "part in that workload by design; \"—\": it should have but no figure was recorded (see Notes).\n".format(
            meta["mode"], meta["started"], meta["finished"], meta["jvicorn_commit"], s["rounds"]))
    if meta["mode"] == "smoke":
        parts.append("> **Smoke run**: {} s per measurement, to check that the harness and every server work. The "
                     "figures are not meaningful.\n".format(s["duration_s"]))
    if meta.get("baseline"):
        parts.extend(baseline_markdown(baseline_comparison(summary, meta), meta))
    parts.append("![requests per second per workload and server](chart.svg)\n")
    parts.append("## Throughput (requests/s; messages/s for WebSocket)\n")
    parts.append("wrk -t{} -c{} --latency, {} s per run after {} s of warm-up.\n".format(
        s["wrk_threads"], s["wrk_connections"], s["duration_s"], s["warmup_s"]))
    parts.append(metric_table(summary, load_servers, http + ws, "rps") + "\n")
    unpipelined = [w for w in http if w != "pipeline"] + ws
    parts.append("## Latency p99 (ms)\n")
    parts.append("Pipelining has no latency figures: wrk times batches of 16 but corrects for coordinated omission "
                 "as if each response were a request, which makes its percentiles meaningless.\n")
    parts.append(metric_table(summary, load_servers, unpipelined, "p99_ms", 2) + "\n")
    parts.append("## Latency p50 (ms)\n")
    parts.append(metric_table(summary, load_servers, unpipelined, "p50_ms", 2) + "\n")
    parts.append("## Server CPU time per request (µs)\n")
    parts.append("utime + stime of the server process and its children (from /proc/PID/stat) during the "
                 "measured run, divided by the responses (messages for WebSocket). It includes JIT and GC threads. "
                 "Steadier than requests/s on a shared machine.\n")
    parts.append(metric_table(summary, load_servers, http + ws, "cpu_us", 1) + "\n")
    if "idle" in requested:
        parts.append("## Idle keep-alive connections\n")
        parts.append("{} connections, each having served one GET /plaintext, then left idle. Resident memory of the "
                     "server process (and children) and, for JVMs, live heap after a full GC (jcmd GC.run, "
                     "GC.heap_info), each as the difference from before the connections were opened, per "
                     "connection, in bytes.\n".format(s["idle_connections"]))
        header = ["measure"] + [SERVER_LABELS[x] for x in load_servers]
        rows = [
            ["RSS per connection (B)"] + [cell(summary, "idle", x, "rss_per_connection") for x in load_servers],
            ["live heap per connection (B)"] + [cell(summary, "idle", x, "heap_per_connection") for x in load_servers],
            ["connections still open"] + [cell(summary, "idle", x, "still_open", with_ratio=False)
                                          for x in load_servers],
        ]
        parts.append(markdown_table(header, rows) + "\n")
    if "startup" in requested:
        parts.append("## Start to first response (ms)\n")
        parts.append("From just before the process is started to the first 200 for GET /plaintext, polled every "
                     "millisecond. JVM servers run from the benchmark class path with the flags below; "
                     "\"jvicorn (CLI jar)\" is `java -jar cli/target/jvicorn.jar` serving HelloApp, as a user "
                     "runs it.\n")
        header = ["measure"] + [SERVER_LABELS[x] for x in servers]
        rows = [["first response (ms)"] + [cell(summary, "startup", x, "first_response_ms", 1) for x in servers]]
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
        ["JVM flags (every JVM server)", "`{}`".format(s["jvm_flags"])],
        ["wrk", "{} (-t{} -c{})".format(v["wrk"], s["wrk_threads"], s["wrk_connections"])],
        ["WebSocket client", "{} connections, 32-byte text messages, closed loop".format(s["ws_connections"])],
        ["jvicorn", v["jvicorn"]],
        ["Netty", "{} (HttpServerCodec; NIO and native epoll transports)".format(v["netty"])],
        ["Helidon SE WebServer", "{} (virtual threads, its default)".format(v["helidon"])],
        ["Jetty", "{} (core handler; QueuedThreadPool with virtual threads)".format(v["jetty"])],
        ["Uvicorn", "{} on Python {}, httptools {}, uvloop {} (`{}`)".format(
            v["uvicorn"], v["python"], v["httptools"], v["uvloop"], s["uvicorn_options"])],
        ["nginx", "{} (1 worker, `return 200`, static files without sendfile, echo module for POST)".format(
            v["nginx"])],
        ["JMH", v["jmh"]],
    ]
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
    """Small multiples: one panel per workload, one bar per server, each panel on its own scale."""
    servers = [s for s in present_servers(summary, meta) if s != "jvicorn-cli"]
    requested = meta.get("workloads", HTTP_WORKLOADS + ["websocket"])
    workloads = [w for w in HTTP_WORKLOADS + ["websocket"] if w in requested]
    cols = 2
    label_w, bar_w, value_w = 170, 250, 70
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
           '<text x="20" y="28" font-size="18" font-weight="bold">Requests per second, median of {} round(s) '
           '— higher is better</text>'.format(meta["settings"]["rounds"]),
           '<text x="20" y="48" fill="#495057">{} × {}, {}; wrk -t{} -c{}; each panel on its own scale{}</text>'
           .format(meta["machine"]["nproc"], html.escape(meta["machine"]["cpu"]),
                   html.escape(meta["settings"]["jvm"]), meta["settings"]["wrk_threads"],
                   meta["settings"]["wrk_connections"],
                   " — SMOKE RUN, figures not meaningful" if meta["mode"] == "smoke" else "")]
    for i, w in enumerate(workloads):
        x0 = 20 + (i % cols) * (panel_w + 20)
        y0 = top + (i // cols) * panel_h
        values = {s: summary.get(w, {}).get(s, {}).get("rps", {}).get("median") for s in servers}
        best = max([v for v in values.values() if v] or [1])
        svg.append('<text x="{}" y="{}" font-size="14" font-weight="bold">{}</text>'.format(
            x0, y0 + 18, html.escape(WORKLOAD_LABELS[w] + (" (messages/s)" if w == "websocket" else ""))))
        for j, s in enumerate(servers):
            y = y0 + 30 + j * row_h
            weight = ' font-weight="bold"' if s == "jvicorn" else ""
            svg.append('<text x="{}" y="{}" text-anchor="end"{}>{}</text>'.format(
                x0 + label_w - 8, y + 13, weight, html.escape(SERVER_LABELS[s])))
            v = values[s]
            if v:
                length = max(1.0, bar_w * v / best)
                svg.append('<rect x="{}" y="{}" width="{:.1f}" height="{}" fill="{}"/>'.format(
                    x0 + label_w, y + 2, length, row_h - 5, COLORS[s]))
                svg.append('<text x="{:.1f}" y="{}"{}>{}</text>'.format(
                    x0 + label_w + length + 5, y + 13, weight, short(v)))
            else:
                text = "n/a" if is_not_applicable(s, w) else "no result"
                svg.append('<text x="{}" y="{}" fill="#868e96">{}</text>'.format(x0 + label_w + 4, y + 13, text))
    svg.append('<text x="20" y="{}" fill="#868e96">jvicorn in orange; the naive NIO server is the JVM\'s ceiling '
               '(canned replies, no parsing); nginx (1 worker) is the native reference.</text>'.format(height - 14))
    svg.append("</svg>")
    (out / "chart.svg").write_text("\n".join(svg) + "\n")


def main():
    out = Path(sys.argv[1])
    records, meta, jmh = load(out)
    if meta.get("baseline"):
        commit = meta["baseline"]["commit"]
        SERVER_LABELS["jvicorn-baseline"] = "jvicorn at {} (baseline)".format(commit)
        SERVER_LABELS["jvicorn-vt-baseline"] = "jvicorn at {} (baseline, virtual thread per request)".format(commit)
    UNSUPPORTED.update((r["server"], r["workload"]) for r in records if r["type"] == "unsupported")
    summary = summarize(samples(records, meta))
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
        {"meta": meta, "results": summary, "baseline_comparison": comparison, "jmh": jmh_summary, "notes": notes},
        indent=2) + "\n")
    write_markdown(out, summary, meta, records, jmh)
    write_chart(out, summary, meta)


if __name__ == "__main__":
    main()
