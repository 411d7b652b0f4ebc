#!/usr/bin/env python3
"""Whether two plans of the default scenario are the same plan: the same need per school, the
same pool spending (pools.csv), and the same value of every objective stage recomputed from
the files — each kind's guarantee (smallest devices / need), the need-weighted devices — and
the tie-break (smallest need first, then lower school number; both solvers stop it within the
relative gap 1e-4, so two optimal plans may differ in it). Prints one line per check; exit 1
if a stage or the money differs.

Usage: same_plan.py OURS_DIR THEIRS_DIR"""
import csv
import sys
from fractions import Fraction as F

WITHOUT_LEVEL = {"Förderschule Grund-/Hauptschule": 9, "Berufskolleg": 4}   # Scenarios/dortmund-2020.yaml
DEFAULT_LEVEL = 5


def read(folder):
    with open(f"{folder}/schools.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with open(f"{folder}/pools.csv", encoding="utf-8") as fh:
        pools = fh.read()
    return rows, pools


def stages(rows):
    kinds = [h[len("need_"):] for h in rows[0] if h.startswith("need_")]
    out = {}
    for k in kinds:
        out[f"guarantee ({k})"] = min(F(int(r[f"devices_{k}"]), int(r[f"need_{k}"])) for r in rows if int(r[f"need_{k}"]) > 0)
    level = lambda r: int(r["social_index"]) if r["social_index"] else WITHOUT_LEVEL.get(r["schulform"], DEFAULT_LEVEL)
    weight = lambda r, k: 1 + F(level(r) - 1, 8) if k == "pupil" else F(1)
    out["need-weighted devices"] = sum(weight(r, k) * int(r[f"devices_{k}"]) for r in rows for k in kinds)
    cells = sorted(((int(r[f"need_{k}"]), r["schulnummer"], i, int(r[f"devices_{k}"]))
                    for r in rows for i, k in enumerate(kinds) if int(r[f"need_{k}"]) > 0))
    out["tie-break"] = sum((len(cells) - n) * c[3] for n, c in enumerate(cells))
    return out


ours, theirs = read(sys.argv[1]), read(sys.argv[2])
ok = True
need = lambda rows: [(r["schulnummer"], [v for h, v in r.items() if h.startswith("need_")]) for r in rows]
if need(ours[0]) != need(theirs[0]):
    print("   need per school: DIFFERENT"); ok = False
else:
    print(f"   need per school: the same ({len(ours[0])} schools)")
print(f"   pools.csv (money granted, spent, left per pool): {'the same' if ours[1] == theirs[1] else 'DIFFERENT'}")
ok = ok and ours[1] == theirs[1]
a, b = stages(ours[0]), stages(theirs[0])
for name in a:
    same = a[name] == b[name]
    if name != "tie-break":
        ok = ok and same
    print(f"   {name}: ours {float(a[name]):.6f}, theirs {float(b[name]):.6f}{'' if same else ' (different)'}")
differ = sum(1 for r, s in zip(ours[0], theirs[0]) if [v for h, v in r.items() if h.startswith("devices_")]
             != [v for h, v in s.items() if h.startswith("devices_")])
print(f"   schools with other device counts: {differ} of {len(ours[0])}; files byte for byte: "
      f"{'equal' if open(sys.argv[1] + '/schools.csv', 'rb').read() == open(sys.argv[2] + '/schools.csv', 'rb').read() else 'not equal'}")
sys.exit(0 if ok else 1)
