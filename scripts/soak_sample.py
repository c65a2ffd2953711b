"""Samples a JVM server process for scripts/soak: resident memory, heap used after a full GC, open descriptors,
threads.

  soak_sample.py once --pid PID
      one sample as a JSON object on stdout
  soak_sample.py loop --pid PID --csv FILE --interval S --duration S [--commit C] [--note TEXT]
                 [--ws-status FILE] [--http-status FILE]
      a sample at once, then every S seconds until --duration has passed (or SIGTERM), one CSV row each

Heap after GC: `jcmd PID -f FILE` with FILE holding GC.run (a full collection, System.gc()) and then GC.heap_info,
whose first "used NK" is the whole Java heap in use (for G1: "garbage-first heap total ..., used ..."); one jcmd
for both, so that the reading follows the collection by milliseconds. The /proc figures are
read right after, so every row describes the process just after its full GC. rss_kib is VmRSS of
/proc/PID/status, fds the entries of /proc/PID/fd, threads the Threads line of /proc/PID/status (platform threads
only: virtual threads are not kernel threads).

The CSV opens with '#' comment lines (the commit id first) and then a header row; every later column comes from the
clients' status files (WebSocket connections open, half-closes and resets so far) so that the figures can be read
against the load.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

JDK = "/usr/lib/jvm/temurin-25-jdk-amd64"
USED = re.compile(r"used (\d+)K")
COLUMNS = ["t_s", "utc", "rss_kib", "heap_after_gc_kib", "fds", "threads", "ws_open", "ws_echo_ok",
           "ws_dropped", "half_closes", "resets", "sample_ms"]


def jcmd(pid, *command):
    jcmd_path = os.path.join(JDK, "bin", "jcmd")
    out = subprocess.run([jcmd_path, str(pid), *command], capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise RuntimeError("jcmd {} {} failed: {}{}".format(pid, " ".join(command), out.stdout, out.stderr))
    return out.stdout


def heap_after_gc_kib(pid):
    # Both commands in one jcmd (-f): a second jcmd would start a JVM first, and the server, under load, would
    # allocate for most of a second between the collection and the reading.
    with tempfile.NamedTemporaryFile("w", prefix="soak-jcmd-", suffix=".txt") as commands:
        commands.write("GC.run\nGC.heap_info\n")
        commands.flush()
        info = jcmd(pid, "-f", commands.name)
    m = USED.search(info)
    if not m:
        raise RuntimeError("no 'used NK' in GC.heap_info: " + info)
    return int(m.group(1))


def proc_status(pid):
    rss = threads = None
    with open("/proc/{}/status".format(pid)) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
            elif line.startswith("Threads:"):
                threads = int(line.split()[1])
    return rss, threads


def sample(pid):
    started = time.monotonic()
    heap = heap_after_gc_kib(pid)
    rss, threads = proc_status(pid)
    fds = len(os.listdir("/proc/{}/fd".format(pid)))
    return {"rss_kib": rss, "heap_after_gc_kib": heap, "fds": fds, "threads": threads,
            "sample_ms": int((time.monotonic() - started) * 1000)}


def read_json(path):
    if not path:
        return {}
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def loop(args):
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    t0 = time.monotonic()
    with open(args.csv, "w") as f:
        f.write("# jvicorn soak, commit {}\n".format(args.commit))
        for line in args.note:
            f.write("# {}\n".format(line))
        f.write("# heap_after_gc_kib: jcmd -f with GC.run then GC.heap_info (used); rss_kib: VmRSS; fds: /proc/PID/fd;"
                " threads: /proc/PID/status Threads\n")
        f.write(",".join(COLUMNS) + "\n")
        f.flush()
        n = 0
        while True:
            due = t0 + n * args.interval
            while not stop and time.monotonic() < due:
                time.sleep(min(0.2, max(0.0, due - time.monotonic())))
            if stop:
                break
            try:
                s = sample(args.pid)
            except (OSError, RuntimeError, subprocess.TimeoutExpired) as e:
                print("soak_sample: sample {} failed: {}".format(n, e), file=sys.stderr, flush=True)
                if not os.path.exists("/proc/{}".format(args.pid)):
                    return 1
                n += 1
                continue
            ws = read_json(args.ws_status)
            http = read_json(args.http_status)
            row = {"t_s": round(time.monotonic() - t0, 1),
                   "utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                   "ws_open": ws.get("open", ""), "ws_echo_ok": ws.get("echo_ok", ""),
                   "ws_dropped": ws.get("dropped", 0) if ws else "",
                   "half_closes": http.get("half_close_ok", 0) + http.get("half_close_bad", 0) if http else "",
                   "resets": http.get("resets", 0) if http else ""}
            row.update(s)
            f.write(",".join(str(row[c]) for c in COLUMNS) + "\n")
            f.flush()
            print("soak_sample: t={t_s:>7}s rss={rss} MiB heap={heap} MiB fds={fds} threads={threads} "
                  "ws_open={ws_open}".format(t_s=row["t_s"], rss=s["rss_kib"] // 1024,
                                             heap=s["heap_after_gc_kib"] // 1024, fds=s["fds"],
                                             threads=s["threads"], ws_open=row["ws_open"]),
                  file=sys.stderr, flush=True)
            n += 1
            if n * args.interval > args.duration + 0.001:
                break
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="mode", required=True)
    once = sub.add_parser("once")
    once.add_argument("--pid", type=int, required=True)
    lp = sub.add_parser("loop")
    lp.add_argument("--pid", type=int, required=True)
    lp.add_argument("--csv", required=True)
    lp.add_argument("--interval", type=float, default=30.0)
    lp.add_argument("--duration", type=float, required=True)
    lp.add_argument("--commit", default="unknown")
    lp.add_argument("--note", action="append", default=[], help="another '#' line for the CSV's header")
    lp.add_argument("--ws-status")
    lp.add_argument("--http-status")
    args = p.parse_args()
    if args.mode == "once":
        print(json.dumps(sample(args.pid)))
        return 0
    return loop(args)


if __name__ == "__main__":
    sys.exit(main())
