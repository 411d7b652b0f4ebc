#!/usr/bin/env python3
"""Scale benchmark, apart from the tests: our end-to-end run against glpsol and HiGHS on the
same exported model, for the default, the NRW statewide and the synthetic 40,000-school
scenarios. Prints one table with the machine and the date.

    python3 Benchmarks/scale.py            # builds the release binary first
    python3 Benchmarks/scale.py --quick    # skips the 40,000-school scenario

Wall time and peak memory (max RSS of the process) of `allocate solve` are medians of runs;
glpsol and HiGHS (scipy.optimize.milp, if scipy is installed) solve the first integer stage
that `allocate export-model` writes, with the same relative gap (1e-4) and a time limit."""
import os, platform, resource, statistics, subprocess, sys, tempfile, time, datetime

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "allocate")
LIMIT = 600  # seconds for glpsol and HiGHS


def run(cmd, **kw):
    """Runs a command; returns (seconds, max RSS in MiB, completed process)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, **kw)
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - start
    out, err = p.stdout.read(), p.stderr.read()
    code = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, subprocess.CompletedProcess(cmd, code, out, err)


def read_free_mps(path):
    """GLPK's free MPS: NAME, ROWS, COLUMNS (with INTORG/INTEND markers), RHS, RANGES, BOUNDS."""
    import numpy as np
    from scipy.sparse import coo_matrix
    rows, row_type, cols, col_index, integer = {}, {}, [], {}, []
    entries, rhs, ranges, bounds = [], {}, {}, {}
    section, obj, in_int = None, None, False
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("*"):
                continue
            if not line[0].isspace():
                section = line.split()[0]
                continue
            t = line.split()
            if section == "ROWS":
                if t[0] == "N" and obj is None:
                    obj = t[1]
                elif t[0] != "N":
                    rows[t[1]] = len(rows); row_type[t[1]] = t[0]
            elif section == "COLUMNS":
                if len(t) >= 3 and t[1] == "'MARKER'":
                    in_int = t[2] == "'INTORG'"
                    continue
                name = t[0]
                if name not in col_index:
                    col_index[name] = len(cols); cols.append(name); integer.append(1 if in_int else 0)
                for r, v in zip(t[1::2], t[2::2]):
                    entries.append((r, col_index[name], float(v)))
            elif section == "RHS":
                for r, v in zip(t[1::2], t[2::2]):
                    rhs[r] = float(v)
            elif section == "RANGES":
                for r, v in zip(t[1::2], t[2::2]):
                    ranges[r] = float(v)
            elif section == "BOUNDS":
                kind, name = t[0], t[2]
                value = float(t[3]) if len(t) > 3 else None
                lo, hi = bounds.get(name, (0.0, np.inf))
                if kind == "UP": hi = value
                elif kind == "LO": lo = value
                elif kind == "FX": lo = hi = value
                elif kind == "FR": lo, hi = -np.inf, np.inf
                elif kind == "MI": lo = -np.inf
                elif kind == "PL": hi = np.inf
                elif kind == "BV": lo, hi = 0.0, 1.0
                bounds[name] = (lo, hi)
    n, m = len(cols), len(rows)
    c = np.zeros(n)
    data, ri, ci = [], [], []
    for r, j, v in entries:
        if r == obj:
            c[j] = v
        else:
            ri.append(rows[r]); ci.append(j); data.append(v)
    A = coo_matrix((data, (ri, ci)), shape=(m, n)).tocsr()
    lb, ub = np.full(m, -np.inf), np.full(m, np.inf)
    for r, i in rows.items():
        b, t = rhs.get(r, 0.0), row_type[r]
        if t == "E": lb[i] = ub[i] = b
        elif t == "L": ub[i] = b
        elif t == "G": lb[i] = b
        if r in ranges:
            R = ranges[r]
            if t == "L": lb[i] = b - abs(R)
            elif t == "G": ub[i] = b + abs(R)
            elif t == "E":
                if R > 0: ub[i] = b + R
                else: lb[i] = b + R
    col_lo = np.array([bounds.get(name, (0.0, np.inf))[0] for name in cols])
    col_hi = np.array([bounds.get(name, (0.0, np.inf))[1] for name in cols])
    return c, A, lb, ub, col_lo, col_hi, np.array(integer), -rhs.get(obj, 0.0)


def highs(mps, maximize):
    try:
        from scipy.optimize import milp, LinearConstraint, Bounds
    except ImportError:
        return None, "scipy not installed"
    c, A, lb, ub, lo, hi, integrality, constant = read_free_mps(mps)
    start = time.perf_counter()
    r = milp(-c if maximize else c, constraints=LinearConstraint(A, lb, ub), integrality=integrality,
             bounds=Bounds(lo, hi), options={"mip_rel_gap": 1e-4, "time_limit": LIMIT})
    seconds = time.perf_counter() - start
    if r.x is None:
        return seconds, f"no solution ({r.message})"
    value = (-r.fun if maximize else r.fun) + constant
    return seconds, value


def glpsol(path, maximize):
    cmd = ["glpsol", "--lp", path, "--mipgap", "0.0001", "--tmlim", str(LIMIT), "-o", path + ".out"]
    seconds, _, p = run(cmd)
    value = None
    if os.path.exists(path + ".out"):
        for line in open(path + ".out"):
            if line.startswith("Objective:"):
                value = float(line.split()[3])
    return seconds, value


def main():
    quick = "--quick" in sys.argv
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "allocate"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    scenarios = [("default (Dortmund, 155 schools)", "Scenarios/dortmund-2020.yaml", 0.05, None),
                 ("NRW statewide (5,407 schools)", "Scenarios/nrw/state-2020.yaml", 1.0, None)]
    if not quick:
        gen = os.path.join(ROOT, "Scenarios/generated/germany-40k.csv")
        if not os.path.exists(gen):
            subprocess.run([BIN, "generate", "--schools", "40000", "--seed", "2020", "--out", gen], cwd=ROOT, check=True)
        scenarios.append(("synthetic Germany (40,000 schools)", "Scenarios/synthetic/germany-40k.yaml", 5.0, 1024))
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    print(f"machine: {os.cpu_count()} cores, {cpu}, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
          f"{platform.system()} {platform.release()}; {datetime.date.today().isoformat()}")
    print()
    header = f"{'scenario':36} {'in-process':>11} {'ours: wall':>11} {'peak RSS':>9} {'target':>16} {'glpsol':>9} {'HiGHS':>9} {'glpsol/ours':>12} {'HiGHS/ours':>11}"
    print(header)
    print("-" * len(header))
    for label, path, target_s, target_mb in scenarios:
        walls, rss = [], []
        for _ in range(3):
            s, mb, p = run([BIN, "solve", path, "--workers", str(min(2, os.cpu_count() or 1))])
            if p.returncode != 0:
                print(f"{label}: allocate failed: {p.stderr.decode()[:300]}")
                break
            walls.append(s); rss.append(mb)
        ours = statistics.median(walls)
        _, _, b = run([BIN, "bench", path, "--runs", "5", "--workers", str(min(2, os.cpu_count() or 1))])
        inproc = next((l.split()[1] for l in b.stdout.decode().splitlines() if "median" in l), "?")
        with tempfile.TemporaryDirectory() as d:
            lp, mps = os.path.join(d, "m.lp"), os.path.join(d, "m.mps")
            _, _, p = run([BIN, "export-model", path, "--lp", lp, "--mps", mps])
            maximize = b"--max" in p.stdout
            g_s, g_v = glpsol(lp, maximize)
            h_s, h_v = highs(mps, maximize)
        target = f"<{target_s:g} s" + (f", <{target_mb} MB" if target_mb else "")
        h_text = f"{h_s:8.2f}s" if isinstance(h_s, float) else "      n/a"
        print(f"{label:36} {inproc:>9}ms {ours:10.3f}s {statistics.median(rss):7.0f}MB {target:>16} {g_s:8.2f}s {h_text} "
              f"{g_s / ours:11.1f}x {(h_s / ours if isinstance(h_s, float) else float('nan')):10.1f}x")
        print(f"{'':36} objective of the exported stage: glpsol {g_v}, HiGHS {h_v}")
    print()
    print("in-process = `allocate bench` median: parse + build + solve + verify without process start;")
    print("ours = `allocate solve --workers 2` end to end as a process (load, all objective stages, verification, printing);")
    print("glpsol and HiGHS solve only the exported first integer stage of the same model, as one program.")


if __name__ == "__main__":
    main()
