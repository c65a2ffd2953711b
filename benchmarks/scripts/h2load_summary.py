#!/usr/bin/python3
"""Reads h2load's report on stdin and prints it as one JSON object; checks that every request was answered.

Usage: h2load_summary.py BODY_LENGTH < h2load-output
Prints {"requests", "duration_us", "mean_us", "started", "done", "succeeded", "failed", "errored", "timeout",
"status_2xx", "status_3xx", "status_4xx", "status_5xx", "data_bytes"}; "requests" counts the answered ones (the
succeeded). Exits 1, the reason on stderr, when h2load printed no report, answered nothing, or saw any failure, error,
timeout or status other than 2xx, fewer 2xx than succeeded, or received fewer body bytes than BODY_LENGTH per answer. Standard library only.
"""
import json
import re
import sys

UNITS_US = {"us": 1, "ms": 1000, "s": 1000000}


def parse(text):
    finished = re.search(r"^finished in ([0-9.]+)(us|ms|s),", text, re.M)
    requests = re.search(r"^requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, "
                         r"(\d+) errored, (\d+) timeout", text, re.M)
    codes = re.search(r"^status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx", text, re.M)
    traffic = re.search(r"^traffic: .*?, [0-9.]+[KMG]?B \((\d+)\) data", text, re.M)
    mean = re.search(r"^time for request:\s+\S+\s+\S+\s+([0-9.]+)(us|ms|s)", text, re.M)
    if not (finished and requests and codes and traffic):
        return None
    total, started, done, succeeded, failed, errored, timeout = (int(x) for x in requests.groups())
    return {
        "requests": succeeded,
        "duration_us": round(float(finished.group(1)) * UNITS_US[finished.group(2)]),
        "mean_us": round(float(mean.group(1)) * UNITS_US[mean.group(2)], 1) if mean else None,
        "total": total, "started": started, "done": done, "succeeded": succeeded,
        "failed": failed, "errored": errored, "timeout": timeout,
        "status_2xx": int(codes.group(1)), "status_3xx": int(codes.group(2)), "status_4xx": int(codes.group(3)),
        "status_5xx": int(codes.group(4)),
        "data_bytes": int(traffic.group(1)),
    }


def problems(s, body_length):
    found = []
    if s["succeeded"] == 0:
        found.append("no request answered")
    for key in ("failed", "errored", "timeout", "status_3xx", "status_4xx", "status_5xx"):
        if s[key]:
            found.append("%d %s" % (s[key], key.replace("status_", "")))
    # A response whose head arrived before the end of a timed run but not its end counts in 2xx, not in succeeded.
    if s["status_2xx"] < s["succeeded"]:
        found.append("%d answered with 2xx of %d succeeded" % (s["status_2xx"], s["succeeded"]))
    if s["data_bytes"] < s["succeeded"] * body_length:
        found.append("%d body bytes for %d answers of %d bytes" % (s["data_bytes"], s["succeeded"], body_length))
    return found


def main():
    body_length = int(sys.argv[1])
    text = sys.stdin.read()
    summary = parse(text)
    if summary is None:
        print("h2load printed no report", file=sys.stderr)
        sys.exit(1)
    print(json.dumps(summary))
    found = problems(summary, body_length)
    if found:
        print("; ".join(found), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
