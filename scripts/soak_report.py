"""Judges a scripts/soak run: reads DIR/soak.csv and DIR/raw/*.json, writes DIR/soak.svg, DIR/summary.md and
DIR/summary.json, prints the verdict, and exits 1 unless every series is flat and no client saw an error.

  soak_report.py DIR

Flat: for each series (RSS, heap after GC, open fds, threads) the mean of the samples in the last third of the run
is compared to the mean of the first third. Growth per hour is that difference divided by the time between the
thirds' mean sample times. A series is "growing" when the difference is above its noise floor (below, the figures
only wander), "flat" otherwise; the floors are in NOISE below. A short run extrapolates little into a large figure
per hour, hence the floor on the difference itself.

Standard library only (no matplotlib); the chart follows benchmarks/scripts/report.py's style.
"""
import csv
import html
import json
import math
import sys
from pathlib import Path

ORANGE = "#e8590c"
BLUE = "#1971c2"
GREY = "#868e96"
DARK = "#495057"
BAND = "#f1f3f5"

# name, CSV column, label, unit, scale from the CSV's unit, noise floor (absolute, relative to the first third)
SERIES = [
    ("rss", "rss_kib", "Resident memory (RSS)", "MiB", 1 / 1024, (16.0, 0.01)),
    ("heap", "heap_after_gc_kib", "Java heap used after a full GC", "MiB", 1 / 1024, (4.0, 0.02)),
    ("fds", "fds", "Open file descriptors", "", 1, (16.0, 0.01)),
    ("threads", "threads", "Threads (platform)", "", 1, (3.0, 0.05)),
]
NOISE = {name: floor for name, _, _, _, _, floor in SERIES}


def load_json(path):
    try:
        text = Path(path).read_text().strip()
        return json.loads(text) if text else None
    except (OSError, ValueError):
        return None


def load_csv(path):
    comments, rows = [], []
    with open(path) as f:
        lines = f.read().splitlines()
    body = []
    for line in lines:
        if line.startswith("#"):
            comments.append(line[1:].strip())
        elif line.strip():
            body.append(line)
    for r in csv.DictReader(body):
        rows.append(r)
    return comments, rows


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def judge(rows):
    """Per series: first- and last-third means, the difference, growth per hour and the verdict."""
    ts = [num(r["t_s"]) for r in rows]
    end = ts[-1] if ts else 0
    first = [i for i, t in enumerate(ts) if t <= end / 3]
    last = [i for i, t in enumerate(ts) if t >= 2 * end / 3]
    out = {}
    for name, column, label, unit, scale, (floor_abs, floor_rel) in SERIES:
        values = [num(r[column]) for r in rows]
        values = [v * scale if v is not None else None for v in values]
        f = [values[i] for i in first if values[i] is not None]
        la = [values[i] for i in last if values[i] is not None]
        if len(rows) < 3 or not f or not la or end <= 0:
            out[name] = {"label": label, "unit": unit, "verdict": "too few samples"}
            continue
        mf, ml = sum(f) / len(f), sum(la) / len(la)
        tf = sum(ts[i] for i in first) / len(first)
        tl = sum(ts[i] for i in last) / len(last)
        delta = ml - mf
        per_hour = delta / (tl - tf) * 3600 if tl > tf else 0.0
        floor = max(floor_abs, floor_rel * abs(mf))
        verdict = "growing" if delta > floor else "flat"
        out[name] = {"label": label, "unit": unit, "first_third_mean": round(mf, 2),
                     "last_third_mean": round(ml, 2), "difference": round(delta, 2),
                     "growth_per_hour": round(per_hour, 2), "noise_floor": round(floor, 2),
                     "first_third_samples": len(f), "last_third_samples": len(la),
                     "min": round(min(v for v in values if v is not None), 2),
                     "max": round(max(v for v in values if v is not None), 2), "verdict": verdict}
    return out


def per_connection(m):
    if not m:
        return None
    b, a, n = m["before"], m["after"], m["connections"]
    return {
        "server": m["server"], "connections": n, "open": m.get("open"), "settle_s": m.get("settle_s"),
        "rss_before_mib": round(b["rss_kib"] / 1024, 1), "rss_after_mib": round(a["rss_kib"] / 1024, 1),
        "heap_before_mib": round(b["heap_after_gc_kib"] / 1024, 1),
        "heap_after_mib": round(a["heap_after_gc_kib"] / 1024, 1),
        "rss_per_connection_kib": round((a["rss_kib"] - b["rss_kib"]) / n, 1),
        "heap_per_connection_kib": round((a["heap_after_gc_kib"] - b["heap_after_gc_kib"]) / n, 1),
        "rss_total_per_connection_kib": round(a["rss_kib"] / n, 1),
        "heap_total_per_connection_kib": round(a["heap_after_gc_kib"] / n, 1),
        "fds_before": b["fds"], "fds_after": a["fds"], "threads_before": b["threads"], "threads_after": a["threads"],
    }


def health(meta, raw, rows, server):
    """Everything a client or the server did wrong, as sentences; and the clients' counters."""
    problems, clients = [], {}
    if not meta.get("server_alive_at_end", False):
        problems.append("the server was not running at the end")
    if meta.get("sampler_exit", 0) != 0:
        problems.append("the sampler failed (exit {})".format(meta.get("sampler_exit")))
    for w in ("mix", "pipeline"):
        s = load_json(raw / "wrk-{}.json".format(w))
        lengths = load_json(raw / "wrk-{}-lengths.json".format(w)) or {}
        if s is None:
            problems.append("wrk {}: no summary".format(w))
            continue
        s["bad_length"] = lengths.get("bad_length")
        clients["wrk_" + w] = s
        for key in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts", "bad_length"):
            if s.get(key):
                problems.append("wrk {}: {} {}".format(w, s[key], key.replace("_", " ")))
        if not s.get("requests"):
            problems.append("wrk {}: no requests".format(w))
    h = load_json(raw / "http-final.json")
    if h is None:
        problems.append("resets and half-closes: no final counters")
    else:
        clients["resets_half_closes"] = h
        for key, value in h.items():
            if value and (key.endswith("_errors") or key.startswith("half_close_bad")
                          or key.endswith("closed_early") or key.endswith("bad_response")):
                problems.append("resets and half-closes: {} {}".format(value, key.replace("_", " ")))
        if not h.get("half_close_ok"):
            problems.append("resets and half-closes: no half-close answered")
    for name in (server, "deflate"):
        w = load_json(raw / "ws-final-{}.json".format(name))
        if w is None:
            if name == server or (raw / "ws-deflate.log").exists():
                problems.append("WebSocket client {}: no final counters".format(name))
            continue
        clients["websocket_" + name] = w
        for key in ("handshake_failures", "dropped", "echo_mismatch", "echo_unexpected", "echo_lost",
                    "ping_timeouts", "ping_send_errors", "echo_send_errors", "close_errors"):
            if w.get(key):
                problems.append("WebSocket client {}: {} {}".format(name, w[key], key.replace("_", " ")))
        if w.get("close_codes"):
            problems.append("WebSocket client {}: close codes of dropped connections {}".format(
                name, w["close_codes"]))
    opens = [num(r.get("ws_open")) for r in rows if num(r.get("ws_open")) is not None]
    target = meta.get("settings", {}).get("ws_connections")
    if opens and target and min(opens) < target:
        problems.append("WebSocket connections open fell to {} of {} at a sample".format(int(min(opens)), target))
    return problems, clients


def nice_ticks(hi, count=5):
    if hi <= 0:
        return [0, 1]
    raw_step = hi / count
    mag = 10 ** math.floor(math.log10(raw_step))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw_step)
    return [i * step for i in range(int(math.ceil(hi / step)) + 1)]


def fmt(v):
    if abs(v) >= 100 or v == int(v):
        return "{:,.0f}".format(v)
    return "{:,.1f}".format(v)


def write_svg(path, rows, verdicts, title, subtitle, footer):
    cols, panel_w, panel_h, gap, top = 2, 540, 250, 20, 78
    width = cols * panel_w + (cols + 1) * gap
    height = top + 2 * (panel_h + gap) + 30
    ts = [num(r["t_s"]) / 60 for r in rows]
    end = ts[-1] if ts and ts[-1] > 0 else 1
    svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}" viewBox="0 0 {0} {1}" '
           'font-family="Helvetica, Arial, sans-serif" font-size="12">'.format(width, height),
           '<rect width="100%" height="100%" fill="#ffffff"/>',
           '<text x="20" y="28" font-size="17" font-weight="bold">{}</text>'.format(html.escape(title)),
           '<text x="20" y="48" fill="{}">{}</text>'.format(DARK, html.escape(subtitle[0])),
           '<text x="20" y="66" fill="{}">{}</text>'.format(DARK, html.escape(subtitle[1]))]
    for k, (name, column, label, unit, scale, _) in enumerate(SERIES):
        x0 = gap + (k % cols) * (panel_w + gap)
        y0 = top + (k // cols) * (panel_h + gap)
        v = verdicts[name]
        values = [num(r[column]) * scale if num(r[column]) is not None else None for r in rows]
        present = [x for x in values if x is not None]
        ticks = nice_ticks(max(present) * 1.08 if present else 1)
        hi = ticks[-1]
        left, right, ptop, pbottom = x0 + 56, x0 + panel_w - 12, y0 + 44, y0 + panel_h - 30

        def px(t):
            return left + (right - left) * t / end

        def py(y):
            return pbottom - (pbottom - ptop) * y / hi

        heading = label + (" ({})".format(unit) if unit else "")
        svg.append('<text x="{}" y="{}" font-size="14" font-weight="bold">{}</text>'.format(
            x0, y0 + 18, html.escape(heading)))
        if "growth_per_hour" in v:
            color = ORANGE if v["verdict"] == "growing" else DARK
            note = "{}: {:+,.1f}{} per hour (last third − first third: {:+,.1f}; noise floor {})".format(
                v["verdict"], v["growth_per_hour"], " " + unit if unit else "", v["difference"],
                fmt(v["noise_floor"]))
            svg.append('<text x="{}" y="{}" fill="{}">{}</text>'.format(x0, y0 + 34, color, html.escape(note)))
        # The thirds compared, shaded.
        for a, b in ((0, end / 3), (2 * end / 3, end)):
            svg.append('<rect x="{:.1f}" y="{}" width="{:.1f}" height="{}" fill="{}"/>'.format(
                px(a), ptop, px(b) - px(a), pbottom - ptop, BAND))
        for t in ticks:
            svg.append('<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="#dee2e6"/>'.format(
                left, py(t), right, py(t)))
            svg.append('<text x="{}" y="{:.1f}" text-anchor="end" fill="{}">{}</text>'.format(
                left - 6, py(t) + 4, GREY, fmt(t)))
        for t in nice_ticks(end, 6):
            if t <= end * 1.001:
                svg.append('<text x="{:.1f}" y="{}" text-anchor="middle" fill="{}">{}</text>'.format(
                    px(t), pbottom + 16, GREY, fmt(t)))
        svg.append('<text x="{}" y="{}" text-anchor="end" fill="{}">minutes</text>'.format(right, pbottom + 28, GREY))
        svg.append('<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="{3}"/>'.format(left, pbottom, right, GREY))
        if "first_third_mean" in v:
            for a, b, m in ((0, end / 3, v["first_third_mean"]), (2 * end / 3, end, v["last_third_mean"])):
                svg.append('<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="{}" '
                           'stroke-dasharray="4 3"/>'.format(px(a), py(m), px(b), py(m), BLUE))
        points = [(px(t), py(y)) for t, y in zip(ts, values) if y is not None]
        if points:
            svg.append('<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>'.format(
                ORANGE, " ".join("{:.1f},{:.1f}".format(x, y) for x, y in points)))
            for x, y in points:
                svg.append('<circle cx="{:.1f}" cy="{:.1f}" r="2.5" fill="{}"/>'.format(x, y, ORANGE))
    svg.append('<text x="20" y="{}" fill="{}">{}</text>'.format(height - 14, GREY, html.escape(footer)))
    svg.append("</svg>")
    Path(path).write_text("\n".join(svg) + "\n")


def md_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def main():
    out = Path(sys.argv[1])
    raw = out / "raw"
    meta = load_json(raw / "meta.json") or {}
    comments, rows = load_csv(out / "soak.csv")
    commit = meta.get("commit") or (comments[0].split("commit ", 1)[1] if comments else "unknown")
    server = meta.get("server", "jvicorn")
    settings = meta.get("settings", {})
    verdicts = judge(rows)
    growing = [n for n, v in verdicts.items() if v["verdict"] == "growing"]
    unjudged = [n for n, v in verdicts.items() if v["verdict"] == "too few samples"]
    problems, clients = health(meta, raw, rows, server)
    memory = [per_connection(load_json(raw / "wsmem-{}.json".format(s))) for s in (server, "netty")
              if s == server or meta.get("compare_netty")]
    memory = [m for m in memory if m]
    after = load_json(raw / "after-load.json")
    baseline = load_json(raw / "wsmem-{}.json".format(server))
    released = None
    if after and baseline:
        released = {"fds_before_connections": baseline["before"]["fds"], "fds_after_load": after["fds"],
                    "threads_before_connections": baseline["before"]["threads"], "threads_after_load": after["threads"],
                    "heap_before_connections_mib": round(baseline["before"]["heap_after_gc_kib"] / 1024, 1),
                    "heap_after_load_mib": round(after["heap_after_gc_kib"] / 1024, 1),
                    "rss_after_load_mib": round(after["rss_kib"] / 1024, 1)}
        if after["fds"] > baseline["before"]["fds"] + NOISE["fds"][0]:
            problems.append("{} descriptors still open after every client left ({} before the connections)".format(
                after["fds"], baseline["before"]["fds"]))
    flat = not growing and not unjudged
    verdict = ("FLAT" if flat else "GROWING: " + ", ".join(growing) if growing else "NOT JUDGED: too few samples")
    ok = flat and not problems

    short = commit[:12]
    minutes = settings.get("minutes", "?")
    title = "{} soak, commit {}".format(server, commit)
    subtitle = ("{:,} WebSocket connections (+{} with permessage-deflate), mixed HTTP, resets, half-closes; "
                "{} min after {} s warm-up, a sample every {} s".format(
                    settings.get("ws_connections", 0), settings.get("ws_deflate_connections", 0), minutes,
                    settings.get("warmup_s", "?"), settings.get("interval_s", "?")),
                "Verdict: {}{}. Shaded: the first and last thirds compared; dashed: their means. {} × {}".format(
                    verdict, "" if not problems else " (and {} client or server problem(s))".format(len(problems)),
                    meta.get("machine", {}).get("nproc", "?"), meta.get("machine", {}).get("cpu", "?")))
    footer = ("heap after GC: one jcmd -f running GC.run, then GC.heap_info ('used'); RSS: VmRSS; fds: /proc/PID/fd; threads: "
              "/proc/PID/status. Made by scripts/soak.")
    write_svg(out / "soak.svg", rows, verdicts, title, subtitle, footer)

    summary = {"commit": commit, "server": server, "verdict": verdict, "ok": ok, "series": verdicts,
               "problems": problems, "memory_per_websocket_connection": memory, "after_load": released,
               "clients": clients, "meta": meta, "samples": len(rows)}
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")

    md = ["# Soak: {} at commit {}".format(server, commit), "",
          "{} Started {}, {} samples.".format(subtitle[0][0].upper() + subtitle[0][1:] + ".", meta.get("started", "?"),
                                              len(rows)), "",
          "**Verdict: {}**{}".format(verdict, "" if not problems else "; problems: " + "; ".join(problems)), "",
          "![RSS, heap after GC, fds and threads over time](soak.svg)", "",
          "## Growth, last third against first third", ""]
    md.append(md_table(
        ["series", "first third (mean)", "last third (mean)", "difference", "per hour", "noise floor", "verdict"],
        [[v["label"] + (" ({})".format(v["unit"]) if v["unit"] else ""),
          fmt(v.get("first_third_mean", 0)), fmt(v.get("last_third_mean", 0)),
          "{:+,.1f}".format(v.get("difference", 0)), "{:+,.1f}".format(v.get("growth_per_hour", 0)),
          fmt(v.get("noise_floor", 0)), v["verdict"]] for v in verdicts.values()]))
    if memory:
        pretouch = "AlwaysPreTouch" in settings.get("jvm_flags", "")
        md += ["", "## Memory per idle WebSocket connection", "",
               "The same client (scripts/soak_ws.py, no compression) opens the connections to a fresh server process "
               "and leaves them idle for {} s; each server is sampled after a full GC before and after, and the "
               "difference is divided by the connections.".format(settings.get("settle_s", "?"))
               + (" The heap is pre-touched (-XX:+AlwaysPreTouch), so RSS grows only outside the Java heap, and the "
                  "two add up to the whole cost of a connection to the process (the kernel's socket buffers are in "
                  "neither)." if pretouch else
                  " RSS includes heap pages touched while connecting, garbage or not."), ""]
        md.append(md_table(
            ["server", "connections open", "RSS before → after (MiB)", "heap after GC before → after (MiB)",
             "RSS per connection (KiB)", "heap per connection (KiB)"]
            + (["together (KiB)"] if pretouch else []),
            [[m["server"] + (" ({})".format(meta.get("netty_transport")) if m["server"] == "netty" else ""),
              "{:,} of {:,}".format(m["open"], m["connections"]),
              "{} → {}".format(m["rss_before_mib"], m["rss_after_mib"]),
              "{} → {}".format(m["heap_before_mib"], m["heap_after_mib"]),
              m["rss_per_connection_kib"], m["heap_per_connection_kib"]]
             + (["{:.1f}".format(m["rss_per_connection_kib"] + m["heap_per_connection_kib"])] if pretouch else [])
             for m in memory]))
    if released:
        md += ["", "After the load, every client gone: {} fds ({} before the connections), {} threads ({}), heap after "
               "GC {} MiB ({}), RSS {} MiB.".format(
                   released["fds_after_load"], released["fds_before_connections"], released["threads_after_load"],
                   released["threads_before_connections"], released["heap_after_load_mib"],
                   released["heap_before_connections_mib"], released["rss_after_load_mib"])]
    md += ["", "## Load", ""]
    for key, c in clients.items():
        if key.startswith("wrk_"):
            md.append("- {}: {:,} responses, {:.0f}/s, p99 {:.1f} ms; errors connect {} read {} write {} status {} "
                      "timeouts {}, wrong lengths {}".format(
                          key.replace("_", " "), c["requests"], c["requests"] / (c["duration_us"] / 1e6),
                          c["p99_us"] / 1000, c["connect_errors"], c["read_errors"], c["write_errors"],
                          c["status_errors"], c["timeouts"], c.get("bad_length")))
        elif key == "resets_half_closes":
            md.append("- resets and half-closes: " + ", ".join("{} {}".format(k, v) for k, v in c.items()))
        else:
            keep = ("opened", "reopened", "dropped", "handshake_failures", "echo_sent", "echo_ok", "echo_mismatch",
                    "echo_lost", "pings_sent", "pongs", "ping_timeouts", "server_pings", "rtt_mean_ms", "rtt_max_ms")
            md.append("- {}: ".format(key.replace("_", " ")) + ", ".join(
                "{} {}".format(k, c[k]) for k in keep if c.get(k) is not None))
    md += ["", "Settings: `{}`".format(json.dumps(settings)), ""]
    (out / "summary.md").write_text("\n".join(md))

    print("soak verdict: {}".format(verdict))
    for name, v in verdicts.items():
        if "growth_per_hour" in v:
            print("  {:<8} first third {:>10} last third {:>10}  {:+10,.1f}{} per hour  ({})".format(
                name, fmt(v["first_third_mean"]), fmt(v["last_third_mean"]), v["growth_per_hour"],
                " " + v["unit"] if v["unit"] else "", v["verdict"]))
    for m in memory:
        print("  per idle WebSocket connection, {}: RSS {} KiB, heap after GC {} KiB ({:,} open)".format(
            m["server"], m["rss_per_connection_kib"], m["heap_per_connection_kib"], m["open"]))
    for p in problems:
        print("  problem: " + p)
    print("  {}".format(out / "summary.md"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
