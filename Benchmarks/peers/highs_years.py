#!/usr/bin/env python3
"""HiGHS (highspy, from PyPI) on the multi-year replacement model's first stage as
`replacement-bench export` writes it (free MPS, minimise −smallest coverage): its ordinary
use: read the file, set the gap and the time limit, run, report. Prints one line: status,
the smallest coverage found, HiGHS's proven bound, the gap, its run time and the process's.

Usage: highs_years.py MODEL.mps [--gap 1e-4] [--time-limit 60] [--threads N]"""
import argparse
import time

start = time.perf_counter()
import highspy  # noqa: E402  (the import is part of the process's cost)

parser = argparse.ArgumentParser()
parser.add_argument("model")
parser.add_argument("--gap", type=float, default=1e-4)
parser.add_argument("--time-limit", type=float, default=60)
parser.add_argument("--threads", type=int, default=0)
args = parser.parse_args()

h = highspy.Highs()
h.setOptionValue("output_flag", False)
h.setOptionValue("mip_rel_gap", args.gap)
h.setOptionValue("time_limit", args.time_limit)
if args.threads:
    h.setOptionValue("threads", args.threads)
h.readModel(args.model)
solve_start = time.perf_counter()
h.run()
solved = time.perf_counter()
info = h.getInfo()
found, bound = -info.objective_function_value, -info.mip_dual_bound
gap = (bound - found) / bound * 100 if bound > 0 else float("nan")
print(f"{h.modelStatusToString(h.getModelStatus())} coverage {found:.5f} bound {bound:.5f} gap {gap:.4f} % "
      f"run {solved - solve_start:.3f} s, process {solved - start:.3f} s")
