#!/usr/bin/env python3
"""The web planner's response time: what a planner waits for after moving a slider.

Starts `allocate serve` (release build) on a free port and sends POST /api/compare, each
time with another Sofortausstattung budget (as a slider would), measuring the whole HTTP
round trip: decode, load the scenario, solve the baseline and the changed scenario, verify
both, render the comparison. Prints median, min and max of RUNS requests after WARMUP.

    python3 Benchmarks/web.py [--bin .build/release/allocate] [--runs 50] [--scenario Scenarios/dortmund-2020.yaml]
"""
import argparse, http.client, json, statistics, subprocess, sys, time

parser = argparse.ArgumentParser()
parser.add_argument("--bin", default=".build/release/allocate")
parser.add_argument("--runs", type=int, default=50)
parser.add_argument("--warmup", type=int, default=5)
parser.add_argument("--scenario", default="Scenarios/dortmund-2020.yaml")
args = parser.parse_args()

server = subprocess.Popen([args.bin, "serve", args.scenario, "--port", "0"], stdout=subprocess.PIPE, text=True)
try:
    line = server.stdout.readline()
    if "http://" not in line:
        sys.exit(f"the server did not start: {line!r}")
    port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
    times, solve = [], []
    for i in range(args.warmup + args.runs):
        budget = 4_000_000 + 37_000 * i
        body = json.dumps({"overrides": {"pools.sofort.budget": str(budget)}})
        conn = http.client.HTTPConnection("127.0.0.1", port)
        start = time.perf_counter()
        conn.request("POST", "/api/compare", body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - start
        conn.close()
        if response.status != 200:
            sys.exit(f"status {response.status}: {data[:200]!r}")
        if i >= args.warmup:
            times.append(elapsed * 1000)
            solve.append(float(response.getheader("Server-Timing").split("dur=")[1]))
    print(f"POST /api/compare ({args.scenario}, {args.runs} requests, each another budget): "
          f"median {statistics.median(times):.1f} ms, min {min(times):.1f} ms, max {max(times):.1f} ms "
          f"(of which solving both plans: median {statistics.median(solve):.1f} ms)")
finally:
    server.terminate()
    server.wait()
