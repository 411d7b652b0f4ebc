#!/usr/bin/env python3
"""HiGHS (highspy, from PyPI) on the model `allocate export-model --mps FILE` writes: the first
integer stage of a scenario (under maximin: the need-weighted stage at the proven coverage), as
one program, with the scenario's relative gap. Its ordinary use: read the file, set the gap,
run, report.

Usage: highs_model.py MODEL.mps [--gap 1e-4] [--time-limit 600] [--threads N]
Prints one line: status, objective, HiGHS's own run time and the whole process's time."""
import argparse
import time

start = time.perf_counter()
import highspy  # noqa: E402  (the import is part of the process's cost)

parser = argparse.ArgumentParser()
parser.add_argument("model")
parser.add_argument("--gap", type=float, default=1e-4)
parser.add_argument("--time-limit", type=float, default=600)
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
print(f"{h.modelStatusToString(h.getModelStatus())} objective {h.getInfo().objective_function_value:.6f} "
      f"run {solved - solve_start:.3f} s, process {solved - start:.3f} s")
