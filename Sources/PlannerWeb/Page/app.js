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
  serverError: null,   // { field, message }: the server refused this field's value in the latest solve
  sent: {},            // the overrides of the latest solve sent
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
  state.sent = {};
  state.serverError = null;
  invalid.clear();
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

// ---- number fields: one reading for German and plain input ----
//
// readNumber(text, kind) reads what a planner types into a number field; showNumber(value, kind)
// writes a value back the German way. Both are pure (no page state) and exact (decimal strings,
// no floating point), so the browser test can run them over a table of inputs. The reading rule
// (README, "The web planner"):
//   - The comma is the decimal mark, at most one: "0,9", "5490000,50".
//   - Dots are thousands separators when they cut the whole part into groups: 1 to 3 digits (not
//     starting with 0), then groups of exactly three: "5.490.000", "5.490.000,50", "12.000".
//   - With no comma, a single dot that does not form such groups is a decimal point (the plain
//     form, as the API and `--set` write it): "5490000.50", "0.9".
//   - Euros and percent have at most 2 decimals, weights at most 4. So in a euro or percent field
//     "5.490" can only be 5490; in a weight field "1.125" could be 1125 or 1,125 and is refused.
//   - Refused as well: more than one comma ("5,490,000"), dots in wrong places ("5.490000",
//     "1.2.3"), a dot after the comma, letters, a unit the field does not have.
//   - A unit may follow the number: "€" or "EUR" in euro fields, "%" in rate fields. Euros may
//     end in ",-" or ",–" for no cents ("5.490.000,– €").
//   - Rates are typed and shown in percent ("90 %", or "90"; the API keeps 0.9). A bare number
//     above 0 and at most 1 in a rate field ("0,9", "1") is refused: 0,9 % or 90 %? With "%" it is
//     unambiguous ("0,9 %").
// A refused value is never sent: the field shows the message (German) and the figures stay those
// of the last valid plan. Signs pass through, so the server's range check names the limit.
const NUMBER_KINDS = {
  money: { unit: "€", decimals: 2, example: "5.490.000 oder 5.490.000,50 €" },
  price: { unit: "€", decimals: 2, example: "367 oder 367,50 €" },
  rate: { unit: "%", decimals: 2, example: "90 % oder 12,5 %" },
  weight: { unit: "", decimals: 4, example: "1,5 oder 1,125" },
};

// A plain decimal string without needless zeros: ("-", "007", "500") -> "-7.5"; "-0" -> "0".
function plainNumber(sign, whole, frac) {
  whole = whole.replace(/^0+(?=\d)/, "") || "0";
  frac = frac.replace(/0+$/, "");
  const body = whole + (frac ? "." + frac : "");
  return body === "0" ? "0" : sign + body;
}

// Moves the decimal point of a plain decimal string: shift 2 turns 0.9 into 90, -2 back.
function shiftPoint(value, shift) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  const [, sign, whole, frac = ""] = m;
  const digits = whole + frac;
  let point = whole.length + shift;
  const padded = point <= 0 ? "0".repeat(1 - point) + digits : point > digits.length ? digits + "0".repeat(point - digits.length) : digits;
  if (point <= 0) point = 1;
  return plainNumber(sign, padded.slice(0, point), padded.slice(point));
}

function readNumber(text, kind) {
  const k = NUMBER_KINDS[kind];
  const q = `„${String(text).trim()}“`;
  const fail = (why) => ({ error: `${q}: ${why}` });
  let s = String(text).replace(/[\s\u00a0\u202f]+/g, " ").trim();
  if (s === "") return { error: `Leer: bitte eine Zahl eingeben, z. B. ${k.example}.` };
  let unit = "";
  const u = /^(.*?) ?(€|EUR|%)$/i.exec(s);
  if (u) { unit = u[2] === "%" ? "%" : "€"; s = u[1]; }
  if (k.unit === "€" && /,[-–]$/.test(s)) s = s.slice(0, -2);   // "5.490.000,–": whole euros
  if (unit && unit !== k.unit) {
    return fail(`„${unit}“ passt nicht zu diesem Feld; erlaubt ${k.unit ? `ist „${k.unit}“` : "ist eine Zahl ohne Einheit"}, z. B. ${k.example}.`);
  }
  let sign = "";
  if (/^[-−+]/.test(s)) { sign = s[0] === "+" ? "" : "-"; s = s.slice(1); }
  if (!/^[0-9.,]+$/.test(s)) {
    return fail(`keine Zahl. Erlaubt sind Ziffern, Punkte als Tausendertrennzeichen und ein Komma als Dezimalzeichen, z. B. ${k.example}.`);
  }
  const grouped = (w) => /^[1-9]\d{0,2}(\.\d{3})+$/.test(w);
  const groupsRule = "nach jedem Tausenderpunkt genau drei Ziffern, z. B. 5.490.000";
  const places = `höchstens ${k.decimals} Nachkommastellen`;
  let whole, frac;
  const commas = s.split(",").length - 1, dots = s.split(".").length - 1;
  if (commas > 1) {
    return fail("mehr als ein Komma. Das Komma ist das Dezimalzeichen (höchstens eines), Tausender trennt der Punkt: 5.490.000 oder 5.490.000,50.");
  } else if (commas === 1) {
    [whole, frac] = s.split(",");
    if (frac.includes(".")) return fail("Punkt nach dem Dezimalkomma. Deutsch: 5.490.000,50; ohne Tausenderpunkte: 5490000,50 oder 5490000.50.");
    if (whole.includes(".") && !grouped(whole)) return fail(`Punkte an falscher Stelle: ${groupsRule}.`);
    if (frac === "") return fail("nach dem Komma fehlen Ziffern.");
    whole = whole.replaceAll(".", "");
  } else if (dots === 0) {
    [whole, frac] = [s, ""];
  } else if (dots > 1) {
    if (!grouped(s)) return fail(`Punkte an falscher Stelle: ${groupsRule}; das Dezimalzeichen ist das Komma.`);
    [whole, frac] = [s.replaceAll(".", ""), ""];
  } else {
    const [a, b] = s.split(".");
    const asGroups = grouped(s), asDecimal = a !== "" && b !== "" && b.length <= k.decimals;
    if (asGroups && asDecimal) {
      return fail(`mehrdeutig: ${a}${b} oder ${a},${b}? Schreiben Sie ${a}${b} (ohne Punkt) oder ${a},${b} (mit Dezimalkomma).`);
    } else if (asGroups) {
      [whole, frac] = [a + b, ""];
    } else if (asDecimal) {
      [whole, frac] = [a, b];
    } else if (a === "" || b === "") {
      return fail(a === "" ? "vor dem Punkt fehlt eine Ziffer (0,5)." : "nach dem Punkt fehlen Ziffern.");
    } else {
      return fail(`der Punkt passt weder als Tausenderpunkt (${groupsRule}) noch als Dezimalpunkt (${places}). Das Dezimalzeichen ist das Komma: 5.490.000,50.`);
    }
  }
  if (whole === "") return fail("vor dem Komma fehlt eine Ziffer (0,5).");
  if (frac.length > k.decimals) {
    return fail(`${frac.length} Nachkommastellen; erlaubt sind ${places}${kind === "rate" ? " (in Prozent)" : ""}. Das Komma ist das Dezimalzeichen, der Punkt trennt Tausender (5.490).`);
  }
  let value = plainNumber(sign, whole, frac);
  if (kind === "rate") {
    if (unit !== "%" && !sign && value !== "0" && Number(value) <= 1) {
      const typed = showNumber(shiftPoint(value, -2), kind), times100 = showNumber(value, kind);
      return fail(`mehrdeutig: ${typed} oder ${times100}? Das Feld erwartet Prozent; schreiben Sie das %-Zeichen dazu (z. B. ${times100}).`);
    }
    value = shiftPoint(value, -2);
  }
  return { value };
}

// A value as the API has it ("6100000.00", "0.90", "1.125") the German way:
// "6.100.000,00 €", "90 %", "1,125". Money always with cents; rates in percent.
function showNumber(value, kind) {
  let v = String(value).trim();
  if (!/^-?\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    if (!Number.isFinite(n)) return v;
    v = n.toFixed(10);
  }
  if (kind === "rate") v = shiftPoint(v, 2);
  const [, sign, whole, frac = ""] = /^(-?)(\d+)(?:\.(\d+))?$/.exec(v);
  const grouped = whole.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+$)/g, ".");
  const decimals = kind === "money" || kind === "price" ? frac.padEnd(2, "0") : frac.replace(/0+$/, "");
  const unit = NUMBER_KINDS[kind] ? NUMBER_KINDS[kind].unit : "";
  const body = grouped + (decimals ? "," + decimals : "");
  return (sign && /[1-9]/.test(body) ? "−" : "") + body + (unit ? "\u00a0" + unit : "");
}

// The slider's value as a plain decimal string with the step's decimals (no 0.35000000000000003).
function sliderValue(f, raw) {
  const places = (x) => (String(x).split(".")[1] || "").length;
  return plainNumber(...(/^(-?)(\d+)(?:\.(\d+))?$/.exec(Number(raw).toFixed(Math.max(places(f.step), places(f.min)))).slice(1).map((x) => x || "")));
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
  const label = short + (f.kind === "rate" ? " (%)" : "");   // rates are typed and shown in percent
  const range = el("input", { type: "range", id, "data-kind": f.kind, min: f.min, max: Math.max(Number(f.max), Number(f.value)), step: f.step, value: f.value,
    "data-key": f.key, "aria-label": f.label, "aria-describedby": id + "-error", "aria-valuetext": showNumber(f.value, f.kind) });
  // A text field, not type=number: that one would drop the dots of "5.490.000" and the comma of "0,9".
  const unitName = f.kind === "rate" ? "Prozent" : NUMBER_KINDS[f.kind].unit === "€" ? "Euro" : "Zahl";
  const number = el("input", { type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false", lang: "de",
    value: showNumber(f.value, f.kind), "data-key": f.key, "data-number": "", "data-kind": f.kind,
    "aria-label": `${f.label} (${unitName})`, "aria-describedby": id + "-error" });
  range.addEventListener("input", () => {
    const value = sliderValue(f, range.value);
    number.value = showNumber(value, f.kind);
    range.setAttribute("aria-valuetext", number.value);
    fieldValid(f.key);
    changed(f.key, value);
  });
  // While typing: a value that reads well re-solves after a short pause; one that does not is
  // not sent, and its message appears once the typing pauses (at once on Enter or leaving the field).
  const typed = (commit) => {
    const r = readNumber(number.value, f.kind);
    if (r.error) { fieldInvalid(f.key, r.error, commit); return; }
    fieldValid(f.key);
    if (Number(r.value) > Number(range.max)) range.max = r.value;
    range.value = r.value;
    range.setAttribute("aria-valuetext", showNumber(r.value, f.kind));
    if (commit) number.value = showNumber(r.value, f.kind);
    changed(f.key, r.value, commit ? 0 : 400);
  };
  number.addEventListener("input", () => typed(false));
  number.addEventListener("change", () => typed(true));
  number.addEventListener("keydown", (e) => { if (e.key === "Enter") typed(true); });
  box.append(el("label", { for: id, text: label }), el("div", { class: "inputs" }, range, number), error);
  return box;
}

// key -> { message, shown }: fields whose text does not read as a number. While there is one,
// nothing is solved, saved or downloaded.
const invalid = new Map();
let invalidTimer = null;

function fieldInvalid(key, message, now) {
  clearTimeout(state.timer);                     // nothing is sent
  // The value and its slider go back to what the figures on screen were solved with (a valid
  // prefix such as the "5" of "5.490000" may have moved them).
  const last = key in state.sent ? state.sent[key] : state.original[key];
  if (key in state.sent) state.overrides[key] = last; else delete state.overrides[key];
  const range = document.querySelector(`input[type="range"][data-key="${CSS.escape(key)}"]`);
  if (range) { range.value = last; range.setAttribute("aria-valuetext", showNumber(last, range.dataset.kind)); }
  const box = document.querySelector(`[data-field="${CSS.escape(key)}"]`);
  if (box) box.classList.toggle("changed", key in state.overrides);
  const before = invalid.get(key);
  invalid.set(key, { message, shown: now || (before !== undefined && before.shown) });
  clearTimeout(invalidTimer);
  if (invalid.get(key).shown) showInvalid(); else invalidTimer = setTimeout(showInvalid, 600);
}

function fieldValid(key) {
  if (invalid.delete(key)) renderErrors();
}

// Shows every refused field's message and says in #status that nothing was solved.
function showInvalid() {
  for (const entry of invalid.values()) entry.shown = true;
  renderErrors();
  if (!invalid.size) return;
  const [key, { message }] = invalid.entries().next().value;
  const field = state.fields.find((f) => f.key === key);
  $("status").className = "error";
  $("status").textContent = `Nicht berechnet – ${field ? field.label : key}: ${message}` +
    (invalid.size > 1 ? ` (und ${invalid.size - 1} weitere Felder)` : "") + " – die Zahlen unten sind die des letzten gültigen Plans.";
}

// True (and says so in `target`) while a field holds a refused value.
function blockedByInvalid(target) {
  if (!invalid.size) return false;
  showInvalid();
  target.className = "note error";
  target.textContent = `Nicht möglich: ${invalid.size === 1 ? "ein Feld enthält" : invalid.size + " Felder enthalten"} keine gültige Zahl (rot markiert).`;
  return true;
}

function changed(key, value, delay = 120) {
  const original = state.original[key];
  // "6100000" from a slider is the file's "6100000.00": unchanged.
  const same = String(value) === original || (value !== "" && !isNaN(Number(value)) && Number(value) === Number(original));
  if (same) delete state.overrides[key]; else state.overrides[key] = String(value);
  const box = document.querySelector(`[data-field="${CSS.escape(key)}"]`);
  if (box) box.classList.toggle("changed", key in state.overrides);
  state.explainSequence++;                       // an explanation of other values is out of date
  $("explanation").replaceChildren();
  schedule(delay);
}

function schedule(delay = 120) {
  clearTimeout(state.timer);
  state.timer = setTimeout(solve, delay);
}

// The server's refusal of one field (state.serverError) and the page's own refusals (invalid)
// beside their fields; the page's own message wins.
function renderErrors() {
  for (const box of document.querySelectorAll(".field")) {
    const key = box.dataset.field, local = invalid.get(key), server = state.serverError;
    const message = local && local.shown ? local.message : server && server.field === key ? server.message : "";
    box.classList.toggle("invalid", message !== "");
    for (const input of box.querySelectorAll("input, select")) input.setAttribute("aria-invalid", message ? "true" : "false");
    box.querySelector(".field-error").textContent = message;
  }
}

function showFieldError(field, message) {
  state.serverError = field ? { field, message } : null;
  renderErrors();
}

// ---- solving and drawing ----

async function solve() {
  clearTimeout(state.timer);
  if (invalid.size) { showInvalid(); return; }   // a field that does not read as a number: nothing is sent
  const sequence = ++state.sequence;
  state.sent = { ...state.overrides };
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
  if (invalid.size) showInvalid();   // an answer sent before a field was refused: the status still says so
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

// The maximin guarantees, one per device kind in the plan's order (solver.guaranteedCoverageByKind),
// else the one joint guarantee: [{label, share}], rounded down by pct() where shown.
function guarantees(plan) {
  const byKind = plan.solver.guaranteedCoverageByKind;
  if (byKind && typeof byKind === "object") {
    const list = plan.deviceKinds.filter((k) => byKind[k.id] !== null && byKind[k.id] !== undefined)
      .map((k) => ({ id: k.id, label: k.label, share: byKind[k.id] }));
    if (list.length) return list;
  }
  const g = plan.solver.guaranteedCoverage;
  return g === null || g === undefined ? [] : [{ id: "", label: "", share: g }];
}

function guaranteeKpi(base, now) {
  const list = guarantees(now), before = guarantees(base);
  const change = (x) => {
    const b = before.find((y) => y.id === x.id);
    return b ? signed(100 * (x.share - b.share), (v) => v.toFixed(1)) + " points" : "";
  };
  if (!list.length) return kpi("kpi-guarantee", "Every school gets at least", "–", 0, "");
  const [first, ...rest] = list;
  const label = "Every school gets at least" + (first.label ? " (" + first.label + ")" : "");
  const others = rest.map((x) => x.label + ": " + pct(x.share) + " (" + change(x) + ")");
  const d = before.find((y) => y.id === first.id);
  return kpi("kpi-guarantee", label, pct(first.share), d ? first.share - d.share : 0,
             [change(first)].concat(others).filter((x) => x).join(" · "));
}

function drawKpis(base, now) {
  const t = now.totals, b = base.totals;
  $("kpis").replaceChildren(
    kpi("kpi-pupils", "Pupils covered", fmt.format(t.pupilDevices) + " of " + fmt.format(t.pupilNeed),
        t.pupilDevices - b.pupilDevices, signed(t.pupilDevices - b.pupilDevices) + " vs. baseline"),
    kpi("kpi-teachers", "Teacher devices", fmt.format(t.teacherDevices) + " of " + fmt.format(t.teacherNeed),
        t.teacherDevices - b.teacherDevices, signed(t.teacherDevices - b.teacherDevices) + " vs. baseline"),
    // Rounded down, as the reports print it: a guarantee must not be overstated. Maximin
    // guarantees are per device kind: the first kind's in large, each with its change.
    guaranteeKpi(base, now),
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
  if (blockedByInvalid($("explanation"))) return;
  const sequence = ++state.explainSequence;
  $("explanation").className = "";
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
  if (blockedByInvalid(status)) return;
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
  if (blockedByInvalid(status)) return;
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
