#!/usr/bin/env python3
"""End-to-end test of the web planner (`allocate serve`) in headless Chromium.

Run it through Tests/e2e/run.sh, which starts the server on a copy of Scenarios/ and passes:
  --url URL            the planner's address (http://127.0.0.1:PORT/)
  --scenarios DIR      the scenarios folder the server was started with (saves land in DIR/saved/)
  --downloads DIR      where Chromium puts downloaded files
  --screenshot PATH    optional: a PNG of the page with the grant lowered to 5,490,000 €

The steps run in order in one browser and build on each other (the lowered grant of step 2 is
what step 4 saves); the first failing step stops the run. Every wait is a WebDriverWait on a
condition of the page, never a fixed sleep.
"""

import argparse
import json
import os
import re
import sys
import time
import traceback

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT = 20          # seconds for any one condition (a solve takes ~10-50 ms, a report a few hundred)
BUDGET = "pools.sofort.budget"
PRICE = "deviceKinds.pupil.unitPrice"
LOWER_GRANT = 5490000  # the Sofortausstattung grant 10 % lower (6,100,000 € in the scenario)
SAVE_NAME = "e2e-grant-lower"

# Injected before the page's own script (CDP, so the page's CSP does not apply): counts the API
# requests in flight and remembers the overrides of the latest /api/compare request. The page
# drops answers to older requests, so once nothing is in flight the plan on screen is the one
# for window.__e2e.lastOverrides.
INSTRUMENT = r"""
window.__e2e = { inflight: 0, compares: 0, lastOverrides: null };
const __fetch = window.fetch.bind(window);
window.fetch = async function (url, init) {
  if (String(url).endsWith("/api/compare") && init && init.body) {
    window.__e2e.compares += 1;
    try { window.__e2e.lastOverrides = JSON.parse(init.body).overrides || {}; } catch (e) {}
  }
  window.__e2e.inflight += 1;
  try { return await __fetch(url, init); } finally { window.__e2e.inflight -= 1; }
};
"""


class CheckFailed(AssertionError):
    pass


def check(condition, message):
    """An assertion that `python3 -O` cannot strip."""
    if not condition:
        raise CheckFailed(message)


def number(text):
    """The first integer in a text shown with en-GB grouping: '19,532 of 20,168' -> 19532."""
    m = re.search(r"\d[\d,]*", text or "")
    check(m is not None, f"expected a number in {text!r}")
    return int(m.group(0).replace(",", ""))


class Planner:
    def __init__(self, args):
        self.args = args
        self.url = args.url
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,2000", "--hide-scrollbars", "--force-device-scale-factor=1",
                     "--no-first-run", "--no-default-browser-check", "--disable-extensions"):
            options.add_argument(flag)
        options.add_experimental_option("prefs", {
            "download.default_directory": args.downloads,
            "download.prompt_for_download": False,
            "download.directory_upgrade": True,
            "safebrowsing.enabled": False,
            "profile.default_content_setting_values.automatic_downloads": 1,
        })
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        # The system chromedriver, named explicitly: selenium-manager must not look for (or
        # download) a driver of its own.
        service = Service(executable_path=CHROMEDRIVER)
        self.driver = webdriver.Chrome(service=service, options=options)
        self.driver.set_window_size(1400, 2000)
        # Headless Chromium saves downloads only where told to through the DevTools protocol.
        for command in ("Browser.setDownloadBehavior", "Page.setDownloadBehavior"):
            try:
                self.driver.execute_cdp_cmd(command, {"behavior": "allow", "downloadPath": args.downloads,
                                                      "eventsEnabled": False} if command.startswith("Browser")
                                            else {"behavior": "allow", "downloadPath": args.downloads})
            except Exception as e:  # one of the two is enough
                print(f"  note: {command} failed: {e}", file=sys.stderr)
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": INSTRUMENT})
        self.wait = WebDriverWait(self.driver, WAIT, poll_frequency=0.05)
        self.baseline = {}

    # ---- lookups ----

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def finds(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def text(self, css):
        elements = self.finds(css)
        return elements[0].text if elements else ""

    def range_input(self, key):
        return self.find(f'input[type="range"][data-key="{key}"]')

    def number_input(self, key):
        return self.find(f'input[data-number][data-key="{key}"]')

    def field_error(self, key):
        return self.text(f'div[data-field="{key}"] p.field-error')

    def status(self):
        s = self.find("#status")
        return s.get_attribute("class") or "", s.text

    def pupils(self):
        return number(self.text("#kpi-pupils .value"))

    def spent(self, pool):
        return number(self.text(f'tr[data-pool="{pool}"] td.spent'))

    # ---- waiting ----

    def until(self, condition, message, timeout=WAIT):
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(lambda d: condition())
        except TimeoutException:
            cls, text = self.status()
            raise CheckFailed(f"{message} (waited {timeout} s; #status is {text!r}, class {cls!r})") from None

    def instrumented(self):
        return self.driver.execute_script("return window.__e2e || null")

    def settled_on(self, key, value, old_kpi=None):
        """Waits until the plan on screen was solved with overrides[key] == value (None: key not
        overridden), nothing is in flight, and the results were redrawn since old_kpi."""
        def done():
            e = self.instrumented()
            if not e or e["inflight"] != 0 or e["lastOverrides"] is None:
                return False
            if e["lastOverrides"].get(key) != value:
                return False
            cls, _ = self.status()
            if cls == "busy":
                return False
            if old_kpi is not None:
                try:
                    old_kpi.is_displayed()   # raises once the KPI cards were redrawn
                    return False
                except Exception:
                    pass
            return True
        self.until(done, f"no finished solve with {key}={value!r} on screen")

    def solved_ok(self):
        """Waits for a successful solve on screen and returns the status text."""
        self.until(lambda: self.status()[0] == "" and "verified" in self.status()[1],
                   "#status never showed a verified plan")
        return self.status()[1]

    # ---- the steps ----

    def test_1_first_solve(self):
        self.driver.get(self.url)
        self.until(lambda: "verified" in self.status()[1] or self.status()[0] == "error",
                   "the first solve never drew")
        cls, text = self.status()
        check(cls != "error", f"first solve failed: #status says {text!r}")
        check("optimal" in text, f"#status should say the plan is optimal, says {text!r}")
        check("verified" in text, f"#status should say the plan was verified, says {text!r}")
        pupils = self.pupils()
        check(pupils > 0, f"#kpi-pupils should show a positive number of pupils covered, shows {self.text('#kpi-pupils .value')!r}")
        check(" of " in self.text("#kpi-pupils .value"), "#kpi-pupils should read 'N of M'")
        check(self.text("#kpi-guarantee .value") != "", "#kpi-guarantee should show a value")
        sofort = self.spent("sofort")
        check(sofort > 0, "the sofort pool should have spent money in the baseline plan")
        for chart in ("#levels", "#districts"):
            bars = self.finds(f"{chart} svg rect")
            check(len(bars) > 0, f"{chart} should draw an SVG bar chart")
        check(self.range_input(BUDGET).get_attribute("value") == "6100000", "the sofort budget slider should start at 6,100,000 €")
        self.baseline = {"pupils": pupils, "sofort": sofort, "status": text}
        print(f"  baseline: {pupils:,} pupils covered, sofort spent {sofort:,} €; {text}")

    def test_2_lower_grant(self):
        slider, box = self.range_input(BUDGET), self.number_input(BUDGET)
        start = int(float(slider.get_attribute("value")))

        # (a) The keyboard, as a user would: three steps of 1,000 € down with the arrow key.
        old = self.find("#kpi-pupils")
        slider.send_keys(Keys.ARROW_LEFT, Keys.ARROW_LEFT, Keys.ARROW_LEFT)
        expected = str(start - 3000)
        self.until(lambda: slider.get_attribute("value") == expected,
                   f"ArrowLeft x3 should move the slider to {expected}, it shows {slider.get_attribute('value')}")
        check(box.get_attribute("value") == expected,
              f"the number input should follow the slider to {expected}, shows {box.get_attribute('value')!r}")
        self.settled_on(BUDGET, expected, old)
        self.solved_ok()
        after_keys = self.pupils()
        check(after_keys <= self.baseline["pupils"],
              f"3,000 € less cannot cover more pupils: {after_keys:,} > {self.baseline['pupils']:,}")
        print(f"  keyboard: slider {int(expected):,} €, {after_keys:,} pupils")

        # Back to the file's value (the slider's "6100000" is the file's "6100000.00"): no change.
        old = self.find("#kpi-pupils")
        slider.send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
        self.until(lambda: int(float(slider.get_attribute("value"))) == start, f"ArrowRight x3 should bring the slider back to {start}")
        self.settled_on(BUDGET, None, old)
        status = self.solved_ok()
        check("changed" not in status, f"the slider back at the scenario's value should count as unchanged, #status says {status!r}")
        check(not self.finds(f'div[data-field="{BUDGET}"].changed'), "the budget field should not be marked changed at its original value")
        check(self.pupils() == self.baseline["pupils"], f"back at the original grant the plan should be the baseline's: {self.pupils():,}")

        # (b) The mouse: a click on the left part of the track moves the thumb there.
        old = self.find("#kpi-pupils")
        width = slider.size["width"]
        ActionChains(self.driver).move_to_element_with_offset(slider, -width // 2 + max(8, width // 5), 0).click().perform()
        self.until(lambda: int(float(slider.get_attribute("value"))) < int(expected),
                   f"a click on the left of the slider track should lower the budget below {expected}")
        clicked = slider.get_attribute("value")
        self.settled_on(BUDGET, clicked, old)
        self.solved_ok()
        check(box.get_attribute("value") == clicked, "the number input should follow the clicked slider")
        after_click = self.pupils()
        check(after_click < self.baseline["pupils"],
              f"a grant of {int(clicked):,} € should cover fewer pupils than {self.baseline['pupils']:,}, covers {after_click:,}")
        print(f"  mouse: slider {int(clicked):,} €, {after_click:,} pupils")

        # (c) Exactly 10 % less: set the slider's value and fire 'input' as the browser does.
        old = self.find("#kpi-pupils")
        self.driver.execute_script(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            slider, str(LOWER_GRANT))
        self.settled_on(BUDGET, str(LOWER_GRANT), old)
        status = self.solved_ok()
        check(box.get_attribute("value") == str(LOWER_GRANT), "the number input should show 5490000")
        check("1 value(s) changed" in status, f"#status should count one changed value, says {status!r}")
        pupils = self.pupils()
        check(pupils < self.baseline["pupils"],
              f"pupils covered should go down with a lower grant: {pupils:,} vs. baseline {self.baseline['pupils']:,}")
        check("vs. baseline" in self.text("#kpi-pupils .delta") and self.text("#kpi-pupils .delta").startswith("−"),
              f"the pupils KPI should show a negative delta, shows {self.text('#kpi-pupils .delta')!r}")
        sofort = self.spent("sofort")
        check(sofort < self.baseline["sofort"],
              f"the sofort pool should spend less: {sofort:,} € vs. baseline {self.baseline['sofort']:,} €")
        check(sofort <= LOWER_GRANT, f"the sofort pool spends {sofort:,} €, more than its grant of {LOWER_GRANT:,} €")
        summary = self.text("#changes-summary")
        m = re.search(r"([\d,]+) lose ([\d,]+)", summary)
        check(m is not None and number(m.group(1)) > 0, f"#changes-summary should report schools that lose, says {summary!r}")
        losing = self.finds("#losing tbody tr")
        check(len(losing) > 0, "#losing should list the schools that lose devices")
        check(all(r.find_elements(By.CSS_SELECTOR, "td.down") for r in losing), "every #losing row should show a negative change")
        self.lowered = {"pupils": pupils, "sofort": sofort}
        print(f"  {LOWER_GRANT:,} €: {pupils:,} pupils, sofort spent {sofort:,} €; {summary}")
        if self.args.screenshot:
            # A viewport of 1400x2000 CSS pixels: the window is taller by the browser's own frame.
            inner = self.driver.execute_script("return window.innerHeight")
            self.driver.set_window_size(1400, 2000 + max(0, 2000 - inner))
            self.driver.execute_script("window.scrollTo(0, 0)")
            check(self.driver.save_screenshot(self.args.screenshot), f"cannot write {self.args.screenshot}")
            print(f"  screenshot: {self.args.screenshot}")

    def test_3_invalid_value(self):
        box = self.number_input(PRICE)
        original = box.get_attribute("value")
        check(original and float(original) > 0, f"the pupil device's unit price should start positive, is {original!r}")
        pupils_before = self.text("#kpi-pupils .value")

        box.send_keys(Keys.CONTROL, "a")
        box.send_keys("-5")
        self.settled_on(PRICE, "-5")
        self.until(lambda: self.status()[0] == "error" and self.field_error(PRICE) != "",
                   "typing -5 as the unit price should show an error beside the field")
        message = self.field_error(PRICE)
        check("unitPrice" in message, f"the field's error should be the server's message naming unitPrice, is {message!r}")
        check("-5" in message, f"the field's error should quote the value typed, is {message!r}")
        cls, text = self.status()
        check("Not solved" in text and "unitPrice" in text, f"#status should show the error, says {text!r}")
        boxes = self.finds(f'div[data-field="{PRICE}"].invalid')
        check(len(boxes) == 1, "the field should be marked invalid")
        others = [b for b in self.finds("p.field-error") if b.text and b.get_attribute("data-error-for") != PRICE]
        check(not others, "no other field should show an error")
        check(self.text("#kpi-pupils .value") == pupils_before, "the last valid plan should stay on screen")
        print(f"  error beside the field: {message}")

        old = self.find("#kpi-pupils")
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(original)
        self.until(lambda: box.get_attribute("value") == original, f"cannot type {original!r} back")
        self.settled_on(PRICE, None, old)   # back to the file's value: no override any more
        self.solved_ok()
        check(self.field_error(PRICE) == "", f"the error should disappear, still shows {self.field_error(PRICE)!r}")
        check(not self.finds(".field.invalid"), "no field should stay marked invalid")
        check(self.pupils() == self.lowered["pupils"],
              f"with the unit price restored the plan should be the lowered-grant plan again: {self.pupils():,} vs. {self.lowered['pupils']:,}")
        print(f"  restored {original}: {self.status()[1]}")

    def test_4_save(self):
        self.find("#title").send_keys("Grant 10 % lower (e2e)")
        name = self.find("#save-file")
        name.clear()
        name.send_keys(SAVE_NAME)
        self.find("#save").click()
        self.until(lambda: self.text("#save-status") != "", "#save-status stayed empty after Save")
        status = self.text("#save-status")
        check("Saved as" in status, f"#save-status should say the file was saved, says {status!r}")
        check("error" not in (self.find("#save-status").get_attribute("class") or ""), f"save failed: {status!r}")
        path = os.path.join(self.args.scenarios, "saved", SAVE_NAME + ".yaml")
        check(os.path.isfile(path), f"{path} should exist after saving (#save-status: {status!r})")
        text = open(path, encoding="utf-8").read()
        check(re.search(r"^extends: \S*dortmund-2020\.yaml$", text, re.M), f"{path} should extend the scenario:\n{text}")
        check(re.search(rf"^\s+budget: {LOWER_GRANT}$", text, re.M), f"{path} should hold the changed budget {LOWER_GRANT}:\n{text}")
        check(re.search(r"^pools:\n  sofort:\n    budget: ", text, re.M), f"{path} should nest the budget under pools.sofort:\n{text}")
        check("unitPrice" not in text, f"{path} should not list the restored unit price:\n{text}")
        check('name: "Grant 10 % lower (e2e)"' in text, f"{path} should carry the title as its name:\n{text}")
        # The saved file appears in the scenario list.
        self.until(lambda: any(o.get_attribute("value") == f"saved/{SAVE_NAME}.yaml"
                               for o in self.finds("#scenario option")),
                   "the saved what-if should appear in the scenario list")
        # Saving again under the same name asks before replacing.
        self.find("#save").click()
        self.until(lambda: self.find("#save").text == "Replace file", "a second save should offer to replace the file")
        check("exists" in self.text("#save-status"), f"#save-status should say the file exists, says {self.text('#save-status')!r}")
        print(f"  saved {path}:\n    " + text.strip().replace("\n", "\n    "))

    def test_5_download(self):
        folder = self.args.downloads
        for op in ("report.html", "plan.json"):
            target = os.path.join(folder, op)
            check(not os.path.exists(target), f"{target} exists before the download")
            self.find(f'button.download[data-op="{op}"]').click()
            self.until(lambda: self.text("#download-status") in (f"Downloaded {op}.",) or
                       "error" in (self.find("#download-status").get_attribute("class") or ""),
                       f"#download-status never said 'Downloaded {op}.'")
            check(self.text("#download-status") == f"Downloaded {op}.",
                  f"download of {op} failed: #download-status says {self.text('#download-status')!r}")

            def arrived():
                names = os.listdir(folder)
                return op in names and not any(n.endswith(".crdownload") for n in names) and os.path.getsize(target) > 0
            self.until(arrived, f"{op} never appeared in {folder} (has {sorted(os.listdir(folder))})")
            data = open(target, "rb").read()
            if op == "report.html":
                check(b"<html" in data[:4096].lower(), f"report.html should be an HTML page, starts {data[:80]!r}")
            else:
                try:
                    plan = json.loads(data)
                except ValueError as e:
                    raise CheckFailed(f"plan.json does not parse as JSON: {e}") from None
                check(isinstance(plan, dict) and "pools" in plan, f"plan.json should have a 'pools' key, has {list(plan)[:12]}")
                sofort = [p for p in plan["pools"] if p.get("id") == "sofort"]
                check(sofort and float(sofort[0].get("granted", 0)) == LOWER_GRANT,
                      f"plan.json should be the plan on screen (sofort granted {LOWER_GRANT:,} €), has {sofort[:1]}")
            print(f"  {op}: {len(data):,} bytes")

    def browser_errors(self):
        """JavaScript errors the page logged (network errors of failed API calls are expected)."""
        try:
            logs = self.driver.get_log("browser")
        except Exception:
            return []
        return [l["message"] for l in logs if l.get("level") == "SEVERE"
                and "Failed to load resource" not in l["message"] and "favicon.ico" not in l["message"]]

    def close(self):
        self.driver.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("--scenarios", required=True, help="the server's scenarios folder")
    parser.add_argument("--downloads", required=True, help="an empty folder for downloads")
    parser.add_argument("--screenshot", help="write a PNG of the page with the grant lowered")
    args = parser.parse_args()
    args.downloads = os.path.abspath(args.downloads)
    if args.screenshot:
        args.screenshot = os.path.abspath(args.screenshot)

    started = time.monotonic()
    planner = Planner(args)
    steps = [getattr(Planner, n) for n in sorted(dir(Planner)) if n.startswith("test_")]
    failed = None
    try:
        for step in steps:
            t = time.monotonic()
            print(f"{step.__name__} …", flush=True)
            try:
                step(planner)
            except Exception as e:
                failed = step.__name__
                print(f"FAIL {step.__name__}: {e}", flush=True)
                if not isinstance(e, CheckFailed):
                    traceback.print_exc()
                shot = os.path.join(os.path.dirname(args.downloads), f"failure-{step.__name__}.png")
                try:
                    planner.driver.save_screenshot(shot)
                    print(f"     page at the failure: {shot}")
                except Exception:
                    pass
                break
            print(f"ok   {step.__name__} ({time.monotonic() - t:.1f} s)", flush=True)
        errors = planner.browser_errors()
        if errors and not failed:
            failed = "browser console"
            print("FAIL the page logged JavaScript errors:\n  " + "\n  ".join(errors))
    finally:
        planner.close()
    total = time.monotonic() - started
    if failed:
        print(f"planner e2e: FAILED in {failed} ({total:.1f} s)")
        return 1
    print(f"planner e2e: {len(steps)} steps passed ({total:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
