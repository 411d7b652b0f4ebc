// The planner page: every change re-solves through the JSON API (/api/compare) and redraws.
// No framework and no build step; the server embeds this file.
"use strict";

const state = {
  scenario: null,      // scenario file on screen (relative to the scenarios folder)
  baseline: null,      // the scenario it is compared with
  fields: [],          // from /api/form
  original: {},        // key -> value as the scenario file has it
  overrides: {},       // key -> value changed on screen
  sequence: 0,         // the latest solve sent; older answers are dropped
  formSequence: 0,     // the latest form load (a quick second scenario switch wins)
  explainSequence: 0,  // the latest explanation asked for
  timer: null,
};

const $ = (id) => document.getElementById(id);
const fmt = new Intl.NumberFormat("en-GB");
const euro = (x) => fmt.format(Math.round(Number(x))) + " €";
// Shares rounded DOWN to 0.1 % (the rule of every output: never 100.0 % for less than all).
const pct = (x) => (x === null || x === undefined) ? "–" : (Math.floor(1000 * x + 1e-9) / 10).toFixed(1) + " %";
const signed = (n, f = fmt.format) => (n > 0 ? "+" : n < 0 ? "−" : "±") + f(Math.abs(n));

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    // Styles through CSSOM: the page's Content-Security-Policy forbids inline style attributes.
    if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else if (k === "style") e.style.cssText = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

async function api(operation, body) {
  const response = await fetch("/api/" + operation, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response;
}

async function json(operation, body) {
  const response = await api(operation, body);
  const data = await response.json();
  if (!response.ok) throw Object.assign(new Error(data.error ? data.error.message : response.statusText), { info: data.error || {} });
  return data;
}

function request(extra = {}) {
  const r = { scenario: state.scenario, baseline: state.baseline, overrides: state.overrides };
  const title = $("title").value.trim();
  if (title) r.title = title;
  return Object.assign(r, extra);
}

// ---- the form ----

// Fills both scenario lists from the server; the first time both select the server's scenario,
// later each keeps its choice.
async function loadScenarios(first = false) {
  const list = await json("scenarios");
  for (const id of ["scenario", "baseline"]) {
    const select = $(id), value = first ? list.default : select.value;
    select.replaceChildren(...list.scenarios.map((s) => el("option", { value: s, text: s })));
    select.value = value;
  }
  if (first) { state.scenario = list.default; state.baseline = list.default; }
}

async function loadForm() {
  const sequence = ++state.formSequence;
  const form = await json("form", { scenario: state.scenario });
  if (sequence !== state.formSequence) return false;
  state.fields = form.fields;
  state.original = Object.fromEntries(form.fields.map((f) => [f.key, f.value]));
  state.overrides = {};
  $("title").placeholder = form.name;
  const groups = new Map();
  for (const f of form.fields) {
    if (!groups.has(f.group)) groups.set(f.group, []);
    groups.get(f.group).push(f);
  }
  const sets = [];
  for (const [group, fields] of groups) {
    const legend = group === "need" ? "Need weights (social-index levels)" : group === "objective" ? "Objective"
      : fields[0].label.split(":")[0];
    sets.push(el("fieldset", { "data-group": group }, el("legend", { text: legend }), ...fields.map(fieldControl)));
  }
  $("fields").replaceChildren(...sets);
  return true;
}

// A scenario whose file cannot be loaded (e.g. edited on disk) says so instead of failing silently.
async function reload() {
  try {
    if (await loadForm()) solve();
  } catch (e) {
    $("status").className = "error";
    $("status").textContent = `${state.scenario}: ${e.message}`;
  }
}

function fieldControl(f) {
  const short = f.label.includes(":") ? f.label.split(":").slice(1).join(":").trim() : f.label;
  const id = "field-" + f.key.replace(/[^A-Za-z0-9_-]/g, "_");
  const error = el("p", { class: "field-error", "data-error-for": f.key, id: id + "-error", role: "alert" });
  const box = el("div", { class: "field", "data-field": f.key });
  if (f.kind === "choice") {
    const select = el("select", { id, "data-key": f.key, "aria-label": f.label, "aria-describedby": id + "-error" },
      ...f.options.map((o) => el("option", { value: o, text: o })));
    select.value = f.value;
    select.addEventListener("change", () => changed(f.key, select.value));
    box.append(el("label", { for: id, text: short }), el("div", { class: "inputs" }, select), error);
    return box;
  }
  const range = el("input", { type: "range", id, min: f.min, max: f.max, step: f.step, value: f.value, "data-key": f.key, "aria-label": f.label,
    "aria-describedby": id + "-error" });
  const number = el("input", { type: "number", min: f.min, step: "any", value: f.value, "data-key": f.key, "data-number": "", "aria-label": f.label + " (number)",
    "aria-describedby": id + "-error" });
  range.addEventListener("input", () => { number.value = range.value; changed(f.key, range.value); });
  number.addEventListener("input", () => {
    if (number.value !== "" && !isNaN(Number(number.value))) range.value = number.value;   // an empty box leaves the slider where it was
    changed(f.key, number.value);
  });
  box.append(el("label", { for: id, text: short }), el("div", { class: "inputs" }, range, number), error);
  return box;
}

function changed(key, value) {
  const original = state.original[key];
  // "6100000" from a slider is the file's "6100000.00": unchanged.
  const same = String(value) === original || (value !== "" && !isNaN(Number(value)) && Number(value) === Number(original));
  if (same) delete state.overrides[key]; else state.overrides[key] = String(value);
  const box = document.querySelector(`[data-field="${CSS.escape(key)}"]`);
  if (box) box.classList.toggle("changed", key in state.overrides);
  state.explainSequence++;                       // an explanation of other values is out of date
  $("explanation").replaceChildren();
  schedule();
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(solve, 120);
}

function showFieldError(field, message) {
  for (const box of document.querySelectorAll(".field")) {
    const mine = box.dataset.field === field;
    box.classList.toggle("invalid", mine);
    for (const input of box.querySelectorAll("input, select")) input.setAttribute("aria-invalid", mine ? "true" : "false");
    box.querySelector(".field-error").textContent = mine ? message : "";
  }
}

// ---- solving and drawing ----

async function solve() {
  const sequence = ++state.sequence;
  const started = performance.now();
  $("status").className = "busy";
  $("status").textContent = "Solving…";
  let data;
  try {
    data = await json("compare", request());
  } catch (e) {
    if (sequence !== state.sequence) return;
    const field = e.info && e.info.field;
    if (field && document.querySelector(`[data-field="${CSS.escape(field)}"]`)) showFieldError(field, e.message); else showFieldError(null, "");
    $("status").className = "error";
    $("status").textContent = (field ? "Not solved: " : "") + e.message + " (the figures below are the last valid plan)";
    return;
  }
  if (sequence !== state.sequence) return;
  showFieldError(null, "");
  const ms = Math.round(performance.now() - started);
  draw(data, ms);
}

function draw(d, ms) {
  const [base, now] = d.plans;
  const solver = now.solver;
  const status = solver.status === "optimal" ? "optimal (proven)" : `${solver.status}, best bound ${solver.bestBound}`;
  $("status").className = "";
  $("status").textContent = `${now.scenario} · ${now.objective} · ${status} · verified against every rule · ${ms} ms` +
    (Object.keys(state.overrides).length ? ` · ${Object.keys(state.overrides).length} value(s) changed` : "");
  drawKpis(base, now);
  drawPools(base, now);
  drawKinds(base, now);
  drawGroups($("levels"), base.byIndexLevel, now.byIndexLevel, (k) => k === "none" ? "no level" : "level " + k, "Pupil coverage by social-index level");
  drawGroups($("districts"), base.byDistrict, now.byDistrict, (k) => k, "Pupil coverage by district");
  drawChanges(d);
}

function kpi(id, label, value, delta, deltaText) {
  return el("div", { class: "kpi", id },
    el("div", { class: "label", text: label }), el("div", { class: "value", text: value }),
    el("div", { class: "delta " + (delta > 0 ? "up" : delta < 0 ? "down" : ""), text: deltaText }));
}

function drawKpis(base, now) {
  const t = now.totals, b = base.totals;
  const g = now.solver.guaranteedCoverage, gb = base.solver.guaranteedCoverage;
  $("kpis").replaceChildren(
    kpi("kpi-pupils", "Pupils covered", fmt.format(t.pupilDevices) + " of " + fmt.format(t.pupilNeed),
        t.pupilDevices - b.pupilDevices, signed(t.pupilDevices - b.pupilDevices) + " vs. baseline"),
    kpi("kpi-teachers", "Teacher devices", fmt.format(t.teacherDevices) + " of " + fmt.format(t.teacherNeed),
        t.teacherDevices - b.teacherDevices, signed(t.teacherDevices - b.teacherDevices) + " vs. baseline"),
    // Rounded down, as the reports print it: a guarantee must not be overstated.
    kpi("kpi-guarantee", "Every school gets at least", g === null ? "–" : (Math.floor(1000 * g) / 10).toFixed(1) + " %",
        (g || 0) - (gb || 0), g === null || gb === null ? "" : signed(100 * (g - gb), (x) => x.toFixed(1)) + " points"),
    kpi("kpi-spent", "Spent", euro(t.spent), 0, "own money " + euro(t.ownMoneySpent) + " · left " + euro(t.remaining)));
}

function drawPools(base, now) {
  const rows = now.pools.map((p) => {
    const old = base.pools.find((x) => x.id === p.id);
    const delta = old ? Number(p.spent) - Number(old.spent) : 0;
    const share = Number(p.granted) > 0 ? Math.min(1, Number(p.spent) / Number(p.granted)) : 0;
    return el("tr", { "data-pool": p.id },
      el("td", { text: p.name + (p.ownMoney ? " (own money)" : "") }), el("td", { text: euro(p.granted) }),
      el("td", { class: "spent", text: euro(p.spent) }), el("td", { text: euro(p.remaining) }),
      el("td", { class: delta > 0 ? "up" : delta < 0 ? "down" : "", text: signed(Math.round(delta)) + " €" }),
      el("td", { class: "bar" }, el("div", { class: "meter", title: pct(share) + " spent" }, el("div", { style: `width:${(100 * share).toFixed(1)}%` }))));
  });
  $("pools").replaceChildren(el("table", {},
    el("thead", {}, el("tr", {}, ...["Pool", "Granted", "Spent", "Left", "Δ spent", "Used"].map((h) => el("th", { text: h })))),
    el("tbody", {}, ...rows)));
}

function drawKinds(base, now) {
  const rows = now.deviceKinds.map((k) => {
    const old = base.deviceKinds.find((x) => x.id === k.id);
    const delta = old ? k.devices - old.devices : 0;
    return el("tr", { "data-kind": k.id },
      el("td", { text: k.label }), el("td", { class: "devices", text: fmt.format(k.devices) }), el("td", { text: fmt.format(k.need) }),
      el("td", { text: pct(k.need ? k.devices / k.need : null) }), el("td", { text: euro(k.unitPrice) }),
      el("td", { class: delta > 0 ? "up" : delta < 0 ? "down" : "", text: signed(delta) }));
  });
  $("kinds").replaceChildren(el("table", {},
    el("thead", {}, el("tr", {}, ...["Device", "Planned", "Needed", "Coverage", "Unit price", "Δ devices"].map((h) => el("th", { text: h })))),
    el("tbody", {}, ...rows)));
}

// Horizontal bars: the baseline (grey) and what is on screen (blue) per group.
function drawGroups(target, baseGroups, nowGroups, name, title) {
  const keys = [...new Set([...baseGroups.map((g) => g.key), ...nowGroups.map((g) => g.key)])]
    .filter((k) => [...baseGroups, ...nowGroups].some((g) => g.key === k && g.pupilNeed > 0));
  const byKey = (list, k) => list.find((g) => g.key === k);
  const NS = "http://www.w3.org/2000/svg";
  const rowH = 30, left = 150, width = 640, barW = width - left - 70;
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${keys.length * rowH + 8}`);
  svg.setAttribute("width", "100%");
  svg.setAttribute("role", "img");
  // Screen readers get the figures the bars show.
  svg.setAttribute("aria-label", title + ", on screen (baseline): " + keys.map((k) => {
    const b = byKey(baseGroups, k), n = byKey(nowGroups, k);
    return `${name(k)} ${pct(n ? n.pupilCoverage : null)} (${pct(b ? b.pupilCoverage : null)})`;
  }).join("; "));
  const text = (x, y, s, anchor = "start") => {
    const t = document.createElementNS(NS, "text");
    t.setAttribute("x", x); t.setAttribute("y", y); t.setAttribute("text-anchor", anchor); t.textContent = s;
    return t;
  };
  const rect = (x, y, w, h, color) => {
    const r = document.createElementNS(NS, "rect");
    r.setAttribute("x", x); r.setAttribute("y", y); r.setAttribute("width", Math.max(0, w)); r.setAttribute("height", h); r.setAttribute("fill", color);
    return r;
  };
  keys.forEach((k, i) => {
    const y = i * rowH + 4, b = byKey(baseGroups, k), n = byKey(nowGroups, k);
    const cb = b && b.pupilCoverage !== null ? b.pupilCoverage : 0, cn = n && n.pupilCoverage !== null ? n.pupilCoverage : 0;
    const label = name(k);
    svg.append(text(0, y + 17, label.length > 24 ? label.slice(0, 23) + "…" : label));
    svg.append(rect(left, y + 2, barW * cb, 10, "#9aa5b1"));
    svg.append(rect(left, y + 13, barW * cn, 12, "#1f6fb2"));
    const t = text(width - 2, y + 23, pct(n ? n.pupilCoverage : null), "end");
    t.setAttribute("data-group-value", k);
    svg.append(t);
  });
  const legend = el("div", { class: "legend" }, el("i", { style: "background:var(--base)" }), "baseline", el("i", { style: "background:var(--now)" }), "on screen");
  target.replaceChildren(legend, svg);
}

function drawChanges(d) {
  $("changes-summary").textContent = d.gaining + d.losing === 0 ? "No school's devices change."
    : `${fmt.format(d.gaining)} schools gain ${fmt.format(d.devicesGained)} devices in total (pupil + teacher), ${fmt.format(d.losing)} lose ${fmt.format(d.devicesLost)}.`;
  // Pupil and teacher devices apart (Δ = on screen − baseline); the total only as a total.
  const delta = (n) => el("td", { class: n > 0 ? "up" : n < 0 ? "down" : "", text: signed(n) });
  const table = (title, rows, id) => {
    if (!rows.length) return el("div", { id }, el("h3", { text: title }), el("p", { class: "note", text: "No school." }));
    return el("div", { id }, el("h3", { text: title }), el("table", {},
      el("thead", {}, el("tr", {}, ...["School", "District", "Level", "Pupil devices: baseline", "on screen", "Δ",
        "Teacher devices: baseline", "on screen", "Δ", "Δ total"].map((h) => el("th", { text: h })))),
      el("tbody", {}, ...rows.slice(0, 15).map((c) => el("tr", {},
        el("td", { text: c.name }), el("td", { text: c.district }), el("td", { text: c.level === "none" ? "–" : c.level }),
        el("td", { text: fmt.format(c.pupilDevices[0]) }), el("td", { text: fmt.format(c.pupilDevices[1]) }), delta(c.pupilChange[1]),
        el("td", { text: fmt.format(c.teacherDevices[0]) }), el("td", { text: fmt.format(c.teacherDevices[1]) }), delta(c.teacherChange[1]),
        delta(c.totalChange[1]))))),
      rows.length > 15 ? el("p", { class: "note", text: `and ${rows.length - 15} more` }) : "");
  };
  $("gaining").replaceWith(table("Gain", d.schoolChanges.filter((c) => c.totalChange[1] > 0), "gaining"));
  $("losing").replaceWith(table("Lose", d.schoolChanges.filter((c) => c.totalChange[1] < 0), "losing"));
}

// ---- explain, save, download ----

async function explain() {
  const sequence = ++state.explainSequence;
  $("explanation").textContent = "Analysing…";
  try {
    const e = await json("explain", request({ step: 1000 }));
    if (sequence !== state.explainSequence) return;
    const rows = e.pools.map((p) => el("tr", {},
      el("td", { text: p.name || p.id }), el("td", { text: p.binding ? "all spent (binds)" : "money left" }),
      el("td", { text: Object.entries(p.more).map(([k, v]) => `${signed(v)} ${k}`).join(", ") }),
      el("td", { text: p.rangeHigh === null ? "no limit" : euro(p.rangeLow) + " – " + euro(p.rangeHigh) })));
    $("explanation").replaceChildren(el("table", {},
      el("thead", {}, el("tr", {}, ...["Pool", "Budget", "1,000 € more buys", "Rate holds for budgets"].map((h) => el("th", { text: h })))),
      el("tbody", {}, ...rows)), el("p", { class: "note", text: e.basis }));
  } catch (err) {
    if (sequence === state.explainSequence) $("explanation").textContent = err.message;
  }
}

let confirmReplace = false;
async function save() {
  const file = $("save-file").value.trim();
  const status = $("save-status");
  status.className = "note";
  try {
    const r = await json("save", request({ file, overwrite: confirmReplace }));
    status.textContent = `Saved as ${r.path}. Load it from the scenario list, or run: allocate solve ${r.path}`;
    confirmReplace = false;
    $("save").textContent = "Save what-if";
    await loadScenarios();
  } catch (e) {
    status.className = "note error";
    status.textContent = e.message;
    if (e.info && e.info.kind === "conflict") { confirmReplace = true; $("save").textContent = "Replace file"; }
  }
}

async function download(operation) {
  const status = $("download-status");
  status.className = "note";
  status.textContent = "Preparing " + operation + "…";
  try {
    const response = await api(operation, request({ language: $("language").value }));
    if (!response.ok) {
      const data = await response.json();
      throw new Error(data.error ? data.error.message : response.statusText);
    }
    const url = URL.createObjectURL(await response.blob());
    const a = el("a", { href: url, download: operation });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    status.textContent = "Downloaded " + operation + ".";
  } catch (e) {
    status.className = "note error";
    status.textContent = operation + ": " + e.message;
  }
}

async function start() {
  try {
    await loadScenarios(true);
    await loadForm();
  } catch (e) {
    $("status").className = "error";
    $("status").textContent = e.message;
    return;
  }
  $("scenario").addEventListener("change", () => { state.scenario = $("scenario").value; reload(); });
  $("baseline").addEventListener("change", () => { state.baseline = $("baseline").value; solve(); });
  $("reset").addEventListener("click", reload);
  $("title").addEventListener("change", schedule);
  $("save").addEventListener("click", save);
  $("save-file").addEventListener("input", () => { confirmReplace = false; $("save").textContent = "Save what-if"; });
  $("explain").addEventListener("click", explain);
  for (const b of document.querySelectorAll(".download")) b.addEventListener("click", () => download(b.dataset.op));
  solve();
}

document.addEventListener("DOMContentLoaded", start);
