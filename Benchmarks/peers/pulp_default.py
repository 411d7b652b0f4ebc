#!/usr/bin/env python3
"""The default job (`allocate solve --out DIR` on Scenarios/dortmund-2020.yaml) as a PuLP + GLPK
user would write it: read the same school CSV, apply the same rules, solve the same objective
stages with GLPK (glpsol, PuLP's GLPK_CMD), write the same schools.csv and pools.csv.

The scenario's figures are written out here, as such a script would hold them (they are the
values of Scenarios/dortmund-2020.yaml; docs/DOMAIN.md gives their sources). The rules
(README "How the plan is made"):
  need    pupils: round half up of pupils × grades in scope / grades taught × share(level) × form
          factor; teachers: pupils × teachers/pupils of the form (NRW key figures), scaled to
          6,083 by largest remainder (ties: lower school number).
  money   Sofortausstattung pays 90 % of at most 500 € per pupil device (a device is funded by
          one grant at most), the teacher directive 100 % of at most 500 € per teacher device,
          Gute Schule 2020 only own shares and cost above caps, the city's own money (0 €) last.
  stages  maximin per kind (pupils, then teachers): the largest t with every school with need
          getting at least t × its need; then need-weighted devices; then the tie-break
          (smallest need first, then lower school number). Each stage keeps the earlier optimum.
  money to schools  grant devices in proportion to devices, other pools in proportion to what
          is still open, largest remainder, ties to the earlier school.

Usage: pulp_default.py SCHOOLS.csv KEYFIGURES.csv OUTDIR
"""
import csv
import os
import sys
from fractions import Fraction as F

import pulp

schools_csv, key_csv, out = sys.argv[1:4]

# --- the scenario -----------------------------------------------------------------------
GRADES_IN_SCOPE = (2, 13)
FORM_GRADES = {"Grundschule": (1, 4), "Hauptschule": (5, 10), "Realschule": (5, 10), "Gesamtschule": (5, 13),
               "Gymnasium": (5, 13), "Förderschule Grund-/Hauptschule": (1, 10), "Berufskolleg": (11, 13)}
SHARE = {1: F("0.1217"), 2: F("0.1217"), 3: F("0.1217"), 4: F("0.1217"), 5: F("0.3427"), 6: F("0.445"),
         7: F("0.5474"), 8: F("0.6497"), 9: F("0.752")}
FORM_FACTOR = {"Berufskolleg": F("0.1445")}
WEIGHT = {l: 1 + F(l - 1, 8) for l in range(1, 10)}
WITHOUT_LEVEL = {"Förderschule Grund-/Hauptschule": 9, "Berufskolleg": 4}
DEFAULT_LEVEL = 5
TEACHER_TOTAL = 6083
FORM_ALIASES = {"Berufskolleg": "Berufliche Schulen"}
KINDS = [("pupil", "Leihgerät für Schülerinnen und Schüler", 34700, F(1)),      # id, label, price in cents
         ("teacher", "Dienstliches Endgerät für Lehrkräfte", 50000, F(1))]
# id, name, budget in cents, kinds, rule, rate, cap per device in cents, own money
POOLS = [("sofort", "Sofortausstattungsprogramm", 610000000, {"pupil"}, "grant", F("0.9"), 50000, False),
         ("gute-schule", "Gute Schule 2020", 70000000, {"pupil", "teacher"}, "remainder", None, None, False),
         ("lehrkraefte", "Richtlinie Endgeräte für Lehrkräfte", 304000000, {"teacher"}, "grant", F(1), 50000, False),
         ("stadt", "Eigenmittel der Stadt", 0, {"pupil", "teacher"}, "any", None, None, True)]
GAP = 0.0001

# --- the schools and their need ---------------------------------------------------------
with open(schools_csv, newline="", encoding="utf-8") as fh:
    rows = [r for r in csv.DictReader(fh) if r["traeger_hinweis"] == "Stadt Dortmund (vermutet)"]
rows.sort(key=lambda r: r["schulnummer"])
with open(key_csv, newline="", encoding="utf-8") as fh:
    ratio = {r["schulform"]: F(int(r["lehrkraefte"]), int(r["schueler_insgesamt"])) for r in csv.DictReader(fh)}
S = len(rows)
pupils = [int(r["schueler_2024_25_gerundet"]) for r in rows]
levels = [int(float(r["sozialindex_2024_25"])) if r["sozialindex_2024_25"] not in ("", "ohne")
          else WITHOUT_LEVEL.get(r["schulform"], DEFAULT_LEVEL) for r in rows]

def pupil_need(r, p, level):
    lo, hi = FORM_GRADES.get(r["schulform"], (0, -1))
    taught = hi - lo + 1
    if taught <= 0:
        return 0
    in_scope = max(0, min(hi, GRADES_IN_SCOPE[1]) - max(lo, GRADES_IN_SCOPE[0]) + 1)
    x = p * F(in_scope, taught) * SHARE[level] * FORM_FACTOR.get(r["schulform"], F(1))
    return int(x + F(1, 2))  # half up

raw = [p * ratio[FORM_ALIASES.get(r["schulform"], r["schulform"])] for r, p in zip(rows, pupils)]
scaled = [x * TEACHER_TOTAL / sum(raw) for x in raw]
teachers = [int(x) for x in scaled]
for i in sorted(range(S), key=lambda i: (-(scaled[i] - int(scaled[i])), i))[:TEACHER_TOTAL - sum(teachers)]:
    teachers[i] += 1
need = [[pupil_need(r, p, l), t] for r, p, l, t in zip(rows, pupils, levels, teachers)]
weight = [[WEIGHT[l], F(1)] for l in levels]

# --- the model ---------------------------------------------------------------------------
def grant_per_device(pool, price):
    return int(pool[5] * min(price, pool[6])) if pool[4] == "grant" else 0

prob = pulp.LpProblem("allocate", pulp.LpMaximize)
x = {(s, k): pulp.LpVariable(f"x_{rows[s]['schulnummer']}_{k}", 0, need[s][k], cat="Integer")
     for s in range(S) for k in range(len(KINDS)) if need[s][k] > 0}
n, f = {}, {}
for k, (kid, _, price, _) in enumerate(KINDS):
    total = pulp.lpSum(v for (s, kk), v in x.items() if kk == k)
    for p, pool in enumerate(POOLS):
        if kid in pool[3]:
            if pool[4] == "grant":
                n[k, p] = pulp.LpVariable(f"n_{kid}_{p}", 0, cat="Integer")
            else:
                f[k, p] = pulp.LpVariable(f"f_{kid}_{p}", 0)
    grants = [(n[k, p], grant_per_device(POOLS[p], price)) for p in range(len(POOLS)) if (k, p) in n]
    prob += pulp.lpSum(v for v, _ in grants) <= total                                     # one grant per device
    prob += pulp.lpSum(g / 100 * v for v, g in grants) + pulp.lpSum(v for (kk, p), v in f.items() if kk == k) \
        == price / 100 * total                                                             # paid in full
    prob += pulp.lpSum(v for (kk, p), v in f.items() if kk == k and POOLS[p][4] == "remainder") \
        <= pulp.lpSum((price - g) / 100 * v for v, g in grants)                           # own shares only
for p, pool in enumerate(POOLS):
    spent = [g / 100 * n[k, p] for k, (_, _, price, _) in enumerate(KINDS) if (k, p) in n
             for g in [grant_per_device(pool, price)]] + [v for (k, pp), v in f.items() if pp == p]
    if spent:
        prob += pulp.lpSum(spent) <= pool[2] / 100                                          # budget

solver = lambda gap: pulp.GLPK_CMD(msg=False, options=["--mipgap", str(gap)])

def solve(objective, sense, gap=GAP):
    prob.sense = sense
    prob.setObjective(objective)
    status = prob.solve(solver(gap))
    assert pulp.LpStatus[status] == "Optimal", pulp.LpStatus[status]
    return pulp.value(prob.objective)

# Stage 1, per kind: maximin (exact: gap 0), then every school's lower bound raised to it.
for k in range(len(KINDS)):
    t = pulp.LpVariable(f"t_{k}", 0, 1)
    for s in range(S):
        if (s, k) in x:
            prob += x[s, k] >= need[s][k] * t
    solve(pulp.lpSum([t]), pulp.LpMaximize, gap=0)
    best = min(F(round(x[s, k].value()), need[s][k]) for s in range(S) if (s, k) in x)
    for s in range(S):
        if (s, k) in x:
            x[s, k].lowBound = -(-best.numerator * need[s][k] // best.denominator)  # ceil(best × need)
    t.upBound = 0  # the raised lower bounds hold the guarantee from here on
# Stage 2: need-weighted devices; stage 3: the tie-break, keeping stage 2's optimum.
weighted = pulp.lpSum(float(weight[s][k]) * v for (s, k), v in x.items())
w = solve(weighted, pulp.LpMaximize)
prob += weighted >= w - 0.0005
ranked = sorted(x, key=lambda sk: (need[sk[0]][sk[1]], rows[sk[0]]["schulnummer"], sk[1]))
solve(pulp.lpSum((len(ranked) - i) * x[sk] for i, sk in enumerate(ranked)), pulp.LpMaximize)
devices = [[round(x[s, k].value()) if (s, k) in x else 0 for k in range(len(KINDS))] for s in range(S)]

# --- the money, to the cent, school by school --------------------------------------------
def apportion(total, caps):
    caps = [max(0, c) for c in caps]
    if total == 0:
        return [0] * len(caps)
    res = [c * total // sum(caps) for c in caps]
    rem = [c * total % sum(caps) for c in caps]
    for i in sorted(range(len(caps)), key=lambda i: (-rem[i], i))[:total - sum(res)]:
        res[i] += 1
    return res

funding = [[0] * len(POOLS) for _ in range(S)]
cost = [0] * S
spent = [0] * len(POOLS)
order = sorted((p for p in range(len(POOLS)) if POOLS[p][4] != "grant"),
               key=lambda p: (0 if POOLS[p][4] == "remainder" else 2 if POOLS[p][7] else 1, p))
for k, (kid, _, price, _) in enumerate(KINDS):
    open_ = [devices[s][k] * price for s in range(S)]
    share = [0] * S
    unfunded = [devices[s][k] for s in range(S)]
    for p in range(len(POOLS)):
        if (k, p) in n and round(n[k, p].value()) > 0:
            g = grant_per_device(POOLS[p], price)
            split = apportion(round(n[k, p].value()), unfunded)
            for s in range(S):
                unfunded[s] -= split[s]
                funding[s][p] += g * split[s]
                open_[s] -= g * split[s]
                share[s] += (price - g) * split[s]
    left = sum(open_)
    for p in order:
        if (k, p) not in f:
            continue
        cents = min(left, round(f[k, p].value() * 100), POOLS[p][2] - spent[p])
        if p == max(pp for pp in order if (k, pp) in f):
            cents = left  # the rounding residue to the last pool that may pay (the solver's euros are not cents)
        split = apportion(cents, share if POOLS[p][4] == "remainder" else open_)
        for s in range(S):
            funding[s][p] += split[s]
            open_[s] -= split[s]
            share[s] = min(share[s] - (split[s] if POOLS[p][4] == "remainder" else 0), open_[s])
        spent[p] += cents
        left -= cents
    for s in range(S):
        cost[s] += devices[s][k] * price
spent = [sum(funding[s][p] for s in range(S)) for p in range(len(POOLS))]

def euros(c):
    return f"{c // 100}.{c % 100:02d}"

def field(v):
    return f'"{v}"' if any(ch in v for ch in ',"\n\r') else v

os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "schools.csv"), "w", encoding="utf-8", newline="") as fh:
    head = ["schulnummer", "name", "schulform", "district", "social_index", "pupils", "teachers"]
    head += [h for kid, *_ in KINDS for h in (f"need_{kid}", f"devices_{kid}")]
    head += [f"funding_{pool[0]}" for pool in POOLS] + ["cost"]
    fh.write(",".join(head) + "\r\n")
    for s, r in enumerate(rows):
        index = r["sozialindex_2024_25"]
        cells = [r["schulnummer"], r["name"], r["schulform"], r["stadtbezirk_geocoded"],
                 str(int(float(index))) if index not in ("", "ohne") else "", str(pupils[s]), str(teachers[s])]
        cells += [str(v) for k in range(len(KINDS)) for v in (need[s][k], devices[s][k])]
        cells += [euros(funding[s][p]) for p in range(len(POOLS))] + [euros(cost[s])]
        fh.write(",".join(field(c) for c in cells) + "\r\n")
with open(os.path.join(out, "pools.csv"), "w", encoding="utf-8", newline="") as fh:
    fh.write("id,name,granted,spent,remaining,own_money\r\n")
    for p, pool in enumerate(POOLS):
        fh.write(",".join([pool[0], field(pool[1]), euros(pool[2]), euros(spent[p]), euros(pool[2] - spent[p]),
                           "true" if pool[7] else "false"]) + "\r\n")
print(f"{sum(d[0] for d in devices)} pupil devices, {sum(d[1] for d in devices)} teacher devices; "
      f"spent " + ", ".join(f"{pool[0]} {euros(spent[p])}" for p, pool in enumerate(POOLS)))
