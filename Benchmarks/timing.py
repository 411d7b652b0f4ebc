#!/usr/bin/env python3
"""Wall time of a whole command, repeated: prints `median min max` in seconds (and the peak
memory of the largest run in MiB with --memory), then the median CPU time (user + system, the
command and its children) in seconds as the last field: on a shared machine CPU time varies
far less with the load than wall time. Output of the command goes to /dev/null; a failing run
stops the benchmark with its stderr.

    timing.py RUNS [--memory] -- COMMAND [ARG...]"""
import os
import statistics
import subprocess
import sys
import time

args = sys.argv[1:]
runs = int(args.pop(0))
memory = False
if args and args[0] == "--memory":
    memory = True
    args.pop(0)
if args and args[0] == "--":
    args.pop(0)
times, cpus, peak = [], [], 0
for _ in range(runs):
    start = time.perf_counter()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    times.append(time.perf_counter() - start)
    cpus.append(usage.ru_utime + usage.ru_stime)
    err = p.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(args)}: exit {os.waitstatus_to_exitcode(status)}\n{err.decode(errors='replace')}")
    peak = max(peak, usage.ru_maxrss // 1024)
line = f"{statistics.median(times):.4f} {min(times):.4f} {max(times):.4f}"
print(line + (f" {peak}" if memory else "") + f" {statistics.median(cpus):.4f}")
