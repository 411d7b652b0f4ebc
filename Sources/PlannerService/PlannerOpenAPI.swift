import Allocation
import ScenarioFiles

/// The OpenAPI 3.1 description of the planner's JSON API (served at /api/openapi.json).
/// PlannerTests checks that it names every operation PlannerService handles. What it says of
/// scenario keys — the keys the planner may not change, the keys and ranges of the form's
/// fields — is filled in from the scenario-key table (`ScenarioKeys`), the `{{…}}` parts of
/// `template`.
public enum PlannerOpenAPI {
    public static let document: String = template
        .replacingOccurrences(of: "{{fixedInPlanner}}", with: fixedInPlannerPattern)
        .replacingOccurrences(of: "{{formKeyPattern}}", with: formKeyPattern)
        .replacingOccurrences(of: "{{formKeys}}", with: formKeysText)
        .replacingOccurrences(of: "{{objectives}}", with: ObjectiveMode.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))

    /// A pattern's JSON-escaped regular expression: `<…>` parts are any id.
    static func regex(_ pattern: String) -> String {
        pattern.split(separator: ".").map { $0.hasPrefix("<") ? "[A-Za-z0-9_-]+" : String($0) }.joined(separator: "\\\\.")
    }

    /// The override key paths the planner refuses: a section name, or a key under it.
    static var fixedInPlannerPattern: String {
        let sections = ScenarioKeys.fixedInPlanner.filter { !$0.contains(".") }
        let keys = ScenarioKeys.fixedInPlanner.filter { $0.contains(".") }
        return (["^(\(sections.joined(separator: "|")))(\\\\.|$)"] + keys.map { "^\(regex($0))(\\\\.|$)" }).joined(separator: "|")
    }

    /// The form's keys: the table's patterns, and a pool's money of one year (`years.pools.<pool>.money.<year>`).
    static var formKeyPattern: String {
        "^(" + (PlannerForm.keyPatterns + PlannerForm.yearsKeyPatterns).map(regex).joined(separator: "|")
            + "|" + regex("years.pools.<pool>.money") + "\\\\.[0-9]{4})$"
    }

    /// "pools.<pool>.fundingRate (0 < value ≤ 1), …": the form's keys and their table ranges.
    static var formKeysText: String {
        (PlannerForm.keyPatterns + PlannerForm.yearsKeyPatterns).map { pattern in
            let e = ScenarioKeys.entry(pattern)
            guard let r = e.range else { return pattern }
            return "\(pattern) (\(r.lower) \(r.lowerOpen ? "<" : "≤") value ≤ \(r.upper))"
        }.joined(separator: ", ")
    }

    static let template = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "allocate web planner API",
    "version": "1",
    "description": "Solve, compare, explain and report school-device allocation scenarios. Every POST takes a PlannerRequest (JSON, Content-Type application/json, at most 64 KiB). Values are changed as key paths, exactly like the command line's --set, and are validated with the same messages. Scenario names are files under the server's scenarios folder; every file a scenario reads (its extends chain, school table, key figures) must lie in that folder after links are followed. Limits per request (allocate serve options): at most 200 overrides; at most 2 device kinds and 2 pools added to those the scenario file defines (schools, authorities and file paths cannot be changed); at most 200,000 schools × device kinds in the model (--max-model-size, else 413); the request's solves stop at the request time limit, counted from the request's arrival (waiting for a worker included), with the best verified plan so far and its proven bound (--request-time-limit, default 60 s; the scenario's solver.timeLimitSeconds is lowered to it). Scenarios with more than 1,000 schools are solved in a bounded heavy queue (--solve-workers, default 1, and --queue, default 8 waiting); a request beyond it gets 503 with Retry-After, and small scenarios are answered meanwhile. A request body must arrive within 15 s (408), an idle connection is closed after 30 s. Every method other than the one documented for a path, OPTIONS included, gets 405 with Allow; Content-Type must be application/json, parameters allowed."
  },
  "servers": [{"url": "/"}],
  "paths": {
    "/api/scenarios": {
      "get": {
        "operationId": "scenarios",
        "summary": "The scenario files the planner can load",
        "responses": {"200": {"description": "Scenario names", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScenarioList"}}}},
                      "503": {"$ref": "#/components/responses/Busy"}, "500": {"$ref": "#/components/responses/Internal"}}
      }
    },
    "/api/history": {
      "get": {
        "operationId": "history",
        "summary": "The run history of the scenarios folder, newest first: every recorded run (command line and planner downloads and saves, failed runs too) with its time, command, user or client, status and headline figures",
        "parameters": [{"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}, "description": "At most this many runs"},
                       {"name": "lang", "in": "query", "required": false, "schema": {"type": "string", "enum": ["de", "en"], "default": "de"}, "description": "The language of errorMessage"}],
        "responses": {"200": {"description": "Recent runs (an empty list when the planner keeps no history: allocate serve --no-history)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/History"}}}},
                      "400": {"$ref": "#/components/responses/Error"}, "503": {"$ref": "#/components/responses/Busy"}, "500": {"$ref": "#/components/responses/Internal"}}
      }
    },
    "/api/progress": {
      "get": {
        "operationId": "progress",
        "summary": "How far the request sent with this progress token has got: phase, school authorities solved of a split scenario, the stage of a multi-year plan's solve, seconds since it arrived (poll it while a long request runs)",
        "parameters": [{"name": "id", "in": "query", "required": true, "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{8,64}$"}, "description": "The request's progress token"}],
        "responses": {"200": {"description": "Progress ('unknown' for a token not seen yet, or no longer kept)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Progress"}}}},
                      "400": {"$ref": "#/components/responses/Error"}, "500": {"$ref": "#/components/responses/Internal"}}
      }
    },
    "/api/form": {
      "post": {
        "operationId": "form",
        "summary": "The values a planner can change (pools, prices, weights, objective) with slider ranges; labels and help texts in the request's lang (de default, en)",
        "requestBody": {"$ref": "#/components/requestBodies/Planner"},
        "responses": {"200": {"description": "Fields", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Form"}}}},
                      "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"},
                      "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}, "503": {"$ref": "#/components/responses/Busy"}, "500": {"$ref": "#/components/responses/Internal"}}
      }
    },
    "/api/solve": {
      "post": {
        "operationId": "solve",
        "summary": "Solve the scenario with the changes; the plan as in plan.json (without the audit record)",
        "requestBody": {"$ref": "#/components/requestBodies/Planner"},
        "responses": {"200": {"description": "The plan", "content": {"application/json": {"schema": {"type": "object"}}}},
                      "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"},
                      "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}, "503": {"$ref": "#/components/responses/Busy"}, "500": {"$ref": "#/components/responses/Internal"}}
      }
    },
    "/api/years": {
      "post": {
        "operationId": "years",
        "summary": "Solve a scenario's multi-year plan (its years: section) as allocate years does, in the heavy lane within the request's time limit; overrides may change years.… values, and a pool's money of one year as years.pools.<pool>.money.<year>",
        "requestBody": {"$ref": "#/components/requestBodies/Planner"},
        "responses": {"200": {"description": "scenario, status (worded in the request's language: optimal, or each stage not proven with its figure and proven bound), optimal, plan (the document allocate years --json prints), html (the report's Haushaltsjahre section: tables and charts), run (the run history's id, or null)",
                              "content": {"application/json": {"schema": {"type": "object"}}}},
                      "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"},
                      "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}, "503": {"$ref": "#/components/responses/Busy"}, "500": {"$ref": "#/components/responses/Internal"}}
      }
    },
    "/api/compare": {
      "post": {
        "operationId": "compare",
        "summary": "The plan beside the baseline's: both summaries and the schools that gain or lose devices",
        "requestBody": {"$ref": "#/components/requestBodies/Planner"},
        "responses": {"200": {"description": "Comparison", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Comparison"}}}},
                      "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"},
                      "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}, "503": {"$ref": "#/components/responses/Busy"}, "500": {"$ref": "#/components/responses/Internal"}}
      }
    },
    "/api/explain": {
      "post": {
        "operationId": "explain",
        "summary": "What one step of euros more or less in each pool would do, which rules bind, how far each weight may move",
        "requestBody": {"$ref": "#/components/requestBodies/Planner"},
        "responses": {"200": {"description": "Explanation (as allocate explain --json)", "content": {"application/json": {"schema": {"type": "object"}}}},
                      "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"},
                      "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}, "503": {"$ref": "#/components/responses/Busy"}, "500": {"$ref": "#/components/responses/Internal"}}
      }
    },
    "/api/report.html": {
      "post": {
        "operationId": "reportHTML",
        "summary": "The council report for the changed scenario, with the baseline beside it",
        "requestBody": {"$ref": "#/components/requestBodies/Planner"},
        "responses": {"200": {"description": "report.html", "content": {"text/html": {"schema": {"type": "string"}}}},
                      "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"},
                      "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}, "503": {"$ref": "#/components/responses/Busy"}, "500": {"$ref": "#/components/responses/Internal"}}
      }
    },
    "/api/report.xlsx": {
      "post": {
        "operationId": "reportXLSX",
        "summary": "The council report as a workbook",
        "requestBody": {"$ref": "#/components/requestBodies/Planner"},
        "responses": {"200": {"description": "report.xlsx", "content": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}}}},
                      "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"},
                      "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}, "503": {"$ref": "#/components/responses/Busy"}, "500": {"$ref": "#/components/responses/Internal"}}
      }
    },
    "/api/plan.json": {
      "post": {
        "operationId": "planJSON",
        "summary": "plan.json with its audit record",
        "requestBody": {"$ref": "#/components/requestBodies/Planner"},
        "responses": {"200": {"description": "plan.json", "content": {"application/json": {"schema": {"type": "object"}}}},
                      "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"},
                      "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}, "503": {"$ref": "#/components/responses/Busy"}, "500": {"$ref": "#/components/responses/Internal"}}
      }
    },
    "/api/save": {
      "post": {
        "operationId": "save",
        "summary": "Save the changes as a what-if scenario file under saved/ (extends the scenario, lists only the changed values)",
        "requestBody": {"$ref": "#/components/requestBodies/Planner"},
        "responses": {"201": {"description": "Saved", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Saved"}}}},
                      "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"},
                      "409": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"},
                      "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}, "503": {"$ref": "#/components/responses/Busy"}, "500": {"$ref": "#/components/responses/Internal"}}
      }
    }
  },
  "components": {
    "requestBodies": {
      "Planner": {"required": false, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PlannerRequest"}}}}
    },
    "responses": {
      "Error": {"description": "What was wrong, with the field to blame where there is one", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Internal": {"description": "No plan within the time limit (the request's, or the scenario's solver.timeLimitSeconds if lower), a solver failure, or an internal error: error kind 'internal'. Not the request's fault; the same request may succeed with more time",
                   "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Busy": {"description": "The queue for large solves is full; try again after Retry-After seconds",
               "headers": {"Retry-After": {"schema": {"type": "integer", "minimum": 1}}},
               "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "schemas": {
      "PlannerRequest": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "scenario": {"type": ["string", "null"], "maxLength": 200, "pattern": "^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*\\.ya?ml$",
                       "description": "Scenario file under the scenarios folder, e.g. what-if/grant-10-percent-lower.yaml; default: the server's scenario"},
          "baseline": {"type": ["string", "null"], "maxLength": 200, "pattern": "^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*\\.ya?ml$",
                       "description": "The scenario compared against; default: the server's scenario"},
          "overrides": {"type": ["object", "null"], "maxProperties": 200,
                        "propertyNames": {"maxLength": 120, "pattern": "^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$",
                                          "not": {"pattern": "{{fixedInPlanner}}"}},
                        "additionalProperties": {"oneOf": [
                          {"type": "string", "maxLength": 64, "pattern": "^ *([A-Za-z0-9_][A-Za-z0-9_.+-]*|[+.-][0-9][A-Za-z0-9_.+-]*) *$"},
                          {"type": "number", "minimum": -1e38, "maximum": 1e38}]},
                        "description": "Key path to value, as --set key.path=value, e.g. {\"pools.sofort.budget\": \"5490000\"}; files, the title and the solver's limits cannot be changed here"},
          "title": {"type": ["string", "null"], "maxLength": 200, "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*$",
                    "description": "Name of what is on screen (report heading, saved file's name)"},
          "lang": {"type": ["string", "null"], "enum": ["de", "en", null],
                   "description": "Language of the answer: messages, form labels and help texts, the downloaded report and workbook; default de"},
          "language": {"type": ["string", "null"], "enum": ["de", "en", null], "description": "Older name of lang (must agree with it)"},
          "step": {"type": ["integer", "null"], "minimum": 1, "maximum": 1000000000, "description": "explain: step in euros"},
          "file": {"type": ["string", "null"], "maxLength": 80, "pattern": "^[A-Za-z0-9_][A-Za-z0-9_-]*$", "description": "save: file name without extension"},
          "overwrite": {"type": ["boolean", "null"]},
          "baselineRun": {"type": ["string", "null"], "maxLength": 36, "pattern": "^[0-9A-Fa-f-]+$",
                          "description": "compare, report.html, report.xlsx: compare against a past run of the history (its number or the start of its id, from /api/history) instead of the baseline scenario; the run is solved again from its kept inputs and used only when it gives its stored plan (else 409)"},
          "progress": {"type": ["string", "null"], "pattern": "^[A-Za-z0-9_-]{8,64}$",
                       "description": "A token of the client's choosing: GET /api/progress?id=TOKEN tells how far this request has got"}
        }
      },
      "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "object", "required": ["kind", "message"], "properties": {
          "kind": {"type": "string", "enum": ["bad-request", "invalid-value", "not-found", "forbidden", "method-not-allowed", "infeasible", "conflict", "too-large", "timeout", "busy", "cancelled", "internal"]},
          "message": {"type": "string"},
          "field": {"type": "string"}}}}
      },
      "ScenarioList": {
        "type": "object",
        "properties": {"folder": {"type": "string"}, "default": {"type": "string"}, "scenarios": {"type": "array", "items": {"type": "string"}},
                       "multiYear": {"type": "array", "items": {"type": "string"}, "description": "The scenarios with a years: section (multi-year plans: solved with /api/years)"},
                       "names": {"type": "object", "additionalProperties": {"type": "string"}, "description": "Each scenario's name: as its file (or the file it extends) writes it"}}
      },
      "Form": {
        "type": "object",
        "properties": {
          "scenario": {"type": "string"}, "name": {"type": "string"},
          "fields": {"type": "array", "items": {"type": "object", "required": ["key", "group", "label", "help", "kind", "value"], "properties": {
            "key": {"type": "string", "pattern": "{{formKeyPattern}}", "description": "The scenario key path, as --set takes it (e.g. pools.sofort.fundingRate), one of the scenario-key table's: {{formKeys}}"},
            "group": {"type": "string"},
            "label": {"type": "string", "description": "Owner and the key's label in the requested language, e.g. 'Sofortausstattung: Förderquote'"},
            "help": {"type": "string", "description": "What the value means, in the requested language"},
            "kind": {"type": "string", "enum": ["money", "price", "rate", "weight", "count", "choice"], "description": "money and price: euros; rate: a share (0.9 = 90 %); weight: a priority weight; count: a whole number (years, devices)"},
            "value": {"type": "string"}, "unit": {"type": "string", "description": "€ for money and price; absent otherwise"},
            "min": {"type": "number", "description": "The key's allowed range as the loader checks it (a funding rate: above 0, so one step above 0)"},
            "max": {"type": "number"}, "step": {"type": "number"},
            "options": {"type": "array", "items": {"anyOf": [{"type": "string", "enum": [{{objectives}}]}, {"type": "string", "pattern": "^(lapses|[0-9]{4})$"}]},
                        "description": "For a choice: its values (the objective's modes; a carry-over: lapses or a year)"},
            "optionLabels": {"type": "object", "description": "For a choice whose values are not words a planner reads: the label of each value"},
            "groupLabel": {"type": "string", "description": "The heading of the field's group, where the label does not give it"}}}},
          "multiYear": {"type": "boolean", "description": "The scenario has a years: section; its form holds the years rules"}
        }
      },
      "Comparison": {
        "type": "object",
        "properties": {
          "baseline": {"type": "string"}, "scenario": {"type": "string"},
          "baselineRun": {"type": ["object", "null"], "properties": {"run": {"type": "integer"}, "uuid": {"type": "string"}, "recordedAt": {"type": "string"}, "label": {"type": "string"}},
                          "description": "The past run compared against (baselineRun), else null"},
          "definition": {"type": "string", "description": "Δ = scenario − baseline (the baseline first), the same in every output"},
          "plans": {"type": "array", "minItems": 2, "maxItems": 2, "items": {"type": "object"}, "description": "Baseline, then the changed scenario: plan.json without schools"},
          "figures": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "string"}, "section": {"type": "string"}, "label": {"type": "string"}, "labelDe": {"type": "string"},
            "values": {"type": "array", "items": {"type": ["number", "null"]}, "description": "Baseline, then the changed scenario: euros, counts, or a share's exact ratio"},
            "shown": {"type": "array", "items": {"type": "string"}, "description": "Shares as every text shows them: percent rounded down to 0.1"},
            "deltas": {"type": "array", "items": {"type": ["number", "null"]}, "description": "null, then Δ = scenario − baseline (shares: percentage points of the shown figures)"},
            "deltaUnit": {"type": "string"}}},
            "description": "Every figure of the comparison: money per pool granted, spent and left; devices, need and coverage per kind; per index level and per district"},
          "gaining": {"type": "integer", "description": "Schools whose total devices (pupil + teacher) rise"}, "losing": {"type": "integer"},
          "devicesGained": {"type": "integer", "description": "Total devices (pupil + teacher) the gaining schools gain"}, "devicesLost": {"type": "integer"},
          "schoolChanges": {"type": "array", "items": {"type": "object", "properties": {
            "schulnummer": {"type": "string"}, "name": {"type": "string"}, "district": {"type": "string"},
            "socialIndex": {"type": ["integer", "null"]}, "level": {"type": "string", "description": "The index level the school is grouped under ('none': without one)"},
            "pupilDevices": {"type": "array", "items": {"type": "integer"}}, "teacherDevices": {"type": "array", "items": {"type": "integer"}},
            "devicesByKind": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "integer"}}},
            "totalDevices": {"type": "array", "items": {"type": "integer"}, "description": "Pupil + teacher devices, the labelled total"},
            "pupilChange": {"type": "array", "items": {"type": ["integer", "null"]}}, "teacherChange": {"type": "array", "items": {"type": ["integer", "null"]}},
            "totalChange": {"type": "array", "items": {"type": ["integer", "null"]}}}},
            "description": "Up to 200 schools gaining, then up to 200 losing, largest change first; pupil and teacher devices apart"}
        }
      },
      "Saved": {"type": "object", "properties": {"saved": {"type": "string"}, "path": {"type": "string"}}},
      "History": {
        "type": "object",
        "properties": {
          "history": {"type": ["string", "null"], "description": "The history file (null: none)"},
          "runs": {"type": "array", "items": {"type": "object", "properties": {
            "run": {"type": "integer"}, "uuid": {"type": "string", "description": "The run id printed on the run's reports"},
            "recordedAt": {"type": "string", "format": "date-time"}, "command": {"type": "string"},
            "user": {"type": "string"}, "client": {"type": ["string", "null"], "description": "For planner runs: the client as the server saw it"},
            "status": {"type": "string", "description": "optimal, feasible, time-limit, explained, saved, failed"},
            "errorClass": {"type": ["string", "null"], "enum": ["input", "infeasible", "solverOrInternal", "cancelled", null]},
            "errorMessage": {"type": ["string", "null"], "description": "A failed run's message in the asked language (lang, German by default)"},
            "errorMessages": {"type": ["object", "null"], "description": "A failed run's message in German and English",
                              "properties": {"de": {"type": "string"}, "en": {"type": "string"}}},
            "plans": {"type": "array", "items": {"type": "object", "properties": {
              "label": {"type": "string"}, "scenario": {"type": "string"}, "scenarioPath": {"type": "string"}, "status": {"type": "string"},
              "hasPlan": {"type": "boolean", "description": "Whether the plan was kept (then the run can be the baseline: baselineRun)"},
              "figures": {"type": "object", "additionalProperties": {"type": ["number", "null"]},
                          "description": "Headline figures as compare computes them: pool.<id>.granted/spent/left, total.*, kind.<id>.devices/need/share (shares as exact ratios)"}}}}}}}
        }
      },
      "Progress": {
        "type": "object",
        "properties": {
          "id": {"type": "string"},
          "phase": {"type": "string", "enum": ["unknown", "queued", "loading", "baseline", "solving", "writing", "done"]},
          "done": {"type": ["integer", "null"], "description": "School authorities solved so far (a scenario split among authorities)"},
          "total": {"type": ["integer", "null"]},
          "seconds": {"type": ["number", "null"], "description": "Since the request arrived"},
          "stage": {"type": ["integer", "null"], "description": "The stage of a multi-year plan's solve under way (POST /api/years), from 1: smallest coverage, need-weighted device-years, own money, changes"},
          "stages": {"type": ["integer", "null"], "description": "The stage count of a multi-year plan's solve (4)"}
        }
      }
    }
  }
}
"""#
}
