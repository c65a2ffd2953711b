#!/usr/bin/env python3
"""alloc-top.py ALLOC.TXT OPS: sums JFR ObjectAllocationSample weights (from `jfr print`) by class and by the first
jvicorn frame, per operation (request or message), largest first."""
import re, sys
from collections import Counter

UNITS = {"bytes": 1, "byte": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}
text, ops = open(sys.argv[1]).read(), int(sys.argv[2])
by_class, by_site, total = Counter(), Counter(), 0.0
for event in text.split("jdk.ObjectAllocationSample {")[1:]:
    cls = re.search(r"objectClass = (\S+)", event).group(1)
    amount, unit = re.search(r"weight = ([\d.,]+) (\w+)", event).groups()
    weight = float(amount.replace(",", "")) * UNITS[unit]
    frames = re.findall(r"^\s+(\S+)\(.*?line:", event, re.M)
    site = next((f for f in frames if f.startswith("io.jvicorn")), frames[0] if frames else "?")
    by_class[cls] += weight
    by_site[cls + " <- " + site] += weight
    total += weight
print(f"total {total / ops:.0f} bytes per operation over {ops} operations (sampled weights)")
for title, counter in (("by class", by_class), ("by class and first jvicorn frame", by_site)):
    print(f"\n{title}:")
    for key, weight in counter.most_common(25):
        print(f"{weight / ops:9.1f} B/op  {100 * weight / total:5.1f}%  {key}")
