// The planner page: every change re-solves through the JSON API (/api/compare) and redraws.
// No framework and no build step; the server embeds this file.
"use strict";

// ---- language: every text the page shows, German (default) and English ----
//
// The language switch (#language) sets state.lang; every request carries it as `lang`, so the
// server answers (form labels, messages, downloads) in the same language. Texts of the page
// itself come from TEXT through t(); numbers through the formatters below (de-DE: 6.100.000 €,
// 96,8 % with a no-break space before the unit).
const NBSP = "\u00a0";
const TEXT = {
  de: {
    title: "allocate · Planer", planner: "Planer", scenario: "Szenario", comparedWith: "verglichen mit", language: "Sprache",
    reset: "Zurücksetzen", resetTitle: "Zurück zu den Werten der Szenariodatei", values: "Werte", results: "Ergebnisse",
    titleLabel: "Titel", titlePlaceholder: "Name dieser Was-wäre-wenn-Rechnung",
    titleDefault: "Ohne Titel heißt die Rechnung wie das Szenario: ",
    saveAndDownload: "Speichern und herunterladen", file: "Datei", filePlaceholder: "z. B. zuschuss-minus-10-prozent",
    save: "Was-wäre-wenn speichern", replace: "Datei ersetzen", downloads: "Herunterladen (in der gewählten Sprache)",
    "report.html": "Bericht (HTML)", "report.xlsx": "Arbeitsmappe (XLSX)", "plan.json": "Plan (JSON)",
    loading: "Wird geladen…", pools: "Mittel je Förderprogramm", kinds: "Geräte je Geräteart",
    levels: "Versorgte Schülerinnen und Schüler je Sozialindex-Stufe", districts: "Versorgte Schülerinnen und Schüler je Stadtbezirk",
    changes: "Schulen mit mehr oder weniger Geräten", why: "Warum?", explain: "Erklären: Was bewirken 1.000\u00a0€ mehr?",
    footer: "Jeder Plan wird vor der Anzeige centgenau gegen jede Regel geprüft.",
    needGroup: "Bedarfsgewichte (Sozialindex-Stufen)", objectiveGroup: "Zielfunktion",
    keyHint: "Schlüssel für allocate --set (Kommandozeile)", changed: "geändert",
    objectives: { maximin: "Größte Mindestabdeckung: die kleinste Abdeckung so groß wie möglich (maximin)", weighted: "Gewichtet nach Bedarf (weighted)",
                  "min-cost": "Geringste Eigenmittel (min-cost)", proportional: "Proportionale Formel, keine Optimierung (proportional)" },
    objectiveNames: { maximin: "größte Mindestabdeckung", weighted: "gewichtet nach Bedarf", "min-cost": "geringste Eigenmittel", proportional: "proportionale Formel" },
    percentUnit: "Prozent", euroUnit: "Euro", numberUnit: "Zahl",
    solving: "Wird berechnet…", optimal: "optimal (bewiesen)", bestBound: (s, b) => `${s}, beste Schranke ${b}`,
    // The solver's statuses (TerminationStatus) by the words of the reports (Words.termination).
    statuses: { feasible: "zulässig, vom Zeitlimit angehalten", "not-searched": "zulässig, nicht durchsucht", infeasible: "unlösbar",
                unbounded: "unbeschränkt", "no-solution-found": "keine Lösung gefunden" },
    verified: "gegen jede Regel geprüft", changedCount: (n) => n === 1 ? "1 Wert geändert" : `${n} Werte geändert`,
    notSolved: "Nicht berechnet: ", lastValid: " (die Zahlen unten sind die des letzten gültigen Plans)",
    pupilsCovered: "Versorgte Schülerinnen und Schüler", teacherDevices: "Geräte für Lehrkräfte", of: "von",
    vsBaseline: "zum Vergleichsszenario", atLeast: "Jede Schule erhält mindestens", points: "Pp.",
    spent: "Ausgegeben", ownMoneyLeft: (own, left) => `Eigenmittel ${own} · übrig ${left}`, ownMoney: " (Eigenmittel)",
    poolHeaders: ["Förderprogramm", "Bewilligt", "Ausgegeben", "Übrig", "Δ ausgegeben", "Genutzt"], spentShare: (p) => `${p} ausgegeben`,
    kindHeaders: ["Geräteart", "Geplant", "Bedarf", "Abdeckung", "Stückpreis", "Δ Geräte"],
    noLevel: "ohne Stufe", level: (k) => `Stufe ${k}`, baseline: "Vergleichsszenario", onScreen: "im Planer",
    chartLabel: (title) => `${title}, im Planer (Vergleichsszenario): `,
    noChange: "Keine Schule erhält eine andere Zahl von Geräten.",
    gainSummary: (g, up) => `${fmt(g)} ${g === 1 ? "Schule erhält" : "Schulen erhalten zusammen"} ${fmt(up)} ${up === 1 ? "Gerät" : "Geräte"} mehr`,
    loseSummary: (l, down) => `${fmt(l)} ${l === 1 ? "Schule erhält" : "Schulen erhalten zusammen"} ${fmt(down)} ${down === 1 ? "Gerät" : "Geräte"} weniger`,
    summaryEnd: " (Geräte für Schülerinnen, Schüler und Lehrkräfte zusammen).",
    schoolHeaders: ["Schule", "Stadtbezirk", "Stufe", "Leihgeräte: Vergleich", "im Planer", "Δ", "Lehrkräfte-Geräte: Vergleich", "im Planer", "Δ", "Δ gesamt"],
    noSchool: "Keine Schule.", more: (n) => `und ${n} weitere`, gain: "Mehr Geräte", lose: "Weniger Geräte",
    analysing: "Wird analysiert…", binds: "ganz ausgegeben (bindet)", moneyLeft: "Geld übrig", noLimit: "ohne Grenze",
    explainHeaders: ["Förderprogramm", "Budget", "1.000\u00a0€ mehr ergeben", "Gilt für Budgets von … bis"],
    saved: (path) => `Gespeichert als ${path}. Laden Sie die Datei aus der Szenarioliste oder auf der Kommandozeile: allocate solve ${path}`,
    preparing: (what) => `${what} wird erstellt…`, downloaded: (what) => `${what} heruntergeladen.`,
    notPossible: (n) => `Nicht möglich: ${n === 1 ? "ein Feld enthält" : n + " Felder enthalten"} keine gültige Zahl (rot markiert).`,
    notSolvedField: (label, message, others) => `Nicht berechnet – ${label}: ${message}` +
      (others ? ` (und ${others} weitere${others === 1 ? "s Feld" : " Felder"})` : "") + " – die Zahlen unten sind die des letzten gültigen Plans.",
    history: "Frühere Läufe", historyReload: "Aktualisieren",
    historyHint: "Berechnungen dieses Ordners (Downloads im Planer und Läufe der Kommandozeile), die neuesten zuerst; „Als Vergleich öffnen“ setzt den Plan eines früheren Laufs als Vergleichsszenario.",
    historyHeaders: ["Lauf", "Zeit", "Szenario", "Wer", "Ausgegeben", "Leihgeräte", "Lehrkräfte-Geräte", ""],
    historyEmpty: "Noch keine Läufe in diesem Ordner.", historyOff: "Dieser Planer führt keine Laufhistorie (allocate serve --no-history).",
    openAsBaseline: "Als Vergleich öffnen", isBaseline: "ist der Vergleich",
    pastRun: (n, time) => `Lauf ${n} vom ${time}`,
    commands: { "planner-download": "Download im Planer", "planner-save": "im Planer gespeichert", "planner-years": "Mehrjahresplan im Planer", solve: "Plan (solve)", compare: "Vergleich (compare)",
                report: "Bericht (report)", explain: "Erklärung (explain)", schedule: "Auslieferungsplan (schedule)", years: "Mehrjahresplan (years)" },
    failed: (cls) => `fehlgeschlagen (${{ input: "Eingabe", infeasible: "nicht lösbar", solverOrInternal: "Solver oder intern", cancelled: "abgebrochen" }[cls] || cls || "?"})`,
    progress: { queued: "Wartet auf einen freien Rechenplatz", loading: "Szenario wird geladen", baseline: "Vergleich wird berechnet",
                solving: "Plan wird berechnet", writing: "Download wird erstellt", done: "Fertig", unknown: "Wird berechnet" },
    progressCount: (done, total) => `${fmt(done)} von ${fmt(total)} Schulträgern`,
    progressSeconds: (s) => `seit ${decimal1(s)}${NBSP}s`,
    // A multi-year plan's stages, in the order it solves them (YearsReport.stageName).
    progressStage: (n, of) => `Stufe ${n} von ${of}` + (of === 4 ? ` (${["kleinste Bedarfsdeckung", "bedarfsgewichtete Gerätejahre", "Eigenmittel", "Änderungen"][n - 1]})` : ""),
    multiYearMark: "Mehrjahresplan", yearsPlan: (span) => `Mehrjahresplan ${span}`,
    yearsResults: "Haushaltsjahre", yearsSmallest: "Kleinste Bedarfsdeckung über alle Jahre",
    yearsOwnMoney: "Eigenmittel gesamt", yearsChanges: "Änderungen (gekauft + ausgeschieden)",
    yearsDeviceYears: "Bedarfsgewichtete Gerätejahre", yearsRun: (id) => `Lauf ${id.slice(0, 8)} in der Historie`,
  },
  en: {
    title: "allocate · planner", planner: "planner", scenario: "Scenario", comparedWith: "compared with", language: "Language",
    reset: "Reset", resetTitle: "Back to the scenario file's values", values: "Values", results: "Results",
    titleLabel: "Title", titlePlaceholder: "Name of this what-if",
    titleDefault: "Without a title the run is named after the scenario: ",
    saveAndDownload: "Save and download", file: "File", filePlaceholder: "e.g. grant-minus-10pct",
    save: "Save what-if", replace: "Replace file", downloads: "Download (in the chosen language)",
    "report.html": "Report (HTML)", "report.xlsx": "Workbook (XLSX)", "plan.json": "Plan (JSON)",
    loading: "Loading…", pools: "Money per pool", kinds: "Devices per kind",
    levels: "Pupil coverage by social-index level", districts: "Pupil coverage by district",
    changes: "Schools that gain or lose devices", why: "Why?", explain: "Explain: what would 1,000\u00a0€ more do?",
    footer: "Every plan is re-checked against every rule in cents before it is shown.",
    needGroup: "Need weights (social-index levels)", objectiveGroup: "Objective",
    keyHint: "key for allocate --set (command line)", changed: "changed",
    objectives: { maximin: "maximin: the lowest coverage as high as possible", weighted: "weighted by need",
                  "min-cost": "least cost", proportional: "proportional (formula, no optimisation)" },
    objectiveNames: {},
    percentUnit: "percent", euroUnit: "euros", numberUnit: "number",
    solving: "Solving…", optimal: "optimal (proven)", bestBound: (s, b) => `${s}, best bound ${b}`,
    statuses: { feasible: "feasible, stopped by the time limit", "not-searched": "feasible, not searched", infeasible: "infeasible",
                unbounded: "unbounded", "no-solution-found": "no solution found" },
    verified: "verified against every rule", changedCount: (n) => `${n} value${n === 1 ? "" : "s"} changed`,
    notSolved: "Not solved: ", lastValid: " (the figures below are the last valid plan)",
    pupilsCovered: "Pupils covered", teacherDevices: "Teacher devices", of: "of",
    vsBaseline: "vs. baseline", atLeast: "Every school gets at least", points: "points",
    spent: "Spent", ownMoneyLeft: (own, left) => `own money ${own} · left ${left}`, ownMoney: " (own money)",
    poolHeaders: ["Pool", "Granted", "Spent", "Left", "Δ spent", "Used"], spentShare: (p) => `${p} spent`,
    kindHeaders: ["Device", "Planned", "Needed", "Coverage", "Unit price", "Δ devices"],
    noLevel: "no level", level: (k) => `level ${k}`, baseline: "baseline", onScreen: "on screen",
    chartLabel: (title) => `${title}, on screen (baseline): `,
    noChange: "No school's devices change.",
    gainSummary: (g, up) => `${fmt(g)} school${g === 1 ? " gains" : "s gain"} ${fmt(up)} device${up === 1 ? "" : "s"} in total`,
    loseSummary: (l, down) => `${fmt(l)} school${l === 1 ? " loses" : "s lose"} ${fmt(down)} device${down === 1 ? "" : "s"} in total`,
    summaryEnd: " (pupil + teacher devices).",
    schoolHeaders: ["School", "District", "Level", "Pupil devices: baseline", "on screen", "Δ", "Teacher devices: baseline", "on screen", "Δ", "Δ total"],
    noSchool: "No school.", more: (n) => `and ${n} more`, gain: "Gain", lose: "Lose",
    analysing: "Analysing…", binds: "all spent (binds)", moneyLeft: "money left", noLimit: "no limit",
    explainHeaders: ["Pool", "Budget", "1,000\u00a0€ more buys", "Rate holds for budgets"],
    saved: (path) => `Saved as ${path}. Load it from the scenario list, or run: allocate solve ${path}`,
    preparing: (what) => `Preparing ${what}…`, downloaded: (what) => `Downloaded ${what}.`,
    notPossible: (n) => `Not possible: ${n === 1 ? "a field holds" : n + " fields hold"} no valid number (marked red).`,
    notSolvedField: (label, message, others) => `Not solved – ${label}: ${message}` +
      (others ? ` (and ${others} more field${others === 1 ? "" : "s"})` : "") + " – the figures below are those of the last valid plan.",
    history: "Past runs", historyReload: "Refresh",
    historyHint: "Runs of this folder (planner downloads and command-line runs), newest first; “Open as baseline” sets a past run's plan as the baseline.",
    historyHeaders: ["Run", "Time", "Scenario", "Who", "Spent", "Pupil devices", "Teacher devices", ""],
    historyEmpty: "No runs in this folder yet.", historyOff: "This planner keeps no run history (allocate serve --no-history).",
    openAsBaseline: "Open as baseline", isBaseline: "is the baseline",
    pastRun: (n, time) => `run ${n} of ${time}`,
    commands: { "planner-download": "planner download", "planner-save": "saved in the planner", "planner-years": "multi-year plan in the planner", years: "multi-year plan (years)" },
    failed: (cls) => `failed (${{ input: "input", infeasible: "infeasible", solverOrInternal: "solver or internal", cancelled: "cancelled" }[cls] || cls || "?"})`,
    progress: { queued: "Waiting for a free worker", loading: "Loading the scenario", baseline: "Solving the baseline",
                solving: "Solving the plan", writing: "Making the download", done: "Done", unknown: "Solving" },
    progressCount: (done, total) => `${fmt(done)} of ${fmt(total)} school authorities`,
    progressSeconds: (s) => `${decimal1(s)}${NBSP}s so far`,
    progressStage: (n, of) => `stage ${n} of ${of}` + (of === 4 ? ` (${["smallest coverage", "need-weighted device-years", "own money", "changes"][n - 1]})` : ""),
    multiYearMark: "multi-year plan", yearsPlan: (span) => `Multi-year plan ${span}`,
    yearsResults: "Budget years", yearsSmallest: "Smallest coverage over all years",
    yearsOwnMoney: "Own money in all", yearsChanges: "Changes (bought + retired)",
    yearsDeviceYears: "Need-weighted device-years", yearsRun: (id) => `run ${id.slice(0, 8)} in the history`,
  },
};
const t = (key) => TEXT[state.lang][key];

const state = {
  lang: "de",          // the language of the page, its requests and its downloads
  scenario: null,      // scenario file on screen (relative to the scenarios folder)
  baseline: null,      // the scenario it is compared with
  defaultTitle: null,  // the scenario's name: the title when none is given (the title field's tooltip)
  fields: [],          // from /api/form
  original: {},        // key -> value as the scenario file has it
  overrides: {},       // key -> value changed on screen
  sequence: 0,         // the latest solve sent; older answers are dropped
  formSequence: 0,     // the latest form load (a quick second scenario switch wins)
  explainSequence: 0,  // the latest explanation asked for
  timer: null,
  serverError: null,   // { field, message }: the server refused this field's value in the latest solve
  sent: {},            // the overrides of the latest solve sent
  baselineRun: null,   // a past run of the history compared against instead of `baseline`: { uuid, run, recordedAt }
  history: null,       // the latest GET /api/history answer
  multiYear: new Set(),// scenarios with a years: section (solved with /api/years)
  isYears: false,      // the scenario on screen is a multi-year plan
};

const $ = (id) => document.getElementById(id);
const LOCALES = { de: "de-DE", en: "en-GB" };
const formats = {};
// Whole numbers in the page's language: 19.532 (de) or 19,532 (en).
function fmt(n) {
  const f = formats[state.lang] || (formats[state.lang] = new Intl.NumberFormat(LOCALES[state.lang], { maximumFractionDigits: 0 }));
  return f.format(n);
}
const euro = (x) => fmt(Math.round(Number(x))) + NBSP + "€";
// One decimal with the language's decimal mark: 96,8 (de) or 96.8 (en).
const decimal1 = (x) => { const s = x.toFixed(1); return state.lang === "de" ? s.replace(".", ",") : s; };
// Shares rounded DOWN to 0.1 % (the rule of every output: never 100.0 % for less than all).
const pct = (x) => (x === null || x === undefined) ? "–" : decimal1(Math.floor(1000 * x + 1e-9) / 10) + NBSP + "%";
const signed = (n, f = fmt) => (n > 0 ? "+" : n < 0 ? "−" : "±") + f(Math.abs(n));

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    // Styles through CSSOM: the page's Content-Security-Policy forbids inline style attributes.
    if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else if (k === "style") e.style.cssText = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

// The Accept-Language of every request: the switch's language, so that the server's own
// refusals (before it reads a body's `lang`: 404, 405, 408, 413, 415) speak it too, not the browser's.
const ACCEPT_LANGUAGE = { de: "de-DE", en: "en" };

// Every request of the page goes through here (GET without a body, else POST of JSON).
async function api(operation, body) {
  const headers = { "Accept-Language": ACCEPT_LANGUAGE[state.lang] || "de-DE" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch("/api/" + operation, {
    method: body === undefined ? "GET" : "POST",
    headers,
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

function showTitleHint() {
  $("title").placeholder = t("titlePlaceholder");
  $("title").title = state.defaultTitle ? t("titleDefault") + state.defaultTitle : "";
}

function request(extra = {}) {
  const r = { scenario: state.scenario, baseline: state.baseline, overrides: state.overrides, lang: state.lang };
  if (state.baselineRun) r.baselineRun = state.baselineRun.uuid;
  const title = $("title").value.trim();
  if (title) r.title = title;
  return Object.assign(r, extra);
}

// ---- the form ----

// Fills both scenario lists from the server; the first time both select the server's scenario,
// later each keeps its choice.
async function loadScenarios(first = false) {
  const list = await json("scenarios");
  state.multiYear = new Set(list.multiYear || []);
  for (const id of ["scenario", "baseline"]) {
    const select = $(id), value = first ? list.default : select.value;
    // Multi-year plans are marked; they are no baseline of a one-year plan.
    const names = id === "baseline" ? list.scenarios.filter((s) => !state.multiYear.has(s)) : list.scenarios;
    // Each scenario by its name (the file's `name:`), the file as a hint after it.
    const titled = (s) => list.names && list.names[s] ? `${list.names[s]} · ${s}` : s;
    select.replaceChildren(...names.map((s) => el("option", state.multiYear.has(s) ? { value: s, text: `${titled(s)} (${t("multiYearMark")})`, "data-multi-year": "", title: s }
                                                                             : { value: s, text: titled(s), title: s })));
    select.value = value;
  }
  if (first) { state.scenario = list.default; state.baseline = list.default; }
}

// The form of the scenario on screen, its labels and help texts in the page's language. With
// `keep` (a language switch) the values changed on screen stay; otherwise the form starts from
// the scenario file's values.
async function loadForm(keep = false) {
  const sequence = ++state.formSequence;
  const form = await json("form", { scenario: state.scenario, lang: state.lang });
  if (sequence !== state.formSequence) return false;
  state.fields = form.fields;
  setYearsMode(!!form.multiYear);
  state.original = Object.fromEntries(form.fields.map((f) => [f.key, f.value]));
  if (!keep) {
    state.overrides = {};
    state.sent = {};
    state.serverError = null;
  }
  invalid.clear();
  // The scenario's name (the title when none is given) is too long for the field's
  // placeholder: the placeholder says what to type, the tooltip names the default.
  state.defaultTitle = form.name;
  showTitleHint();
  const groups = new Map();
  for (const f of state.fields) {
    if (!groups.has(f.group)) groups.set(f.group, []);
    groups.get(f.group).push(f);
  }
  const sets = [];
  for (const [group, fields] of groups) {
    sets.push(el("fieldset", { "data-group": group }, el("legend", { text: groupLegend(group, fields) }),
      ...fields.map((f) => fieldControl(keep && f.key in state.overrides ? { ...f, value: state.overrides[f.key] } : f))));
  }
  $("fields").replaceChildren(...sets);
  if (keep) for (const key of Object.keys(state.overrides)) markChanged(key);
  renderErrors();
  return true;
}

// A fieldset's legend: the group's own label where the form gives one, else the pool's or device
// kind's name (the part of its first label before ":"), else the group's id.
// A multi-year plan shows its own results (the years section); the one-year panels hide.
function setYearsMode(on) {
  state.isYears = on;
  document.body.classList.toggle("years-mode", on);
  for (const e of document.querySelectorAll(".single-year")) e.hidden = on;
  $("baseline").closest("label").hidden = on;      // a multi-year plan is not compared with a one-year baseline
  $("years-results").hidden = !on;
  if (!on) $("years-section").replaceChildren();
}

function groupLegend(group, fields) {
  if (group === "need") return t("needGroup");
  if (group === "objective") return t("objectiveGroup");
  const f = fields[0];
  if (f.groupLabel) return f.groupLabel;
  return f.label.includes(":") ? f.label.split(":")[0] : group.split(":").slice(1).join(":") || group;
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
  money: { unit: "€", decimals: 2, example: { de: "5.490.000 oder 5.490.000,50 €", en: "5,490,000 or 5,490,000.50 €" } },
  price: { unit: "€", decimals: 2, example: { de: "367 oder 367,50 €", en: "367 or 367.50 €" } },
  rate: { unit: "%", decimals: 2, example: { de: "90 % oder 12,5 %", en: "90 % or 12.5 %" } },
  weight: { unit: "", decimals: 4, example: { de: "1,5 oder 1,125", en: "1.5 or 1.125" } },
  count: { unit: "", decimals: 0, example: { de: "2030 oder 400", en: "2030 or 400" } },
};

// The reader's messages. English reads the same rules with the marks swapped: the point is the
// decimal mark, the comma groups thousands (5,490,000.50).
const NUMBER_TEXT = {
  de: {
    empty: (ex) => `Leer: bitte eine Zahl eingeben, z. B. ${ex}.`,
    unit: (unit, k, ex) => `„${unit}“ passt nicht zu diesem Feld; erlaubt ${k ? `ist „${k}“` : "ist eine Zahl ohne Einheit"}, z. B. ${ex}.`,
    notNumber: (ex) => `keine Zahl. Erlaubt sind Ziffern, Punkte als Tausendertrennzeichen und ein Komma als Dezimalzeichen, z. B. ${ex}.`,
    groupsRule: "nach jedem Tausenderpunkt genau drei Ziffern, z. B. 5.490.000",
    places: (n) => `höchstens ${n} Nachkommastellen`,
    twoMarks: "mehr als ein Komma. Das Komma ist das Dezimalzeichen (höchstens eines), Tausender trennt der Punkt: 5.490.000 oder 5.490.000,50.",
    groupAfterMark: "Punkt nach dem Dezimalkomma. Deutsch: 5.490.000,50; ohne Tausenderpunkte: 5490000,50 oder 5490000.50.",
    misplaced: (rule) => `Punkte an falscher Stelle: ${rule}.`,
    misplacedNoMark: (rule) => `Punkte an falscher Stelle: ${rule}; das Dezimalzeichen ist das Komma.`,
    noDigitsAfterMark: "nach dem Komma fehlen Ziffern.",
    ambiguousGroup: (a, b) => `mehrdeutig: ${a}${b} oder ${a},${b}? Schreiben Sie ${a}${b} (ohne Punkt) oder ${a},${b} (mit Dezimalkomma).`,
    noDigitBeforeGroup: "vor dem Punkt fehlt eine Ziffer (0,5).",
    noDigitsAfterGroup: "nach dem Punkt fehlen Ziffern.",
    neither: (rule, places) => `der Punkt passt weder als Tausenderpunkt (${rule}) noch als Dezimalpunkt (${places}). Das Dezimalzeichen ist das Komma: 5.490.000,50.`,
    noDigitBeforeMark: "vor dem Komma fehlt eine Ziffer (0,5).",
    tooManyPlaces: (n, places, rate) => `${n} Nachkommastellen; erlaubt sind ${places}${rate ? " (in Prozent)" : ""}. Das Komma ist das Dezimalzeichen, der Punkt trennt Tausender (5.490).`,
    ambiguousRate: (typed, times100) => `mehrdeutig: ${typed} oder ${times100}? Das Feld erwartet Prozent; schreiben Sie das %-Zeichen dazu (z. B. ${times100}).`,
  },
  en: {
    empty: (ex) => `Empty: enter a number, e.g. ${ex}.`,
    unit: (unit, k, ex) => `“${unit}” does not fit this field; allowed ${k ? `is “${k}”` : "is a number without a unit"}, e.g. ${ex}.`,
    notNumber: (ex) => `not a number. Allowed are digits, commas as thousands separators and one point as the decimal mark, e.g. ${ex}.`,
    groupsRule: "exactly three digits after each thousands comma, e.g. 5,490,000",
    places: (n) => `at most ${n} decimals`,
    twoMarks: "more than one point. The point is the decimal mark (at most one), the comma separates thousands: 5,490,000 or 5,490,000.50.",
    groupAfterMark: "comma after the decimal point. Write 5,490,000.50, or without separators 5490000.50.",
    misplaced: (rule) => `commas in the wrong place: ${rule}.`,
    misplacedNoMark: (rule) => `commas in the wrong place: ${rule}; the decimal mark is the point.`,
    noDigitsAfterMark: "digits missing after the point.",
    ambiguousGroup: (a, b) => `ambiguous: ${a}${b} or ${a}.${b}? Write ${a}${b} (without a comma) or ${a}.${b} (with a decimal point).`,
    noDigitBeforeGroup: "a digit is missing before the comma (0.5).",
    noDigitsAfterGroup: "digits missing after the comma.",
    neither: (rule, places) => `the comma fits neither as a thousands comma (${rule}) nor as a decimal mark (${places}). The decimal mark is the point: 5,490,000.50.`,
    noDigitBeforeMark: "a digit is missing before the point (0.5).",
    tooManyPlaces: (n, places, rate) => `${n} decimals; allowed are ${places}${rate ? " (in percent)" : ""}. The point is the decimal mark, the comma separates thousands (5,490).`,
    ambiguousRate: (typed, times100) => `ambiguous: ${typed} or ${times100}? The field expects percent; add the % sign (e.g. ${times100}).`,
  },
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

function readNumber(text, kind, lang = state.lang) {
  const k = NUMBER_KINDS[kind], m = NUMBER_TEXT[lang], example = k.example[lang];
  const q = lang === "de" ? `„${String(text).trim()}“` : `“${String(text).trim()}”`;
  const fail = (why) => ({ error: `${q}: ${why}` });
  let s = String(text).replace(/[\s\u00a0\u202f]+/g, " ").trim();
  if (s === "") return { error: m.empty(example) };
  let unit = "";
  const u = /^(.*?) ?(€|EUR|%)$/i.exec(s);
  if (u) { unit = u[2] === "%" ? "%" : "€"; s = u[1]; }
  // "5.490.000,–" (de) or "5,490,000.–" (en): whole euros.
  if (k.unit === "€" && (lang === "de" ? /,[-–]$/ : /\.[-–]$/).test(s)) s = s.slice(0, -2);
  if (unit && unit !== k.unit) return fail(m.unit(unit, k.unit, example));
  let sign = "";
  if (/^[-−+]/.test(s)) { sign = s[0] === "+" ? "" : "-"; s = s.slice(1); }
  if (!/^[0-9.,]+$/.test(s)) return fail(m.notNumber(example));
  // The rules are written for German marks; English input has them swapped.
  if (lang !== "de") s = s.replace(/[.,]/g, (c) => c === "." ? "," : ".");
  const grouped = (w) => /^[1-9]\d{0,2}(\.\d{3})+$/.test(w);
  const places = m.places(k.decimals);
  let whole, frac;
  const commas = s.split(",").length - 1, dots = s.split(".").length - 1;
  if (commas > 1) {
    return fail(m.twoMarks);
  } else if (commas === 1) {
    [whole, frac] = s.split(",");
    if (frac.includes(".")) return fail(m.groupAfterMark);
    if (whole.includes(".") && !grouped(whole)) return fail(m.misplaced(m.groupsRule));
    if (frac === "") return fail(m.noDigitsAfterMark);
    whole = whole.replaceAll(".", "");
  } else if (dots === 0) {
    [whole, frac] = [s, ""];
  } else if (dots > 1) {
    if (!grouped(s)) return fail(m.misplacedNoMark(m.groupsRule));
    [whole, frac] = [s.replaceAll(".", ""), ""];
  } else {
    const [a, b] = s.split(".");
    const asGroups = grouped(s), asDecimal = a !== "" && b !== "" && b.length <= k.decimals;
    if (asGroups && asDecimal) {
      return fail(m.ambiguousGroup(a, b));
    } else if (asGroups) {
      [whole, frac] = [a + b, ""];
    } else if (asDecimal) {
      [whole, frac] = [a, b];
    } else if (a === "" || b === "") {
      return fail(a === "" ? m.noDigitBeforeGroup : m.noDigitsAfterGroup);
    } else {
      return fail(m.neither(m.groupsRule, places));
    }
  }
  if (whole === "") return fail(m.noDigitBeforeMark);
  if (frac.length > k.decimals) return fail(m.tooManyPlaces(frac.length, places, kind === "rate"));
  let value = plainNumber(sign, whole, frac);
  if (kind === "rate") {
    if (unit !== "%" && !sign && value !== "0" && Number(value) <= 1) {
      const typed = showNumber(shiftPoint(value, -2), kind, lang), times100 = showNumber(value, kind, lang);
      return fail(m.ambiguousRate(typed, times100));
    }
    value = shiftPoint(value, -2);
  }
  return { value };
}

// A value as the API has it ("6100000.00", "0.90", "1.125") in the page's language:
// "6.100.000,00 €", "90 %", "1,125" (de) or "6,100,000.00 €", "90 %", "1.125" (en).
// Money always with cents; rates in percent.
function showNumber(value, kind, lang = state.lang) {
  let v = String(value).trim();
  if (!/^-?\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    if (!Number.isFinite(n)) return v;
    v = n.toFixed(10);
  }
  if (kind === "rate") v = shiftPoint(v, 2);
  const [, sign, whole, frac = ""] = /^(-?)(\d+)(?:\.(\d+))?$/.exec(v);
  const [group, mark] = lang === "de" ? [".", ","] : [",", "."];
  const grouped = whole.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+$)/g, group);
  const decimals = kind === "money" || kind === "price" ? frac.padEnd(2, "0") : frac.replace(/0+$/, "");
  // Years are shown as years (2030, not 2.030).
  if (kind === "count" && whole.length === 4 && Number(whole) >= 1900 && Number(whole) <= 2100) return (sign ? "−" : "") + whole;
  const unit = NUMBER_KINDS[kind] ? NUMBER_KINDS[kind].unit : "";
  const body = grouped + (decimals ? mark + decimals : "");
  return (sign && /[1-9]/.test(body) ? "−" : "") + body + (unit ? NBSP + unit : "");
}

// The slider's value as a plain decimal string with the step's decimals (no 0.35000000000000003).
function sliderValue(f, raw) {
  const places = (x) => (String(x).split(".")[1] || "").length;
  return plainNumber(...(/^(-?)(\d+)(?:\.(\d+))?$/.exec(Number(raw).toFixed(Math.max(places(f.step), places(f.min)))).slice(1).map((x) => x || "")));
}

// One field: its label (the form's, in the page's language), the help text where the form has
// one, the --set key path as a small hint for power users, the inputs and the place for its
// message.
function fieldControl(f) {
  const short = f.label.includes(":") ? f.label.split(":").slice(1).join(":").trim() : f.label;
  const id = "field-" + f.key.replace(/[^A-Za-z0-9_-]/g, "_");
  const error = el("p", { class: "field-error", "data-error-for": f.key, id: id + "-error", role: "alert" });
  const help = f.help ? el("p", { class: "help", id: id + "-help", text: f.help }) : "";
  const hint = el("code", { class: "key", title: t("keyHint"), "data-key-hint": f.key, text: f.key });
  const described = id + "-error" + (f.help ? " " + id + "-help" : "");
  const box = el("div", { class: "field", "data-field": f.key });
  const labelFor = (text) => el("label", { for: id }, el("span", { class: "name", "data-changed": t("changed"), text }), hint);
  if (f.kind === "choice") {
    const names = f.key === "objective" ? t("objectives") : f.optionLabels || {};
    const select = el("select", { id, "data-key": f.key, "aria-label": f.label, "aria-describedby": described },
      ...f.options.map((o) => el("option", { value: o, text: names[o] || o })));
    select.value = f.value;
    select.addEventListener("change", () => changed(f.key, select.value));
    box.append(labelFor(short), help, el("div", { class: "inputs" }, select), error);
    return box;
  }
  // The unit after the label (the form gives it apart, or within an older label); rates are
  // typed and shown in percent.
  const unit = f.kind === "rate" ? "%" : f.unit || "";
  const label = short + (unit && !short.includes(unit) ? ` (${unit})` : "");
  const range = el("input", { type: "range", id, "data-kind": f.kind, min: f.min, max: Math.max(Number(f.max), Number(f.value)), step: f.step, value: f.value,
    "data-key": f.key, "aria-label": f.label, "aria-describedby": described, "aria-valuetext": showNumber(f.value, f.kind) });
  // A text field, not type=number: that one would drop the dots of "5.490.000" and the comma of "0,9".
  const unitName = f.kind === "rate" ? t("percentUnit") : NUMBER_KINDS[f.kind].unit === "€" ? t("euroUnit") : t("numberUnit");
  const number = el("input", { type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false", lang: state.lang,
    value: showNumber(f.value, f.kind), "data-key": f.key, "data-number": "", "data-kind": f.kind,
    "aria-label": `${f.label} (${unitName})`, "aria-describedby": described });
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
  box.append(labelFor(label), help, el("div", { class: "inputs" }, range, number), error);
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
  markChanged(key);
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
  $("status").textContent = t("notSolvedField")(field ? field.label : key, message, invalid.size - 1);
}

// True (and says so in `target`) while a field holds a refused value.
function blockedByInvalid(target) {
  if (!invalid.size) return false;
  showInvalid();
  target.className = "note error";
  target.textContent = t("notPossible")(invalid.size);
  return true;
}

function markChanged(key) {
  const box = document.querySelector(`[data-field="${CSS.escape(key)}"]`);
  if (box) box.classList.toggle("changed", key in state.overrides);
}

function changed(key, value, delay = 120) {
  const original = state.original[key];
  // "6100000" from a slider is the file's "6100000.00": unchanged.
  const same = String(value) === original || (value !== "" && !isNaN(Number(value)) && Number(value) === Number(original));
  if (same) delete state.overrides[key]; else state.overrides[key] = String(value);
  markChanged(key);
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

// The server's message beside its field, without the place the field itself shows: the command
// line's "--set key=value: key: " before a message about that key.
function fieldMessage(field, message) {
  const m = /^--set ([^=]+)=.*?: \1: (.*)$/s.exec(message);
  return m && m[1] === field ? m[2] : message;
}

function showFieldError(field, message) {
  state.serverError = field ? { field, message: fieldMessage(field, message) } : null;
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
  $("status").textContent = t("solving");
  let data;
  const token = progressToken();
  const stop = watchProgress(token, $("status"), () => sequence === state.sequence);
  try {
    data = await json(state.isYears ? "years" : "compare", request({ progress: token }));
  } catch (e) {
    stop();
    if (sequence !== state.sequence) return;
    const field = e.info && e.info.field;
    const shown = field && document.querySelector(`[data-field="${CSS.escape(field)}"]`);
    if (shown) showFieldError(field, e.message); else showFieldError(null, "");
    const f = shown && state.fields.find((x) => x.key === field);
    $("status").className = "error";
    $("status").textContent = f ? t("notSolvedField")(f.label, fieldMessage(field, e.message), 0)
      : (field ? t("notSolved") : "") + e.message + t("lastValid");
    return;
  }
  stop();
  if (sequence !== state.sequence) return;
  showFieldError(null, "");
  const ms = Math.round(performance.now() - started);
  state.last = { data, ms, years: !!data.multiYear };
  draw(data, ms);
  if (data.multiYear) loadHistory();             // each multi-year solve is a run of the history
  if (invalid.size) showInvalid();   // an answer sent before a field was refused: the status still says so
}

// A multi-year plan (solved by /api/years as `allocate years` solves it): the status in the
// server's words (optimal, or each stage not proven with its figure and proven bound), the
// headline figures, and the council report's "Haushaltsjahre" section (tables and charts, the
// report's rows).
function drawYears(d, ms) {
  const p = d.plan, changes = Object.keys(state.overrides).length;
  $("status").className = "";
  $("status").textContent = `${p.scenario} · ${t("yearsPlan")(p.firstYear + "–" + p.lastYear)} · ${d.status} · ${t("verified")} · ${fmt(ms)}${NBSP}ms` +
    (changes ? ` · ${t("changedCount")(changes)}` : "");
  $("kpis").replaceChildren(
    kpi("kpi-years-smallest", t("yearsSmallest"), pct(p.smallestCoverage), 0, ""),
    kpi("kpi-years-own", t("yearsOwnMoney"), euro(p.ownMoney), 0, d.run ? t("yearsRun")(d.run) : ""),
    kpi("kpi-years-changes", t("yearsChanges"), fmt(p.changes), 0, ""),
    kpi("kpi-years-device-years", t("yearsDeviceYears"), fmt(p.coveredDeviceYears), 0, ""));
  // The server's section (numbers in the request's language). The page's CSP refuses style
  // attributes of parsed HTML, so the few the charts have are renamed before parsing and set
  // through CSSOM (which the CSP allows).
  const section = $("years-section");
  section.innerHTML = d.html.replace(/ style="([^"]*)"/g, ' data-style="$1"');
  for (const e of section.querySelectorAll("[data-style]")) { e.style.cssText = e.dataset.style; e.removeAttribute("data-style"); }
}

function draw(d, ms) {
  if (d.multiYear) { drawYears(d, ms); return; }
  const [base, now] = d.plans;
  const solver = now.solver;
  const status = solver.status === "optimal" ? t("optimal")
    : t("bestBound")(t("statuses")[solver.status] || solver.status, decimal1(Number(solver.bestBound)));
  const changes = Object.keys(state.overrides).length;
  $("status").className = "";
  $("status").textContent = `${now.scenario} · ${t("objectiveNames")[now.objective] || now.objective} · ${status} · ${t("verified")} · ${fmt(ms)}${NBSP}ms` +
    (changes ? ` · ${t("changedCount")(changes)}` : "");
  drawKpis(base, now);
  drawPools(base, now);
  drawKinds(base, now);
  drawGroups($("levels"), base.byIndexLevel, now.byIndexLevel, (k) => k === "none" ? t("noLevel") : t("level")(k), t("levels"));
  drawGroups($("districts"), base.byDistrict, now.byDistrict, (k) => k, t("districts"));
  drawChanges(d, now);
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
    return b ? signed(100 * (x.share - b.share), decimal1) + NBSP + t("points") : "";
  };
  if (!list.length) return kpi("kpi-guarantee", t("atLeast"), "–", 0, "");
  const [first, ...rest] = list;
  const label = t("atLeast") + (first.label ? " (" + first.label + ")" : "");
  const others = rest.map((x) => x.label + ": " + pct(x.share) + " (" + change(x) + ")");
  const d = before.find((y) => y.id === first.id);
  return kpi("kpi-guarantee", label, pct(first.share), d ? first.share - d.share : 0,
             [change(first)].concat(others).filter((x) => x).join(" · "));
}

function drawKpis(base, now) {
  const t_ = now.totals, b = base.totals;
  $("kpis").replaceChildren(
    kpi("kpi-pupils", t("pupilsCovered"), fmt(t_.pupilDevices) + " " + t("of") + " " + fmt(t_.pupilNeed),
        t_.pupilDevices - b.pupilDevices, signed(t_.pupilDevices - b.pupilDevices) + " " + t("vsBaseline")),
    kpi("kpi-teachers", t("teacherDevices"), fmt(t_.teacherDevices) + " " + t("of") + " " + fmt(t_.teacherNeed),
        t_.teacherDevices - b.teacherDevices, signed(t_.teacherDevices - b.teacherDevices) + " " + t("vsBaseline")),
    // Rounded down, as the reports print it: a guarantee must not be overstated. Maximin
    // guarantees are per device kind: the first kind's in large, each with its change.
    guaranteeKpi(base, now),
    kpi("kpi-spent", t("spent"), euro(t_.spent), 0, t("ownMoneyLeft")(euro(t_.ownMoneySpent), euro(t_.remaining))));
}

function drawPools(base, now) {
  const rows = now.pools.map((p) => {
    const old = base.pools.find((x) => x.id === p.id);
    const delta = old ? Number(p.spent) - Number(old.spent) : 0;
    const share = Number(p.granted) > 0 ? Math.min(1, Number(p.spent) / Number(p.granted)) : 0;
    return el("tr", { "data-pool": p.id },
      el("td", { text: p.name + (p.ownMoney ? t("ownMoney") : "") }), el("td", { text: euro(p.granted) }),
      el("td", { class: "spent", text: euro(p.spent) }), el("td", { text: euro(p.remaining) }),
      el("td", { class: delta > 0 ? "up" : delta < 0 ? "down" : "", text: signed(Math.round(delta)) + NBSP + "€" }),
      el("td", { class: "bar" }, el("div", { class: "meter", title: t("spentShare")(pct(share)) }, el("div", { style: `width:${(100 * share).toFixed(1)}%` }))));
  });
  $("pools").replaceChildren(el("table", {},
    el("thead", {}, el("tr", {}, ...t("poolHeaders").map((h) => el("th", { text: h })))),
    el("tbody", {}, ...rows)));
}

function drawKinds(base, now) {
  const rows = now.deviceKinds.map((k) => {
    const old = base.deviceKinds.find((x) => x.id === k.id);
    const delta = old ? k.devices - old.devices : 0;
    return el("tr", { "data-kind": k.id },
      el("td", { text: k.label }), el("td", { class: "devices", text: fmt(k.devices) }), el("td", { text: fmt(k.need) }),
      el("td", { text: pct(k.need ? k.devices / k.need : null) }), el("td", { text: euro(k.unitPrice) }),
      el("td", { class: delta > 0 ? "up" : delta < 0 ? "down" : "", text: signed(delta) }));
  });
  $("kinds").replaceChildren(el("table", {},
    el("thead", {}, el("tr", {}, ...t("kindHeaders").map((h) => el("th", { text: h })))),
    el("tbody", {}, ...rows)));
}

// Horizontal bars: the baseline (grey) and what is on screen (blue) per group.
function drawGroups(target, baseGroups, nowGroups, name, title) {
  const keys = [...new Set([...baseGroups.map((g) => g.key), ...nowGroups.map((g) => g.key)])]
    .filter((k) => [...baseGroups, ...nowGroups].some((g) => g.key === k && g.pupilNeed > 0));
  const byKey = (list, k) => list.find((g) => g.key === k);
  const NS = "http://www.w3.org/2000/svg";
  const rowH = 30, left = 190, width = 640, barW = width - left - 70;
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${keys.length * rowH + 8}`);
  svg.setAttribute("width", "100%");
  svg.setAttribute("role", "img");
  // Screen readers get the figures the bars show.
  svg.setAttribute("aria-label", t("chartLabel")(title) + keys.map((k) => {
    const b = byKey(baseGroups, k), n = byKey(nowGroups, k);
    return `${name(k)} ${pct(n ? n.pupilCoverage : null)} (${pct(b ? b.pupilCoverage : null)})`;
  }).join("; "));
  const text = (x, y, s, anchor = "start") => {
    const e = document.createElementNS(NS, "text");
    e.setAttribute("x", x); e.setAttribute("y", y); e.setAttribute("text-anchor", anchor); e.textContent = s;
    return e;
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
    // A long name is shortened on the bar and given whole as the row's tooltip.
    const shown = text(0, y + 17, label.length > 30 ? label.slice(0, 29) + "…" : label);
    if (label.length > 30) { const tip = document.createElementNS(NS, "title"); tip.textContent = label; shown.append(tip); }
    svg.append(shown);
    svg.append(rect(left, y + 2, barW * cb, 10, "#9aa5b1"));
    svg.append(rect(left, y + 13, barW * cn, 12, "#1f6fb2"));
    const v = text(width - 2, y + 23, pct(n ? n.pupilCoverage : null), "end");
    v.setAttribute("data-group-value", k);
    svg.append(v);
  });
  const legend = el("div", { class: "legend" }, el("i", { style: "background:var(--base)" }), t("baseline"), el("i", { style: "background:var(--now)" }), t("onScreen"));
  target.replaceChildren(legend, svg);
}

function drawChanges(d) {
  const parts = [d.gaining ? t("gainSummary")(d.gaining, d.devicesGained) : "", d.losing ? t("loseSummary")(d.losing, d.devicesLost) : ""];
  $("changes-summary").textContent = d.gaining + d.losing === 0 ? t("noChange") : parts.filter((x) => x).join("; ") + t("summaryEnd");
  // Pupil and teacher devices apart (Δ = on screen − baseline); the total only as a total.
  const delta = (n) => el("td", { class: n > 0 ? "up" : n < 0 ? "down" : "", text: signed(n) });
  const table = (title, rows, id) => {
    if (!rows.length) return el("div", { id }, el("h3", { text: title }), el("p", { class: "note", text: t("noSchool") }));
    return el("div", { id }, el("h3", { text: title }), el("table", {},
      el("thead", {}, el("tr", {}, ...t("schoolHeaders").map((h) => el("th", { text: h })))),
      el("tbody", {}, ...rows.slice(0, 15).map((c) => el("tr", {},
        el("td", { text: c.name }), el("td", { text: c.district }), el("td", { text: c.level === "none" ? "–" : c.level }),
        el("td", { text: fmt(c.pupilDevices[0]) }), el("td", { text: fmt(c.pupilDevices[1]) }), delta(c.pupilChange[1]),
        el("td", { text: fmt(c.teacherDevices[0]) }), el("td", { text: fmt(c.teacherDevices[1]) }), delta(c.teacherChange[1]),
        delta(c.totalChange[1]))))),
      rows.length > 15 ? el("p", { class: "note", text: t("more")(fmt(rows.length - 15)) }) : "");
  };
  $("gaining").replaceWith(table(t("gain"), d.schoolChanges.filter((c) => c.totalChange[1] > 0), "gaining"));
  $("losing").replaceWith(table(t("lose"), d.schoolChanges.filter((c) => c.totalChange[1] < 0), "losing"));
}

// ---- explain, save, download ----

async function explain() {
  if (blockedByInvalid($("explanation"))) return;
  const sequence = ++state.explainSequence;
  $("explanation").className = "";
  $("explanation").textContent = t("analysing");
  try {
    const e = await json("explain", request({ step: 1000 }));
    if (sequence !== state.explainSequence) return;
    // Device kinds by their labels, as the tables above name them.
    const kinds = state.last ? Object.fromEntries(state.last.data.plans[1].deviceKinds.map((k) => [k.id, k.label])) : {};
    const rows = e.pools.map((p) => el("tr", {},
      el("td", { text: p.name || p.id }), el("td", { text: p.binding ? t("binds") : t("moneyLeft") }),
      el("td", { text: Object.entries(p.more).map(([k, v]) => `${signed(v)} ${kinds[k] || k}`).join(", ") }),
      el("td", { text: p.rangeHigh === null ? t("noLimit") : euro(p.rangeLow) + " – " + euro(p.rangeHigh) })));
    $("explanation").replaceChildren(el("table", {},
      el("thead", {}, el("tr", {}, ...t("explainHeaders").map((h) => el("th", { text: h })))),
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
    status.textContent = t("saved")(r.path);
    confirmReplace = false;
    $("save").textContent = t("save");
    await loadScenarios();
    showBaselineRun();
    loadHistory();
  } catch (e) {
    status.className = "note error";
    status.textContent = e.message;
    if (e.info && e.info.kind === "conflict") { confirmReplace = true; $("save").textContent = t("replace"); }
  }
}

// Downloads the report, workbook or plan of what is on screen, in the page's language.
async function download(operation) {
  const status = $("download-status");
  if (blockedByInvalid(status)) return;
  status.className = "note";
  status.textContent = t("preparing")(operation);
  const token = progressToken();
  const stop = watchProgress(token, status, () => true, t("preparing")(operation));
  try {
    const response = await api(operation, request({ progress: token }));
    stop();
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
    status.textContent = t("downloaded")(operation);
    loadHistory();
  } catch (e) {
    stop();
    status.className = "note error";
    status.textContent = operation + ": " + e.message;
    loadHistory();
  }
}

// ---- progress of a long request (state-wide scenarios): polled while the answer is awaited ----

// A token for GET /api/progress: 24 hex digits (crypto.getRandomValues works on plain http too).
function progressToken() {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("");
}

// After 0.6 s without an answer, asks every 0.7 s how far the request has got and writes it into
// `target` (while `current()` holds); returns the function that stops it.
function watchProgress(token, target, current, prefix = t("solving")) {
  let stopped = false, timer = null;
  const poll = async () => {
    if (stopped) return;
    try {
      const response = await api("progress?id=" + token);
      const p = await response.json();
      if (!stopped && current() && response.ok) target.textContent = progressText(p, prefix);
    } catch (e) { /* the answer itself will say what went wrong */ }
    if (!stopped) timer = setTimeout(poll, 700);
  };
  timer = setTimeout(poll, 600);
  return () => { stopped = true; clearTimeout(timer); };
}

// "Plan wird berechnet: 12 von 396 Schulträgern · seit 8,4 s", for a multi-year plan
// "Plan wird berechnet: Stufe 2 von 4 (bedarfsgewichtete Gerätejahre) · seit 1,2 s"
function progressText(p, prefix) {
  if (p.phase === "unknown") return prefix;
  const phase = t("progress")[p.phase] || t("progress").unknown;
  const parts = [p.total ? `${phase}: ${t("progressCount")(p.done || 0, p.total)}`
    : p.stages ? `${phase}: ${t("progressStage")(p.stage, p.stages)}` : phase];
  if (typeof p.seconds === "number") parts.push(t("progressSeconds")(p.seconds));
  return parts.join(" · ") + "…";
}

// ---- the run history: past runs of this folder, one of them as the baseline ----

const dateFormats = {};
// "02.12.2026, 10:29" (de-DE) or "02/12/2026, 10:29" (en-GB), in the browser's time zone.
function when(iso) {
  const f = dateFormats[state.lang] || (dateFormats[state.lang] = new Intl.DateTimeFormat(LOCALES[state.lang],
    { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" }));
  return f.format(new Date(iso));
}

async function loadHistory() {
  try {
    state.history = await json("history");
  } catch (e) {
    $("history").replaceChildren(el("p", { class: "note error", text: e.message }));
    return;
  }
  drawHistory();
}

// One row per run: number, time, scenario, who, and the headline figures the history kept (the
// values compare computes: money to the euro, shares rounded down as everywhere).
function drawHistory() {
  const h = state.history;
  if (!h) return;
  if (!h.history || !h.runs.length) {
    $("history").replaceChildren(el("p", { class: "note", text: h.history ? t("historyEmpty") : t("historyOff") }));
    return;
  }
  const rows = h.runs.map((run) => {
    const plan = run.plans[0] || { figures: {}, label: "–", scenario: "" };
    const f = plan.figures || {};
    const has = (k) => f[k] !== undefined && f[k] !== null;
    const devices = (count, share) => has(count) ? fmt(f[count]) + (has(share) ? ` (${pct(f[share])})` : "") : "–";
    const current = state.baselineRun && state.baselineRun.uuid === run.uuid;
    // The scenario by its name (the file's label as a hint in the tooltip), as the scenario lists show it.
    const scenario = (plan.scenario || plan.label) + (run.plans.length > 1 ? ` (+${run.plans.length - 1})` : "");
    const command = t("commands")[run.command] || run.command;
    const status = run.status === "failed" ? t("failed")(run.errorClass) : "";
    const action = current ? el("span", { class: "note", text: t("isBaseline") })
      : plan.hasPlan ? el("button", { type: "button", class: "open-run", "data-run": run.uuid, text: t("openAsBaseline") }) : "";
    if (action && action.tagName === "BUTTON") action.addEventListener("click", () => openRun(run));
    return el("tr", { "data-run": run.uuid, class: (run.status === "failed" ? "failed" : "") + (current ? " current" : "") },
      el("td", { class: "num", text: String(run.run) }),
      el("td", { class: "num", text: when(run.recordedAt) }),
      el("td", { title: [plan.label, command, (run.errorMessages || {})[state.lang] || run.errorMessage].filter((x) => x).join(" · "), text: scenario + (status ? " – " + status : "") }),
      el("td", { text: run.user + (run.client ? " @ " + run.client : "") }),
      el("td", { class: "num", text: has("total.spent") ? euro(f["total.spent"]) : "–" }),
      el("td", { class: "num", text: devices("total.pupilDevices", "total.pupilShare") }),
      el("td", { class: "num", text: has("total.teacherDevices") ? fmt(f["total.teacherDevices"]) : "–" }),
      el("td", {}, action));
  });
  $("history").replaceChildren(el("table", {},
    el("thead", {}, el("tr", {}, ...t("historyHeaders").map((x) => el("th", { text: x })))),
    el("tbody", {}, ...rows)));
}

// A past run as the baseline: the baseline list gets an entry for it, selected; every solve and
// report then compares against that run's recorded plan (the server re-makes it from the kept
// inputs and refuses if it no longer comes out the same).
function openRun(run) {
  state.baselineRun = { uuid: run.uuid, run: run.run, recordedAt: run.recordedAt };
  showBaselineRun();
  drawHistory();
  solve();
}

function showBaselineRun() {
  const select = $("baseline");
  for (const o of [...select.options]) if (o.value.startsWith("run:")) o.remove();
  if (!state.baselineRun) { select.value = state.baseline; return; }
  const r = state.baselineRun;
  select.append(el("option", { value: "run:" + r.uuid, text: t("pastRun")(r.run, when(r.recordedAt)) }));
  select.value = "run:" + r.uuid;
}

// The page's own texts in state.lang (index.html holds the German ones for a first paint).
function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.title = t("title");
  for (const e of document.querySelectorAll("[data-t]")) e.textContent = t(e.dataset.t);
  for (const e of document.querySelectorAll("[data-t-title]")) e.title = t(e.dataset.tTitle);
  for (const e of document.querySelectorAll("[data-t-placeholder]")) e.placeholder = t(e.dataset.tPlaceholder);
  showTitleHint();
  for (const e of document.querySelectorAll("[data-t-aria]")) e.setAttribute("aria-label", t(e.dataset.tAria));
  for (const b of document.querySelectorAll(".download")) b.textContent = t(b.dataset.op);
  $("save").textContent = confirmReplace ? t("replace") : t("save");
  $("language").value = state.lang;
}

// The language switch: the page's texts at once, then the form's labels and messages and the
// figures from the server in the new language; the values changed on screen stay.
async function switchLanguage(lang) {
  if (!TEXT[lang] || lang === state.lang) return;
  state.lang = lang;
  try { localStorage.setItem("allocate.lang", lang); } catch (e) { /* storage may be off */ }
  applyLanguage();
  for (const id of ["save-status", "download-status"]) { $(id).textContent = ""; $(id).className = "note"; }
  state.explainSequence++;
  $("explanation").replaceChildren();
  if (state.last && !state.last.years) draw(state.last.data, state.last.ms);
  showBaselineRun();
  drawHistory();
  try {
    if (await loadForm(true)) solve();
  } catch (e) {
    $("status").className = "error";
    $("status").textContent = `${state.scenario}: ${e.message}`;
  }
}

// German unless the address (?lang=en) or the planner's last choice says otherwise.
function initialLanguage() {
  const asked = new URLSearchParams(location.search).get("lang");
  if (TEXT[asked]) return asked;
  try { const kept = localStorage.getItem("allocate.lang"); if (TEXT[kept]) return kept; } catch (e) { /* storage may be off */ }
  return "de";
}

async function start() {
  state.lang = initialLanguage();
  applyLanguage();
  $("status").textContent = t("loading");
  try {
    await loadScenarios(true);
    await loadForm();
  } catch (e) {
    $("status").className = "error";
    $("status").textContent = e.message;
    return;
  }
  $("scenario").addEventListener("change", () => { state.scenario = $("scenario").value; reload(); });
  $("baseline").addEventListener("change", () => {
    const value = $("baseline").value;
    if (!value.startsWith("run:")) { state.baseline = value; state.baselineRun = null; showBaselineRun(); drawHistory(); }
    solve();
  });
  $("history-reload").addEventListener("click", loadHistory);
  $("reset").addEventListener("click", reload);
  $("title").addEventListener("change", schedule);
  $("save").addEventListener("click", save);
  $("save-file").addEventListener("input", () => { confirmReplace = false; $("save").textContent = t("save"); });
  $("explain").addEventListener("click", explain);
  $("language").addEventListener("change", () => switchLanguage($("language").value));
  for (const b of document.querySelectorAll(".download")) b.addEventListener("click", () => download(b.dataset.op));
  solve();
  loadHistory();
}

document.addEventListener("DOMContentLoaded", start);
